import { describe, expect, it } from 'vitest';
import { normalizeSpan, resourceInfo } from './normalize-span.js';
import type { ValidSpan } from './validate-span.js';

const span = (attributes: Record<string, unknown>): ValidSpan => ({
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  parentSpanId: null,
  name: 'span',
  startTime: new Date('2026-11-21T10:00:00.000Z'),
  endTime: new Date('2026-11-21T10:00:01.000Z'),
  status: 'UNSET',
  statusMessage: null,
  attributes,
  events: [],
});

describe('resourceInfo', () => {
  it('takes service name, version and environment (new and old key), defaulting the name', () => {
    expect(resourceInfo({ 'service.name': 'a', 'service.version': '1.2', 'deployment.environment.name': 'prod' })).toMatchObject({
      serviceName: 'a',
      serviceVersion: '1.2',
      environment: 'prod',
    });
    expect(resourceInfo({ 'deployment.environment': 'dev' })).toMatchObject({
      serviceName: 'unknown_service',
      serviceVersion: '',
      environment: 'dev',
    });
  });
});

describe('normalizeSpan', () => {
  const resource = resourceInfo({ 'service.name': 'bot' });

  it('names OpenLLMetry the convention even though GenAI keys fill the model and tokens', () => {
    const normalized = normalizeSpan(
      span({
        'llm.request.type': 'chat',
        'gen_ai.system': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.prompt_tokens': 5,
        'gen_ai.usage.completion_tokens': 1,
        'gen_ai.prompt.0.content': 'hi',
        'http.status_code': 200,
        'vendor.secret_sauce': 1,
      }),
      resource,
    );
    expect(normalized).toMatchObject({
      convention: 'openllmetry',
      kind: 'LLM',
      provider: 'openai',
      model: 'gpt-4o-mini',
      inputTokens: 5,
      outputTokens: 1,
      input: '[{"content":"hi"}]',
      unmappedAttributes: ['vendor.secret_sauce'],
      serviceName: 'bot',
      cost: null,
    });
  });

  it('prefers OpenInference when openinference.span.kind is present', () => {
    const normalized = normalizeSpan(
      span({ 'openinference.span.kind': 'AGENT', 'gen_ai.conversation.id': 'c1', 'user.id': 'u1' }),
      resource,
    );
    expect(normalized).toMatchObject({ convention: 'openinference', kind: 'AGENT', sessionId: 'c1', userId: 'u1' });
  });

  it('falls back to plain OpenTelemetry, keeping raw attributes and sessions from session.id', () => {
    const attributes = { 'http.route': '/chat', 'session.id': 's-1', 'enduser.id': 'e-1', 'app.feature': 'x' };
    const normalized = normalizeSpan(span(attributes), resource);
    expect(normalized).toMatchObject({
      convention: 'otel',
      kind: 'UNKNOWN',
      sessionId: 's-1',
      userId: 'e-1',
      unmappedAttributes: ['app.feature'],
      attributes,
      resourceAttributes: { 'service.name': 'bot' },
    });
  });
});
