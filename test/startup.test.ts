import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gql } from './support/graphql-client.js';
import { spawnServer, waitForOutput } from './support/spawn-server.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('start-up', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: expected a port number'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL: expected a postgresql:// connection string'],
    [{ AGENTLOOP_MIGRATE_ON_START: 'maybe' }, 'AGENTLOOP_MIGRATE_ON_START: expected true or false'],
  ])('refuses invalid configuration %o with a message naming the variable', async (env, message) => {
    const server = spawnServer(env);
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Invalid configuration');
    expect(server.output()).toContain(message);
  });

  it('starts on the embedded defaults, prints a working key once, stops cleanly and keeps data across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'agentloop-start-'));
    dirs.push(dataDir);
    const port = await freePort();
    const env = { AGENTLOOP_DATA_DIR: dataDir, PORT: String(port), AGENTLOOP_HOST: '127.0.0.1' };
    const url = `http://127.0.0.1:${port}`;

    const first = spawnServer(env);
    const [, key] = await waitForOutput(first, /(al_[A-Za-z0-9_-]{43})/);
    await waitForOutput(first, /AgentLoop is listening/);
    expect(first.output()).toContain(`curl -s http://localhost:${port}/graphql`);
    // The embedded Meilisearch came up as a child process in the data directory.
    const readiness = (await (await fetch(`${url}/readyz`)).json()) as {
      checks: Record<string, { ok: boolean; detail?: string }>;
    };
    expect(readiness.checks.search).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^embedded at http:\/\/127\.0\.0\.1:\d+$/),
    });
    const meiliPid = Number(/"pid":(\d+)[^\n]*embedded Meilisearch is up/.exec(first.output())?.[1]);
    expect(meiliPid).toBeGreaterThan(0);
    const created = await gql(
      url,
      key ?? null,
      'mutation { createProject(input: { name: "survives restarts" }) { __typename } }',
    );
    expect(created.data?.createProject.__typename).toBe('ProjectPayload');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('AgentLoop stopped');
    expect(isAlive(meiliPid)).toBe(false);

    const second = spawnServer(env);
    await waitForOutput(second, /AgentLoop is listening/);
    expect(second.output()).not.toMatch(/al_[A-Za-z0-9_-]{43}/);
    const projects = await gql(url, key ?? null, '{ projects { edges { node { name } } } }');
    expect(projects.data?.projects.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([
      'default',
      'survives restarts',
    ]);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });
});
