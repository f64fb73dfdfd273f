import type { z } from 'zod';
import { idsToHex } from './base64-ids.js';
import type { OtlpEncoding } from './otlp-encoding.js';
import type { ProtoMessageType } from './otlp-proto.js';
import { PROTO_TO_OBJECT } from './otlp-proto.js';
import { OtlpRequestError } from './otlp-request-error.js';

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * An OTLP request body → its validated resource/scope structure, items still unvalidated.
 * Protobuf is decoded with the OpenTelemetry generated module and brought into the OTLP/JSON shape
 * (hex ids) by `toJsonShape`, so both encodings share one schema. Anything wrong above the item
 * level makes the whole request a 400.
 */
export const decodeOtlpBody = <Schema extends z.ZodType>(options: {
  body: Buffer;
  encoding: OtlpEncoding;
  messageType: ProtoMessageType;
  messageName: string;
  schema: Schema;
  toJsonShape: (decoded: Record<string, unknown>) => void;
}): z.infer<Schema> => {
  const { body, encoding, messageType, messageName, schema } = options;
  let raw: unknown;
  try {
    if (encoding === 'protobuf') {
      const decoded = messageType.toObject(messageType.decode(body), PROTO_TO_OBJECT);
      options.toJsonShape(decoded);
      raw = decoded;
    } else {
      raw = JSON.parse(body.toString('utf8'));
    }
  } catch (error) {
    const what = encoding === 'protobuf' ? `protobuf ${messageName}` : 'JSON';
    throw new OtlpRequestError(400, `Malformed ${what}: ${describe(error)}`, { cause: error });
  }
  let parsed: z.ZodSafeParseResult<z.infer<Schema>>;
  try {
    parsed = schema.safeParse(raw) as z.ZodSafeParseResult<z.infer<Schema>>;
  } catch (error) {
    // Absurdly deep nesting overflows the stack of the recursive AnyValue schema.
    throw new OtlpRequestError(400, `Invalid ${messageName}: ${describe(error)}`, { cause: error });
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OtlpRequestError(400, `Invalid ${messageName} at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
};

/** Rewrites base64 ids to hex on every item found under `path` (e.g. resourceSpans → scopeSpans → spans). */
export const hexIdsAt = (decoded: Record<string, unknown>, path: [string, string, string], idFields: readonly string[]) => {
  const [outer, middle, items] = path;
  for (const a of (decoded[outer] as Record<string, unknown>[] | undefined) ?? []) {
    for (const b of (a[middle] as Record<string, unknown>[] | undefined) ?? []) {
      for (const item of (b[items] as unknown[] | undefined) ?? []) idsToHex(item, idFields);
    }
  }
};
