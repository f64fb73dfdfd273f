import { type Config, loadConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { migrationStatus } from '../db/migrations/apply-migrations.js';
import { openDatabase } from '../db/open-database.js';
import type { ServiceDeps } from '../domain/service-deps.js';
import type { Env } from './command.js';
import { describeError } from './describe-error.js';
import { redactUrl } from './redact-config.js';

/** Where the CLI is about to write, for messages and `migrate`'s output; never a password. */
export const databaseLocation = (database: Config['database']) =>
  database.kind === 'postgres'
    ? { kind: database.kind, location: redactUrl(database.url), description: `PostgreSQL at ${redactUrl(database.url)}` }
    : { kind: database.kind, location: database.dataDir, description: `embedded PGlite at ${database.dataDir}` };

export class DatabaseNotReadyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseNotReadyError';
  }
}

export type CliDatabase = Database & {
  config: Config;
  /** Domain services without live events: nobody subscribes to a CLI process. */
  deps: ServiceDeps;
};

const open = async (config: Config): Promise<Database> => {
  try {
    return await openDatabase(config.database);
  } catch (error) {
    const message = error instanceof Error && error.message ? error.message : describeError(error).message;
    throw new DatabaseNotReadyError(`cannot open the database (${databaseLocation(config.database).description}): ${message}`, {
      cause: error,
    });
  }
};

/**
 * Opens the configured database for one command and always closes it, so the process can
 * exit and (for PGlite) the data directory is released. Commands that read or write domain
 * data pass `requireMigrated`: on an older schema they would fail with a confusing SQL error.
 */
export const withDatabase = async <T>(
  env: Env,
  options: { requireMigrated: boolean },
  work: (database: CliDatabase) => Promise<T>,
): Promise<T> => {
  const config = loadConfig(env);
  const database = await open(config);
  try {
    if (options.requireMigrated) {
      const { pending } = await migrationStatus(database.sql);
      if (pending.length > 0) {
        throw new DatabaseNotReadyError(
          `the database has ${pending.length} pending migration(s): run "agentloop migrate" (or "agentloop init") first`,
        );
      }
    }
    return await work({ ...database, config, deps: { prisma: database.prisma, pubsub: null } });
  } finally {
    await database.close();
  }
};
