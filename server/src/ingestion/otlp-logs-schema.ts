import { z } from 'zod';
import { anyValueSchema, keyValueSchema } from './any-value.js';

const nanos = z.union([z.string().regex(/^\d+$/, 'expected unsigned nanoseconds'), z.number().nonnegative()]);

/** One log record as OTLP/JSON spells it (ids hex). Parsed per record so one bad record rejects only itself. */
export const otlpLogRecordSchema = z.object({
  timeUnixNano: nanos.optional(),
  observedTimeUnixNano: nanos.optional(),
  severityNumber: z.union([z.number().int(), z.string()]).optional(),
  severityText: z.string().optional(),
  body: anyValueSchema.optional(),
  attributes: z.array(keyValueSchema).optional(),
  traceId: z.string().optional(),
  spanId: z.string().optional(),
  // Newer OTLP has a field for it; older senders (and the protobuf module we decode with) use the
  // `event.name` attribute instead.
  eventName: z.string().optional(),
});

/** ExportLogsServiceRequest down to the record list; unknown fields are ignored, as OTLP requires. */
export const exportLogsRequestSchema = z.object({
  resourceLogs: z
    .array(
      z.object({
        resource: z.object({ attributes: z.array(keyValueSchema).optional() }).optional(),
        scopeLogs: z.array(z.object({ logRecords: z.array(z.unknown()).optional() })).optional(),
      }),
    )
    .optional(),
});
export type ExportLogsRequest = z.infer<typeof exportLogsRequestSchema>;
