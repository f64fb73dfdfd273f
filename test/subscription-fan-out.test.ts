import type { Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql, wsClient } from './support/graphql-client.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { useTestServer } from './support/test-server.js';

// Identical subscriptions run once per event on the server and share one serialized result; these
// tests hold that to what every subscriber must still see, through real sockets and a real database.

const CREATE_SCORE = `mutation($input: CreateScoreInput!) {
  createScore(input: $input) { __typename ... on Error { message } }
}`;
const BY_APPLICATION = 'subscription($application: ID) { scoresCreated(application: $application) { name value } }';

type Score = { name: string; value?: number | null };
type Watcher = {
  /** Every delivered event's scores, in arrival order. */
  events: Score[][];
  errors: unknown[];
  names(): string[];
  dispose(): Promise<void>;
};

const waitUntil = async (condition: () => boolean, what: string, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('identical subscriptions share one execution, and nothing else', () => {
  const t = useTestServer();
  const open: Watcher[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((w) => w.dispose()));
  });

  /** One graphql-ws connection per subscriber, as separate dashboards would have. */
  const watch = (key: string, query: string, variables?: Record<string, unknown>): Watcher => {
    const client: Client = wsClient(t.server.wsUrl, key);
    const watcher: Watcher = {
      events: [],
      errors: [],
      names: () => watcher.events.flat().map((score) => score.name),
      dispose: () => client.dispose() as Promise<void>,
    };
    client.subscribe<{ scoresCreated: Score[] }>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) watcher.errors.push(value.errors);
          if (value.data) watcher.events.push(value.data.scoresCreated);
        },
        error: (error) => watcher.errors.push(error),
        complete: () => {},
      },
    );
    open.push(watcher);
    return watcher;
  };

  /** A trace of a fresh application in the key's project; returns the ids the tests need. */
  const traceOf = async (key: string, service: string) => {
    const spans = await recordSpans({ 'service.name': service }, [{ name: `${service} turn` }]);
    expect(await exportSpans(t.server.url, key, 'json', spans)).toEqual({ ok: true });
    const { prisma } = await t.database.open();
    const trace = await prisma.trace.findFirstOrThrow({ where: { name: `${service} turn` } });
    if (!trace.applicationId) throw new Error('the trace should belong to an application');
    return { trace: encodeGlobalId('Trace', trace.id), application: encodeGlobalId('Application', trace.applicationId) };
  };

  const score = async (key: string, trace: string, name: string, value = 0.5) => {
    const res = await gql(t.server.url, key, CREATE_SCORE, { input: { trace, name, value } });
    expect(res.data?.createScore.__typename, JSON.stringify(res)).toBe('ScorePayload');
  };

  /**
   * graphql-ws does not acknowledge a subscription, so scores are created until every watcher has
   * one: from then on each is live, and what it receives afterwards is what the test checks.
   */
  const warmUp = async (key: string, trace: string, watchers: Watcher[], prefix: string) => {
    for (let i = 0; i < 40; i++) {
      const name = `${prefix}warmup-${i}`;
      await score(key, trace, name);
      try {
        await waitUntil(() => watchers.every((w) => w.names().includes(name)), name, 1_000);
        return;
      } catch {
        // Not every subscription was registered yet: try another.
      }
    }
    throw new Error('subscribers never became live');
  };
  const afterWarmUp = (w: Watcher) => w.names().filter((name) => !name.includes('warmup-'));

  it('delivers every event to each of many identical subscribers, in order, in the graphql-ws message format', async () => {
    const { trace, application } = await traceOf(t.server.adminKey, 'fan-out-many');
    const watchers = Array.from({ length: 20 }, () => watch(t.server.adminKey, BY_APPLICATION, { application }));

    // One subscriber speaks the protocol by hand, to see the exact frames the shared path writes.
    const raw = new WebSocket(t.server.wsUrl, 'graphql-transport-ws');
    const frames: { text: string; binary: boolean }[] = [];
    raw.on('message', (data, binary) => {
      const text = data.toString();
      frames.push({ text, binary });
      if (JSON.parse(text).type === 'connection_ack') {
        raw.send(
          JSON.stringify({ id: 'raw "one"', type: 'subscribe', payload: { query: BY_APPLICATION, variables: { application } } }),
        );
      }
    });
    raw.on('open', () =>
      raw.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.server.adminKey}` } })),
    );
    const rawNames = () =>
      frames.flatMap((f) => {
        const message = JSON.parse(f.text);
        return message.type === 'next' ? message.payload.data.scoresCreated.map((s: Score) => s.name) : [];
      });
    const rawWatcher = { names: rawNames } as Watcher;

    await warmUp(t.server.adminKey, trace, [...watchers, rawWatcher], '');
    const expected = ['first', 'second', 'third', 'fourth', 'fifth'];
    for (const [i, name] of expected.entries()) await score(t.server.adminKey, trace, name, i / 10);
    await waitUntil(() => watchers.every((w) => w.names().includes('fifth')) && rawNames().includes('fifth'), 'fifth');

    for (const w of watchers) {
      expect(afterWarmUp(w)).toEqual(expected);
      expect(w.errors).toEqual([]);
    }
    expect(watchers[0]?.events.at(-1)).toEqual([{ name: 'fifth', value: 0.4 }]);
    const last = frames.at(-1);
    expect(last?.binary).toBe(false);
    expect(JSON.parse(last?.text ?? '')).toEqual({
      id: 'raw "one"',
      type: 'next',
      payload: { data: { scoresCreated: [{ name: 'fifth', value: 0.4 }] } },
    });
    raw.close();
  });

  it("never shows one project's events to another's subscribers, even with identical documents and roles", async () => {
    const projectB = await createProjectVia(t.server.url, t.server.adminKey, 'fan-out-b');
    // Same role, neither an organization admin: only the project tells the two scopes apart.
    const keyA = await createKeyVia(t.server.url, t.server.adminKey, { role: 'admin', name: 'a' });
    const keyB = await createKeyVia(t.server.url, t.server.adminKey, { project: projectB, role: 'admin', name: 'b' });
    const inA = await traceOf(keyA.secret, 'fan-out-project-a');
    const inB = await traceOf(keyB.secret, 'fan-out-project-b');
    const ALL = 'subscription { scoresCreated { name } }';
    const watchersA = Array.from({ length: 5 }, () => watch(keyA.secret, ALL));
    const watchersB = Array.from({ length: 5 }, () => watch(keyB.secret, ALL));

    await warmUp(keyA.secret, inA.trace, watchersA, 'a-');
    await warmUp(keyB.secret, inB.trace, watchersB, 'b-');
    for (const i of [1, 2, 3]) {
      await score(keyA.secret, inA.trace, `a-${i}`);
      await score(keyB.secret, inB.trace, `b-${i}`);
    }
    await waitUntil(
      () => watchersA.every((w) => w.names().includes('a-3')) && watchersB.every((w) => w.names().includes('b-3')),
      'the last score of each project',
    );
    for (const w of watchersA) {
      expect(afterWarmUp(w)).toEqual(['a-1', 'a-2', 'a-3']);
      expect(w.names().every((name) => name.startsWith('a-'))).toBe(true);
    }
    for (const w of watchersB) {
      expect(afterWarmUp(w)).toEqual(['b-1', 'b-2', 'b-3']);
      expect(w.names().every((name) => name.startsWith('b-'))).toBe(true);
    }
  });

  it('gives different variables and different selections their own results', async () => {
    const one = await traceOf(t.server.adminKey, 'fan-out-app-one');
    const two = await traceOf(t.server.adminKey, 'fan-out-app-two');
    const key = t.server.adminKey;
    const onOne = [
      watch(key, BY_APPLICATION, { application: one.application }),
      watch(key, BY_APPLICATION, { application: one.application }),
    ];
    const onTwo = watch(key, BY_APPLICATION, { application: two.application });
    const namesOnly = watch(key, 'subscription($application: ID) { scoresCreated(application: $application) { name } }', {
      application: one.application,
    });

    await warmUp(key, one.trace, [...onOne, namesOnly], 'one-');
    await warmUp(key, two.trace, [onTwo], 'two-');
    await score(key, one.trace, 'about_one', 0.75);
    await score(key, two.trace, 'about_two', 0.25);
    await waitUntil(
      () => [...onOne, namesOnly].every((w) => w.names().includes('about_one')) && onTwo.names().includes('about_two'),
      'both scores',
    );
    // Give a wrongly shared result time to arrive before checking that none did.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const real = (w: Watcher) => w.events.filter((scores) => scores.every((s) => !s.name.includes('warmup-')));
    for (const w of onOne) expect(real(w)).toEqual([[{ name: 'about_one', value: 0.75 }]]);
    expect(real(onTwo)).toEqual([[{ name: 'about_two', value: 0.25 }]]);
    expect(real(namesOnly)).toEqual([[{ name: 'about_one' }]]);
  });

  it('never shares between roles: a key too weak for the subscription is refused whoever subscribed first', async () => {
    const { trace } = await traceOf(t.server.adminKey, 'fan-out-roles');
    const viewer = await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' });
    const ingest = await createKeyVia(t.server.url, t.server.adminKey, { role: 'ingest' });
    const ALL = 'subscription { scoresCreated { name } }';
    const refusedFirst = watch(ingest.secret, ALL);
    const viewers = [watch(viewer.secret, ALL), watch(viewer.secret, ALL)];
    const refusedLater = watch(ingest.secret, ALL);

    await warmUp(t.server.adminKey, trace, viewers, 'roles-');
    await score(t.server.adminKey, trace, 'for_viewers');
    await waitUntil(() => viewers.every((w) => w.names().includes('for_viewers')), 'the score');
    await waitUntil(() => refusedFirst.errors.length > 0 && refusedLater.errors.length > 0, 'the refusals');
    for (const w of [refusedFirst, refusedLater]) {
      expect(JSON.stringify(w.errors)).toMatch(/requires the 'viewer' role or stronger; this key has the 'ingest' role/);
      expect(w.events).toEqual([]);
    }
    for (const w of viewers) expect(w.errors).toEqual([]);
  });

  it('keeps the others live when one identical subscriber leaves, and lets a late one join', async () => {
    const { trace, application } = await traceOf(t.server.adminKey, 'fan-out-churn');
    const key = t.server.adminKey;
    const [leaving, staying] = [watch(key, BY_APPLICATION, { application }), watch(key, BY_APPLICATION, { application })];
    if (!leaving || !staying) throw new Error('two watchers');
    await warmUp(key, trace, [leaving, staying], 'churn-');
    await leaving.dispose();
    await score(key, trace, 'after_leaving');
    await waitUntil(() => staying.names().includes('after_leaving'), 'the score after one left');

    const late = watch(key, BY_APPLICATION, { application });
    await warmUp(key, trace, [late], 'late-');
    await score(key, trace, 'after_joining');
    await waitUntil(() => staying.names().includes('after_joining') && late.names().includes('after_joining'), 'the last score');
    expect(afterWarmUp(staying)).toEqual(['after_leaving', 'after_joining']);
    expect(afterWarmUp(late)).toEqual(['after_joining']);
    expect(leaving.names()).not.toContain('after_leaving');

    // Everyone leaves; a new subscriber starts the shared stream afresh.
    await Promise.all([staying.dispose(), late.dispose()]);
    const fresh = watch(key, BY_APPLICATION, { application });
    await warmUp(key, trace, [fresh], 'fresh-');
    await score(key, trace, 'to_the_fresh_one');
    await waitUntil(() => fresh.names().includes('to_the_fresh_one'), 'the fresh subscriber');
  });
});
