import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { scriptedChatModel } from './scripted-chat-model.js';

describe('scriptedChatModel', () => {
  it('is a LangChain chat model that replies in script order with usage metadata', async () => {
    const model = scriptedChatModel(['first reply', { content: 'second', usage: { inputTokens: 7, outputTokens: 2 } }], {
      model: 'm-1',
    });
    expect(model).toBeInstanceOf(BaseChatModel);
    const first = await model.invoke([new HumanMessage('one two three')]);
    expect(first).toBeInstanceOf(AIMessage);
    expect(first.text).toBe('first reply');
    expect(first.usage_metadata).toMatchObject({ input_tokens: 3, output_tokens: 2, total_tokens: 5 });
    expect(first.response_metadata.model_name).toBe('m-1');
    const second = await model.invoke('hi');
    expect(second.usage_metadata).toMatchObject({ input_tokens: 7, output_tokens: 2 });
    expect(model.calls.map((messages) => messages.map((message) => message.content))).toEqual([['one two three'], ['hi']]);
  });

  it('throws Error entries and complains when the script runs out', async () => {
    const model = scriptedChatModel([new Error('provider down')]);
    await expect(model.invoke('x')).rejects.toThrow('provider down');
    await expect(model.invoke('x')).rejects.toThrow(/no scripted reply left for call 2/);
  });

  it('waits for delayMs and honours the abort signal meanwhile', async () => {
    const model = scriptedChatModel([{ content: 'late', delayMs: 5_000 }]);
    const started = Date.now();
    await expect(model.invoke('x', { signal: AbortSignal.timeout(20) })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
