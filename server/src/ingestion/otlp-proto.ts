import { createRequire } from 'node:module';

type ConversionOptions = { longs?: unknown; enums?: unknown; bytes?: unknown; defaults?: boolean; arrays?: boolean };

/** The slice of a protobufjs static message class that ingestion uses. */
export type ProtoMessageType = {
  decode(reader: Uint8Array): object;
  toObject(message: object, options?: ConversionOptions): Record<string, unknown>;
  fromObject(object: Record<string, unknown>): object;
  encode(message: object): { finish(): Uint8Array };
};

type CollectorNamespace = {
  trace: { v1: { ExportTraceServiceRequest: ProtoMessageType; ExportTraceServiceResponse: ProtoMessageType } };
  logs: { v1: { ExportLogsServiceRequest: ProtoMessageType; ExportLogsServiceResponse: ProtoMessageType } };
};

// The OpenTelemetry project's own generated protobufjs module: decoding with it means the wire
// format is theirs, not ours. Newer otlp-transformer releases dropped it (they only encode), hence
// the pinned 0.52.1. Its .d.ts only says "a protobufjs Root", so the shape used is typed above.
const require = createRequire(import.meta.url);
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root.js') as {
  opentelemetry: { proto: { collector: CollectorNamespace } };
};

export const otlpCollector = root.opentelemetry.proto.collector;

/** Decoded protobuf → the proto3 JSON-like shape OTLP/JSON uses, except ids stay base64. */
export const PROTO_TO_OBJECT: ConversionOptions = { longs: String, enums: Number, bytes: String };
