import { actorOf } from '../../auth/principal.js';
import { type AddFromTracesReport, addFromTraces, type SourceType } from '../../datasets/flywheel/add-from-traces.js';
import { SOURCE_COLUMNS } from '../../datasets/flywheel/source-mapping.js';
import type { Dataset, DatasetRecord } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { DatasetRef } from './dataset.js';
import { DatasetRecordRef } from './dataset-record.js';
import { mutationErrors } from './errors.js';
import { SpanRef } from './span.js';
import { TraceRef } from './trace.js';
import { TraceFilterInput, toTraceFilter } from './trace-filter-input.js';

const sourceGlobalId = (type: SourceType, id: string) => encodeGlobalId(type === 'SPAN' ? 'Span' : 'Trace', id);

const FieldMappingInput = builder.inputType('DatasetFieldMappingInput', {
  description: `Fills \`field\` from \`source\`: ${SOURCE_COLUMNS.join(', ')}, metadata.<dot path>, or score.<name> (the current score's value, or its label).`,
  fields: (t) => ({
    field: t.string({ required: true, description: 'A field of the dataset.' }),
    source: t.string({ required: true, description: 'e.g. "input", "output", "metadata.customer.tier", "score.toxicity".' }),
  }),
});

const AddTracesToDatasetInput = builder.inputType('AddTracesToDatasetInput', {
  description: 'Exactly one of `traces`, `spans` and `filter`.',
  fields: (t) => ({
    dataset: t.globalID({ for: DatasetRef, required: true }),
    traces: t.globalIDList({ for: TraceRef, required: false, description: 'Up to 1000 traces, one record each.' }),
    spans: t.globalIDList({ for: SpanRef, required: false, description: 'Up to 1000 spans, one record each.' }),
    filter: t.field({
      type: TraceFilterInput,
      required: false,
      description: 'Traces matching this filter, newest first, up to `limit`.',
    }),
    limit: t.int({ required: false, description: 'Cap for `filter` (default 100, at most 1000).' }),
    allowDuplicates: t.boolean({
      required: false,
      description:
        'Add a trace or span even when the dataset already has a record made from it. By default it is skipped with the ' +
        'existing record named, so re-running a filter adds only the new bad cases.',
    }),
    mapping: t.field({ type: [FieldMappingInput], required: true }),
  }),
});

type Added = AddFromTracesReport['added'][number] & { record: DatasetRecord | null };

const AddedRef = builder.objectRef<Added>('DatasetRecordFromTrace').implement({
  fields: (t) => ({
    source: t.id({
      description: 'Global ID of the Trace or Span.',
      resolve: (added) => sourceGlobalId(added.sourceType, added.sourceId),
    }),
    record: t.field({ type: DatasetRecordRef, nullable: true, resolve: (added) => added.record }),
  }),
});

const SkippedRef = builder.objectRef<AddFromTracesReport['skipped'][number]>('SkippedTraceSource').implement({
  fields: (t) => ({
    source: t.id({
      description: 'Global ID of the Trace or Span.',
      resolve: (skipped) => sourceGlobalId(skipped.sourceType, skipped.sourceId),
    }),
    reason: t.exposeString('reason'),
  }),
});

const AddTracesPayload = builder
  .objectRef<Omit<AddFromTracesReport, 'added'> & { added: Added[]; dataset: Dataset }>('AddTracesToDatasetPayload')
  .implement({
    fields: (t) => ({
      dataset: t.field({ type: DatasetRef, resolve: (payload) => payload.dataset }),
      added: t.field({ type: [AddedRef], resolve: (payload) => payload.added }),
      addedCount: t.exposeInt('addedCount'),
      skipped: t.field({
        type: [SkippedRef],
        description: 'The first 100, with reasons.',
        resolve: (payload) => payload.skipped,
      }),
      skippedCount: t.exposeInt('skippedCount'),
      truncated: t.exposeBoolean('truncated', {
        description: 'The filter matched more traces than `limit`; only the newest were considered.',
      }),
    }),
  });

builder.mutationField('addTracesToDataset', (t) =>
  t.field({
    type: AddTracesPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description:
      'Turns traces or spans into dataset records through a field mapping (the bad-case path): by ID, or every trace ' +
      'matching a filter (e.g. an application, the last 24 h, toxicity > 0.5), capped. Sources that would not make a ' +
      'valid record are skipped with the reason.',
    args: { input: t.arg({ type: AddTracesToDatasetInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const report = await addFromTraces(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        datasetId: input.dataset.id,
        traceIds: input.traces?.map((id) => id.id),
        spanIds: input.spans?.map((id) => id.id),
        filter: input.filter ? toTraceFilter(input.filter) : null,
        limit: input.limit,
        allowDuplicates: input.allowDuplicates,
        mapping: input.mapping,
      });
      const dataset = await ctx.prisma.dataset.findUniqueOrThrow({ where: { id: report.datasetId } });
      // One query for all added records, not one per entry.
      const records = await ctx.prisma.datasetRecord.findMany({
        where: { id: { in: report.added.map((a) => a.recordId) }, projectId: ctx.principal.projectId },
      });
      const byId = new Map(records.map((record) => [record.id, record]));
      return { ...report, dataset, added: report.added.map((a) => ({ ...a, record: byId.get(a.recordId) ?? null })) };
    },
  }),
);

builder.prismaObjectFields(DatasetRecordRef, (t) => ({
  sourceTraceId: t.exposeString('sourceTraceId', {
    nullable: true,
    description: 'OpenTelemetry trace id of the trace this record was made from by addTracesToDataset.',
  }),
  sourceSpanId: t.exposeString('sourceSpanId', {
    nullable: true,
    description: 'OpenTelemetry span id when the record was made from one span of that trace.',
  }),
  sourceTrace: t.prismaField({
    type: TraceRef,
    nullable: true,
    description: 'The trace this record came from; null if it was not made from one or the trace is gone (retention).',
    // Prisma batches these findUnique calls into one query per list of records.
    resolve: (query, record, _args, ctx) =>
      record.sourceTraceId
        ? ctx.prisma.trace.findUnique({
            ...query,
            where: { projectId_traceId: { projectId: record.projectId, traceId: record.sourceTraceId } },
          })
        : null,
  }),
  sourceSpan: t.prismaField({
    type: SpanRef,
    nullable: true,
    description: 'The span this record came from, when it was made from one span.',
    resolve: (query, record, _args, ctx) =>
      record.sourceTraceId && record.sourceSpanId
        ? ctx.prisma.span.findUnique({
            ...query,
            where: {
              projectId_traceId_spanId: {
                projectId: record.projectId,
                traceId: record.sourceTraceId,
                spanId: record.sourceSpanId,
              },
            },
          })
        : null,
  }),
}));
