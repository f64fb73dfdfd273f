import { describe, expect, it } from 'vitest';
import { applyRetention } from '../server/src/tracing/retention/apply-retention.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { makeSpan } from './support/span-factory.js';
import { startTestServer, useTestServer } from './support/test-server.js';

const SET = `mutation($id: ID!, $days: Int) { setProjectRetention(input: { id: $id, days: $days }) {
  __typename ... on ProjectPayload { project { retentionDays } } ... on InvalidInputError { issues { path message } } } }`;

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

describe('retention', () => {
  // No workers here: a background round with the real clock would race the tests' fixed `now`.
  const t = useTestServer({ env: { AGENTLOOP_WORKERS: 'false' } });

  it('is set per project by admins, validated and audited', async () => {
    const projectId = (await gql(t.server.url, t.server.adminKey, '{ viewer { project { id } } }')).data?.viewer.project.id;
    const set = await gql(t.server.url, t.server.adminKey, SET, { id: projectId, days: 30 });
    expect(set.data?.setProjectRetention).toEqual({ __typename: 'ProjectPayload', project: { retentionDays: 30 } });
    const invalid = await gql(t.server.url, t.server.adminKey, SET, { id: projectId, days: 0 });
    expect(invalid.data?.setProjectRetention).toEqual({
      __typename: 'InvalidInputError',
      issues: [{ path: 'days', message: 'must be at least 1 day' }],
    });
    const viewer = await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' });
    const forbidden = await gql(t.server.url, viewer.secret, SET, { id: projectId, days: 1 });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const audit = await gql(
      t.server.url,
      t.server.adminKey,
      '{ auditLog(filter: { action: "project.setRetention" }) { edges { node { summary } } } }',
    );
    expect(audit.data?.auditLog.edges).toEqual([{ node: { summary: { retentionDays: { from: null, to: 30 } } } }]);
  });

  it('deletes only telemetry older than each project keeps, and keeps projects without retention whole', async () => {
    const { prisma, sql } = await t.database.open();
    const now = new Date('2026-11-21T12:00:00Z');
    await createProjectVia(t.server.url, t.server.adminKey, 'keeps everything');
    const projects = await prisma.project.findMany();
    const limited = projects.find((p) => p.name === 'default');
    const unlimited = projects.find((p) => p.name === 'keeps everything');
    if (!limited || !unlimited) throw new Error('projects missing');
    await prisma.project.update({ where: { id: limited.id }, data: { retentionDays: 7 } });

    const old = (projectTrace: string) =>
      makeSpan({ traceId: projectTrace, startTime: daysAgo(now, 8), endTime: daysAgo(now, 8) });
    const recent = makeSpan({ startTime: daysAgo(now, 6), endTime: daysAgo(now, 6) });
    await writeSpans(sql, limited.id, [old('a'.repeat(32)), recent]);
    await writeSpans(sql, unlimited.id, [old('b'.repeat(32))]);

    expect(await applyRetention(sql, now)).toEqual({ Span: 1, Trace: 1, LogRecord: 0 });
    expect(await prisma.span.findMany({ where: { projectId: limited.id }, select: { traceId: true } })).toEqual([
      { traceId: recent.traceId },
    ]);
    expect(await prisma.trace.count({ where: { projectId: unlimited.id } })).toBe(1);
    expect(await applyRetention(sql, now)).toEqual({ Span: 0, Trace: 0, LogRecord: 0 });
  });

  it('runs on its own, as a job on the queue, in a server with workers', async () => {
    const { prisma, sql } = await t.database.open();
    const project = await prisma.project.findFirstOrThrow({ where: { name: 'default' } });
    const now = new Date();
    await writeSpans(sql, project.id, [makeSpan({ startTime: daysAgo(now, 30), endTime: daysAgo(now, 30) })]);
    const worker = await startTestServer(t.database, {
      adminKey: t.server.adminKey,
      env: { AGENTLOOP_RETENTION_INTERVAL_MS: '200', AGENTLOOP_JOB_POLL_MS: '100' },
    });
    try {
      await expect
        .poll(() => prisma.span.count({ where: { projectId: project.id, startTime: { lt: daysAgo(now, 7) } } }), {
          timeout: 20_000,
        })
        .toBe(0);
    } finally {
      await worker.stop();
    }
  });
});
