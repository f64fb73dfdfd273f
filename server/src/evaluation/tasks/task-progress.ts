import type { AppPubSub } from '../../pubsub/create-pubsub.js';

/** After commit only, like every event: subscribers reload the task from Postgres. */
export const publishTaskProgress = (pubsub: AppPubSub | null, projectId: string, taskId: string) => {
  pubsub?.publish('evalTaskProgress', projectId, { taskId });
};

/**
 * Progress of a running job, at most once per `intervalMs`: every subscriber reloads the task on
 * each event, so one per evaluation would cost a read per subscriber per evaluation. The last
 * change is never lost: a change inside the interval is published when it ends, and `flush`
 * publishes a pending one at once (the job ends).
 */
export const throttledTaskProgress = (pubsub: AppPubSub | null, projectId: string, taskId: string, intervalMs: number) => {
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  const publishNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    last = Date.now();
    publishTaskProgress(pubsub, projectId, taskId);
  };
  return {
    changed: () => {
      if (!pubsub || timer) return;
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) publishNow();
      else timer = setTimeout(publishNow, wait);
    },
    flush: () => {
      if (timer) publishNow();
    },
  };
};
