import { resolve } from 'node:path';
import { z } from 'zod';
import { parseSecretKey } from '../secrets/parse-secret-key.js';
import { ConfigError } from './config-error.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1');

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ message: 'expected a whole number' })
    .int('expected a whole number')
    .positive('expected a positive number')
    .default(fallback);

const SECRET_KEY_FORM = 'expected 32 bytes as base64 or 64 hex characters (e.g. `openssl rand -base64 32`)';

const secretKeys = z.string().transform((text, ctx) => {
  const keys = text.split(',').map((part) => parseSecretKey(part));
  if (keys.some((key) => key === null)) {
    ctx.addIssue({ code: 'custom', message: SECRET_KEY_FORM });
    return z.NEVER;
  }
  return keys as Buffer[];
});

/**
 * Every environment variable the server reads, parsed once at start-up.
 * Each entry says why it exists; the README's configuration table mirrors this.
 */
const envSchema = z.object({
  // Where clients reach the API. 4000 is what the README's examples use.
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(4000),
  // Bind address; 0.0.0.0 inside containers, loopback for a laptop.
  AGENTLOOP_HOST: z.string().min(1).default('0.0.0.0'),
  // Set to use PostgreSQL; unset means the embedded PGlite database in the data directory.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// connection string')
    .optional(),
  // Connection pool size per process when DATABASE_URL is set.
  AGENTLOOP_DB_POOL_SIZE: positiveInt(10),
  // Everything the embedded default stores (database, later the search index) lives here.
  AGENTLOOP_DATA_DIR: z.string().min(1).default('./.agentloop'),
  // Operators who run `prisma migrate deploy` themselves can turn off migrate-on-start.
  AGENTLOOP_MIGRATE_ON_START: booleanFlag.default(true),
  // Set to share subscription events between instances; unset means in-process pub/sub.
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// URL')
    .optional(),
  // External Meilisearch (dataset search); unset means the embedded binary, started as a child process.
  MEILI_HOST: z.string().url('expected an http(s) URL').optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  // false runs without the embedded Meilisearch when MEILI_HOST is unset: dataset search is then
  // unavailable (writes still queue their index work). For tests and machines without the binary.
  AGENTLOOP_EMBEDDED_SEARCH: booleanFlag.default(true),
  AGENTLOOP_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // GraphiQL and error stacks are for development only.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Abuse limits: generous for real clients, fatal for query bombs.
  AGENTLOOP_MAX_QUERY_DEPTH: positiveInt(12),
  AGENTLOOP_MAX_ALIASES: positiveInt(30),
  AGENTLOOP_MAX_TOKENS: positiveInt(5000),
  AGENTLOOP_MAX_COST: positiveInt(10000),
  AGENTLOOP_MAX_BATCH: positiveInt(10),
  // How often the retention job deletes telemetry older than each project's retentionDays.
  AGENTLOOP_RETENTION_INTERVAL_MS: positiveInt(3_600_000),
  // false makes this process API-only: jobs are still enqueued, but run in `agentloop worker`
  // processes sharing the database (scale the two independently).
  AGENTLOOP_WORKERS: booleanFlag.default(true),
  // How long an idle job worker waits before polling its queue again. A busy worker fetches its
  // next batch at once, so this only bounds the pickup delay of a job sent to an idle queue.
  AGENTLOOP_JOB_POLL_MS: positiveInt(500),
  // Grace period for in-flight requests on SIGTERM before connections are cut.
  AGENTLOOP_SHUTDOWN_TIMEOUT_MS: positiveInt(10000),
  // OTLP request limits: bytes after decompression (gzip bombs stop here) and spans per request.
  // Exporters batch 512 spans by default; the defaults leave room without letting one request
  // hold the database for long.
  AGENTLOOP_OTLP_MAX_BODY_BYTES: positiveInt(8 * 1024 * 1024),
  AGENTLOOP_OTLP_MAX_SPANS: positiveInt(10000),
  // Encrypts model-service API keys at rest (AES-256-GCM). Unset with the embedded database: one is
  // generated into the data directory on first use. Unset with DATABASE_URL: API keys cannot be
  // stored (never as plaintext), since each instance would otherwise invent a different key.
  AGENTLOOP_SECRET_KEY: z
    .string()
    .transform((text, ctx) => {
      const key = parseSecretKey(text);
      if (!key) ctx.addIssue({ code: 'custom', message: SECRET_KEY_FORM });
      return key ?? z.NEVER;
    })
    .optional(),
  // Keys rotated out of AGENTLOOP_SECRET_KEY (comma-separated): still read what they encrypted.
  AGENTLOOP_SECRET_KEY_PREVIOUS: secretKeys.optional(),
  // Evaluator plugins to load by npm package name (comma-separated), besides the built-in ones
  // and those in the config file; installing a package and naming it here is all a user does.
  AGENTLOOP_PLUGINS: z.string().optional(),
  // The agentloop.config.json file (plugins with options); unset means ./agentloop.config.json if present.
  AGENTLOOP_CONFIG: z.string().min(1).optional(),
  // Where plugin packages are resolved from first (its node_modules), e.g. a directory where
  // operators `npm install` plugins without touching the server's own dependencies. Default: cwd.
  AGENTLOOP_PLUGINS_DIR: z.string().min(1).optional(),
  // Bound on importing a plugin package and on its setup/teardown: a hanging plugin must not
  // hold the server's start or stop.
  AGENTLOOP_PLUGIN_LOAD_TIMEOUT_MS: positiveInt(15_000),
});

