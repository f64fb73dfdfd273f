import { z } from 'zod';
import { validate } from '../../domain/validate.js';
import { countTraces, listTraceIds, type TraceOrder, traceKeyset } from '../../tracing/queries/list-traces.js';
import { builder } from '../builder.js';
import { SortDirectionEnum } from './span-enums.js';
import { TraceRef } from './trace.js';
import { TraceFilterInput, toTraceFilter } from './trace-filter-input.js';
import { byId, countedConnectionOptions, pageRequest, toConnection } from './trace-page.js';

const TraceSortFieldEnum = builder.enumType('TraceSortField', {
  values: {
    START_TIME: { description: 'When the trace started.' },
    LATENCY: { description: 'durationMs.' },
    TOKENS: { description: 'totalTokens.' },
    COST: { description: 'cost; traces without a known cost sort as 0.' },
    SCORE: {
      description:
        'The highest current value of the score named by `scoreName` on the trace or its spans; traces without one come last.',
    },
  } as const,
});

const TraceOrderInput = builder.inputType('TraceOrder', {
  fields: (t) => ({
    field: t.field({ type: TraceSortFieldEnum, required: true }),
    direction: t.field({ type: SortDirectionEnum, required: true }),
    scoreName: t.string({ required: false, description: 'The score to sort by; required with SCORE, refused otherwise.' }),
  }),
  validate: z
    .looseObject({ field: z.string(), scoreName: z.string().min(1, 'must not be empty').nullish() })
    .refine((o) => (o.field === 'SCORE') === (o.scoreName != null), {
      message: 'give `scoreName` with field SCORE, and only then',
      path: ['scoreName'],
    }),
});

const DEFAULT_ORDER: TraceOrder = { field: 'START_TIME', direction: 'DESC' };

builder.queryField('traces', (t) =>
  t.connection(
    {
      type: TraceRef,
      authScopes: { viewer: true },
      description:
        'Traces of the project; newest first unless `orderBy` says otherwise. Pages forward only: `first` (default 20, at most 100) and `after`.',
      args: {
        filter: t.arg({ type: TraceFilterInput, required: false }),
        orderBy: t.arg({ type: TraceOrderInput, required: false }),
      },
      resolve: async (_root, args, ctx) => {
        const { projectId } = ctx.principal;
        const page = pageRequest(args);
        const filter = toTraceFilter(args.filter);
        const order = args.orderBy ?? DEFAULT_ORDER;
        const ids = await listTraceIds(ctx.prisma, projectId, filter, order, page);
        const rows = await ctx.prisma.trace.findMany({ where: { projectId, id: { in: ids.rows.map((row) => row.id) } } });
        return toConnection(ids, traceKeyset(order), byId(rows), page.after !== null, () =>
          countTraces(ctx.prisma, projectId, filter),
        );
      },
    },
    countedConnectionOptions('TraceConnection', 'Traces matching the filter; counted only when asked for.'),
  ),
);

const traceIdArgs = z.object({ traceId: z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hex digits') });

builder.queryField('trace', (t) =>
  t.prismaField({
    type: 'Trace',
    nullable: true,
    authScopes: { viewer: true },
    description: 'A trace by its OpenTelemetry trace id; null when missing or in another project.',
    args: { traceId: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.trace.findUnique({
        ...query,
        where: {
          projectId_traceId: {
            projectId: ctx.principal.projectId,
            traceId: validate(traceIdArgs, args).traceId.toLowerCase(),
          },
        },
      }),
  }),
);
