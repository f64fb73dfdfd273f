import { describe, expect, it } from 'vitest';
import { decodeTraceRequest } from './decode-trace-request.js';
import { otlpCollector } from './otlp-proto.js';

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
              startTimeUnixNano: '1763719200000000000',
              endTimeUnixNano: '1763719201000000000',
              attributes: [{ key: 'llm.token_count.prompt', value: { intValue: 12 } }],
            },
          ],
        },
      ],
    },
  ],
};

describe('decodeTraceRequest', () => {
  it('decodes protobuf with the OpenTelemetry generated module into the OTLP/JSON shape (hex ids)', () => {
    const type = otlpCollector.trace.v1.ExportTraceServiceRequest;
    const body = Buffer.from(type.encode(type.fromObject(request)).finish());
    const decoded = decodeTraceRequest(body, 'protobuf');
    expect(decoded.resourceSpans?.[0]?.scopeSpans?.[0]?.spans?.[0]).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      kind: 3,
      startTimeUnixNano: '1763719200000000000',
      attributes: [{ key: 'llm.token_count.prompt', value: { intValue: '12' } }],
    });
    expect(decoded.resourceSpans?.[0]?.resource?.attributes).toEqual([{ key: 'service.name', value: { stringValue: 'svc' } }]);
  });

  it('decodes OTLP/JSON and ignores unknown fields', () => {
    const json = { resourceSpans: [{ scopeSpans: [{ spans: [{ anything: 1 }] }], schemaUrl: 'x', future: true }], extra: 1 };
    expect(decodeTraceRequest(Buffer.from(JSON.stringify(json)), 'json')).toEqual({
      resourceSpans: [{ scopeSpans: [{ spans: [{ anything: 1 }] }] }],
    });
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
