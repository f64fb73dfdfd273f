import { describe, expect, it } from 'vitest';
import { decodeTraceRequest } from './decode-trace-request.js';
import { otlpCollector } from './otlp-proto.js';

const NOW = Date.UTC(2025, 10, 21, 12);

const request = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
      scopeSpans: [
        {
          scope: { name: 'openinference.instrumentation.openai' },
          spans: [
            {
              traceId: Buffer.from('5b8efff798038103d269b633813fc60c', 'hex'),
              spanId: Buffer.from('eee19b7ec3c1b174', 'hex'),
              name: 'chat',
              kind: 3,
              startTimeUnixNano: '1763719200000999999',
              endTimeUnixNano: '1763719201000000000',
              attributes: [
                { key: 'llm.token_count.prompt', value: { intValue: 12 } },
                { key: 'big', value: { intValue: '9007199254740993' } },
                { key: 'neg', value: { intValue: -5 } },
                { key: 'nan', value: { doubleValue: Number.NaN } },
                { key: 'bytes', value: { bytesValue: Buffer.from('hi') } },
                { key: 'list', value: { arrayValue: { values: [{ stringValue: '' }, { boolValue: false }] } } },
                { key: 'kv', value: { kvlistValue: { values: [{ key: 'x', value: { doubleValue: 0.5 } }] } } },
              ],
              events: [{ name: 'e', attributes: [{ key: 'k', value: { stringValue: 'v' } }] }],
              status: { code: 2, message: 'boom' },
            },
          ],
        },
      ],
    },
  ],
};

describe('decodeTraceRequest', () => {
  it('decodes protobuf with the OpenTelemetry generated module and validates spans from its messages', () => {
    const type = otlpCollector.trace.v1.ExportTraceServiceRequest;
    const body = Buffer.from(type.encode(type.fromObject(request)).finish());
    const decoded = decodeTraceRequest(body, 'protobuf');
    expect(decoded.resources.map((r) => r.attributes)).toEqual([{ 'service.name': 'svc' }]);
    expect(decoded.validateSpan(decoded.resources[0]?.spans[0], NOW)).toEqual({
      ok: true,
      span: {
        traceId: '5b8efff798038103d269b633813fc60c',
        spanId: 'eee19b7ec3c1b174',
        parentSpanId: null,
        name: 'chat',
        // Milliseconds exactly: 1763719200000.999999 ms is not rounded up.
        startTime: new Date(1763719200000),
        endTime: new Date(1763719201000),
        status: 'ERROR',
        statusMessage: 'boom',
        attributes: {
          'llm.token_count.prompt': 12,
          big: '9007199254740993',
          neg: -5,
          nan: 'NaN',
          bytes: Buffer.from('hi').toString('base64'),
          list: ['', false],
          kv: { x: 0.5 },
        },
        events: [{ name: 'e', time: new Date(1763719200000).toISOString(), attributes: { k: 'v' } }],
      },
    });
  });

  it('decodes OTLP/JSON and ignores unknown fields', () => {
    const json = {
      resourceSpans: [{ scopeSpans: [{ spans: [{ anything: 1 }] }], schemaUrl: 'x', future: true }],
      extra: 1,
    };
    const decoded = decodeTraceRequest(Buffer.from(JSON.stringify(json)), 'json');
    expect(decoded.resources).toEqual([{ attributes: {}, spans: [{ anything: 1 }] }]);
    expect(decoded.validateSpan({ anything: 1 }, NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/^traceId/) });
  });

  it('refuses malformed bodies with a 400 that says what is wrong', () => {
    const cases: [string | Buffer, 'json' | 'protobuf', RegExp][] = [
      [Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]), 'protobuf', /^Malformed protobuf ExportTraceServiceRequest/],
      ['{"resourceSpans":', 'json', /^Malformed JSON/],
      ['[1,2]', 'json', /^Invalid ExportTraceServiceRequest at \(root\)/],
      ['{"resourceSpans":[{"resource":{"attributes":[{"key":5}]}}]}', 'json', /resourceSpans\.0\.resource\.attributes\.0\.key/],
    ];
    for (const [body, encoding, message] of cases) {
      expect(() => decodeTraceRequest(Buffer.from(body), encoding)).toThrow(
        expect.objectContaining({ status: 400, message: expect.stringMatching(message) }),
      );
    }
  });
});
