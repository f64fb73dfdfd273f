import type { SqlClient } from '../../db/sql-client.js';
import { labelList, type ScoreLabelCount } from '../../tracing/metrics/score-points.js';

/** Current scores of one name written by one eval task (or by people, taskId null) on a snapshot. */
export type SnapshotScoreSummary = {
  taskId: string | null;
  name: string;
  /** Current scores, numeric and labelled. */
  count: number;
  /** Distinct records scored: with the snapshot's recordCount, how much of the denominator is covered. */
  scoredRecords: number;
  /** Current scores that are a person's correction of the task's score. */
  corrected: number;
  avg: number | null;
  min: number | null;
  max: number | null;
  p50: number | null;
  p90: number | null;
  /** Counts per label, most frequent first, then by label. */
  labels: ScoreLabelCount[];
};

type Row = Omit<SnapshotScoreSummary, 'labels'> & { labels: Record<string, number> | null };

/**
 * Per (task, score name): count, coverage of the snapshot's records, corrections, numeric
 * statistics and label counts of the current scores on one snapshot; one statement. A person's
 * correction keeps its task, so it replaces the task's score in these numbers rather than
 * adding one. Tasks in creation order (people's own scores last), then by name: two runs of an
 * evaluator over the same snapshot read side by side on the same denominator.
 */
export const snapshotScoreSummaries = async (
  sql: Pick<SqlClient, 'query'>,
  snapshot: { id: string; projectId: string },
  taskId: string | null,
): Promise<SnapshotScoreSummary[]> => {
  const rows = await sql.query<Row>(
    `WITH current AS (
       SELECT s."taskId", s.name, s.value, s.label, s.source, s."targetId"
         FROM "Score" s
        WHERE s."projectId" = $1::uuid AND s."snapshotId" = $2::uuid AND s."supersededById" IS NULL
          AND ($3::uuid IS NULL OR s."taskId" = $3::uuid)
     ),
     stats AS (
       SELECT "taskId", name, count(*)::int AS count, count(DISTINCT "targetId")::int AS "scoredRecords",
              (count(*) FILTER (WHERE source = 'HUMAN' AND "taskId" IS NOT NULL))::int AS corrected,
              avg(value)::float8 AS avg, min(value)::float8 AS min, max(value)::float8 AS max,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS p50,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY value) AS p90
         FROM current GROUP BY 1, 2
     ),
     label_counts AS (
       SELECT "taskId", name, jsonb_object_agg(label, n) AS labels
         FROM (SELECT "taskId", name, label, count(*)::int AS n FROM current WHERE label IS NOT NULL GROUP BY 1, 2, 3) l
        GROUP BY 1, 2
     )
     SELECT st."taskId"::text AS "taskId", st.name, st.count, st."scoredRecords", st.corrected,
            st.avg, st.min, st.max, st.p50, st.p90, lc.labels
       FROM stats st
       LEFT JOIN label_counts lc ON lc."taskId" IS NOT DISTINCT FROM st."taskId" AND lc.name = st.name
       LEFT JOIN "EvalTask" t ON t.id = st."taskId"
      ORDER BY t."createdAt" NULLS LAST, st."taskId", st.name`,
    [snapshot.projectId, snapshot.id, taskId],
  );
  return rows.map((row) => ({ ...row, labels: labelList(row.labels) }));
};
