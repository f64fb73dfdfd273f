import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { SqlClient } from '../db/sql-client.js';
import type { EmbedderResolver } from './embeddings.js';
import type { SearchBackend } from './search-backend.js';
import { type SearchWorker, startSearchWorker } from './search-worker.js';

/**
 * The search outbox worker of a process, under the same switch as the job workers: the API
 * server runs it unless AGENTLOOP_WORKERS=false, `agentloop worker` always does. Any number of
 * processes may run one (claims are leased per dataset). Null when search is off (writes keep
 * queueing their index work for whoever has search) or this process runs no workers.
 */
export const startSearchIndexing = (
  deps: { sql: SqlClient; search: SearchBackend; embedders: EmbedderResolver; logger: Logger },
  options: { workers: boolean; searchKind: Config['search']['kind'] },
): SearchWorker | null => {
  if (!options.workers || options.searchKind === 'off') return null;
  return startSearchWorker(deps);
};
