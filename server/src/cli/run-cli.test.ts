import { describe, expect, it } from 'vitest';
import type { CliIo } from './command.js';
import { runCli } from './run-cli.js';

// The commands that never open a database, run in-process with an in-memory terminal.
const run = async (argv: string[], env: Record<string, string> = {}) => {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
};

describe('runCli', () => {
  it('prints the general help for help, --help and -h, with the embedded-database warning', async () => {
    for (const argv of [['help'], ['--help'], ['-h']]) {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain('agentloop key create --project <projectId>');
      expect(stdout).toContain('STOP THE SERVER');
    }
  });

  it('prints the help of one command or one group', async () => {
    const command = await run(['help', 'key', 'revoke']);
    expect(command.stdout).toMatch(/^Usage: agentloop key revoke <keyId>/);
    expect((await run(['key', 'revoke', '--help'])).stdout).toBe(command.stdout);
    const group = await run(['key', '--help']);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('agentloop key list --project <projectId> [--include-revoked]');
    expect(group.stdout).not.toContain('project create');
  });

  it('lists the commands as JSON for help --json', async () => {
    const { stdout } = await run(['help', '--json']);
    const commands = JSON.parse(stdout) as { command: string }[];
    expect(commands.map((c) => c.command)).toEqual([
      'init',
      'migrate',
      'migrate status',
      'project create',
      'project list',
      'key create',
      'key list',
      'key revoke',
      'config print',
      'worker',
      'search reindex',
      'dataset import',
      'dataset export',
    ]);
  });

  it('exits 2 with one line on stderr for unknown or incomplete commands', async () => {
    const cases: [string[], string][] = [
      [[], 'agentloop: missing command (see "agentloop help")\n'],
      [['frobnicate'], 'agentloop: unknown command "frobnicate" (see "agentloop help")\n'],
      [
        ['--json', 'project', 'list'],
        'agentloop: unknown option "--json": options follow the command, as in "agentloop project list --json" (see "agentloop help")\n',
      ],
      [['key'], 'agentloop: "key" needs a subcommand: create, list, revoke (see "agentloop key --help")\n'],
      [
        ['key', 'rotate'],
        'agentloop: unknown command "key rotate"; "key" has: create, list, revoke (see "agentloop key --help")\n',
      ],
      [['help', 'nope'], 'agentloop: no help for "nope": there is no such command (see "agentloop help")\n'],
    ];
    for (const [argv, message] of cases) {
      expect(await run(argv)).toEqual({ code: 2, stdout: '', stderr: message });
    }
  });

  it('rejects bad options before touching the database', async () => {
    const { code, stderr } = await run(
      ['key', 'create', '--project', 'nope', '--name', 'ci', '--role', 'owner'],
      // Unreachable on purpose: validation must fail first.
      { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' },
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      'agentloop: invalid --project "nope": expected a Project ID (a UUID or a GraphQL global ID); ' +
        'invalid --role "owner": expected one of ingest, viewer, member, admin (see "agentloop key create --help")\n',
    );
  });

  it('prints the configuration with secrets redacted, the same with or without --json', async () => {
    const env = { DATABASE_URL: 'postgresql://app:hunter2@db:5432/agentloop', PORT: '8080' };
    const { code, stdout } = await run(['config', 'print'], env);
    expect(code).toBe(0);
    expect(stdout).not.toContain('hunter2');
    expect(JSON.parse(stdout)).toMatchObject({
      port: 8080,
      database: { kind: 'postgres', url: 'postgresql://app:***@db:5432/agentloop' },
    });
    expect((await run(['config', 'print', '--json'], env)).stdout).toBe(stdout);
  });

  it('exits 1 naming the variable when the environment is invalid', async () => {
    expect(await run(['config', 'print'], { PORT: 'eighty' })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'agentloop: invalid configuration: PORT: expected a port number\n',
    });
  });

  it('adds the stack only at debug log level', async () => {
    const plain = await run(['config', 'print'], { PORT: 'eighty' });
    expect(plain.stderr.split('\n')).toHaveLength(2);
    const debug = await run(['config', 'print'], { PORT: 'eighty', AGENTLOOP_LOG_LEVEL: 'debug' });
    expect(debug.stderr).toMatch(
      /^agentloop: invalid configuration: PORT: expected a port number\nConfigError: Invalid configuration:/,
    );
  });
});
