import type { ServerResponse } from 'node:http';
import type { OtlpEncoding } from './otlp-encoding.js';
import type { ProtoMessageType } from './otlp-proto.js';

export type PartialSuccess = { rejected: number; errorMessage: string };

/**
 * The OTLP success answer, in the request's encoding. partialSuccess is left out when everything
 * was accepted: exporters log a warning whenever it is present.
 */
export const sendExportResponse = (
  res: ServerResponse,
  encoding: OtlpEncoding,
  responseType: ProtoMessageType,
  rejectedField: 'rejectedSpans' | 'rejectedLogRecords',
  partial: PartialSuccess,
) => {
  const partialSuccess =
    partial.rejected > 0 ? { [rejectedField]: partial.rejected, errorMessage: partial.errorMessage } : undefined;
  if (encoding === 'protobuf') {
    const body = responseType.encode(responseType.fromObject(partialSuccess ? { partialSuccess } : {})).finish();
    res.writeHead(200, { 'content-type': 'application/x-protobuf' });
    res.end(Buffer.from(body));
    return;
  }
  // proto3 JSON spells int64 as a string.
  const json = partialSuccess ? { partialSuccess: { ...partialSuccess, [rejectedField]: String(partial.rejected) } } : {};
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(json));
};

// gRPC status codes, as google.rpc.Status carries them.
const GRPC_CODE: Record<number, number> = { 400: 3, 401: 16, 405: 12, 413: 8, 415: 3, 500: 13, 503: 14 };

/**
 * A refused request. OTLP/HTTP wants a google.rpc.Status; the generated module has no encoder for
 * it, so it is sent in its JSON form, which every exporter can at least log as text.
 */
export const sendOtlpError = (res: ServerResponse, status: number, message: string) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ code: GRPC_CODE[status] ?? 2, message }));
};
