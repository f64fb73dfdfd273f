import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { decodeGlobalId, encodeGlobalId } from '../server/src/graphql/global-id.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { makeSpan } from '../test/support/span-factory.js';
import { openBenchDatabase } from './support/bench-database.js';
import { startCpuProfile } from './support/cpu-profile.js';
import { summarizeLatencies } from './support/latency-summary.js';
import { currentLoad, machineLoad } from './support/machine-load.js';
import { startBenchServer } from './support/start-bench-server.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const EVENTS = 30;
const WARMUP_EVENTS = 3;
// Events are spaced so each is measured alone: this is delivery latency, not a throughput test.
const GAP_MS = 150;
const CONNECT_BATCH = 50;
const EVENT_TIMEOUT_MS = 30_000;
const GOAL_P99_MS = 100;

const SUBSCRIPTION = `subscription($application: ID) {
  scoresCreated(application: $application) { id name value source comment createdAt }
}`;
const CREATE_SCORE = `mutation($input: CreateScoreInput!) {
  createScore(input: $input) { __typename ... on ScorePayload { score { id } } ... on Error { message } }
}`;

/** graphql-ws reports an Error, a list of GraphQL errors or the socket's CloseEvent. */
const describeError = (error: unknown) => {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'code' in error) {
    const { code, reason } = error as { code: number; reason?: string };
    return `socket closed ${code} ${reason ?? ''}`.trim();
  }
  return JSON.stringify(error).slice(0, 300);
};

type Delivered = { id: string; name: string; value: number | null }[];

/**
 * Score events to 1,000 graphql-ws subscribers, one WebSocket each (what 1,000 open dashboards
 * are), all watching `scoresCreated` of one application. Each event is a human score created
 * through the createScore mutation (the real path: validate, commit, publish after commit), and
 * its latency per subscriber runs from sending the mutation to that subscriber receiving the score.
 */
