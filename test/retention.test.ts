import { describe, expect, it } from 'vitest';
import type { Database } from '../server/src/db/database.js';
import { writeLogRecords } from '../server/src/ingestion/write-log-records.js';
import { applyRetention } from '../server/src/tracing/retention/apply-retention.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { holdTraceLocks } from './support/hold-trace-locks.js';
import { makeLogRecord } from './support/log-record-factory.js';
import { hexId, makeSpan } from './support/span-factory.js';
import { useProjectDatabase, usingPostgres } from './support/test-database.js';
import { startTestServer, useTestServer } from './support/test-server.js';

const SET = `mutation($id: ID!, $days: Int) { setProjectRetention(input: { id: $id, days: $days }) {
  __typename ... on ProjectPayload { project { retentionDays } } ... on InvalidInputError { issues { path message } } } }`;

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

const logAt = (timestamp: Date, body: string) => makeLogRecord({ timestamp, body });

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
    // Log records go by their own time, whatever became of their trace.
    await writeLogRecords(sql, limited.id, [logAt(daysAgo(now, 8), 'old'), logAt(daysAgo(now, 6), 'recent')]);
    await writeLogRecords(sql, unlimited.id, [logAt(daysAgo(now, 8), 'old, kept')]);

    expect(await applyRetention(sql, now)).toEqual({ Span: 1, Trace: 1, LogRecord: 1 });
    expect(await prisma.span.findMany({ where: { projectId: limited.id }, select: { traceId: true } })).toEqual([
      { traceId: recent.traceId },
    ]);
    expect(await prisma.trace.count({ where: { projectId: unlimited.id } })).toBe(1);
    expect(await prisma.logRecord.findMany({ where: { projectId: limited.id }, select: { body: true } })).toEqual([
      { body: 'recent' },
    ]);
    expect(await prisma.logRecord.findMany({ where: { projectId: unlimited.id }, select: { body: true } })).toEqual([
      { body: 'old, kept' },
    ]);
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

