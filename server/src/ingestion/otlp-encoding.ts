export type OtlpEncoding = 'protobuf' | 'json';

/** The two encodings OTLP/HTTP defines, from a Content-Type header (parameters ignored). */
export const otlpEncodingOf = (contentType: string | undefined): OtlpEncoding | null => {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/x-protobuf') return 'protobuf';
  if (mediaType === 'application/json') return 'json';
  return null;
};
