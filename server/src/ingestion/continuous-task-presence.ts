import type { SqlSession } from '../db/sql-client.js';
import type { AppPubSub } from '../pubsub/create-pubsub.js';

/** Whether a project has a RUNNING continuous eval task, remembered briefly per project. */
export type ContinuousTaskPresence = {
  hasRunning(projectId: string): Promise<boolean>;
  /** Ends the event subscriptions; answers are then read from the database every time. */
  close(): void;
};

type Entry = { running: boolean; expiresAt: number };

/**
 * Every OTLP export asks whether its project has a running continuous task to wake; most projects
 * have none, and asking PostgreSQL per export was a statement per request. The answer is kept for
 * `ttlMs` and dropped early when any of the project's tasks changes (created, paused, resumed,
 * cancelled or progressing: `evalTaskProgress`, which crosses instances through Redis). Without
 * Redis another instance's change is seen after `ttlMs` at worst, and the periodic eval-task tick
 * catches up on anything a stale answer skipped.
 */
export const createContinuousTaskPresence = (deps: {
  sql: Pick<SqlSession, 'query'>;
  pubsub: AppPubSub;
  ttlMs: number;
  now?: () => number;
}): ContinuousTaskPresence => {
  const now = deps.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // Bumped by every task event: an answer read while an event arrived may already be stale.
  const generations = new Map<string, number>();
  const subscriptions = new Map<string, AsyncIterator<unknown>>();
  let closed = false;

  const watch = (projectId: string) => {
    if (closed || subscriptions.has(projectId)) return;
    const events = deps.pubsub.subscribe('evalTaskProgress', projectId)[Symbol.asyncIterator]();
    subscriptions.set(projectId, events);
    generations.set(projectId, 0);
    void (async () => {
      try {
        for (;;) {
          const next = await events.next();
          if (next.done) return;
          generations.set(projectId, (generations.get(projectId) ?? 0) + 1);
          entries.delete(projectId);
        }
      } catch {
        // A broken subscription only costs the cache: answers come from the database from now on.
      } finally {
        subscriptions.delete(projectId);
        entries.delete(projectId);
      }
    })();
  };

  const read = async (projectId: string) => {
    const [row] = await deps.sql.query<{ running: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "EvalTask" WHERE "projectId" = $1::uuid AND mode = 'CONTINUOUS' AND status = 'RUNNING') AS running`,
      [projectId],
    );
    return row?.running === true;
  };

  return {
    hasRunning: async (projectId) => {
      const cached = entries.get(projectId);
      if (cached && cached.expiresAt > now()) return cached.running;
      // Subscribed before reading, so a change during the read is not missed.
      watch(projectId);
      const generation = generations.get(projectId);
      const running = await read(projectId);
      if (!closed && subscriptions.has(projectId) && generations.get(projectId) === generation) {
        entries.set(projectId, { running, expiresAt: now() + deps.ttlMs });
      }
      return running;
    },
    close: () => {
      closed = true;
      for (const events of subscriptions.values()) void events.return?.();
      subscriptions.clear();
      entries.clear();
    },
  };
};
