import { countSpans, listSpanIds, type SpanFilter, spanKeyset } from '../../tracing/queries/list-spans.js';
import { builder } from '../builder.js';
import { SpanRef } from './span.js';
import { SpanKindEnum, SpanStatusEnum } from './span-enums.js';
import { idOf, rangeRules } from './trace-filter-input.js';
import { byId, countedConnectionOptions, pageRequest, toConnection } from './trace-page.js';

export const SpanFilterInput = builder.inputType('SpanFilter', {
  description: 'All given filters must hold. Times are [from, to) on the span start.',
  fields: (t) => ({
    kind: t.field({ type: [SpanKindEnum], required: false, description: 'Any of these kinds.' }),
    model: t.string({
      required: false,
      description:
        'The model that answered or the one requested, by name or a dated snapshot of it: `gpt-4o` finds `gpt-4o-2024-08-06`, not `gpt-4o-mini`.',
    }),
    toolName: t.string({ required: false }),
    status: t.field({ type: SpanStatusEnum, required: false }),
    application: t.id({ required: false, description: 'Global ID of an Application.' }),
    traceId: t.string({ required: false, description: 'The 32-hex-digit trace id.' }),
    from: t.field({ type: 'DateTime', required: false, description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Exclusive.' }),
  }),
  validate: rangeRules,
});

type SpanFilterArg = Omit<SpanFilter, 'kinds' | 'applicationId'> & {
  kind?: SpanFilter['kinds'];
  application?: string | null;
};

export const toSpanFilter = (input: SpanFilterArg | null | undefined): SpanFilter => {
  if (!input) return {};
  const { kind, application, traceId, ...rest } = input;
  return {
    ...rest,
    kinds: kind,
    traceId: traceId?.toLowerCase(),
    applicationId: idOf(application, 'Application', 'filter.application'),
  };
};

builder.queryField('spans', (t) =>
  t.connection(
    {
      type: SpanRef,
      authScopes: { viewer: true },
      description:
        'Spans of the project across traces, newest first. Pages forward only: `first` (default 20, at most 100) and `after`.',
      args: { filter: t.arg({ type: SpanFilterInput, required: false }) },
      resolve: async (_root, args, ctx) => {
        const { projectId } = ctx.principal;
        const page = pageRequest(args);
        const filter = toSpanFilter(args.filter);
        const ids = await listSpanIds(ctx.prisma, projectId, filter, page);
        const rows = await ctx.prisma.span.findMany({ where: { projectId, id: { in: ids.rows.map((row) => row.id) } } });
        return toConnection(ids, spanKeyset, byId(rows), page.after !== null, () => countSpans(ctx.prisma, projectId, filter));
      },
    },
    countedConnectionOptions('SpanConnection', 'Spans matching the filter; counted only when asked for.'),
  ),
);
