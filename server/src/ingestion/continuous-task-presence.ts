import type { SqlSession } from '../db/sql-client.js';
import type { AppPubSub } from '../pubsub/create-pubsub.js';

/** Whether a project has a RUNNING continuous eval task, remembered briefly per project. */
export type ContinuousTaskPresence = {
  hasRunning(projectId: string): Promise<boolean>;
  /** Ends the event subscriptions; answers are then read from the database every time. */
  close(): void;
};

type Entry = { running: boolean; expiresAt: number };

// One event subscription per project watched (a Redis channel with Redis): past this many, the
// project asked about least recently stops being watched, and its next export reads again.
const DEFAULT_MAX_PROJECTS = 1_000;

/**
 * Every OTLP export asks whether its project has a running continuous task to wake; most projects
 * have none, and asking PostgreSQL per export was a statement per request. The answer is kept for
 * `ttlMs` and dropped early when any of the project's tasks changes (created, paused, resumed,
 * cancelled or progressing: `evalTaskProgress`, which crosses instances through Redis). Without
 * Redis another instance's change is seen after `ttlMs` at worst, and the periodic eval-task tick
 * catches up on anything a stale answer skipped. At most `maxProjects` projects are watched.
 */
export const createContinuousTaskPresence = (deps: {
  sql: Pick<SqlSession, 'query'>;
  pubsub: AppPubSub;
  ttlMs: number;
  now?: () => number;
  maxProjects?: number;
}): ContinuousTaskPresence => {
  const now = deps.now ?? Date.now;
  const maxProjects = deps.maxProjects ?? DEFAULT_MAX_PROJECTS;
  const entries = new Map<string, Entry>();
  // A new number at every task event and every new subscription, from one counter: an answer read
  // while an event arrived, or while the project was forgotten and watched anew, may be stale.
  const generations = new Map<string, number>();
  let generation = 0;
  // In order of last use: the first key is the project asked about least recently.
  const subscriptions = new Map<string, AsyncIterator<unknown>>();
  let closed = false;

  const forget = (projectId: string) => {
    const events = subscriptions.get(projectId);
    subscriptions.delete(projectId);
    generations.delete(projectId);
    entries.delete(projectId);
    void events?.return?.();
  };

  const touch = (projectId: string) => {
    const events = subscriptions.get(projectId);
    if (!events) return;
    subscriptions.delete(projectId);
    subscriptions.set(projectId, events);
  };

  const watch = (projectId: string) => {
    if (closed || subscriptions.has(projectId)) return;
    if (subscriptions.size >= maxProjects) forget(subscriptions.keys().next().value as string);
    const events = deps.pubsub.subscribe('evalTaskProgress', projectId)[Symbol.asyncIterator]();
    subscriptions.set(projectId, events);
    generations.set(projectId, ++generation);
    void (async () => {
      try {
        for (;;) {
          const next = await events.next();
          if (next.done || subscriptions.get(projectId) !== events) return;
          generations.set(projectId, ++generation);
          entries.delete(projectId);
        }
      } catch {
        // A broken subscription only costs the cache: answers come from the database from now on.
      } finally {
        // Unless already forgotten, and perhaps watched anew since.
        if (subscriptions.get(projectId) === events) forget(projectId);
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
      touch(projectId);
      if (cached && cached.expiresAt > now()) return cached.running;
      // Subscribed before reading, so a change during the read is not missed.
      watch(projectId);
      const readAt = generations.get(projectId);
      const running = await read(projectId);
      if (!closed && readAt !== undefined && generations.get(projectId) === readAt) {
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
