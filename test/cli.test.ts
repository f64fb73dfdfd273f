import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server/src/app.js';
import { loadConfig } from '../server/src/config/config.js';
import { type CliEnv, type CliRun, cliInProcess, cliProcess } from './support/cli-runner.js';
import { gql } from './support/graphql-client.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from './support/test-database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Env = CliEnv;
type Run = CliRun;
const cli = cliProcess;

/** A successful --json command's output. */
const cliJson = async <T = any>(env: Env, ...args: string[]): Promise<T> => {
  const run = await cli(env, ...args, '--json');
  expect(run, `agentloop ${args.join(' ')}`).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as T;
};

/** A failure: non-zero exit, nothing on stdout, one line on stderr. */
const expectFailure = (run: Run, code: number, message: RegExp) => {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^agentloop: [^\n]+\n$/);
  expect(run.stderr).toMatch(message);
};

type KeyJson = { id: string; globalId: string; name: string; prefix: string; role: string; revokedAt: string | null };

/** The whole operator flow against one database, then the created keys against a real server. */
const operatorFlow = (name: string, prepare: () => Promise<{ env: Env; cleanup(): Promise<void> }>) =>
  describe(name, () => {
    // Each flow is a sequence of steps; the flows themselves run side by side.
    let env: Env;
    let cleanup = async () => {};
    let adminSecret: string;
    let project: { id: string; globalId: string; name: string };
    let memberKey: KeyJson & { secret: string };
    let revokedKey: KeyJson & { secret: string };

    beforeAll(async () => {
      ({ env, cleanup } = await prepare());
    });
    afterAll(() => cleanup());

    it.sequential('migrates, then init bootstraps once, printing the admin key once', async () => {
      const before = await cliJson(env, 'migrate', 'status');
      expect(before).toMatchObject({ upToDate: false, applied: [] });
      expect(before.pending.length).toBeGreaterThan(0);

      const migrated = await cliJson(env, 'migrate');
      expect(migrated.applied).toEqual(before.pending);

      const first = await cliJson(env, 'init');
      expect(first.applied).toEqual([]);
      expect(first.bootstrap.secret).toMatch(/^al_/);
      expect(first.bootstrap.projectId).toMatch(UUID);
      adminSecret = first.bootstrap.secret;

      const again = await cliInProcess(env, 'init');
      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout).toContain('Migrations: up to date.\nThe database already has an organization; nothing to bootstrap.');
      expect(again.stdout).not.toContain('al_');
    });

    it.sequential('creates and lists projects', async () => {
      project = await cliJson(env, 'project', 'create', '--name', 'cli project');
      expect(project).toMatchObject({ name: 'cli project', id: expect.stringMatching(UUID) });

      expectFailure(
        await cliInProcess(env, 'project', 'create', '--name', 'cli project'),
        1,
        /A project named "cli project" already exists/,
      );

      const list = await cliJson<{ name: string; id: string }[]>(env, 'project', 'list');
      expect(list.map((p) => p.name)).toEqual(['default', 'cli project']);
      expect(list[1]?.id).toBe(project.id);
    });

    it.sequential('creates, revokes and lists keys, accepting UUIDs and GraphQL IDs', async () => {
      memberKey = await cliJson(env, 'key', 'create', '--project', project.globalId, '--name', 'ci', '--role', 'member');
      expect(memberKey).toMatchObject({ name: 'ci', role: 'member', organizationAdmin: false });
      expect(memberKey.secret.startsWith(memberKey.prefix)).toBe(true);

      const human = await cli(env, 'key', 'create', '--project', project.id, '--name', 'doomed', '--role', 'ingest');
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/^Created API key "doomed" \(ingest\) for project "cli project"\./);
      expect(human.stdout).toContain('shown only now');
      const secret = /^ {2}(al_\S+)$/m.exec(human.stdout)?.[1] ?? '';
      const id = /ID: +(\S+)/.exec(human.stdout)?.[1] ?? '';
      expect(id).toMatch(UUID);

      const revoke = await cli(env, 'key', 'revoke', id);
      expect(revoke).toEqual({ code: 0, stdout: `Revoked API key "doomed" (${secret.slice(0, 11)}).\n`, stderr: '' });

      const table = await cli(env, 'key', 'list', '--project', project.id);
      expect(table).toMatchObject({ code: 0, stderr: '' });
      const [header, ...rows] = table.stdout.trimEnd().split('\n');
      expect(header).toMatch(/^ID +NAME +PREFIX +ROLE +CREATED +LAST USED +REVOKED$/);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatch(new RegExp(`^${memberKey.id} +ci +${memberKey.prefix} +member +\\S+ \\S+ +never +-$`));

      const all = await cliJson<KeyJson[]>(env, 'key', 'list', '--project', project.globalId, '--include-revoked');
      expect(all.map((k) => [k.name, k.role, k.prefix, k.revokedAt === null])).toEqual([
        ['ci', 'member', memberKey.prefix, true],
        ['doomed', 'ingest', secret.slice(0, 11), false],
      ]);
      expect(JSON.stringify(all)).not.toContain(memberKey.secret);
      revokedKey = { ...(all[1] as KeyJson), secret };

      // Idempotent, and says so; takes the GraphQL ID as well.
      const twice = await cliInProcess(env, 'key', 'revoke', revokedKey.globalId, '--json');
      expect(twice.code).toBe(0);
      expect(JSON.parse(twice.stdout)).toMatchObject({ id, alreadyRevoked: true, revokedAt: revokedKey.revokedAt });
      // Well-formed but absent: a failure (1), not a usage error (2).
      const absent = await cliInProcess(env, 'key', 'list', '--project', '0190f1e2-3a4b-7c5d-8e6f-0123456789ab');
      expectFailure(absent, 1, /Project 0190f1e2-3a4b-7c5d-8e6f-0123456789ab was not found/);
    });

    it.sequential('made keys a real server accepts, and audited the changes like GraphQL does', async () => {
      // The CLI processes have exited, so the server may open even the embedded database.
      const config = loadConfig({ ...env, PORT: '0', AGENTLOOP_HOST: '127.0.0.1', NODE_ENV: 'test' });
      const server = await startServer({ config, logger: pino({ level: 'silent' }) });
      try {
        expect(server.bootstrap).toBeNull();
        const viewer = await gql(server.url, memberKey.secret, '{ viewer { role project { name } } }');
        expect(viewer.data).toEqual({ viewer: { role: 'member', project: { name: 'cli project' } } });
        const revoked = await gql(server.url, revokedKey.secret, '{ viewer { role } }');
        expect(revoked.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

        const audit = await gql(
          server.url,
          adminSecret,
          '{ auditLog(first: 50) { edges { node { action entityId actor { id } } } } }',
        );
        const entries = (audit.data?.auditLog.edges ?? []).map((edge: any) => edge.node);
        expect(entries.map((entry: any) => entry.action)).toEqual(
          expect.arrayContaining(['project.create', 'apiKey.create', 'apiKey.revoke']),
        );
        const revokeEntry = entries.find((entry: any) => entry.action === 'apiKey.revoke');
        expect(revokeEntry).toEqual({ action: 'apiKey.revoke', entityId: revokedKey.globalId, actor: null });
        // Revoking twice changed nothing, so it recorded nothing.
        expect(entries.filter((entry: any) => entry.action === 'apiKey.revoke')).toHaveLength(1);

        const rows = await server.database.prisma.auditLogEntry.findMany({
          where: { entityId: { in: [project.id, memberKey.id, revokedKey.id] } },
          orderBy: { id: 'asc' },
        });
        expect(rows.map((row) => [row.action, row.entityId, row.actorApiKeyId])).toEqual([
          ['project.create', project.id, null],
          ['apiKey.create', memberKey.id, null],
          ['apiKey.create', revokedKey.id, null],
          ['apiKey.revoke', revokedKey.id, null],
        ]);
      } finally {
        await server.stop();
      }
    });
  });