export type Env = z.input<typeof envSchema>;

export type Config = {
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  migrateOnStart: boolean;
  redisUrl: string | undefined;
  /** Where dataset search lives: an external Meilisearch, the embedded binary in the data directory, or none. */
  search:
    | { kind: 'external'; host: string; masterKey: string | undefined }
    | { kind: 'embedded'; dataDir: string }
    | { kind: 'off' };
  logLevel: z.infer<typeof envSchema>['AGENTLOOP_LOG_LEVEL'];
  development: boolean;
  limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; maxBatch: number };
  shutdownTimeoutMs: number;
  retentionIntervalMs: number;
  /** Background jobs: run workers in this process, and how often idle workers poll. */
  jobs: { workers: boolean; pollingIntervalMs: number };
  otlp: { maxBodyBytes: number; maxSpans: number };
  /** Where the key that encrypts stored secrets (model-service API keys) comes from; `previous` only decrypt. */
  secrets:
    | { kind: 'configured'; key: Buffer; previous: Buffer[] }
    | { kind: 'generated'; dataDir: string; previous: Buffer[] }
    | { kind: 'missing'; previous: Buffer[] };
  plugins: {
    /** Package names from AGENTLOOP_PLUGINS. */
    packages: string[];
    /** The config file and whether the operator named it (a named file must exist). */
    configFile: { path: string; explicit: boolean };
    /** Resolved first; the server's own node_modules after it. */
    dir: string;
    loadTimeoutMs: number;
  };
};

/** Parses the environment; throws a ConfigError naming every bad variable. */
export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  // Empty strings come from `FOO= npm start`; treat them as unset rather than invalid.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0]), message: issue.message })));
  }
  const e = parsed.data;
  const dataDir = resolve(e.AGENTLOOP_DATA_DIR);
  return {
    port: e.PORT,
    host: e.AGENTLOOP_HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.AGENTLOOP_DB_POOL_SIZE }
      : { kind: 'pglite', dataDir: resolve(dataDir, 'pgdata') },
    dataDir,
    migrateOnStart: e.AGENTLOOP_MIGRATE_ON_START,
    redisUrl: e.REDIS_URL,
    search: e.MEILI_HOST
      ? { kind: 'external', host: e.MEILI_HOST, masterKey: e.MEILI_MASTER_KEY }
      : e.AGENTLOOP_EMBEDDED_SEARCH
        ? { kind: 'embedded', dataDir }
        : { kind: 'off' },
    logLevel: e.AGENTLOOP_LOG_LEVEL,
    development: e.NODE_ENV !== 'production',
    limits: {
      maxDepth: e.AGENTLOOP_MAX_QUERY_DEPTH,
      maxAliases: e.AGENTLOOP_MAX_ALIASES,
      maxTokens: e.AGENTLOOP_MAX_TOKENS,
      maxCost: e.AGENTLOOP_MAX_COST,
      maxBatch: e.AGENTLOOP_MAX_BATCH,
    },
    shutdownTimeoutMs: e.AGENTLOOP_SHUTDOWN_TIMEOUT_MS,
    retentionIntervalMs: e.AGENTLOOP_RETENTION_INTERVAL_MS,
    jobs: { workers: e.AGENTLOOP_WORKERS, pollingIntervalMs: e.AGENTLOOP_JOB_POLL_MS },
    otlp: { maxBodyBytes: e.AGENTLOOP_OTLP_MAX_BODY_BYTES, maxSpans: e.AGENTLOOP_OTLP_MAX_SPANS },
    secrets: e.AGENTLOOP_SECRET_KEY
      ? { kind: 'configured', key: e.AGENTLOOP_SECRET_KEY, previous: e.AGENTLOOP_SECRET_KEY_PREVIOUS ?? [] }
      : e.DATABASE_URL
        ? { kind: 'missing', previous: e.AGENTLOOP_SECRET_KEY_PREVIOUS ?? [] }
        : { kind: 'generated', dataDir, previous: e.AGENTLOOP_SECRET_KEY_PREVIOUS ?? [] },
    plugins: {
      packages: (e.AGENTLOOP_PLUGINS ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
      configFile: { path: resolve(e.AGENTLOOP_CONFIG ?? 'agentloop.config.json'), explicit: e.AGENTLOOP_CONFIG !== undefined },
      dir: resolve(e.AGENTLOOP_PLUGINS_DIR ?? '.'),
      loadTimeoutMs: e.AGENTLOOP_PLUGIN_LOAD_TIMEOUT_MS,
    },
  };
};
