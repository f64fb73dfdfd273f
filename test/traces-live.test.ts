import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { createKeyVia, createProjectVia, errorCodes } from './support/fixtures.js';
import { collect, gql, wsClient } from './support/graphql-client.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { useTestServer } from './support/test-server.js';

type Event = { tracesIngested: { traceId: string; name: string }[] };

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('live traces', () => {
  const t = useTestServer();

  it('streams trace summaries as exports commit, optionally for one application', async () => {
    const { prisma } = await t.database.open();
    const everything = wsClient(t.server.wsUrl, t.server.adminKey);
    const all = collect<Event>(everything, 'subscription { tracesIngested { traceId name } }', 2);
    await settle();

    const checkout = await recordSpans({ 'service.name': 'checkout' }, [{ name: 'checkout run' }]);
    expect(await exportSpans(t.server.url, t.server.adminKey, 'protobuf', checkout)).toEqual({ ok: true });
    const checkoutApp = await prisma.application.findFirstOrThrow({ where: { name: 'checkout' } });

    const onlyCheckout = wsClient(t.server.wsUrl, t.server.adminKey);
    const filtered = collect<Event>(
      onlyCheckout,
      `subscription { tracesIngested(application: "${encodeGlobalId('Application', checkoutApp.id)}") { traceId name } }`,
      1,
    );
    await settle();
    const search = await recordSpans({ 'service.name': 'search' }, [{ name: 'search run' }]);
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', search)).toEqual({ ok: true });
    const later = await recordSpans({ 'service.name': 'checkout' }, [{ name: 'checkout again' }]);
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', later)).toEqual({ ok: true });

    expect((await all).map((e) => e.tracesIngested.map((trace) => trace.name))).toEqual([['checkout run'], ['search run']]);
    expect((await filtered)[0]?.tracesIngested).toEqual([{ traceId: later[0]?.spanContext().traceId, name: 'checkout again' }]);
    await Promise.all([everything.dispose(), onlyCheckout.dispose()]);
  });

  it('refuses to follow an ID that is not an application, as the trace list does', async () => {
    const deployment = await t.database.open().then(({ prisma }) => prisma.deployment.findFirstOrThrow());
    const notAnApplication = encodeGlobalId('Deployment', deployment.id);
    const list = await gql(
      t.server.url,
      t.server.adminKey,
      'query($app: ID) { traces(filter: { application: $app }) { totalCount } }',
      {
        app: notAnApplication,
      },
    );
    expect(errorCodes(list)).toEqual(['INVALID_INPUT']);

    const client = wsClient(t.server.wsUrl, t.server.adminKey);
    const events = collect<Event>(client, `subscription { tracesIngested(application: "${notAnApplication}") { traceId } }`, 1);
    await expect(events).rejects.toThrow(/"code":"INVALID_INPUT"/);
    await expect(events).rejects.toThrow(/is not the ID of a Application/);
    await client.dispose();
  });

  it("never shows a subscriber another project's traces", async () => {
    const projectB = await createProjectVia(t.server.url, t.server.adminKey, 'live-b');
    const keyB = (await createKeyVia(t.server.url, t.server.adminKey, { project: projectB, role: 'member' })).secret;
    const clientB = wsClient(t.server.wsUrl, keyB);
    // B's first event must be B's own trace: project A's export, committed before it, must not reach B.
    const eventsB = collect<Event>(clientB, 'subscription { tracesIngested { name } }', 1);
    await settle();
    const inA = await recordSpans({ 'service.name': 'checkout' }, [{ name: 'project A run' }]);
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', inA)).toEqual({ ok: true });
    await settle();
    const inB = await recordSpans({ 'service.name': 'checkout' }, [{ name: 'project B run' }]);
    expect(await exportSpans(t.server.url, keyB, 'json', inB)).toEqual({ ok: true });
    expect((await eventsB).map((e) => e.tracesIngested.map((trace) => trace.name))).toEqual([['project B run']]);
    await clientB.dispose();
  });
});
