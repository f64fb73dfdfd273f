import type { JobDefinition, WorkerDeps } from './job-definition.js';

/**
 * Creates every definition's queue (so any process can send to it) and, when this process runs
 * workers, starts their loops. The API server calls it with AGENTLOOP_WORKERS; `agentloop worker`
 * always with workers.
 */
export const registerWorkers = async (
  definitions: readonly JobDefinition[],
  deps: WorkerDeps,
  options: { workers: boolean },
): Promise<void> => {
  for (const definition of definitions) await deps.jobs.createQueue(definition.name, definition.queue);
  if (!options.workers) return;
  for (const definition of definitions) {
    await deps.jobs.work(definition.name, definition.payload, definition.work ?? {}, (job) => definition.handle(job, deps));
  }
  for (const definition of definitions) await definition.onWorkersStarted?.(deps);
};
