import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/src/db/database.js';
import { applyMigrations } from '../server/src/db/migrations/apply-migrations.js';
import { openDatabase } from '../server/src/db/open-database.js';
import { startJobQueue } from '../server/src/jobs/pg-boss-job-queue.js';
import { RETENTION_QUEUE, retentionJob } from '../server/src/tracing/retention/retention-job.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const BIN = fileURLToPath(new URL('../server/bin/agentloop.js', import.meta.url));
const logger = pino({ level: 'silent' });

/**
 * `agentloop worker` as an operator runs it: a process with no HTTP that takes jobs from the queue.
 * On PGlite the data directory is the shared database (one process at a time); on Postgres a
 * fresh database.
 */
describe('agentloop worker', () => {
  let postgres: TestDatabase | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await postgres?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const target = async (): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> => {
    if (process.env.DATABASE_URL) {
      postgres = await createTestDatabase();
      const url = postgres.url as string;
      return { env: { DATABASE_URL: url }, open: () => openDatabase({ kind: 'postgres', url, poolSize: 2 }) };
    }
    dataDir = await mkdtemp(join(tmpdir(), 'agentloop-worker-'));
    const dir = dataDir;
    return { env: { AGENTLOOP_DATA_DIR: dir }, open: () => openDatabase({ kind: 'pglite', dataDir: join(dir, 'pgdata') }) };
  };

  // Two processes each open (and on PGlite, boot) the database: minutes on a busy 2-core machine.
  it('runs a job enqueued before it started, then stops cleanly on SIGTERM', { timeout: 300_000 }, async () => {
    const { env, open } = await target();
    let database = await open();
    await applyMigrations(database.sql);
    let queue = await startJobQueue({ sql: database.sql, logger, pollingIntervalMs: 100 });
    await queue.createQueue(RETENTION_QUEUE, retentionJob.queue);
    const id = await queue.send(RETENTION_QUEUE, {});
    await queue.stop();
    await database.close();
    if (!id) throw new Error('no job id');

    const child = spawn(process.execPath, [BIN, 'worker'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        AGENTLOOP_LOG_LEVEL: 'debug',
        AGENTLOOP_JOB_POLL_MS: '100',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect
        .poll(() => output.split('\n').some((line) => line.includes('job completed') && line.includes(id)), {
          timeout: 180_000,
          message: 'the worker never completed the job',
        })
        .toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
    expect(output).toContain('Worker stopped (SIGTERM).');

    database = await open();
    queue = await startJobQueue({ sql: database.sql, logger, pollingIntervalMs: 100 });
    try {
      const job = await queue.getJob(RETENTION_QUEUE, id);
      expect(job?.state).toBe('completed');
      expect(job?.output).toEqual({ deleted: { Span: 0, Trace: 0, LogRecord: 0 } });
    } finally {
      await queue.stop();
      await database.close();
    }
  });
});
