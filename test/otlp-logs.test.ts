import { SeverityNumber } from '@opentelemetry/api-logs';
import { describe, expect, it } from 'vitest';
import { exportLogs, recordLogs } from './support/otlp-logs-sdk.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { useTestServer } from './support/test-server.js';

const resource = { 'service.name': 'events-app', 'service.version': '1.0.0' };
// A model call whose instrumentation sends content as GenAI events (logs), not as span attributes.
const chatWithoutContent = {
  name: 'chat gpt-4o-mini',
  attributes: {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.usage.input_tokens': 12,
    'gen_ai.usage.output_tokens': 3,
  },
};

describe('OTLP/HTTP log ingestion', () => {
  const t = useTestServer();

  it('GenAI events fill their span and trace; other records are kept as logs of the trace', async () => {
    const prisma = (await t.database.open()).prisma;
    const [span] = await recordSpans(resource, [chatWithoutContent]);
    if (!span) throw new Error('no span recorded');
    expect(await exportSpans(t.server.url, t.server.adminKey, 'protobuf', [span])).toEqual({ ok: true });
    const { traceId, spanId } = span.spanContext();

    const events = await recordLogs(resource, [
      {
        span,
        eventName: 'gen_ai.system.message',
        body: { content: 'Be brief.' },
        attributes: { 'gen_ai.provider.name': 'openai' },
      },
      { span, eventName: 'gen_ai.user.message', body: { content: 'Capital of France?' } },
      {
        span,
        eventName: 'gen_ai.choice',
        body: { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Paris.' } },
      },
    ]);
    // The protobuf exporter sends the event name in LogRecord.event_name, newer than our generated decoder.
    expect(await exportLogs(t.server.url, t.server.adminKey, 'protobuf', events)).toEqual({ ok: true });
    const plain = await recordLogs(resource, [
      {
        span,
        severityNumber: SeverityNumber.ERROR,
        severityText: 'ERROR',
        body: 'payment provider timed out',
        attributes: { order: 42 },
      },
    ]);
    expect(await exportLogs(t.server.url, t.server.adminKey, 'json', plain)).toEqual({ ok: true });
    // A retried export stores nothing twice.
    expect(await exportLogs(t.server.url, t.server.adminKey, 'json', events)).toEqual({ ok: true });

    const stored = await prisma.span.findFirstOrThrow({ where: { traceId, spanId } });
    expect(JSON.parse(stored.input as string)).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Capital of France?' },
    ]);
    expect(JSON.parse(stored.output as string)).toEqual([
      { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Paris.' } },
    ]);
    const traceRow = await prisma.trace.findFirstOrThrow({ where: { traceId } });
    expect(traceRow.input).toBe(stored.input);
    expect(traceRow.output).toBe(stored.output);

    const logs = await prisma.logRecord.findMany({ where: { traceId }, orderBy: { timestamp: 'asc' } });
    expect(logs).toHaveLength(4);
    const application = await prisma.application.findFirstOrThrow({ where: { name: 'events-app' } });
    const error = logs.find((l) => l.severityText === 'ERROR');
    expect(error).toMatchObject({
      spanId,
      severityNumber: 17,
      body: 'payment provider timed out',
      eventName: null,
      applicationId: application.id,
      attributes: { order: 42 },
    });
    // The SDK stamps these in the same millisecond, so the stored order is not asserted here.
    expect(
      logs
        .map((l) => l.eventName)
        .filter(Boolean)
        .sort(),
    ).toEqual(['gen_ai.choice', 'gen_ai.system.message', 'gen_ai.user.message']);
  });

  it('events that arrive before their span fill it when it comes', async () => {
    const prisma = (await t.database.open()).prisma;
    const [span] = await recordSpans(resource, [chatWithoutContent]);
    if (!span) throw new Error('no span recorded');
    const events = await recordLogs(resource, [
      {
        span,
        eventName: 'gen_ai.client.inference.operation.details',
        attributes: {
          'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"Hi"}]}]',
          'gen_ai.output.messages': '[{"role":"assistant","parts":[{"type":"text","content":"Hello"}]}]',
        },
      },
    ]);
    expect(await exportLogs(t.server.url, t.server.adminKey, 'json', events)).toEqual({ ok: true });
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', [span])).toEqual({ ok: true });
    const stored = await prisma.span.findFirstOrThrow({ where: { traceId: span.spanContext().traceId } });
    expect(stored.input).toBe('[{"role":"user","parts":[{"type":"text","content":"Hi"}]}]');
    expect(stored.output).toBe('[{"role":"assistant","parts":[{"type":"text","content":"Hello"}]}]');
  });

  it('refuses unauthenticated and malformed requests and reports bad records as partial success', async () => {
    const prisma = (await t.database.open()).prisma;
    const before = await prisma.logRecord.count();
    const records = await recordLogs(resource, [{ body: 'hello' }]);
    expect((await exportLogs(t.server.url, null, 'protobuf', records)).ok).toBe(false);
    const post = (body: string | Buffer, type: string) =>
      fetch(`${t.server.url}/v1/logs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.server.adminKey}`, 'content-type': type },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
    expect((await post(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]), 'application/x-protobuf')).status).toBe(400);
    expect((await post('{"resourceLogs": 5}', 'application/json')).status).toBe(400);
    expect((await post('hi', 'text/plain')).status).toBe(415);
    expect(await prisma.logRecord.count()).toBe(before);

    const partial = await post(
      JSON.stringify({
        resourceLogs: [
          {
            scopeLogs: [
              { logRecords: [{ body: { stringValue: 'kept' } }, { traceId: 'nope', body: { stringValue: 'rejected' } }] },
            ],
          },
        ],
      }),
      'application/json',
    );
    expect(partial.status).toBe(200);
    expect(await partial.json()).toEqual({
      partialSuccess: {
        rejectedLogRecords: '1',
        errorMessage: '1 log record(s) rejected: log record: traceId must be 32 hex digits',
      },
    });
    const kept = await prisma.logRecord.findFirstOrThrow({ where: { body: 'kept' } });
    expect(kept.applicationId).not.toBeNull();
    expect(await prisma.logRecord.count({ where: { body: 'rejected' } })).toBe(0);

    // A body cut inside an emoji (a lone surrogate, which JSON carries as an escape) is stored with
    // U+FFFD in its place, not refused with the whole request.
    const cut = await post(
      `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"cut \\ud83d here"}}]}]}]}`,
      'application/json',
    );
    expect(cut.status).toBe(200);
    expect(await prisma.logRecord.count({ where: { body: 'cut \ufffd here' } })).toBe(1);
  });
});
