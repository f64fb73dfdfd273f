import { z } from 'zod';
import type { Actor, Principal } from '../../auth/principal.js';
import type { SqlClient, SqlSession } from '../../db/sql-client.js';
import { sqlAuditedTransaction } from '../../domain/sql-audited-transaction.js';
import { validate } from '../../domain/validate.js';
import { InvalidInputError, NotFoundError } from '../../errors/app-error.js';
import type { PrismaClient, Score, Span, Trace } from '../../generated/prisma/client.js';
import type { AppPubSub } from '../../pubsub/create-pubsub.js';
import { listTraceIds } from '../../tracing/queries/list-traces.js';
import type { TraceFilter } from '../../tracing/queries/trace-filter.js';
import { storedFields } from '../dataset-fields.js';
import { MAX_LISTED_ISSUES } from '../record-issues.js';
import { insertRecords, lockDatasetForWrite, validateRecords } from '../record-writes.js';
import { checkMapping, mappingSchema, mapSource, type SourceRow } from './source-mapping.js';

/** A request adds at most this many records; bigger backfills page through the filter. */
export const MAX_SOURCES_PER_REQUEST = 1000;
const DEFAULT_LIMIT = 100;

export type SourceType = 'TRACE' | 'SPAN';

export type AddFromTracesReport = {
  datasetId: string;
  added: { sourceType: SourceType; sourceId: string; recordId: string }[];
  /** At most MAX_LISTED_ISSUES; skippedCount is the total. */
  skipped: { sourceType: SourceType; sourceId: string; reason: string }[];
  addedCount: number;
  skippedCount: number;
  /** The filter matched more traces than the limit; the newest `limit` were considered. */
  truncated: boolean;
};

const ids = z.array(z.uuid()).min(1, 'give at least one id').max(MAX_SOURCES_PER_REQUEST, `at most ${MAX_SOURCES_PER_REQUEST}`);

const input = z
  .object({
    datasetId: z.string(),
    traceIds: ids.nullish(),
    spanIds: ids.nullish(),
    filter: z.custom<TraceFilter>().nullish(),
    allowDuplicates: z.boolean().nullish(),
    limit: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(MAX_SOURCES_PER_REQUEST, `at most ${MAX_SOURCES_PER_REQUEST} per request`)
      .nullish(),
    mapping: mappingSchema,
  })
  .refine((i) => [i.traceIds, i.spanIds, i.filter].filter((x) => x != null).length === 1, {
    message: 'give exactly one of `traces`, `spans` and `filter`',
    path: ['traces'],
  });

export type AddFromTracesDeps = { prisma: PrismaClient; sql: SqlClient; pubsub: AppPubSub | null };

type Source = { sourceType: SourceType; sourceId: string; row: SourceRow | null };

/** The OpenTelemetry ids a record keeps as its provenance; spanId is null for a whole trace. */
type Provenance = { traceId: string; spanId: string | null };

const provenanceOf = (source: Source): Provenance => ({
  traceId: String(source.row?.columns.traceId),
  spanId: source.sourceType === 'SPAN' ? String(source.row?.columns.spanId) : null,
});

const provenanceKey = ({ traceId, spanId }: Provenance) => `${traceId}/${spanId ?? ''}`;

// Serialises adds to one dataset, so two requests adding the same trace cannot both miss the other.
const LOCK_DATASET_SOURCES = `SELECT pg_advisory_xact_lock(hashtextextended('dataset-sources/' || $1, 0))`;

const findExisting = async (tx: SqlSession, datasetId: string, sources: Provenance[]) => {
  const rows = await tx.query<{ id: string; sourceTraceId: string; sourceSpanId: string | null }>(
    `SELECT r.id::text, r."sourceTraceId", r."sourceSpanId" FROM "DatasetRecord" r
     JOIN unnest($2::text[], $3::text[]) AS s(trace_id, span_id)
       ON r."sourceTraceId" = s.trace_id AND r."sourceSpanId" IS NOT DISTINCT FROM s.span_id
     WHERE r."datasetId" = $1::uuid`,
    [datasetId, sources.map((s) => s.traceId), sources.map((s) => s.spanId)],
  );
  return new Map(rows.map((row) => [provenanceKey({ traceId: row.sourceTraceId, spanId: row.sourceSpanId }), row.id]));
};

