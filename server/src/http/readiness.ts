import { migrationStatus } from '../db/migrations/apply-migrations.js';
import type { SqlClient } from '../db/sql-client.js';
import type { SearchBackend } from '../search/search-backend.js';

export type DependencyCheck = {
  ok: boolean;
  detail?: string;
  /** Reported, but does not make the instance unready: everything else still works without it. */
  optional?: true;
  /** Search only: index work written to the outbox and not yet in Meilisearch. */
  indexLag?: IndexLag;
};

export type IndexLag = { pending: number; oldestPendingSeconds: number | null; failing: number };
export type Readiness = { ready: boolean; checks: Record<string, DependencyCheck> };

const check = async (probe: () => Promise<string | undefined>): Promise<DependencyCheck> => {
  try {
    const detail = await probe();
    return detail ? { ok: true, detail } : { ok: true };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
};

/**
 * Each dependency reports for itself, so an operator sees which one is down. Search is
 * optional: while Meilisearch is down, writes queue their index work in the outbox and
 * everything but search keeps working, so taking the instance out of a load balancer would
 * turn a search outage into a full one.
 */
export const createReadiness =
  (deps: {
    sql: SqlClient;
    pubsubPing: (() => Promise<void>) | null;
    search: SearchBackend;
    indexLag: () => Promise<IndexLag>;
  }) =>
  async (): Promise<Readiness> => {
    const checks: Record<string, DependencyCheck> = {
      database: await check(async () => {
        await deps.sql.query('SELECT 1');
        return undefined;
      }),
      migrations: await check(async () => {
        const status = await migrationStatus(deps.sql);
        if (status.pending.length > 0) throw new Error(`pending: ${status.pending.join(', ')}`);
        return `${status.applied.length} applied`;
      }),
    };
    const pubsubPing = deps.pubsubPing;
    if (pubsubPing) {
      checks.redis = await check(async () => {
        await pubsubPing();
        return undefined;
      });
    }
    if (deps.search.mode !== 'off') {
      const search = await check(() => deps.search.health());
      const lag = await deps.indexLag().catch(() => undefined);
      checks.search = { ...search, optional: true, ...(lag ? { indexLag: lag } : {}) };
    }
    return {
      ready: Object.values(checks).every((c) => c.ok || c.optional),
      checks,
    };
  };
