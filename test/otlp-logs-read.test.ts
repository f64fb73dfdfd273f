import { SeverityNumber } from '@opentelemetry/api-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyVia, createProjectVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { exportLogs, type LogSpec, recordLogs } from './support/otlp-logs-sdk.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { useTestServer } from './support/test-server.js';

const checkout = { 'service.name': 'checkout', 'service.version': '2.0.0' };
const search = { 'service.name': 'search' };

const LOG_FIELDS = `id timestamp severityNumber severityText body eventName traceId spanId application { name }
  attributes resourceAttributes`;

type LogNode = {
  id: string;
  timestamp: string;
  severityNumber: number | null;
  severityText: string | null;
  body: string | null;
  eventName: string | null;
  traceId: string | null;
  spanId: string | null;
  application: { name: string } | null;
  attributes: Record<string, unknown>;
  resourceAttributes: Record<string, unknown>;
};

const recordOne = async (resource: Record<string, string>, name: string) => {
  const [span] = await recordSpans(resource, [{ name }]);
  if (!span) throw new Error('no span recorded');
  return span;
};

describe('reading OTLP log records', () => {
  const t = useTestServer();
  // Whole seconds in the past, one apart, so the expected order never depends on a tie.
  const base = Math.floor(Date.now() / 1000) * 1000 - 600_000;
  const at = (second: number) => new Date(base + second * 1000);
  let pay: ReadableSpan;
  let find: ReadableSpan;
  let keyB: string;

  const query = (q: string, variables?: Record<string, unknown>, key = t.server.adminKey) => gql(t.server.url, key, q, variables);

  /** The bodies `logs(filter)` returns, in its order. */
  const bodies = async (filter: Record<string, unknown>, key = t.server.adminKey) => {
    const res = await query(
      `query($filter: LogFilter) { logs(filter: $filter, first: 100) { totalCount edges { node { body } } } }`,
      { filter },
      key,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const edges = (res.data?.logs.edges ?? []) as { node: { body: string } }[];
    expect(res.data?.logs.totalCount).toBe(edges.length);
    return edges.map((edge) => edge.node.body);
  };

  beforeAll(async () => {
    pay = await recordOne(checkout, 'pay');
    find = await recordOne(search, 'find');
    expect(await exportSpans(t.server.url, t.server.adminKey, 'protobuf', [pay])).toEqual({ ok: true });
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', [find])).toEqual({ ok: true });

    const checkoutLogs: LogSpec[] = [
      { timestamp: at(0), severityNumber: SeverityNumber.DEBUG, severityText: 'DEBUG', body: 'cache warmed' },
      {
        span: pay,
        timestamp: at(1),
        severityNumber: SeverityNumber.INFO,
        severityText: 'INFO',
        body: 'charging card',
        attributes: { 'order.id': 42 },
      },
      { span: pay, timestamp: at(2), eventName: 'gen_ai.user.message', body: { content: 'Refund my order' } },
      {
        span: pay,
        timestamp: at(3),
        severityNumber: SeverityNumber.ERROR,
        severityText: 'ERROR',
        body: 'Payment PROVIDER timed out',
      },
    ];
    const searchLogs: LogSpec[] = [
      { span: find, timestamp: at(4), severityNumber: SeverityNumber.WARN, severityText: 'WARN', body: 'retrying 50%_off query' },
      { span: find, timestamp: at(5), severityNumber: SeverityNumber.FATAL, severityText: 'FATAL', body: 'index gone' },
    ];
    // Both encodings of the real exporter, as SDKs send them.
    expect(await exportLogs(t.server.url, t.server.adminKey, 'protobuf', await recordLogs(checkout, checkoutLogs))).toEqual({
      ok: true,
    });
    expect(await exportLogs(t.server.url, t.server.adminKey, 'json', await recordLogs(search, searchLogs))).toEqual({ ok: true });

    const projectB = await createProjectVia(t.server.url, t.server.adminKey, 'project b');
    keyB = (await createKeyVia(t.server.url, t.server.adminKey, { project: projectB, role: 'admin' })).secret;
    const foreign = await recordLogs(checkout, [
      { timestamp: at(6), severityNumber: SeverityNumber.ERROR, body: 'foreign timeout' },
    ]);
    expect(await exportLogs(t.server.url, keyB, 'json', foreign)).toEqual({ ok: true });
  });

  it('lists every field of the records, newest first, and serves each as a node', async () => {
    const res = await query(`{ logs { totalCount edges { node { ${LOG_FIELDS} } } } }`);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const nodes = ((res.data?.logs.edges ?? []) as { node: LogNode }[]).map((edge) => edge.node);
    expect(res.data?.logs.totalCount).toBe(6);
    expect(nodes.map((node) => node.body)).toEqual([
      'index gone',
      'retrying 50%_off query',
      'Payment PROVIDER timed out',
      '{"content":"Refund my order"}',
      'charging card',
      'cache warmed',
    ]);
    const charging = nodes.find((node) => node.body === 'charging card');
    expect(charging).toMatchObject({
      timestamp: at(1).toISOString(),
      severityNumber: 9,
      severityText: 'INFO',
      eventName: null,
      traceId: pay.spanContext().traceId,
      spanId: pay.spanContext().spanId,
      application: { name: 'checkout' },
      attributes: { 'order.id': 42 },
      resourceAttributes: { 'service.name': 'checkout', 'service.version': '2.0.0' },
    });
    expect(nodes.find((node) => node.eventName === 'gen_ai.user.message')).toMatchObject({ severityNumber: null });
    expect(nodes.at(-1)).toMatchObject({ traceId: null, spanId: null, application: { name: 'checkout' } });

    const byNode = await query('query($id: ID!) { node(id: $id) { __typename ... on LogRecord { body } } }', {
      id: charging?.id,
    });
    expect(byNode.data?.node).toEqual({ __typename: 'LogRecord', body: 'charging card' });
  });

  it('filters by each field', async () => {
    const apps = await query('{ applications { edges { node { id name } } } }');
    const appId = (name: string) =>
      ((apps.data?.applications.edges ?? []) as { node: { id: string; name: string } }[]).find((e) => e.node.name === name)?.node
        .id;
    const payTrace = pay.spanContext().traceId;

    expect(await bodies({ application: appId('search') })).toEqual(['index gone', 'retrying 50%_off query']);
    expect(await bodies({ traceId: payTrace.toUpperCase() })).toEqual([
      'Payment PROVIDER timed out',
      '{"content":"Refund my order"}',
      'charging card',
    ]);
    expect(await bodies({ spanId: find.spanContext().spanId })).toEqual(['index gone', 'retrying 50%_off query']);
    expect(await bodies({ from: at(1).toISOString(), to: at(3).toISOString() })).toEqual([
      '{"content":"Refund my order"}',
      'charging card',
    ]);
    expect(await bodies({ minSeverity: SeverityNumber.WARN })).toEqual([
      'index gone',
      'retrying 50%_off query',
      'Payment PROVIDER timed out',
    ]);
    expect(await bodies({ severityText: 'ERROR' })).toEqual(['Payment PROVIDER timed out']);
    expect(await bodies({ eventName: 'gen_ai.user.message' })).toEqual(['{"content":"Refund my order"}']);
    expect(await bodies({ eventName: 'gen_ai.user' })).toEqual([]);
    expect(await bodies({ text: 'provider TIMED' })).toEqual(['Payment PROVIDER timed out']);
    // Pattern characters mean themselves.
    expect(await bodies({ text: '50%_off' })).toEqual(['retrying 50%_off query']);
    expect(await bodies({ text: '5_%' })).toEqual([]);
    expect(await bodies({ application: appId('checkout'), minSeverity: SeverityNumber.INFO })).toEqual([
      'Payment PROVIDER timed out',
      'charging card',
    ]);
  });

  it('pages forward with stable cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const res = await query(
        'query($after: String) { logs(first: 4, after: $after) { pageInfo { hasNextPage endCursor } edges { node { body } } } }',
        { after },
      );
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      seen.push(...((res.data?.logs.edges ?? []) as { node: { body: string } }[]).map((edge) => edge.node.body));
      if (!res.data?.logs.pageInfo.hasNextPage) break;
      after = res.data.logs.pageInfo.endCursor;
    }
    expect(seen).toEqual(await bodies({}));
  });

  it("shows a trace's logs in time order, paged, also for a page of traces", async () => {
    const TRACE_LOGS = `query($id: String!, $after: String) { trace(traceId: $id) {
      logs(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { body eventName } } } } }`;
    const first = await query(TRACE_LOGS, { id: pay.spanContext().traceId });
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    const logs = first.data?.trace.logs;
    expect(logs.totalCount).toBe(3);
    expect(logs.edges.map((edge: { node: { body: string } }) => edge.node.body)).toEqual([
      'charging card',
      '{"content":"Refund my order"}',
    ]);
    expect(logs.pageInfo.hasNextPage).toBe(true);
    const rest = await query(TRACE_LOGS, { id: pay.spanContext().traceId, after: logs.pageInfo.endCursor });
    expect(rest.data?.trace.logs).toMatchObject({
      pageInfo: { hasNextPage: false },
      edges: [{ node: { body: 'Payment PROVIDER timed out', eventName: null } }],
    });

    const list = await query('{ traces { edges { node { traceId logs { totalCount edges { node { body traceId } } } } } } }');
    expect(list.errors, JSON.stringify(list.errors)).toBeUndefined();
    type TraceWithLogs = { traceId: string; logs: { totalCount: number; edges: { node: { body: string } }[] } };
    const byTrace = Object.fromEntries(
      ((list.data?.traces.edges ?? []) as { node: TraceWithLogs }[]).map((edge) => [
        edge.node.traceId,
        { count: edge.node.logs.totalCount, bodies: edge.node.logs.edges.map((e) => e.node.body) },
      ]),
    );
    expect(byTrace).toEqual({
      [pay.spanContext().traceId]: {
        count: 3,
        bodies: ['charging card', '{"content":"Refund my order"}', 'Payment PROVIDER timed out'],
      },
      [find.spanContext().traceId]: { count: 2, bodies: ['retrying 50%_off query', 'index gone'] },
    });
  });

  it("keeps each project's logs to itself", async () => {
    expect(await bodies({}, keyB)).toEqual(['foreign timeout']);
    expect(await bodies({ traceId: pay.spanContext().traceId }, keyB)).toEqual([]);
    expect(await bodies({ text: 'timeout' })).toEqual([]);
    expect(await bodies({ text: 'timed out' })).toEqual(['Payment PROVIDER timed out']);
    const own = await query('{ logs(first: 1) { edges { node { id } } } }');
    const foreignNode = await query('query($id: ID!) { node(id: $id) { id } }', { id: own.data?.logs.edges[0].node.id }, keyB);
    expect(foreignNode.errors).toBeUndefined();
    expect(foreignNode.data?.node).toBeNull();
  });

  it('refuses bad input with INVALID_INPUT and says why', async () => {
    const bad = async (variables: Record<string, unknown>) => {
      const res = await query(
        'query($filter: LogFilter, $first: Int, $after: String) { logs(filter: $filter, first: $first, after: $after) { edges { cursor } } }',
        variables,
      );
      return { codes: errorCodes(res), issues: res.errors?.[0]?.extensions?.issues };
    };
    expect(await bad({ filter: { from: at(3).toISOString(), to: at(1).toISOString() } })).toEqual({
      codes: ['INVALID_INPUT'],
      issues: [{ path: 'filter.from', message: '`from` must be before `to`' }],
    });
    expect(await bad({ filter: { traceId: 'xyz' } })).toEqual({
      codes: ['INVALID_INPUT'],
      issues: [{ path: 'filter.traceId', message: 'must be 32 hex digits' }],
    });
    expect(await bad({ filter: { spanId: 'g'.repeat(16) } })).toEqual({
      codes: ['INVALID_INPUT'],
      issues: [{ path: 'filter.spanId', message: 'must be 16 hex digits' }],
    });
    expect((await bad({ filter: { minSeverity: 0 } })).codes).toEqual(['INVALID_INPUT']);
    expect((await bad({ first: 101 })).codes).toEqual(['INVALID_INPUT']);
    expect((await bad({ first: -1 })).codes).toEqual(['INVALID_INPUT']);
    expect((await bad({ after: 'not-a-cursor' })).codes).toEqual(['INVALID_INPUT']);
    const trace = await query('query($id: String!) { trace(traceId: $id) { id } }', { id: pay.spanContext().traceId });
    expect(await bad({ filter: { application: trace.data?.trace.id } })).toEqual({
      codes: ['INVALID_INPUT'],
      issues: [{ path: 'filter.application', message: 'is not the ID of a Application' }],
    });

    // A cursor of the project's list is not a position in a trace's, nor the other way round.
    const listCursor = (await query('{ logs(first: 1) { pageInfo { endCursor } } }')).data?.logs.pageInfo.endCursor;
    const traceLogs = await query(
      'query($id: String!, $after: String) { trace(traceId: $id) { logs(first: 1, after: $after) { pageInfo { endCursor } } } }',
      { id: pay.spanContext().traceId, after: listCursor },
    );
    expect(errorCodes(traceLogs)).toEqual(['INVALID_INPUT']);
    const traceCursor = (
      await query('query($id: String!) { trace(traceId: $id) { logs(first: 1) { pageInfo { endCursor } } } }', {
        id: pay.spanContext().traceId,
      })
    ).data?.trace.logs.pageInfo.endCursor;
    expect((await bad({ after: traceCursor })).codes).toEqual(['INVALID_INPUT']);
  });
});
