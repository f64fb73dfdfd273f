import type { SqlSession } from '../../db/sql-client.js';
import { spanSampleOf, traceSampleOf } from '../samples/build-sample.js';
import { readSampleSpans, readSampleTraces, readSpansOfTraces } from '../samples/sample-rows.js';
import type { CandidateTargetType } from './candidate-source.js';
import type { CandidateRef, SampleLoad, SampleLoader } from './eval-runtime.js';
import { builtOrUnbuildable } from './sample-build-failure.js';
import { loadSnapshotRecordSamples } from './snapshot-record-loader.js';

const traceSamples = async (sql: SqlSession, projectId: string, candidates: CandidateRef[]) => {
  const loads = new Map<string, SampleLoad>();
  const traces = new Map(
    (
      await readSampleTraces(
        sql,
        projectId,
        candidates.map((c) => c.targetId),
      )
    ).map((trace) => [trace.traceId, trace]),
  );
  const spansOf = await readSpansOfTraces(sql, projectId, [...traces.keys()]);
  for (const candidate of candidates) {
    const trace = traces.get(candidate.targetId);
    if (!trace) continue;
    loads.set(
      candidate.id,
      builtOrUnbuildable(() => {
        const built = traceSampleOf(trace, spansOf.get(trace.traceId) ?? []);
        return { sample: built.sample, target: built.anchor };
      }),
    );
  }
  return loads;
};

const spanSamples = async (sql: SqlSession, projectId: string, candidates: CandidateRef[]) => {
  const loads = new Map<string, SampleLoad>();
  const spans = new Map(
    (
      await readSampleSpans(
        sql,
        projectId,
        candidates.map((c) => c.targetId),
      )
    ).map((span) => [span.id, span]),
  );
  // Candidate spans of one trace (a common case: several spans of a run) share one read of it.
  const spansOf = await readSpansOfTraces(
    sql,
    projectId,
    [...spans.values()].map((span) => span.traceId),
  );
  for (const candidate of candidates) {
    const span = spans.get(candidate.targetId);
    if (!span) continue;
    loads.set(
      candidate.id,
      builtOrUnbuildable(() => {
        const built = spanSampleOf(span, spansOf.get(span.traceId) ?? []);
        return { sample: built.sample, target: built.anchor };
      }),
    );
  }
  return loads;
};

const LOADERS: Record<CandidateTargetType, SampleLoader> = {
  TRACE: traceSamples,
  SPAN: spanSamples,
  DATASET_RECORD: loadSnapshotRecordSamples,
};

/**
 * The samples of a batch of task candidates, at most two statements per target type whatever the
 * batch's size. Traces and spans are built by traceSampleOf / spanSampleOf, as a dry run on that
 * trace or span builds them, so what a user tries is what a task evaluates. Dataset records are
 * read at the version their snapshot froze.
 */
export const loadTaskSamples: SampleLoader = async (sql, projectId, candidates) => {
  const loads = new Map<string, SampleLoad>();
  for (const type of Object.keys(LOADERS) as CandidateTargetType[]) {
    const ofType = candidates.filter((candidate) => candidate.targetType === type);
    if (ofType.length === 0) continue;
    for (const [id, loaded] of await LOADERS[type](sql, projectId, ofType)) loads.set(id, loaded);
  }
  return loads;
};
