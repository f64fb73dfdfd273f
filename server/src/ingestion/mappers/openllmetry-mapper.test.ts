import { describe, expect, it } from 'vitest';
import { openllmetryMapper } from './openllmetry-mapper.js';

// Attribute sets as traceloop-sdk (OpenLLMetry) emits them for OpenAI calls and decorated workflows.
describe('openllmetryMapper', () => {
  it('maps an OpenAI chat span with indexed prompts and completions', () => {
    const attributes = {
      'llm.request.type': 'chat',
      'gen_ai.system': 'OpenAI',
      'gen_ai.request.model': 'gpt-4.1',
      'gen_ai.response.model': 'gpt-4.1-2025-04-14',
      'gen_ai.prompt.0.role': 'system',
      'gen_ai.prompt.0.content': 'You write haikus.',
      'gen_ai.prompt.1.role': 'user',
      'gen_ai.prompt.1.content': 'About the sea',
      'gen_ai.completion.0.role': 'assistant',
      'gen_ai.completion.0.content': 'Waves fold into foam',
      'gen_ai.completion.0.finish_reason': 'stop',
      'gen_ai.usage.prompt_tokens': 21,
      'gen_ai.usage.completion_tokens': 7,
      'llm.usage.total_tokens': 28,
      'llm.is_streaming': false,
      'traceloop.workflow.name': 'haiku_writer',
      'traceloop.association.properties.session_id': 'chat-9',
      'traceloop.association.properties.user_id': 'u-3',
      'traceloop.association.properties.team': 'poets',
    };
    expect(openllmetryMapper.detects(attributes)).toBe(true);
    const fields = openllmetryMapper.map({ name: 'openai.chat', attributes, events: [] });
    expect(fields).toMatchObject({
      kind: 'LLM',
      operation: 'chat',
      totalTokens: 28,
      sessionId: 'chat-9',
      userId: 'u-3',
      metadata: { session_id: 'chat-9', user_id: 'u-3', team: 'poets' },
    });
    expect(JSON.parse(fields.input as string)).toEqual([
      { role: 'system', content: 'You write haikus.' },
      { role: 'user', content: 'About the sea' },
    ]);
    expect(JSON.parse(fields.output as string)).toEqual([
      { role: 'assistant', content: 'Waves fold into foam', finish_reason: 'stop' },
    ]);
    // Model and token names are GenAI's; the GenAI mapper reads those.
    const notMine = Object.keys(attributes).filter((key) => !openllmetryMapper.understands(key));
    expect(notMine).toEqual([
      'gen_ai.system',
      'gen_ai.request.model',
      'gen_ai.response.model',
      'gen_ai.usage.prompt_tokens',
      'gen_ai.usage.completion_tokens',
    ]);
  });

  it('maps workflow, task, agent and tool spans from traceloop.span.kind', () => {
    const tool = openllmetryMapper.map({
      name: 'get_weather.tool',
      attributes: {
        'traceloop.span.kind': 'tool',
        'traceloop.entity.name': 'get_weather',
        'traceloop.entity.input': '{"args":[],"kwargs":{"city":"Oslo"}}',
        'traceloop.entity.output': '"-3C"',
      },
      events: [],
    });
    expect(tool).toMatchObject({
      kind: 'TOOL',
      toolName: 'get_weather',
      toolArguments: '{"args":[],"kwargs":{"city":"Oslo"}}',
      toolResult: '"-3C"',
      input: '{"args":[],"kwargs":{"city":"Oslo"}}',
      output: '"-3C"',
    });
    const kinds = ['workflow', 'task', 'agent'].map(
      (kind) => openllmetryMapper.map({ name: kind, attributes: { 'traceloop.span.kind': kind }, events: [] }).kind,
    );
    expect(kinds).toEqual(['CHAIN', 'CHAIN', 'AGENT']);
    expect(openllmetryMapper.map({ name: 'e', attributes: { 'llm.request.type': 'embedding' }, events: [] }).kind).toBe(
      'EMBEDDING',
    );
  });
});
