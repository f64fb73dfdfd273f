import { describe, expect, it } from 'vitest';
import { otlpCollector } from '../server/src/ingestion/otlp-proto.js';
import { gql } from './support/graphql-client.js';
import { hexId } from './support/span-factory.js';
import { useTestServer } from './support/test-server.js';

const NANOS_PER_MS = 1_000_000n;
const DAY_MS = 24 * 60 * 60 * 1000;
const nanosAt = (ms: number) => String(BigInt(ms) * NANOS_PER_MS);

type Attribute = { key: string; value: { stringValue?: string; intValue?: string } };
const text = (key: string, value: string): Attribute => ({ key, value: { stringValue: value } });

const span = (name: string, attributes: Attribute[], times: { start?: number; end?: number | string } = {}) => {
  const start = times.start ?? Date.now() - 1_000;
  return {
    traceId: hexId(16),
    spanId: hexId(8),
    name,
    kind: 1,
    startTimeUnixNano: nanosAt(start),
    endTimeUnixNano: typeof times.end === 'string' ? times.end : nanosAt(times.end ?? start + 5),
    attributes,
  };
};

const resourceSpans = (service: string, spans: unknown[]) => ({
  resource: { attributes: [text('service.name', service)] },
  scopeSpans: [{ spans }],
});

/** The same request as OTLP/protobuf, through the OpenTelemetry project's generated classes. */
const asProtobuf = (request: { resourceSpans: ReturnType<typeof resourceSpans>[] }) => {
  const type = otlpCollector.trace.v1.ExportTraceServiceRequest;
  const withBytes = {
    resourceSpans: request.resourceSpans.map((r) => ({
      ...r,
      scopeSpans: r.scopeSpans.map((s) => ({
        spans: (s.spans as ReturnType<typeof span>[]).map((x) => ({
          ...x,
          traceId: Buffer.from(x.traceId, 'hex'),
          spanId: Buffer.from(x.spanId, 'hex'),
        })),
      })),
    })),
  };
  return Buffer.from(type.encode(type.fromObject(withBytes)).finish());
};

type StoredTrace = {
  name: string;
  sessionId: string | null;
  inputTokens: number;
  spans: {
    name: string;
    input: string | null;
    inputTokens: number | null;
    attributes: Record<string, unknown>;
    metadata: Record<string, unknown>;
  }[];
};

const SPAN_QUERY = `query($traceId: String!) { trace(traceId: $traceId) { name sessionId inputTokens
  spans { name input inputTokens attributes metadata } } }`;

