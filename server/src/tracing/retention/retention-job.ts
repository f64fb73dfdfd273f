import type { Logger } from 'pino';
import type { SqlClient } from '../../db/sql-client.js';
import { applyRetention } from './apply-retention.js';

// Several instances share one database; the one holding this lock does the round, the others skip.
const RETENTION_LOCK = 4_207_746_002;

/**
 * Runs retention every `intervalMs` (and once shortly after start). A round that fails is
 * logged and retried at the next tick; it never takes the server down.
 */
export const startRetentionJob = (deps: { sql: SqlClient; logger: Logger; intervalMs: number; now?: () => Date }) => {
  let running: Promise<void> | null = null;
  const round = async () => {
    await deps.sql.withSession(async (session) => {
      const [lock] = await session.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${RETENTION_LOCK}) AS locked`);
      if (!lock?.locked) return;
      try {
        const deleted = await applyRetention(deps.sql, deps.now?.() ?? new Date());
        if (Object.values(deleted).some((n) => n > 0)) deps.logger.info({ deleted }, 'retention deleted old telemetry');
      } finally {
        await session.query(`SELECT pg_advisory_unlock(${RETENTION_LOCK})`);
      }
    });
  };
  const tick = () => {
    running ??= round()
      .catch((error: unknown) => deps.logger.error({ err: error }, 'retention round failed'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, Math.min(deps.intervalMs, 10_000));
  const timer = setInterval(tick, deps.intervalMs);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
};
