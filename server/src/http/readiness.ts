import { migrationStatus } from '../db/migrations/apply-migrations.js';
import type { SqlClient } from '../db/sql-client.js';

export type DependencyCheck = { ok: boolean; detail?: string };
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
 * Each dependency reports for itself, so an operator sees which one is down. Later rooms
 * (search, job queue) add their probe here.
 */
export const createReadiness =
  (deps: { sql: SqlClient; pubsubPing: (() => Promise<void>) | null; searchHost: string | null }) =>
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
    const searchHost = deps.searchHost;
    if (searchHost) {
      // Meilisearch's own health endpoint; the search room (datasets) adds index lag here.
      checks.search = await check(async () => {
        const response = await fetch(new URL('/health', searchHost), { signal: AbortSignal.timeout(2000) });
        if (!response.ok) throw new Error(`Meilisearch answered ${response.status}`);
        return undefined;
      });
    }
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  };
