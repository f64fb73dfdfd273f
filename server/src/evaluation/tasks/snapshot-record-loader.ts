import type { SqlSession } from '../../db/sql-client.js';
import { storedFieldMapping } from '../samples/record-field-mapping.js';
import { recordSample } from '../samples/record-sample.js';
import type { CandidateRef, SampleLoad } from './eval-runtime.js';
import { builtOrUnbuildable } from './sample-build-failure.js';

type Row = {
  decisionId: string;
  snapshotId: string;
  datasetId: string;
  fieldMapping: unknown;
  version: number;
  data: Record<string, unknown> | null;
};

/**
 * DATASET_RECORD candidates' samples: each record at the version its task's snapshot froze (never
 * the record's current state, so editing the dataset later changes nothing a task evaluates),
 * mapped by the task's field mapping. One statement for the whole batch, from the decisions; a
 * candidate whose snapshot is gone is missing from the answer.
 */
export const loadSnapshotRecordSamples = async (
  sql: SqlSession,
  projectId: string,
  candidates: CandidateRef[],
): Promise<Map<string, SampleLoad>> => {
  const loads = new Map<string, SampleLoad>();
  if (candidates.length === 0) return loads;
  const rows = await sql.query<Row>(
    `SELECT d.id::text AS "decisionId", s.id::text AS "snapshotId", s."datasetId"::text AS "datasetId", t."fieldMapping",
       sr.version, v.data
     FROM "EvalDecision" d
     JOIN "EvalTask" t ON t.id = d."taskId"
     JOIN "DatasetSnapshot" s ON s.id = t."snapshotId" AND s."projectId" = t."projectId"
     JOIN "DatasetSnapshotRecord" sr ON sr."snapshotId" = s.id AND sr."recordId" = CAST(d."targetId" AS uuid)
     JOIN "DatasetRecordVersion" v ON v."recordId" = sr."recordId" AND v.version = sr.version
     WHERE d.id = ANY($1::uuid[]) AND d."projectId" = $2::uuid`,
    [candidates.map((candidate) => candidate.id), projectId],
  );
  const byDecision = new Map(rows.map((row) => [row.decisionId, row]));
  for (const candidate of candidates) {
    const row = byDecision.get(candidate.id);
    if (!row) continue;
    loads.set(
      candidate.id,
      builtOrUnbuildable(() => {
        const record = {
          recordId: candidate.targetId,
          version: row.version,
          datasetId: row.datasetId,
          snapshotId: row.snapshotId,
          data: row.data,
        };
        return {
          sample: recordSample(record, storedFieldMapping(row.fieldMapping)),
          target: {
            traceId: null,
            spanId: null,
            applicationId: null,
            record: { targetId: candidate.targetId, snapshotId: row.snapshotId, version: row.version },
          },
        };
      }),
    );
  }
  return loads;
};