describe('OTLP values PostgreSQL cannot store as sent', () => {
  const t = useTestServer();

  const post = async (body: string | Buffer, contentType: string) => {
    const res = await fetch(`${t.server.url}/v1/traces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.server.adminKey}`, 'content-type': contentType },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    if (contentType === 'application/json') return { status: res.status, answer: await res.json() };
    const type = otlpCollector.trace.v1.ExportTraceServiceResponse;
    const decoded = type.toObject(type.decode(new Uint8Array(await res.arrayBuffer())), { longs: String });
    return { status: res.status, answer: decoded as { partialSuccess: { rejectedSpans: string; errorMessage: string } } };
  };

  const readTrace = async (traceId: string) => {
    const res = await gql(t.server.url, t.server.adminKey, SPAN_QUERY, { traceId });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return (res.data as { trace: StoredTrace | null }).trace;
  };
  const storedTrace = async (traceId: string) => {
    const trace = await readTrace(traceId);
    expect(trace, traceId).not.toBeNull();
    return trace as StoredTrace;
  };

  for (const encoding of ['json', 'protobuf'] as const) {
    it(`keeps every span it can and answers 200 with the rest counted (${encoding})`, async () => {
      const good = span('good', [text('openinference.span.kind', 'CHAIN')]);
      const nul = span('tool\u0000call', [
        text('gen_ai.operation.name', 'chat'),
        text('gen_ai.input.messages', 'output of a tool\u0000with a NUL'),
        text('x\u0000y', 'v\u0000w'),
        // Parsed by the OpenInference mapper: the JSON escape becomes a NUL again.
        text('metadata', '{"note":"a\\u0000b"}'),
      ]);
      const hugeCount = span('chat', [
        text('gen_ai.operation.name', 'chat'),
        text('gen_ai.request.model', 'gpt-4o'),
        { key: 'gen_ai.usage.input_tokens', value: { intValue: '3000000000' } },
      ]);
      const longSession = span('turn', [text('session.id', 's'.repeat(10_000))]);
      const endsLater = span('ends in ten days', [], { end: Date.now() + 10 * DAY_MS });
      const endsNever = span('ends at u64 max', [], { end: '18446744073709551615' });
      const request = {
        resourceSpans: [
          resourceSpans(`hostile-${encoding}`, [good, nul, hugeCount, longSession, endsLater, endsNever]),
          resourceSpans('n'.repeat(1_000), [span('in a resource named too long', [])]),
        ],
      };
      const answer =
        encoding === 'json'
          ? await post(JSON.stringify(request), 'application/json')
          : await post(asProtobuf(request), 'application/x-protobuf');
      expect(answer.status).toBe(200);
      expect(answer.answer.partialSuccess.rejectedSpans).toBe('3');
      expect(answer.answer.partialSuccess.errorMessage).toMatch(/endTimeUnixNano is in the future/);
      expect(answer.answer.partialSuccess.errorMessage).toMatch(/service\.name is longer than 256 characters/);

      expect(await readTrace(good.traceId)).toMatchObject({ name: 'good' });
      const stored = await storedTrace(nul.traceId);
      expect(stored.name).toBe('tool\ufffdcall');
      const [nulSpan] = stored.spans;
      expect(nulSpan?.input).toBe('output of a tool\ufffdwith a NUL');
      expect(nulSpan?.attributes).toMatchObject({ 'x\ufffdy': 'v\ufffdw' });
      expect(nulSpan?.metadata).toEqual({ note: 'a\ufffdb' });
      // A billion tokens is not a count: the span is stored without one, the raw attribute kept.
      const counted = await storedTrace(hugeCount.traceId);
      expect(counted).toMatchObject({ inputTokens: 0, spans: [{ inputTokens: null }] });
      expect(counted.spans[0]?.attributes).toMatchObject({
        'gen_ai.usage.input_tokens': 3_000_000_000,
      });
      const session = await readTrace(longSession.traceId);
      expect(session).toMatchObject({ sessionId: null });
      expect(await readTrace(endsLater.traceId)).toBeNull();
      expect(await readTrace(endsNever.traceId)).toBeNull();
    });
  }

  it("stops a trace's token sums at the columns' limit instead of failing the batch, on first write and on refresh", async () => {
    const traceId = hexId(16);
    const modelCall = (name: string) => ({
      ...span(name, [
        text('gen_ai.operation.name', 'chat'),
        text('gen_ai.request.model', 'house-model'),
        { key: 'gen_ai.usage.input_tokens', value: { intValue: '900000000' } },
      ]),
      traceId,
    });
    const send = async (names: string[]) =>
      post(JSON.stringify({ resourceSpans: [resourceSpans('token-heavy', names.map(modelCall))] }), 'application/json');
    expect((await send(['a', 'b', 'c'])).status).toBe(200);
    expect(await readTrace(traceId)).toMatchObject({ inputTokens: 2_147_483_647 });
    // A later export of the same trace takes the full recompute from the stored spans.
    expect((await send(['d'])).status).toBe(200);
    const trace = await storedTrace(traceId);
    expect(trace.inputTokens).toBe(2_147_483_647);
    expect(trace.spans.map((s) => s.inputTokens)).toEqual([9e8, 9e8, 9e8, 9e8]);
  });

  it('keeps log records with NUL characters and ignores severities OTLP does not define', async () => {
    const postLogs = (request: unknown) =>
      fetch(`${t.server.url}/v1/logs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.server.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
    const marker = hexId(8);
    const res = await postLogs({
      resourceLogs: [
        {
          resource: { attributes: [text('service.name', 'log-app')] },
          scopeLogs: [
            {
              logRecords: [
                {
                  body: { stringValue: `${marker} tool output\u0000end` },
                  severityNumber: 99,
                  severityText: 'WEIRD\u0000',
                  attributes: [text('k\u0000', 'v\u0000')],
                },
              ],
            },
          ],
        },
        {
          resource: { attributes: [text('service.name', 'x'.repeat(300))] },
          scopeLogs: [{ logRecords: [{ body: { stringValue: 'lost' } }] }],
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ partialSuccess: { rejectedLogRecords: '1' } });
    const prisma = (await t.database.open()).prisma;
    const stored = await prisma.logRecord.findFirstOrThrow({ where: { body: { startsWith: marker } } });
    expect(stored).toMatchObject({
      body: `${marker} tool output\ufffdend`,
      severityNumber: null,
      severityText: 'WEIRD\ufffd',
      attributes: { 'k\ufffd': 'v\ufffd' },
    });
  });
});
