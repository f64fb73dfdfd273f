import { decodeGlobalId, encodeGlobalId } from '../server/src/graphql/global-id.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { makeSpan } from '../test/support/span-factory.js';
import { openBenchDatabase } from './support/bench-database.js';
import { startCpuProfile } from './support/cpu-profile.js';
import { summarizeLatencies } from './support/latency-summary.js';
import { currentLoad, machineLoad } from './support/machine-load.js';
import { startBenchServer } from './support/start-bench-server.js';
import { type Delivery, startSubscriberPool } from './support/subscriber-pool.js';

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

/**
 * Score events to 1,000 graphql-ws subscribers, one WebSocket each (what 1,000 open dashboards
 * are), all watching `scoresCreated` of one application. Each event is a human score created
 * through the createScore mutation (the real path: validate, commit, publish after commit), and
 * its latency per subscriber runs from sending the mutation to that subscriber receiving the score.
 */
export const run = async (): Promise<Record<string, unknown>> => {
  const bench = await openBenchDatabase();
  let closePool: (() => Promise<void>) | null = null;
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
      // One clock for both threads (see subscriber-pool.ts).
      const now = () => performance.timeOrigin + performance.now();

      // sent[name] = when the mutation creating the score named `name` was sent; published[id] =
      // when the server published the event of score `id` (after its commit).
      const sent = new Map<string, number>();
      const published = new Map<string, number>();
      const { pubsub } = server;
      type Publish = (topic: string, ...rest: unknown[]) => void;
      const publish = pubsub.publish.bind(pubsub) as Publish;
      (pubsub as unknown as { publish: Publish }).publish = (topic, ...rest) => {
        const payload = rest[1] as { scoreIds?: string[] };
        if (topic === 'scoresCreated') for (const id of payload.scoreIds ?? []) published.set(id, now());
        publish(topic, ...rest);
      };
      const latencies: number[] = [];
      const endToEnd: number[] = [];
      const received = new Map<string, number>();
      let onDelivery: (() => void) | null = null;
      const record = (deliveries: Delivery[]) => {
        for (const { name, id, at } of deliveries) {
          const sentAt = sent.get(name);
          if (sentAt === undefined) continue;
          if (name.startsWith('measured-')) {
            endToEnd.push(at - sentAt);
            latencies.push(at - (published.get(decodeGlobalId(id).id) ?? Number.NaN));
          }
          received.set(name, (received.get(name) ?? 0) + 1);
        }
        onDelivery?.();
      };
      const pool = await startSubscriberPool(
        {
          wsUrl,
          apiKey: server.apiKey,
          query: SUBSCRIPTION,
          variables: { application },
          subscribers: SUBSCRIBERS,
          connectBatch: CONNECT_BATCH,
        },
        record,
      );
      closePool = pool.close;
      const { errors, connectMs } = pool;

      const createScore = async (name: string, value: number) => {
        sent.set(name, now());
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
          body: JSON.stringify({ query: CREATE_SCORE, variables: { input: { trace: traceGlobalId, name, value } } }),
        });
        const body = (await response.json()) as { data?: { createScore?: { __typename: string; message?: string } } };
        if (body.data?.createScore?.__typename !== 'ScorePayload') throw new Error(`createScore failed: ${JSON.stringify(body)}`);
        return now() - (sent.get(name) ?? 0);
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
        // Since the clients moved off the server's event loop; earlier numbers included their parsing.
        clients: 'worker thread',
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
        // This process's CPU (server, database when embedded, and the clients' thread) per delivery:
        // what bounds latency once the machine is busy, as the fan-out is CPU work.
        cpuMsPerDelivery: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length)).toFixed(3)),
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
        machine: machineLoad(loadBefore),
        ...(profilePath ? { cpuProfile: profilePath } : {}),
      };
    } finally {
      await closePool?.();
      await server.stop();
    }
  } finally {
    await bench.dispose();
  }
};