const recordProvenance = (tx: SqlSession, records: readonly { id: string }[], sources: Provenance[]) =>
  tx.query(
    `UPDATE "DatasetRecord" r SET "sourceTraceId" = s.trace_id, "sourceSpanId" = s.span_id
     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s(id, trace_id, span_id) WHERE r.id = s.id`,
    [records.map((r) => r.id), sources.map((s) => s.traceId), sources.map((s) => s.spanId)],
  );

const numberOf = (value: { toNumber(): number } | null) => (value === null ? null : value.toNumber());

const traceRow = (trace: Trace, scores: SourceRow['scores']): SourceRow => ({
  columns: {
    input: trace.input,
    output: trace.output,
    name: trace.name,
    traceId: trace.traceId,
    spanId: null,
    sessionId: trace.sessionId,
    userId: trace.userId,
    model: trace.models[0] ?? null,
    tags: trace.tags,
    durationMs: trace.durationMs,
    totalTokens: trace.totalTokens,
    cost: numberOf(trace.cost),
    status: trace.status,
  },
  metadata: trace.metadata,
  scores,
});

const spanRow = (span: Span, scores: SourceRow['scores']): SourceRow => ({
  columns: {
    input: span.input,
    output: span.output,
    name: span.name,
    traceId: span.traceId,
    spanId: span.spanId,
    sessionId: span.sessionId,
    userId: span.userId,
    model: span.model ?? span.requestModel,
    tags: span.tags,
    durationMs: span.durationMs,
    totalTokens: span.totalTokens,
    cost: numberOf(span.cost),
    status: span.status,
  },
  metadata: span.metadata,
  scores,
});

/**
 * The current scores of the given names for traces: a score on the trace itself wins over one on
 * its spans (as the trace filter counts a span's score for its trace); the newest wins among equals.
 */
const traceScores = (scores: Score[], traceId: string): SourceRow['scores'] => {
  const byName = new Map<string, { value: number | null; label: string | null }>();
  const own = (score: Score) => score.targetType === 'TRACE';
  const relevant = scores.filter((score) => score.traceId === traceId);
  // Later entries overwrite earlier ones: span scores first, then trace scores, each oldest first.
  for (const score of [...relevant.filter((s) => !own(s)), ...relevant.filter(own)]) {
    byName.set(score.name, { value: score.value, label: score.label });
  }
  return byName;
};

const spanScores = (scores: Score[], span: Span): SourceRow['scores'] =>
  new Map(
    scores
      .filter((score) => score.traceId === span.traceId && score.spanId === span.spanId)
      .map((score) => [score.name, { value: score.value, label: score.label }]),
  );

/**
 * The flywheel's bad-case path: turns traces (by id or by a trace filter, capped) or spans into
 * dataset records through a field mapping, and reports what was added and what was skipped and why.
 * Sources that do not make a valid record are skipped, not fatal; the valid ones are written through
 * the one write path in one audited transaction.
 */
