import { createRequire } from 'node:module';

type Message = Record<string, unknown>;
type LightType = { decode(body: Uint8Array): object; toObject(message: object): Message };

// The generated module of otlp-transformer 0.52.1 predates LogRecord.event_name (field 12, OTLP
// 1.5), so it silently drops the event name current SDKs send. This reflection type reads just that
// field, along the path of the official logs.proto field numbers, so protobufjs does the decoding.
const require = createRequire(import.meta.url);
const { Root } = require('protobufjs/light') as { Root: { fromJSON(json: unknown): { lookupType(name: string): LightType } } };

const EVENT_NAMES = Root.fromJSON({
  nested: {
    ExportLogsServiceRequest: { fields: { resourceLogs: { rule: 'repeated', type: 'ResourceLogs', id: 1 } } },
    ResourceLogs: { fields: { scopeLogs: { rule: 'repeated', type: 'ScopeLogs', id: 2 } } },
    ScopeLogs: { fields: { logRecords: { rule: 'repeated', type: 'LogRecord', id: 2 } } },
    LogRecord: { fields: { eventName: { type: 'string', id: 12 } } },
  },
}).lookupType('ExportLogsServiceRequest');

/** Event names of a protobuf ExportLogsServiceRequest, by resource, scope and record index. */
export const readLogEventNames = (body: Uint8Array): (string | undefined)[][][] => {
  const request = EVENT_NAMES.toObject(EVENT_NAMES.decode(body)) as {
    resourceLogs?: { scopeLogs?: { logRecords?: { eventName?: string }[] }[] }[];
  };
  return (request.resourceLogs ?? []).map((resource) =>
    (resource.scopeLogs ?? []).map((scope) => (scope.logRecords ?? []).map((record) => record.eventName || undefined)),
  );
};

/** Puts the event names read by `readLogEventNames` onto the decoded request's records. */
export const applyLogEventNames = (decoded: Record<string, unknown>, names: (string | undefined)[][][]) => {
  const resources = (decoded.resourceLogs as Message[] | undefined) ?? [];
  resources.forEach((resource, r) => {
    ((resource.scopeLogs as Message[] | undefined) ?? []).forEach((scope, s) => {
      ((scope.logRecords as Message[] | undefined) ?? []).forEach((record, i) => {
        const name = names[r]?.[s]?.[i];
        if (name) record.eventName = name;
      });
    });
  });
};
