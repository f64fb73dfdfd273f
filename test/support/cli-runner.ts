import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../server/src/cli/run-cli.js';

const BIN = fileURLToPath(new URL('../../server/bin/agentloop.js', import.meta.url));

export type CliEnv = Record<string, string>;
export type CliRun = { code: number | null; stdout: string; stderr: string };

/**
 * The real `agentloop` executable in a child process, as an operator's script runs it. The
 * environment is built from scratch: an inherited DATABASE_URL must not send a PGlite flow to Postgres.
 */
export const cliProcess = (env: CliEnv, ...args: string[]): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

/**
 * The same CLI in this process: for edge cases, where a fresh process each would only add
 * seconds (it compiles TypeScript as it starts). Flows that matter go through `cliProcess`.
 */
export const cliInProcess = async (env: CliEnv, ...args: string[]): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
};
