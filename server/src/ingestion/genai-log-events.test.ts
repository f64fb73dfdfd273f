import { describe, expect, it } from 'vitest';
import { composeGenAiContent } from './genai-log-events.js';

describe('composeGenAiContent', () => {
  it('builds input from message events and output from choices (GenAI events, as the openai-v2 instrumentation emits them)', () => {
    const content = composeGenAiContent([
      { eventName: 'gen_ai.system.message', body: '{"content":"You are terse."}', attributes: { 'gen_ai.system': 'openai' } },
      { eventName: 'gen_ai.user.message', body: '{"content":"2+2?"}', attributes: {} },
      {
        eventName: 'gen_ai.assistant.message',
        body: '{"tool_calls":[{"id":"call_1","type":"function","function":{"name":"calc"}}]}',
        attributes: {},
      },
      { eventName: 'gen_ai.tool.message', body: '{"content":"4","id":"call_1"}', attributes: {} },
      { eventName: 'gen_ai.choice', body: '{"index":0,"finish_reason":"stop","message":{"content":"4"}}', attributes: {} },
      { eventName: 'app.unrelated', body: 'ignored', attributes: {} },
    ]);
    expect(JSON.parse(content.input as string)).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: '2+2?' },
      { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'calc' } }] },
      { role: 'tool', content: '4', id: 'call_1' },
    ]);
    expect(JSON.parse(content.output as string)).toEqual([{ index: 0, finish_reason: 'stop', message: { content: '4' } }]);
  });

  it('takes the operation-details event as it is, and plain-text bodies as content', () => {
    expect(
      composeGenAiContent([
        {
          eventName: 'gen_ai.client.inference.operation.details',
          body: null,
          attributes: { 'gen_ai.input.messages': '[{"role":"user"}]', 'gen_ai.output.messages': [{ role: 'assistant' }] },
        },
      ]),
    ).toEqual({ input: '[{"role":"user"}]', output: '[{"role":"assistant"}]' });
    expect(composeGenAiContent([{ eventName: 'gen_ai.user.message', body: 'hello', attributes: {} }])).toEqual({
      input: '[{"role":"user","content":"hello"}]',
      output: null,
    });
    expect(composeGenAiContent([])).toEqual({ input: null, output: null });
  });
});
