import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/src/db/database.js';
import type { SqlClient, SqlSession } from '../server/src/db/sql-client.js';
import { createPlacementIds, deploymentKey } from '../server/src/tracing/placement-ids.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { hexId, makeSpan } from './support/span-factory.js';
import { useProjectDatabase } from './support/test-database.js';

/** The SQL client with every statement's text recorded, transactions included. */
const recording = (sql: SqlClient) => {
  const texts: string[] = [];
  const recorded = (session: SqlSession): SqlSession => ({
    query: (text, params) => {
      texts.push(typeof text === 'string' ? text : text.text);
      return session.query(text, params);
    },
    exec: (script) => session.exec(script),
    copyFrom: (statement, rows) => {
      texts.push(statement);
      return session.copyFrom(statement, rows);
    },
  });
  const client: SqlClient = {
    ...recorded(sql),
    withSession: (fn) => sql.withSession((session) => fn(recorded(session))),
    transaction: (fn) => sql.transaction((tx) => fn(recorded(tx))),
  };
  return { client, texts };
};

const touchesPlacements = (text: string) => /"(Application|Deployment)"/.test(text);

describe('writeSpans with remembered applications and deployments', () => {
  const t = useProjectDatabase();
  let db: Database;
  let projectId: string;
  beforeAll(() => {
    ({ db, projectId } = t);
  });

  const placementOf = async (traceId: string) =>
    db.prisma.span.findFirstOrThrow({ where: { projectId, traceId }, select: { applicationId: true, deploymentId: true } });

  it('upserts a service once, then places its later batches in the same rows without asking again', async () => {
    const ids = createPlacementIds();
    const { client, texts } = recording(db.sql);
    const first = hexId(16);
    await writeSpans(client, projectId, [makeSpan({ traceId: first, serviceName: 'known-service' })], ids);
    expect(texts.filter(touchesPlacements).length).toBeGreaterThan(0);

    texts.length = 0;
    const second = hexId(16);
    await writeSpans(client, projectId, [makeSpan({ traceId: second, serviceName: 'known-service' })], ids);
    expect(texts.filter(touchesPlacements)).toEqual([]);
    expect(await placementOf(second)).toEqual(await placementOf(first));

    // A new version of the known service is a new deployment: only that is upserted.
    texts.length = 0;
    const third = hexId(16);
    await writeSpans(
      client,
      projectId,
      [makeSpan({ traceId: third, serviceName: 'known-service', serviceVersion: '2.0.0' })],
      ids,
    );
    expect(texts.filter((text) => text.includes('"Application"'))).toEqual([]);
    expect(texts.filter((text) => text.includes('"Deployment"')).length).toBeGreaterThan(0);
    const placed = await placementOf(third);
    expect(placed.applicationId).toBe((await placementOf(first)).applicationId);
    const deployment = await db.prisma.deployment.findUniqueOrThrow({ where: { id: placed.deploymentId as string } });
    expect(deployment).toMatchObject({ version: '2.0.0', environment: 'production' });
  });

  it('remembers nothing of a batch whose transaction rolled back', async () => {
    const ids = createPlacementIds();
    // numeric(20, 10) holds at most 10 digits before the point: the COPY fails after the upserts.
    const failing = makeSpan({ serviceName: 'rolled-back-service', cost: 1e12 });
    await expect(writeSpans(db.sql, projectId, [failing], ids)).rejects.toThrow();
    expect(ids.applications(projectId, ['rolled-back-service'])).toBeUndefined();
    expect(await db.prisma.application.count({ where: { projectId, name: 'rolled-back-service' } })).toBe(0);

    const traceId = hexId(16);
    await writeSpans(db.sql, projectId, [makeSpan({ traceId, serviceName: 'rolled-back-service' })], ids);
    const application = await db.prisma.application.findFirstOrThrow({ where: { projectId, name: 'rolled-back-service' } });
    expect((await placementOf(traceId)).applicationId).toBe(application.id);
    expect(ids.applications(projectId, ['rolled-back-service'])?.get('rolled-back-service')).toBe(application.id);
    const deploymentId = (await placementOf(traceId)).deploymentId as string;
    expect(
      ids
        .deployments([deploymentKey(application.id, '1.0.0', 'production')])
        ?.get(deploymentKey(application.id, '1.0.0', 'production')),
    ).toBe(deploymentId);
  });

  it('keeps projects apart: the same service name in another project is its own application', async () => {
    const ids = createPlacementIds();
    const org = await db.prisma.organization.create({ data: { name: 'other org' } });
    const other = (await db.prisma.project.create({ data: { name: 'other', organizationId: org.id } })).id;
    await writeSpans(db.sql, projectId, [makeSpan({ serviceName: 'shared-name' })], ids);
    const traceId = hexId(16);
    await writeSpans(db.sql, other, [makeSpan({ traceId, serviceName: 'shared-name' })], ids);
    const stored = await db.prisma.span.findFirstOrThrow({
      where: { projectId: other, traceId },
      select: { applicationId: true },
    });
    const application = await db.prisma.application.findUniqueOrThrow({ where: { id: stored.applicationId } });
    expect(application.projectId).toBe(other);
  });
});