describe('retention of whole traces', () => {
  const t = useProjectDatabase();
  const now = new Date('2026-11-21T12:00:00Z');

  const projectWith = async (name: string, retentionDays: number | null) => {
    const { organizationId } = await t.db.prisma.project.findUniqueOrThrow({ where: { id: t.projectId } });
    return (await t.db.prisma.project.create({ data: { name, organizationId, retentionDays } })).id;
  };
  const spansOf = async (projectId: string) =>
    (await t.db.prisma.span.findMany({ where: { projectId }, select: { traceId: true, spanId: true } })).map(
      (s) => `${s.traceId}/${s.spanId}`,
    );
  const tracesOf = async (projectId: string) =>
    (await t.db.prisma.trace.findMany({ where: { projectId }, select: { traceId: true } })).map((r) => r.traceId);
  /** A trace of a root and its children, each [startDaysAgo, endDaysAgo]. */
  const trace = (root: [number, number], ...children: [number, number][]) => {
    const traceId = hexId(16);
    const span = (parentSpanId: string | null, [start, end]: [number, number]) =>
      makeSpan({ traceId, parentSpanId, startTime: daysAgo(now, start), endTime: daysAgo(now, end) });
    const first = span(null, root);
    return [first, ...children.map((c) => span(first.spanId, c))];
  };
  const keys = (spans: { traceId: string; spanId: string }[]) => spans.map((s) => `${s.traceId}/${s.spanId}`);
  // A span whose trace row is gone, as retention used to leave them.
  const writeOrphan = async (projectId: string, startDaysAgo: number, endDaysAgo: number) => {
    const [span] = trace([startDaysAgo, endDaysAgo]);
    if (!span) throw new Error('no span');
    await writeSpans(t.db.sql, projectId, [span]);
    await t.db.prisma.trace.deleteMany({ where: { projectId, traceId: span.traceId } });
    return span;
  };

  it('deletes a trace with all its spans once all of it is older than the project keeps, and spans left without a trace', async () => {
    const { sql } = t.db;
    const limited = await projectWith('keeps 7 days', 7);
    const unlimited = await projectWith('keeps everything', null);
    // The root, start and end, is past the cutoff, its child is not: the trace ends inside the window.
    const straddling = trace([8, 8], [6, 6]);
    const expired = trace([9, 8], [9, 9], [8.5, 8.5]);
    const kept = trace([9, 8], [9, 9]);
    await writeSpans(sql, limited, [...straddling, ...expired]);
    await writeSpans(sql, unlimited, kept);
    await writeOrphan(limited, 10, 10);
    const recentOrphan = await writeOrphan(limited, 8, 6);
    const keptOrphan = await writeOrphan(unlimited, 10, 10);

    expect(await applyRetention(sql, now)).toEqual({ Span: 4, Trace: 1, LogRecord: 0 });
    expect((await spansOf(limited)).sort()).toEqual(keys([...straddling, recentOrphan]).sort());
    expect(await tracesOf(limited)).toEqual([straddling[0]?.traceId]);
    expect(await t.db.prisma.trace.findFirstOrThrow({ where: { projectId: limited } })).toMatchObject({
      spanCount: 2,
      startTime: daysAgo(now, 8),
      endTime: daysAgo(now, 6),
    });
    expect((await spansOf(unlimited)).sort()).toEqual(keys([...kept, keptOrphan]).sort());
    expect(await tracesOf(unlimited)).toEqual([kept[0]?.traceId]);
    expect(await applyRetention(sql, now)).toEqual({ Span: 0, Trace: 0, LogRecord: 0 });

    // Two days on, the straddling trace has ended before the cutoff too, and goes whole.
    const later = new Date(now.getTime() + 2 * 86_400_000);
    expect(await applyRetention(sql, later)).toEqual({ Span: 3, Trace: 1, LogRecord: 0 });
    expect(await spansOf(limited)).toEqual([]);
    expect(await tracesOf(limited)).toEqual([]);
    expect(await spansOf(unlimited)).toHaveLength(3);
  });

  // Ingestion stores a trace's new spans, then recomputes its summary under the trace's advisory
  // lock. Here a third transaction holds that lock, so the writer and the retention round queue
  // behind it in a chosen order; released, each must leave a summary that counts every span kept.
  // PGlite runs one transaction at a time, so only PostgreSQL can interleave them.
  describe.runIf(usingPostgres())('with a span of an expired trace written at the same time', () => {
    const holdTraceLock = (db: Database, projectId: string, traceId: string) => holdTraceLocks(db.sql, projectId, [traceId]);
    const waitingForLocks = async (count: number) =>
      expect
        .poll(async () => {
          const [row] = await t.db.sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks
             WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          );
          return row?.n;
        })
        .toBe(count);
    /** Starts first, then second, each only once the one before waits for the trace's lock. */
    const queueBehindTraceLock = async (
      projectId: string,
      traceId: string,
      first: () => Promise<unknown>,
      second: () => Promise<unknown>,
    ) => {
      const release = await holdTraceLock(t.db, projectId, traceId);
      const started: Promise<unknown>[] = [];
      try {
        started.push(first());
        await waitingForLocks(1);
        started.push(second());
        await waitingForLocks(2);
      } finally {
        await release();
      }
      await Promise.all(started);
    };
    const expiredTrace = async (name: string) => {
      const projectId = await projectWith(name, 7);
      const [root] = trace([8, 8]);
      if (!root) throw new Error('no root');
      await writeSpans(t.db.sql, projectId, [root]);
      const recent = makeSpan({
        traceId: root.traceId,
        parentSpanId: root.spanId,
        startTime: daysAgo(now, 1),
        endTime: daysAgo(now, 1),
      });
      return { projectId, traceId: root.traceId, root, recent };
    };
    const summaryOf = (projectId: string, traceId: string) =>
      t.db.prisma.trace.findFirstOrThrow({ where: { projectId, traceId } });

    it('keeps the trace whole when the writer gets the lock first', async () => {
      const { projectId, traceId, root, recent } = await expiredTrace('writer first');
      await queueBehindTraceLock(
        projectId,
        traceId,
        () => writeSpans(t.db.sql, projectId, [recent]),
        () => applyRetention(t.db.sql, now),
      );
      expect((await spansOf(projectId)).sort()).toEqual(keys([root, recent]).sort());
      expect(await summaryOf(projectId, traceId)).toMatchObject({
        spanCount: 2,
        startTime: daysAgo(now, 8),
        endTime: daysAgo(now, 1),
      });
    });

    it('deletes the trace and leaves the new span a summary of its own when retention gets the lock first', async () => {
      const { projectId, traceId, recent } = await expiredTrace('retention first');
      await queueBehindTraceLock(
        projectId,
        traceId,
        () => applyRetention(t.db.sql, now),
        () => writeSpans(t.db.sql, projectId, [recent]),
      );
      expect(await spansOf(projectId)).toEqual(keys([recent]));
      expect(await summaryOf(projectId, traceId)).toMatchObject({
        spanCount: 1,
        startTime: daysAgo(now, 1),
        endTime: daysAgo(now, 1),
      });
    });

    it('keeps an old span left without a trace once a writer gives its trace a summary again', async () => {
      const projectId = await projectWith('orphan continued', 7);
      const orphan = await writeOrphan(projectId, 8, 8);
      const recent = makeSpan({
        traceId: orphan.traceId,
        parentSpanId: orphan.spanId,
        startTime: daysAgo(now, 1),
        endTime: daysAgo(now, 1),
      });
      await queueBehindTraceLock(
        projectId,
        orphan.traceId,
        () => writeSpans(t.db.sql, projectId, [recent]),
        () => applyRetention(t.db.sql, now),
      );
      expect((await spansOf(projectId)).sort()).toEqual(keys([orphan, recent]).sort());
      expect(await summaryOf(projectId, orphan.traceId)).toMatchObject({ spanCount: 2, endTime: daysAgo(now, 1) });
    });
  });
});
