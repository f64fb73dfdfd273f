import { Prisma } from '../../generated/prisma/client.js';
import type { SpanStatus } from '../../generated/prisma/enums.js';
import { containsPattern } from './like-pattern.js';
import { modelNameMatches } from './model-name-match.js';

/** Every filter of the trace list; all given ones must hold. Ranges are [from, to). */
export type TraceFilter = {
  applicationId?: string | null;
  deploymentId?: string | null;
  from?: Date | null;
  to?: Date | null;
  status?: SpanStatus | null;
  minLatencyMs?: number | null;
  maxLatencyMs?: number | null;
  hasError?: boolean | null;
  sessionId?: string | null;
  userId?: string | null;
  /** All of these tags. */
  tags?: string[] | null;
  /** Each key's value, compared as text. */
  metadata?: { key: string; value: string }[] | null;
  /** A model of the trace (`Trace.models`): this name or a dated snapshot of it. */
  model?: string | null;
  /** Contained in the input or the output, case-insensitively. */
  text?: string | null;
  /** Every condition must hold for some current score of the trace or of one of its spans. */
  scores?: ScoreCondition[] | null;
};

export type ScoreComparison = 'GT' | 'GTE' | 'LT' | 'LTE' | 'EQ' | 'NE';

/** A numeric comparison (`value`) or a label match (`label`) on scores with this name. */
export type ScoreCondition = { name: string; op?: ScoreComparison | null; value?: number | null; label?: string | null };

const comparisonSql: Record<ScoreComparison, Prisma.Sql> = {
  GT: Prisma.sql`>`,
  GTE: Prisma.sql`>=`,
  LT: Prisma.sql`<`,
  LTE: Prisma.sql`<=`,
  EQ: Prisma.sql`=`,
  NE: Prisma.sql`<>`,
};

// Superseded scores were corrected by a human; only the correction counts.
const scoreExists = (condition: ScoreCondition) => {
  const match =
    condition.label != null
      ? Prisma.sql`s.label = ${condition.label}`
      : Prisma.sql`s.value ${comparisonSql[condition.op ?? 'EQ']} ${condition.value ?? 0}`;
  return Prisma.sql`EXISTS (SELECT 1 FROM "Score" s WHERE s."projectId" = t."projectId" AND s."traceId" = t."traceId"
    AND s.name = ${condition.name} AND s."supersededById" IS NULL AND ${match})`;
};

/** The WHERE clause over `"Trace" t`, always scoped to the project. */
export const traceWhere = (projectId: string, filter: TraceFilter): Prisma.Sql => {
  const parts = [Prisma.sql`t."projectId" = CAST(${projectId} AS uuid)`];
  const add = (part: Prisma.Sql) => parts.push(part);
  if (filter.applicationId) add(Prisma.sql`t."applicationId" = CAST(${filter.applicationId} AS uuid)`);
  if (filter.deploymentId) add(Prisma.sql`t."deploymentId" = CAST(${filter.deploymentId} AS uuid)`);
  if (filter.from) add(Prisma.sql`t."startTime" >= ${filter.from}`);
  if (filter.to) add(Prisma.sql`t."startTime" < ${filter.to}`);
  if (filter.status) add(Prisma.sql`t.status = CAST(${filter.status} AS "SpanStatus")`);
  if (filter.minLatencyMs != null) add(Prisma.sql`t."durationMs" >= ${filter.minLatencyMs}`);
  if (filter.maxLatencyMs != null) add(Prisma.sql`t."durationMs" <= ${filter.maxLatencyMs}`);
  if (filter.hasError === true) add(Prisma.sql`t."errorCount" > 0`);
  if (filter.hasError === false) add(Prisma.sql`t."errorCount" = 0`);
  if (filter.sessionId) add(Prisma.sql`t."sessionId" = ${filter.sessionId}`);
  if (filter.userId) add(Prisma.sql`t."userId" = ${filter.userId}`);
  if (filter.tags?.length) add(Prisma.sql`t.tags @> CAST(${filter.tags} AS text[])`);
  for (const { key, value } of filter.metadata ?? []) add(Prisma.sql`t.metadata ->> ${key} = ${value}`);
  // Trace.models already holds each call's request model when no response model came (ingestion
  // falls back to it), so the summary's few names answer without reading the trace's spans.
  if (filter.model)
    add(Prisma.sql`EXISTS (SELECT 1 FROM unnest(t.models) AS m WHERE ${modelNameMatches(Prisma.sql`m`, filter.model)})`);
  if (filter.text) {
    const pattern = containsPattern(filter.text);
    add(Prisma.sql`(t.input ILIKE ${pattern} OR t.output ILIKE ${pattern})`);
  }
  for (const condition of filter.scores ?? []) add(scoreExists(condition));
  return Prisma.join(parts, ' AND ');
};
