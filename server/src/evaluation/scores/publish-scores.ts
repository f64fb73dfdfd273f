import type { AppPubSub } from '../../pubsub/create-pubsub.js';

type Published = { id: string; applicationId: string | null; taskId: string | null };

/** After commit only: a subscriber must never see a score that rolled back. */
export const publishScoresCreated = (pubsub: AppPubSub | null, projectId: string, scores: Published[]) => {
  if (!pubsub || scores.length === 0) return;
  pubsub.publish('scoresCreated', projectId, {
    scoreIds: scores.map((score) => score.id),
    applicationIds: [...new Set(scores.flatMap((score) => (score.applicationId ? [score.applicationId] : [])))],
    taskIds: [...new Set(scores.flatMap((score) => (score.taskId ? [score.taskId] : [])))],
  });
};
