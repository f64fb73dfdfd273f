import { describe, expect, it } from 'vitest';
import { restoreAttributes, storedAttributes } from './stored-attributes.js';

const messages = JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Where is my order #100231?' }] }]);
const answer = JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'It is at the Leipzig depot.' }] }]);
const noValues = { input: null, output: null, toolArguments: null, toolResult: null };

describe('storedAttributes', () => {
  it('stores message content once and restores the attributes exactly', () => {
    const attributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.input.messages': messages,
      'gen_ai.output.messages': answer,
      'gen_ai.usage.input_tokens': 12,
    };
    const span = { ...noValues, input: messages, output: answer, attributes };

    const stored = storedAttributes(span);

    expect(stored.attributes).toEqual({ 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 12 });
    expect(stored.attributeColumns).toEqual({ 'gen_ai.input.messages': 'input', 'gen_ai.output.messages': 'output' });
    expect(span.attributes).toEqual(attributes);
    expect(restoreAttributes({ ...span, ...stored })).toEqual(attributes);
  });

  it('keeps values that differ from the column, short ones and non-strings in place', () => {
    const attributes = { 'input.value': 'hi', 'tool.parameters': { q: messages }, 'llm.prompt': `${messages} ` };
    const span = { ...noValues, input: 'hi', toolArguments: messages, attributes };

    const stored = storedAttributes(span);

    expect(stored.attributes).toBe(attributes);
    expect(stored.attributeColumns).toEqual({});
  });

  it('moves tool arguments and results too', () => {
    const args = JSON.stringify({ orderId: 100231, customer: 'c-42', include: ['tracking', 'refunds'] });
    const result = JSON.stringify({ status: 'in_transit', depot: 'Leipzig', updatedAt: '2026-11-21T10:00:00.000Z' });
    const attributes = { 'gen_ai.tool.call.arguments': args, 'gen_ai.tool.call.result': result };
    const span = { ...noValues, toolArguments: args, toolResult: result, attributes };

    const stored = storedAttributes(span);

    expect(stored.attributes).toEqual({});
    expect(restoreAttributes({ ...span, ...stored })).toEqual(attributes);
  });

  it('restores rows written before the split, and ignores unknown columns', () => {
    expect(restoreAttributes({ attributes: { a: 1 }, attributeColumns: {} })).toEqual({ a: 1 });
    expect(restoreAttributes({ attributes: { a: 1 }, attributeColumns: { b: 'name' } })).toEqual({ a: 1 });
  });
});
