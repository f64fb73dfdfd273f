import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { collect, wsClient } from './support/graphql-client.js';
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
});