describe('agentloop CLI', { concurrent: true }, () => {
  // None of these get as far as opening a database, so they need none.
  it('rejects bad input with a one-line message and exit status 2', async () => {
    const projectId = '0190f1e2-3a4b-7c5d-8e6f-0123456789ab';
    const env = { AGENTLOOP_DATA_DIR: join(tmpdir(), 'agentloop-cli-never-created') };
    const [unknownRole, missingName, unknownCommand] = await Promise.all([
      cli(env, 'key', 'create', '--project', projectId, '--name', 'x', '--role', 'owner'),
      cli(env, 'project', 'create', '--json'),
      cli(env, 'frobnicate'),
    ]);
    expectFailure(unknownRole, 2, /invalid --role "owner": expected one of ingest, viewer, member, admin/);
    expectFailure(missingName, 2, /missing required option --name/);
    expectFailure(unknownCommand, 2, /unknown command "frobnicate"/);

    const orgAdmin = await cliInProcess(
      env,
      'key',
      'create',
      '--project',
      projectId,
      '--name',
      'x',
      '--role',
      'viewer',
      '--organization-admin',
    );
    expectFailure(orgAdmin, 2, /--organization-admin: requires --role admin/);
    const wrongType = await cliInProcess(env, 'key', 'revoke', Buffer.from(`Project:${projectId}`).toString('base64url'));
    expectFailure(wrongType, 2, /that is the GraphQL ID of a Project, not of an ApiKey/);
  });

  it('prints help and the redacted configuration without a database', async () => {
    const [help, config] = await Promise.all([
      cli({}, 'help'),
      cli(
        {
          DATABASE_URL: 'postgresql://app:pg-secret@db.internal:5432/agentloop',
          REDIS_URL: 'redis://:redis-secret@cache:6379',
          MEILI_HOST: 'http://meili:7700',
          MEILI_MASTER_KEY: 'meili-secret',
        },
        'config',
        'print',
        '--json',
      ),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('STOP THE SERVER');
    expect(config.code).toBe(0);
    for (const secret of ['pg-secret', 'redis-secret', 'meili-secret']) expect(config.stdout).not.toContain(secret);
    expect(JSON.parse(config.stdout)).toMatchObject({
      database: { kind: 'postgres', url: 'postgresql://app:***@db.internal:5432/agentloop' },
      redisUrl: 'redis://:***@cache:6379',
      search: { host: 'http://meili:7700', masterKey: '***' },
    });
  });

  operatorFlow('on the embedded PGlite database in AGENTLOOP_DATA_DIR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agentloop-cli-'));
    return { env: { AGENTLOOP_DATA_DIR: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
  });

  describe.runIf(usingPostgres())('with DATABASE_URL', () => {
    operatorFlow('on a fresh PostgreSQL database', async () => {
      const database: TestDatabase = await createTestDatabase();
      return { env: { DATABASE_URL: database.url ?? '' }, cleanup: () => database.drop() };
    });
  });
});
