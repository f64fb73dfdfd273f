import type { Config } from '../config/config.js';
import type { Database } from './database.js';
import { openPglite } from './open-pglite.js';
import { openPostgres } from './open-postgres.js';

export const openDatabase = (
  database: Config['database'] | { kind: 'pglite-memory' },
  onIdleClientError?: (error: Error) => void,
): Promise<Database> => {
  switch (database.kind) {
    case 'postgres':
      return openPostgres(database.url, database.poolSize, onIdleClientError);
    case 'pglite':
      return openPglite(database.dataDir);
    case 'pglite-memory':
      return openPglite(undefined);
  }
};
