import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { makeSpan } from './support/span-factory.js';
import { useTestServer } from './support/test-server.js';

const QUERY = `query($app: ID!, $from: DateTime, $to: DateTime, $limit: Int) {
  unmappedAttributes(application: $app, from: $from, to: $to, limit: $limit) { key spanCount lastSeen sampleTraceId sampleSpanId } }`;

describe('unmapped attributes report', () => {
  const t = useTestServer();
  const from = '2026-11-21T00:00:00Z';
  const to = '2026-11-22T00:00:00Z';

  it('lists the keys no mapper understood, per application, most frequent first', async () => {
    const { prisma, sql } = await t.database.open();
    const project = await prisma.project.findFirstOrThrow({ where: { name: 'default' } });
    const first = makeSpan({ unmappedAttributes: ['acme.prompt', 'acme.model'], startTime: new Date('2026-11-21T10:00:00Z') });
    const latest = makeSpan({ unmappedAttributes: ['acme.prompt'], startTime: new Date('2026-11-21T11:00:00Z') });
    const otherApp = makeSpan({ serviceName: 'other', unmappedAttributes: ['other.key'] });
    await writeSpans(sql, project.id, [first, latest, otherApp]);
    const app = await prisma.application.findFirstOrThrow({ where: { projectId: project.id, name: 'checkout-agent' } });

    const res = await gql(t.server.url, t.server.adminKey, QUERY, { app: encodeGlobalId('Application', app.id), from, to });
    expect(res.data?.unmappedAttributes).toEqual([
      {
        key: 'acme.prompt',
        spanCount: 2,
        lastSeen: '2026-11-21T11:00:00.000Z',
        sampleTraceId: latest.traceId,
        sampleSpanId: latest.spanId,
      },
      {
        key: 'acme.model',
        spanCount: 1,
        lastSeen: '2026-11-21T10:00:00.000Z',
        sampleTraceId: first.traceId,
        sampleSpanId: first.spanId,
      },
    ]);

    const limited = await gql(t.server.url, t.server.adminKey, QUERY, {
      app: encodeGlobalId('Application', app.id),
      from,
      to,
      limit: 1,
    });
    expect(limited.data?.unmappedAttributes).toHaveLength(1);
    const bad = await gql(t.server.url, t.server.adminKey, QUERY, {
      app: encodeGlobalId('Application', app.id),
      from: to,
      to: from,
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');

    const projectB = await createProjectVia(t.server.url, t.server.adminKey, 'b');
    const keyB = await createKeyVia(t.server.url, t.server.adminKey, { project: projectB, role: 'viewer' });
    const foreign = await gql(t.server.url, keyB.secret, QUERY, { app: encodeGlobalId('Application', app.id), from, to });
    expect(foreign.data?.unmappedAttributes).toEqual([]);
  });
});
