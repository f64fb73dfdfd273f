import { z } from 'zod';
import { keyValueSchema } from './any-value.js';

// JSON numbers beyond 2^53 (every nanosecond timestamp) arrive rounded; millisecond precision survives.
const nanos = z.union([z.string().regex(/^\d+$/, 'expected unsigned nanoseconds'), z.number().nonnegative()]);
// OTLP/JSON says enums are integers; names are accepted too because some hand-written senders use them.
const enumValue = z.union([z.number().int(), z.string()]);

/** One span as OTLP/JSON spells it (ids hex). Parsed per span so one bad span rejects only itself. */
export const otlpSpanSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  name: z.string().default(''),
  kind: enumValue.optional(),
  startTimeUnixNano: nanos,
  endTimeUnixNano: nanos,
  attributes: z.array(keyValueSchema).optional(),
  events: z
    .array(
      z.object({ timeUnixNano: nanos.optional(), name: z.string().default(''), attributes: z.array(keyValueSchema).optional() }),
    )
    .optional(),
  status: z.object({ code: enumValue.optional(), message: z.string().optional() }).optional(),
});
export type OtlpSpanJson = z.infer<typeof otlpSpanSchema>;

/** ExportTraceServiceRequest down to the span list; unknown fields are ignored, as OTLP requires. */
export const exportTraceRequestSchema = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes: z.array(keyValueSchema).optional() }).optional(),
        scopeSpans: z
          .array(
            z.object({
              scope: z.object({ name: z.string().optional(), version: z.string().optional() }).optional(),
              spans: z.array(z.unknown()).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});
export type ExportTraceRequest = z.infer<typeof exportTraceRequestSchema>;
