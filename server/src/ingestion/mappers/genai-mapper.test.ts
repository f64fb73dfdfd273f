import { describe, expect, it } from 'vitest';
import { genaiMapper } from './genai-mapper.js';

// Attribute sets as opentelemetry-instrumentation-openai-v2 and the GenAI semconv examples emit them.
describe('genaiMapper', () => {
  it('maps a chat span with current attribute names', () => {
    const attributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.id': 'chatcmpl-123',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 97,
      'gen_ai.usage.output_tokens': 52,
      'gen_ai.usage.cache_read.input_tokens': 64,
      'gen_ai.conversation.id': 'conv_5j66UpCpwteGg4YSxUnt7lPY',
      'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"Weather in Paris?"}]}]',
      'gen_ai.output.messages': '[{"role":"assistant","parts":[{"type":"text","content":"Rainy, 57°F"}],"finish_reason":"stop"}]',
      'server.address': 'api.openai.com',
    };
    expect(genaiMapper.detects(attributes)).toBe(true);
    expect(genaiMapper.map({ name: 'chat gpt-4o', attributes, events: [] })).toMatchObject({
      kind: 'LLM',
      operation: 'chat',
      provider: 'openai',
      requestModel: 'gpt-4o',
      model: 'gpt-4o-2024-08-06',
      inputTokens: 97,
      outputTokens: 52,
      cachedTokens: 64,
      totalTokens: 149,
      sessionId: 'conv_5j66UpCpwteGg4YSxUnt7lPY',
      input: attributes['gen_ai.input.messages'],
      output: attributes['gen_ai.output.messages'],
    });
    const unknown = Object.keys(attributes).filter((key) => !genaiMapper.understands(key));
    expect(unknown).toEqual(['server.address']);
  });

  it('reads the older gen_ai.system and prompt/completion token names, and content from span events', () => {
    const attributes = {
      'gen_ai.system': 'anthropic',
      'gen_ai.request.model': 'claude-3-5-sonnet-20241022',
      'gen_ai.usage.prompt_tokens': 10,
      'gen_ai.usage.completion_tokens': 3,
    };
    const events = [
      { name: 'gen_ai.system.message', time: '2026-11-21T10:00:00.000Z', attributes: { content: 'Be brief.' } },
      { name: 'gen_ai.user.message', time: '2026-11-21T10:00:00.000Z', attributes: { content: 'Hi' } },
      {
        name: 'gen_ai.choice',
        time: '2026-11-21T10:00:01.000Z',
        attributes: { index: 0, finish_reason: 'stop', message: '{"content":"Hello"}' },
      },
    ];
    const fields = genaiMapper.map({ name: 'chat', attributes, events });
    expect(fields).toMatchObject({
      kind: 'LLM',
      provider: 'anthropic',
      model: 'claude-3-5-sonnet-20241022',
      inputTokens: 10,
      outputTokens: 3,
    });
    expect(JSON.parse(fields.input as string)).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(JSON.parse(fields.output as string)).toEqual([{ index: 0, finish_reason: 'stop', message: '{"content":"Hello"}' }]);
  });

  it('maps tool executions, embeddings and agents', () => {
    const tool = genaiMapper.map({
      name: 'execute_tool get_weather',
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'get_weather',
        'gen_ai.tool.call.id': 'call_mszuSIzqtI65i1wAUOE8w5H4',
        'gen_ai.tool.call.arguments': '{"location":"Paris"}',
        'gen_ai.tool.call.result': '{"temperature":57}',
      },
      events: [],
    });
    expect(tool).toMatchObject({
      kind: 'TOOL',
      toolName: 'get_weather',
      toolArguments: '{"location":"Paris"}',
      toolResult: '{"temperature":57}',
      input: '{"location":"Paris"}',
      output: '{"temperature":57}',
    });
    const embedding = genaiMapper.map({
      name: 'embeddings text-embedding-3-small',
      attributes: {
        'gen_ai.operation.name': 'embeddings',
        'gen_ai.request.model': 'text-embedding-3-small',
        'gen_ai.usage.input_tokens': 8,
      },
      events: [],
    });
    expect(embedding).toMatchObject({ kind: 'EMBEDDING', inputTokens: 8, outputTokens: null, totalTokens: 8 });
    expect(genaiMapper.map({ name: 'a', attributes: { 'gen_ai.operation.name': 'invoke_agent' }, events: [] }).kind).toBe(
      'AGENT',
    );
    expect(genaiMapper.map({ name: 'a', attributes: { 'gen_ai.operation.name': 'something_new' }, events: [] }).kind).toBe(
      'UNKNOWN',
    );
  });
});
