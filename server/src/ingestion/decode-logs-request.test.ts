import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeLogsRequest } from './decode-logs-request.js';

type LightType = {
  encode(message: object): { finish(): Uint8Array };
  fromObject(object: object): object;
};
const require = createRequire(import.meta.url);
const { Root } = require('protobufjs/light') as { Root: { fromJSON(json: unknown): { lookupType(name: string): LightType } } };

// A current-OTLP LogRecord (with event_name, field 12), as today's SDKs send it; field numbers of
// the official logs.proto.
const CURRENT = Root.fromJSON({
  nested: {
    Request: { fields: { resourceLogs: { rule: 'repeated', type: 'ResourceLogs', id: 1 } } },
    ResourceLogs: { fields: { scopeLogs: { rule: 'repeated', type: 'ScopeLogs', id: 2 } } },
    ScopeLogs: { fields: { logRecords: { rule: 'repeated', type: 'LogRecord', id: 2 } } },
    LogRecord: {
      fields: {
        timeUnixNano: { type: 'fixed64', id: 1 },
        severityText: { type: 'string', id: 3 },
        spanId: { type: 'bytes', id: 10 },
        eventName: { type: 'string', id: 12 },
      },
    },
  },
}).lookupType('Request');

describe('decodeLogsRequest', () => {
  it('decodes protobuf into the OTLP/JSON shape, with hex ids and the event name of current SDKs', () => {
    const body = CURRENT.encode(
      CURRENT.fromObject({
        resourceLogs: [
          {
            scopeLogs: [
              {
                logRecords: [
                  {
                    timeUnixNano: '1795262400000000000',
                    spanId: Buffer.from('eee19b7ec3c1b174', 'hex'),
                    eventName: 'gen_ai.choice',
                  },
                  { severityText: 'INFO' },
                ],
              },
            ],
          },
        ],
      }),
    ).finish();
    const decoded = decodeLogsRequest(Buffer.from(body), 'protobuf');
    expect(decoded.resourceLogs?.[0]?.scopeLogs?.[0]?.logRecords).toEqual([
      { timeUnixNano: '1795262400000000000', spanId: 'eee19b7ec3c1b174', eventName: 'gen_ai.choice' },
      { severityText: 'INFO' },
    ]);
  });

  it('refuses a malformed body with a 400', () => {
    expect(() => decodeLogsRequest(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]), 'protobuf')).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringMatching(/^Malformed protobuf ExportLogsServiceRequest/) }),
    );
  });
});
