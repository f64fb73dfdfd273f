import type { EnqueuedTaskPromise, Meilisearch, Task } from 'meilisearch';

// Indexing tasks of a batch take a few milliseconds to a few seconds; this keeps a small batch's
// wait short without flooding Meilisearch with polls.
const POLL_MS = 20;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for a Meilisearch task to finish (succeeded, failed or canceled) and returns it; throws
 * once `timeoutMs` have passed. Not the client's `waitTask`: meilisearch-js 0.62 hands one
 * AbortSignal to every poll and each poll leaves a listener on it until the wait ends, which Node
 * reported as a possible leak (MaxListenersExceededWarning) on any wait longer than ~10 polls.
 */
export const settleTask = async (client: Meilisearch, enqueued: EnqueuedTaskPromise, timeoutMs: number): Promise<Task> => {
  const { taskUid } = await enqueued;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await client.tasks.getTask(taskUid);
    if (task.status !== 'enqueued' && task.status !== 'processing') return task;
    if (Date.now() >= deadline) throw new Error(`Meilisearch task ${taskUid} did not finish within ${timeoutMs} ms`);
    await pause(POLL_MS);
  }
};
