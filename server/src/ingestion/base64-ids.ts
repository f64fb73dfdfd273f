const hexOf = (base64: unknown) => (typeof base64 === 'string' ? Buffer.from(base64, 'base64').toString('hex') : base64);

/**
 * protobuf carries trace and span ids as bytes (base64 after toObject); OTLP/JSON carries them as
 * hex. Converting here lets both encodings share one schema and one validation.
 */
export const idsToHex = (item: unknown, keys: readonly string[]) => {
  if (typeof item !== 'object' || item === null) return item;
  const record = item as Record<string, unknown>;
  for (const key of keys) if (key in record) record[key] = hexOf(record[key]);
  return record;
};
