import type { AppPubSub } from '../../pubsub/create-pubsub.js';

/** After commit only, like every event: subscribers reload the task from Postgres. */
export const publishTaskProgress = (pubsub: AppPubSub | null, projectId: string, taskId: string) => {
  pubsub?.publish('evalTaskProgress', projectId, { taskId });
};