export const addFromTraces = async (
  deps: AddFromTracesDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  raw: z.input<typeof input>,
): Promise<AddFromTracesReport> => {
  const data = validate(input, raw);
  const projectId = principal.projectId;
  const dataset = await deps.prisma.dataset.findFirst({ where: { id: data.datasetId, projectId } });
  if (!dataset) throw new NotFoundError('Dataset', data.datasetId);
  const fields = storedFields(dataset.fields);
  const { mappings, issues } = checkMapping(fields, data.mapping);
  if (issues.length > 0) throw new InvalidInputError(issues);
  const scoreNames = [...new Set(mappings.flatMap((m) => (m.source.kind === 'score' ? [m.source.name] : [])))];
  const loadScores = (where: { traceId: { in: string[] } }) =>
    scoreNames.length === 0
      ? Promise.resolve([] as Score[])
      : deps.prisma.score.findMany({
          where: { projectId, ...where, name: { in: scoreNames }, supersededById: null },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        });

  let sources: Source[];
  let truncated = false;
  if (data.spanIds) {
    const spans = await deps.prisma.span.findMany({ where: { projectId, id: { in: data.spanIds } } });
    const scores = await loadScores({ traceId: { in: [...new Set(spans.map((s) => s.traceId))] } });
    const byId = new Map(spans.map((span) => [span.id, span]));
    sources = data.spanIds.map((id) => {
      const span = byId.get(id);
      return { sourceType: 'SPAN', sourceId: id, row: span ? spanRow(span, spanScores(scores, span)) : null };
    });
  } else {
    let traceIds = data.traceIds ?? [];
    if (data.filter) {
      const page = await listTraceIds(
        deps.prisma,
        projectId,
        data.filter,
        { field: 'START_TIME', direction: 'DESC' },
        { first: data.limit ?? DEFAULT_LIMIT, after: null },
      );
      traceIds = page.rows.map((row) => row.id);
      truncated = page.hasNextPage;
    }
    const traces = await deps.prisma.trace.findMany({ where: { projectId, id: { in: traceIds } } });
    const scores = await loadScores({ traceId: { in: traces.map((t) => t.traceId) } });
    const byId = new Map(traces.map((trace) => [trace.id, trace]));
    sources = traceIds.map((id) => {
      const trace = byId.get(id);
      return { sourceType: 'TRACE', sourceId: id, row: trace ? traceRow(trace, traceScores(scores, trace.traceId)) : null };
    });
  }

  const skipped: AddFromTracesReport['skipped'] = [];
  const candidates: { source: Source; data: Record<string, unknown> }[] = [];
  for (const source of sources) {
    if (!source.row) {
      const what = source.sourceType === 'SPAN' ? 'Span' : 'Trace';
      skipped.push({ sourceType: source.sourceType, sourceId: source.sourceId, reason: `${what} was not found in this project` });
    } else {
      candidates.push({ source, data: mapSource(fields, mappings, source.row) });
    }
  }
  const checked = validateRecords(
    { fields },
    candidates.map((c) => c.data),
  );
  const reasons = new Map<number, string[]>();
  for (const issue of checked.issues) {
    reasons.set(issue.index, [
      ...(reasons.get(issue.index) ?? []),
      issue.field ? `field ${issue.field}: ${issue.message}` : issue.message,
    ]);
  }
  for (const [index, messages] of reasons) {
    const candidate = candidates[index];
    if (candidate) {
      skipped.push({ sourceType: candidate.source.sourceType, sourceId: candidate.source.sourceId, reason: messages.join('; ') });
    }
  }
  const accepted = checked.valid.flatMap((row) => candidates[row.index] ?? []);

  const written =
    accepted.length === 0
      ? []
      : await sqlAuditedTransaction(deps, actor, async (tx) => {
          const writable = await lockDatasetForWrite(tx, projectId, dataset.id);
          let fresh = accepted;
          if (!data.allowDuplicates) {
            await tx.query(LOCK_DATASET_SOURCES, [dataset.id]);
            const existing = await findExisting(
              tx,
              dataset.id,
              accepted.map((a) => provenanceOf(a.source)),
            );
            const seen = new Set<string>();
            fresh = accepted.filter(({ source }) => {
              const key = provenanceKey(provenanceOf(source));
              const recordId = existing.get(key);
              const what = source.sourceType === 'SPAN' ? 'span' : 'trace';
              if (recordId !== undefined || seen.has(key)) {
                const where =
                  recordId === undefined ? 'given twice in this request' : `already in the dataset as record ${recordId}`;
                skipped.push({ sourceType: source.sourceType, sourceId: source.sourceId, reason: `This ${what} is ${where}` });
                return false;
              }
              seen.add(key);
              return true;
            });
          }
          const records = await insertRecords(
            tx,
            actor,
            writable,
            fresh.map((a) => a.data),
          );
          await recordProvenance(
            tx,
            records,
            fresh.map((a) => provenanceOf(a.source)),
          );
          return {
            result: records.map((record, i) => ({ record, source: fresh[i]?.source as Source })),
            audit: [
              {
                action: 'dataset.records.addFromTraces',
                entityType: 'Dataset',
                entityId: dataset.id,
                projectId,
                summary: {
                  count: records.length,
                  sourceType: fresh[0]?.source.sourceType ?? 'TRACE',
                  sourceIds: fresh.slice(0, 100).map((a) => a.source.sourceId),
                  skipped: skipped.length,
                },
              },
            ],
          };
        });

  return {
    datasetId: dataset.id,
    added: written.map(({ record, source }) => ({
      sourceType: source.sourceType,
      sourceId: source.sourceId,
      recordId: record.id,
    })),
    skipped: skipped.slice(0, MAX_LISTED_ISSUES),
    addedCount: written.length,
    skippedCount: skipped.length,
    truncated,
  };
};
