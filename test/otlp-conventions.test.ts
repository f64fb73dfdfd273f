import { describe, expect, it } from 'vitest';
import { gql } from './support/graphql-client.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { useTestServer } from './support/test-server.js';

const TRACE_QUERY = `query($traceId: String!) { trace(traceId: $traceId) {
  name sessionId inputTokens outputTokens cost models
  spans { name kind convention operation provider model inputTokens outputTokens cachedTokens totalTokens cost
    input output toolName toolArguments toolResult retrievedDocuments sessionId userId tags metadata unmappedAttributes } } }`;

type SpanView = Record<string, unknown> & { name: string };

const readTrace = async (url: string, key: string, traceId: string) => {
  const res = await gql(url, key, TRACE_QUERY, { traceId });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const trace = res.data?.trace as Record<string, unknown> & { spans: SpanView[] };
  return { trace, span: (name: string) => trace.spans.find((s) => s.name === name) as SpanView };
};

describe('OTLP ingestion of each convention, read back through GraphQL', () => {
  const t = useTestServer();

  it('OpenInference (as openinference-instrumentation-* emit it), over OTLP/JSON', async () => {
    const spans = await recordSpans({ 'service.name': 'rag-bot', 'service.version': '0.3.0' }, [
      {
        name: 'RAG agent',
        attributes: {
          'openinference.span.kind': 'AGENT',
          'input.value': 'What is the refund window?',
          'output.value': '30 days.',
          'session.id': 'oi-session',
          'user.id': 'oi-user',
          'tag.tags': ['beta'],
          metadata: '{"tenant":"acme"}',
        },
        children: [
          {
            name: 'retrieve',
            attributes: {
              'openinference.span.kind': 'RETRIEVER',
              'input.value': 'refund window',
              'retrieval.documents.0.document.id': 'faq-12',
              'retrieval.documents.0.document.content': 'Refunds within 30 days.',
              'retrieval.documents.0.document.score': 0.87,
            },
          },
          {
            name: 'ChatCompletion',
            attributes: {
              'openinference.span.kind': 'LLM',
              'llm.provider': 'anthropic',
              'llm.model_name': 'claude-3-5-haiku-20241022',
              'llm.input_messages.0.message.role': 'user',
              'llm.input_messages.0.message.content': 'What is the refund window?',
              'llm.output_messages.0.message.role': 'assistant',
              'llm.output_messages.0.message.content': '30 days.',
              'llm.token_count.prompt': 2000,
              'llm.token_count.completion': 100,
              'llm.token_count.prompt_details.cache_read': 1000,
              'session.id': 'oi-session',
            },
          },
        ],
      },
    ]);
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', spans)).toEqual({ ok: true });
    const { trace, span } = await readTrace(t.server.url, t.server.adminKey, spans[0]?.spanContext().traceId as string);
    // claude-3-5-haiku: $0.80 in, $4 out, $0.08 cache reads per million: 1000×0.8 + 1000×0.08 + 100×4.
    const cost = (1000 * 0.8 + 1000 * 0.08 + 100 * 4) / 1e6;
    expect(trace).toMatchObject({ name: 'RAG agent', sessionId: 'oi-session', inputTokens: 2000, outputTokens: 100 });
    expect(trace.cost as number).toBeCloseTo(cost, 10);
    expect(span('RAG agent')).toMatchObject({
      kind: 'AGENT',
      convention: 'openinference',
      input: 'What is the refund window?',
      userId: 'oi-user',
      tags: ['beta'],
      metadata: { tenant: 'acme' },
      unmappedAttributes: [],
    });
    expect(span('retrieve')).toMatchObject({
      kind: 'RETRIEVER',
      retrievedDocuments: [{ id: 'faq-12', content: 'Refunds within 30 days.', score: 0.87 }],
    });
    expect(span('ChatCompletion')).toMatchObject({
      kind: 'LLM',
      provider: 'anthropic',
      model: 'claude-3-5-haiku-20241022',
      cachedTokens: 1000,
      totalTokens: 2100,
    });
    expect(span('ChatCompletion').cost as number).toBeCloseTo(cost, 10);
  });

  it('OpenLLMetry (as traceloop-sdk emits it), over OTLP/protobuf', async () => {
    const spans = await recordSpans({ 'service.name': 'haiku-writer', 'deployment.environment': 'dev' }, [
      {
        name: 'haiku_workflow.workflow',
        attributes: {
          'traceloop.span.kind': 'workflow',
          'traceloop.workflow.name': 'haiku_workflow',
          'traceloop.entity.name': 'haiku_workflow',
          'traceloop.entity.input': '{"args":["the sea"],"kwargs":{}}',
          'traceloop.entity.output': '"Waves fold into foam"',
          'traceloop.association.properties.session_id': 'tl-session',
          'traceloop.association.properties.user_id': 'tl-user',
        },
        children: [
          {
            name: 'openai.chat',
            attributes: {
              'llm.request.type': 'chat',
              'gen_ai.system': 'OpenAI',
              'gen_ai.request.model': 'gpt-4o-mini',
              'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
              'gen_ai.prompt.0.role': 'user',
              'gen_ai.prompt.0.content': 'Write a haiku about the sea',
              'gen_ai.completion.0.role': 'assistant',
              'gen_ai.completion.0.content': 'Waves fold into foam',
              'gen_ai.usage.prompt_tokens': 14,
              'gen_ai.usage.completion_tokens': 6,
              'llm.usage.total_tokens': 20,
              'traceloop.association.properties.session_id': 'tl-session',
            },
          },
          {
            name: 'count_syllables.tool',
            attributes: {
              'traceloop.span.kind': 'tool',
              'traceloop.entity.name': 'count_syllables',
              'traceloop.entity.input': '{"text":"Waves fold into foam"}',
              'traceloop.entity.output': '5',
            },
          },
        ],
      },
    ]);
    expect(await exportSpans(t.server.url, t.server.adminKey, 'protobuf', spans)).toEqual({ ok: true });
    const { trace, span } = await readTrace(t.server.url, t.server.adminKey, spans[0]?.spanContext().traceId as string);
    expect(trace).toMatchObject({
      sessionId: 'tl-session',
      inputTokens: 14,
      outputTokens: 6,
      models: ['gpt-4o-mini-2024-07-18'],
    });
    expect(span('haiku_workflow.workflow')).toMatchObject({
      kind: 'CHAIN',
      convention: 'openllmetry',
      userId: 'tl-user',
      input: '{"args":["the sea"],"kwargs":{}}',
    });
    expect(span('openai.chat')).toMatchObject({
      kind: 'LLM',
      convention: 'openllmetry',
      operation: 'chat',
      provider: 'OpenAI',
      model: 'gpt-4o-mini-2024-07-18',
      totalTokens: 20,
      output: '[{"role":"assistant","content":"Waves fold into foam"}]',
      unmappedAttributes: [],
    });
    // gpt-4o-mini: $0.15 in, $0.60 out per million.
    expect(span('openai.chat').cost as number).toBeCloseTo((14 * 0.15 + 6 * 0.6) / 1e6, 12);
    expect(span('count_syllables.tool')).toMatchObject({ kind: 'TOOL', toolName: 'count_syllables', toolResult: '5' });
  });

  it('GenAI semantic conventions: message content is stored once, and the attributes still read back as sent', async () => {
    const inputMessages = JSON.stringify([
      { role: 'system', parts: [{ type: 'text', content: 'You are a careful support agent; never invent order data.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Where is order #100231? Tracking has not moved for three days.' }] },
    ]);
    const outputMessages = JSON.stringify([
      { role: 'assistant', parts: [{ type: 'text', content: 'Order #100231 is at the Leipzig depot; a refund is filed.' }] },
    ]);
    const chatAttributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 120,
      'gen_ai.usage.output_tokens': 30,
      'gen_ai.input.messages': inputMessages,
      'gen_ai.output.messages': outputMessages,
    };
    const spans = await recordSpans({ 'service.name': 'support-agent' }, [
      { name: 'chat gpt-4o-mini', attributes: chatAttributes },
    ]);
    expect(await exportSpans(t.server.url, t.server.adminKey, 'protobuf', spans)).toEqual({ ok: true });
    const traceId = spans[0]?.spanContext().traceId as string;

    const res = await gql(
      t.server.url,
      t.server.adminKey,
      'query($traceId: String!) { trace(traceId: $traceId) { spans { input output attributes } } }',
      { traceId },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const trace = res.data?.trace as { spans: Record<string, unknown>[] };
    expect(trace.spans[0]).toEqual({ input: inputMessages, output: outputMessages, attributes: chatAttributes });

    const { sql } = await t.database.open();
    const [row] = await sql.query<{ attributes: Record<string, unknown>; attributeColumns: Record<string, string> }>(
      `SELECT attributes, "attributeColumns" FROM "Span" WHERE "traceId" = $1`,
      [traceId],
    );
    expect(row?.attributes).not.toHaveProperty('gen_ai.input.messages');
    expect(row?.attributes).not.toHaveProperty('gen_ai.output.messages');
    expect(row?.attributeColumns).toEqual({ 'gen_ai.input.messages': 'input', 'gen_ai.output.messages': 'output' });
  });
});