export const run = async (): Promise<Record<string, unknown>> => {
  const bench = await openBenchDatabase();
  const clients: Client[] = [];
  try {
    const server = await startBenchServer(bench.database);
    try {
      const { prisma, sql } = bench.database;
      const start = new Date();
      await writeSpans(sql, server.projectId, [
        makeSpan({ serviceName: 'watched-agent', startTime: start, endTime: new Date(start.getTime() + 100), output: 'hi' }),
      ]);
      const trace = await prisma.trace.findFirstOrThrow({ where: { projectId: server.projectId } });
      if (!trace.applicationId) throw new Error('the ingested trace should belong to an application');
      const application = encodeGlobalId('Application', trace.applicationId);
      const traceGlobalId = encodeGlobalId('Trace', trace.id);
      const wsUrl = `${server.url.replace(/^http/, 'ws')}/graphql`;

      // sent[name] = when the mutation creating the score named `name` was sent; published[id] =
      // when the server published the event of score `id` (after its commit).
      const sent = new Map<string, number>();
      const published = new Map<string, number>();
      const { pubsub } = server;
      type Publish = (topic: string, ...rest: unknown[]) => void;
      const publish = pubsub.publish.bind(pubsub) as Publish;
      (pubsub as unknown as { publish: Publish }).publish = (topic, ...rest) => {
        const payload = rest[1] as { scoreIds?: string[] };
        if (topic === 'scoresCreated') for (const id of payload.scoreIds ?? []) published.set(id, performance.now());
        publish(topic, ...rest);
      };
      const latencies: number[] = [];
      const endToEnd: number[] = [];
      const received = new Map<string, number>();
      const errors: string[] = [];
      let onDelivery: (() => void) | null = null;
      const subscribe = (client: Client) =>
        client.subscribe<{ scoresCreated: Delivered }>(
          { query: SUBSCRIPTION, variables: { application } },
          {
            next: (value) => {
              const now = performance.now();
              if (value.errors) errors.push(JSON.stringify(value.errors).slice(0, 300));
              for (const score of value.data?.scoresCreated ?? []) {
                const at = sent.get(score.name);
                if (at === undefined) continue;
                if (score.name.startsWith('measured-')) {
                  endToEnd.push(now - at);
                  latencies.push(now - (published.get(decodeGlobalId(score.id).id) ?? Number.NaN));
                }
                received.set(score.name, (received.get(score.name) ?? 0) + 1);
              }
              onDelivery?.();
            },
            error: (error) => errors.push(describeError(error)),
            complete: () => {},
          },
        );

      const connectBegan = performance.now();
      for (let i = 0; i < SUBSCRIBERS; i += CONNECT_BATCH) {
        const batch = Array.from({ length: Math.min(CONNECT_BATCH, SUBSCRIBERS - i) }, () => {
          let connected: () => void = () => {};
          const ready = new Promise<void>((resolve) => {
            connected = resolve;
          });
          const client = createClient({
            url: wsUrl,
            webSocketImpl: WebSocket,
            connectionParams: { authorization: `Bearer ${server.apiKey}` },
            retryAttempts: 0,
            lazy: true,
            on: { connected: () => connected() },
          });
          clients.push(client);
          subscribe(client);
          return ready;
        });
        await Promise.all(batch);
      }
      const connectMs = performance.now() - connectBegan;

      const createScore = async (name: string, value: number) => {
        sent.set(name, performance.now());
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
          body: JSON.stringify({ query: CREATE_SCORE, variables: { input: { trace: traceGlobalId, name, value } } }),
        });
        const body = (await response.json()) as { data?: { createScore?: { __typename: string; message?: string } } };
        if (body.data?.createScore?.__typename !== 'ScorePayload') throw new Error(`createScore failed: ${JSON.stringify(body)}`);
        return performance.now() - (sent.get(name) ?? 0);
      };
      /** Resolves once every subscriber has the score, or rejects after the timeout. */
      const allReceived = (name: string) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            onDelivery = null;
            reject(
              new Error(`${name}: ${received.get(name) ?? 0}/${SUBSCRIBERS} subscribers got it; errors: ${errors[0] ?? 'none'}`),
            );
          }, EVENT_TIMEOUT_MS);
          const check = () => {
            if ((received.get(name) ?? 0) < SUBSCRIBERS) return;
            clearTimeout(timer);
            onDelivery = null;
            resolve();
          };
          onDelivery = check;
          check();
        });

      // Warm-up events also prove that every subscription is live: graphql-ws does not acknowledge one.
      for (let i = 0; i < WARMUP_EVENTS; i++) {
        const name = `warmup-${i}`;
        const delivered = allReceived(name);
        await createScore(name, i);
        await delivered;
      }
      const loadBefore = currentLoad();
      const mutationMs: number[] = [];
      const spreadMs: number[] = [];
      const profile = await startCpuProfile('score-subscription');
      const cpuBefore = process.cpuUsage();
      const began = performance.now();
      for (let i = 0; i < EVENTS; i++) {
        const name = `measured-${i}`;
        const first = latencies.length;
        const delivered = allReceived(name);
        mutationMs.push(await createScore(name, i));
        await delivered;
        const these = latencies.slice(first);
        spreadMs.push(Math.max(...these) - Math.min(...these));
        await new Promise((resolve) => setTimeout(resolve, GAP_MS));
      }
      const elapsedMs = performance.now() - began;
      const cpu = process.cpuUsage(cpuBefore);
      const profilePath = await profile.stop();
      const expected = SUBSCRIBERS * EVENTS;
      const summary = summarizeLatencies(latencies);
      return {
        database: bench.kind,
        pubsub: 'in-process',
        subscribers: SUBSCRIBERS,
        connections: SUBSCRIBERS,
        events: EVENTS,
        expectedDeliveries: expected,
        delivered: latencies.length,
        errors: errors.length,
        ...(errors[0] ? { firstError: errors[0] } : {}),
        connectMs: Math.round(connectMs),
        durationMs: Math.round(elapsedMs),
        // From the server publishing the event (after commit) to a subscriber having the score, over
        // every (event, subscriber): what the goal is about.
        deliveryLatency: summary,
        // From sending createScore to a subscriber having the score.
        endToEndLatency: summarizeLatencies(endToEnd),
        // The mutation alone (commit, publish, answer), for subtracting.
        mutationLatency: summarizeLatencies(mutationMs),
        // Per event: the last subscriber's latency minus the first's (fan-out cost).
        fanOutSpread: summarizeLatencies(spreadMs),
        goalP99Ms: GOAL_P99_MS,
        // This process's CPU (server, database when embedded, and the 1,000 clients) per delivery:
        // what bounds latency once the machine is busy, as the fan-out is CPU work.
        cpuMsPerDelivery: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length)).toFixed(3)),
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
        machine: machineLoad(loadBefore),
        ...(profilePath ? { cpuProfile: profilePath } : {}),
      };
    } finally {
      await Promise.allSettled(clients.map((client) => client.dispose()));
      await server.stop();
    }
  } finally {
    await bench.dispose();
  }
};
