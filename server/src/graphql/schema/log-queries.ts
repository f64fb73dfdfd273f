import { z } from 'zod';
import { decodeCursor } from '../../tracing/queries/keyset.js';
import { countLogs, type LogFilter, listLogIds, logKeyset, traceLogKeyset } from '../../tracing/queries/list-logs.js';
import { builder } from '../builder.js';
import { logLoaders } from './log-loaders.js';
import { LogRecordRef } from './log-record.js';
import { TraceRef } from './trace.js';
import { idOf, rangeRules } from './trace-filter-input.js';
import { byId, countedConnectionOptions, pageRequest, toConnection } from './trace-page.js';

// looseObject: the validated value replaces the input, and the other filter fields must survive.
const logFilterRules = z.intersection(
  rangeRules,
  z.looseObject({
    traceId: z
      .string()
      .regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hex digits')
      .nullish(),
    spanId: z
      .string()
      .regex(/^[0-9a-fA-F]{16}$/, 'must be 16 hex digits')
      .nullish(),
    minSeverity: z.number().int().min(1, 'must be between 1 and 24').max(24, 'must be between 1 and 24').nullish(),
  }),
);

export const LogFilterInput = builder.inputType('LogFilter', {
  description: 'All given filters must hold. Times are [from, to) on the record timestamp.',
  fields: (t) => ({
    application: t.id({ required: false, description: 'Global ID of an Application.' }),
    traceId: t.string({ required: false, description: 'The 32-hex-digit trace id.' }),
    spanId: t.string({ required: false, description: 'The 16-hex-digit span id.' }),
    from: t.field({ type: 'DateTime', required: false, description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Exclusive.' }),
    minSeverity: t.int({
      required: false,
      description: 'severityNumber at least this: 9 INFO, 13 WARN, 17 ERROR, 21 FATAL. Records without one never match.',
    }),
    severityText: t.string({ required: false, description: 'Exactly this severity text, e.g. ERROR.' }),
    eventName: t.string({ required: false, description: 'Exactly this event name, e.g. gen_ai.user.message.' }),
    text: t.string({ required: false, description: 'Contained in the body, case-insensitively.' }),
  }),
  validate: logFilterRules,
});

type LogFilterArg = Omit<LogFilter, 'applicationId'> & { application?: string | null };

export const toLogFilter = (input: LogFilterArg | null | undefined): LogFilter => {
  if (!input) return {};
  const { application, traceId, spanId, ...rest } = input;
  return {
    ...rest,
    traceId: traceId?.toLowerCase(),
    spanId: spanId?.toLowerCase(),
    applicationId: idOf(application, 'Application', 'filter.application'),
  };
};

// One connection type for the project's logs and a trace's, so clients reuse one fragment.
const LogRecordConnection = builder.connectionObject({
  type: LogRecordRef,
  ...countedConnectionOptions('LogRecordConnection', 'Log records of the list; counted only when asked for.'),
});

builder.queryField('logs', (t) =>
  t.connection(
    {
      type: LogRecordRef,
      authScopes: { viewer: true },
      description:
        'Log records of the project across traces, newest first. Pages forward only: `first` (default 20, at most 100) and `after`.',
      args: { filter: t.arg({ type: LogFilterInput, required: false }) },
      resolve: async (_root, args, ctx) => {
        const { projectId } = ctx.principal;
        const page = pageRequest(args);
        const filter = toLogFilter(args.filter);
        const ids = await listLogIds(ctx.prisma, projectId, filter, page);
        const rows = await ctx.prisma.logRecord.findMany({ where: { projectId, id: { in: ids.rows.map((row) => row.id) } } });
        return toConnection(ids, logKeyset, byId(rows), page.after !== null, () => countLogs(ctx.prisma, projectId, filter));
      },
    },
    LogRecordConnection,
  ),
);

builder.objectField(TraceRef, 'logs', (t) =>
  t.connection(
    {
      type: LogRecordRef,
      description:
        "The trace's log records in time order, GenAI events included. Pages forward only: `first` (default 20, at most 100) and `after`; batched for a whole page of traces.",
      resolve: async (trace, args, ctx) => {
        const page = pageRequest(args);
        const loaders = logLoaders(ctx);
        // Decoded here, so a bad cursor fails this field, not the batch it would have joined.
        const after = page.after ? decodeCursor(traceLogKeyset, page.after) : null;
        const { page: ids, rows } = await loaders.pagesOfTraces.load({ traceId: trace.traceId, first: page.first, after });
        return toConnection(ids, traceLogKeyset, byId(rows), page.after !== null, () => loaders.countOfTrace.load(trace.traceId));
      },
    },
    LogRecordConnection,
  ),
);
