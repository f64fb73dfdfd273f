import { describe, expect, it } from 'vitest';
import { openinferenceMapper } from './openinference-mapper.js';

// Attribute sets as openinference-instrumentation-openai / -langchain / -llama-index emit them.
describe('openinferenceMapper', () => {
  it('maps an LLM span with flattened messages and token details', () => {
    const attributes = {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o-mini-2024-07-18',
      'llm.provider': 'openai',
      'llm.system': 'openai',
      'llm.invocation_parameters': '{"temperature": 0}',
      'llm.input_messages.0.message.role': 'system',
      'llm.input_messages.0.message.content': 'You are helpful.',
      'llm.input_messages.1.message.role': 'user',
      'llm.input_messages.1.message.content': 'Capital of France?',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.content': 'Paris.',
      'llm.token_count.prompt': 24,
      'llm.token_count.completion': 2,
      'llm.token_count.total': 26,
      'llm.token_count.prompt_details.cache_read': 16,
      'session.id': 'sess-1',
      'user.id': 'user-7',
      'tag.tags': ['prod', 'geo'],
      metadata: '{"tenant":"acme","plan":"pro"}',
      'input.mime_type': 'application/json',
      'my.custom.flag': true,
    };
    expect(openinferenceMapper.detects(attributes)).toBe(true);
    const fields = openinferenceMapper.map({ name: 'ChatCompletion', attributes, events: [] });
    expect(fields).toMatchObject({
      kind: 'LLM',
      operation: 'chat',
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      inputTokens: 24,
      outputTokens: 2,
      totalTokens: 26,
      cachedTokens: 16,
      sessionId: 'sess-1',
      userId: 'user-7',
      tags: ['prod', 'geo'],
      metadata: { tenant: 'acme', plan: 'pro' },
    });
    expect(JSON.parse(fields.input as string)).toEqual([
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: 'Capital of France?' },
    ]);
    expect(JSON.parse(fields.output as string)).toEqual([{ role: 'assistant', content: 'Paris.' }]);
    expect(Object.keys(attributes).filter((key) => !openinferenceMapper.understands(key))).toEqual(['my.custom.flag']);
  });

  it('maps retrieved documents of a RETRIEVER span', () => {
    const fields = openinferenceMapper.map({
      name: 'retrieve',
      attributes: {
        'openinference.span.kind': 'RETRIEVER',
        'input.value': 'refund policy',
        'retrieval.documents.0.document.id': 'doc-1',
        'retrieval.documents.0.document.content': 'Refunds within 30 days.',
        'retrieval.documents.0.document.score': 0.92,
        'retrieval.documents.0.document.metadata': '{"source":"faq.md"}',
        'retrieval.documents.1.document.id': 'doc-2',
        'retrieval.documents.1.document.content': 'Shipping takes 3 days.',
        'retrieval.documents.1.document.score': 0.41,
      },
      events: [],
    });
    expect(fields.kind).toBe('RETRIEVER');
    expect(fields.input).toBe('refund policy');
    expect(fields.retrievedDocuments).toEqual([
      { id: 'doc-1', content: 'Refunds within 30 days.', score: 0.92, metadata: { source: 'faq.md' } },
      { id: 'doc-2', content: 'Shipping takes 3 days.', score: 0.41 },
    ]);
  });

  it('maps a TOOL span: input.value is the call, output.value its result', () => {
    const fields = openinferenceMapper.map({
      name: 'multiply',
      attributes: {
        'openinference.span.kind': 'TOOL',
        'tool.name': 'multiply',
        'tool.description': 'Multiplies two numbers',
        'tool.parameters': '{"type":"object","properties":{"a":{"type":"number"}}}',
        'input.value': '{"a": 6, "b": 7}',
        'output.value': '42',
      },
      events: [],
    });
    expect(fields).toMatchObject({ kind: 'TOOL', toolName: 'multiply', toolArguments: '{"a": 6, "b": 7}', toolResult: '42' });
  });

  it('accepts every OpenInference kind and maps unknown ones to UNKNOWN', () => {
    for (const kind of ['CHAIN', 'EMBEDDING', 'RERANKER', 'AGENT', 'GUARDRAIL', 'EVALUATOR']) {
      expect(openinferenceMapper.map({ name: 'x', attributes: { 'openinference.span.kind': kind }, events: [] }).kind).toBe(kind);
    }
    expect(openinferenceMapper.map({ name: 'x', attributes: { 'openinference.span.kind': 'chain' }, events: [] }).kind).toBe(
      'CHAIN',
    );
    expect(openinferenceMapper.map({ name: 'x', attributes: { 'openinference.span.kind': 'PROMPT' }, events: [] }).kind).toBe(
      'UNKNOWN',
    );
  });
});
