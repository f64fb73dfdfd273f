import { describe, expect, it } from 'vitest';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { makeSpan } from './support/span-factory.js';
import { useTestServer } from './support/test-server.js';

const CREATE = `mutation($input: CreateModelPriceInput!) { createModelPrice(input: $input) {
  __typename ... on ModelPricePayload { modelPrice { id modelPattern inputPerMillion outputPerMillion cachedInputPerMillion builtIn } }
  ... on InvalidInputError { issues { path message } } } }`;
const UPDATE = `mutation($input: UpdateModelPriceInput!) { updateModelPrice(input: $input) {
  __typename ... on ModelPricePayload { modelPrice { inputPerMillion cachedInputPerMillion } } ... on Error { code message } } }`;
const LIST = `query($builtIn: Boolean) { modelPrices(includeBuiltIn: $builtIn, first: 100) {
  totalCount edges { node { id modelPattern inputPerMillion builtIn } } } }`;

describe('model prices', () => {
  const t = useTestServer();

  it('ships built-in prices that nobody can edit', async () => {
    const all = await gql(t.server.url, t.server.adminKey, LIST);
    const builtIn = all.data?.modelPrices.edges.map((e: { node: { builtIn: boolean } }) => e.node);
    expect(builtIn.length).toBeGreaterThan(10);
    expect(builtIn.every((p: { builtIn: boolean }) => p.builtIn)).toBe(true);
    const edit = await gql(t.server.url, t.server.adminKey, UPDATE, { input: { id: builtIn[0].id, inputPerMillion: 0 } });
    expect(edit.data?.updateModelPrice).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
  });

  it('lets members add, change and delete their project prices, validated and audited', async () => {
    const created = await gql(t.server.url, t.server.adminKey, CREATE, {
      input: { modelPattern: '^acme-llm$', inputPerMillion: 1, outputPerMillion: 2, effectiveFrom: '2020-01-01T00:00:00Z' },
    });
    const price = created.data?.createModelPrice.modelPrice;
    expect(price).toMatchObject({
      modelPattern: '^acme-llm$',
      inputPerMillion: 1,
      outputPerMillion: 2,
      cachedInputPerMillion: null,
      builtIn: false,
    });

    const changed = await gql(t.server.url, t.server.adminKey, UPDATE, {
      input: { id: price.id, inputPerMillion: 3, cachedInputPerMillion: 0.5 },
    });
    expect(changed.data?.updateModelPrice.modelPrice).toEqual({ inputPerMillion: 3, cachedInputPerMillion: 0.5 });
    const own = await gql(t.server.url, t.server.adminKey, LIST, { builtIn: false });
    expect(own.data?.modelPrices.totalCount).toBe(1);

    const invalid = await gql(t.server.url, t.server.adminKey, CREATE, {
      input: { modelPattern: '(unclosed', inputPerMillion: -1, outputPerMillion: 1 },
    });
    expect(invalid.data?.createModelPrice.issues.map((i: { path: string }) => i.path)).toEqual([
      'modelPattern',
      'inputPerMillion',
    ]);

    // Run on the server's event loop against model names senders choose: exponential backtracking is refused.
    const catastrophic = await gql(t.server.url, t.server.adminKey, CREATE, {
      input: { modelPattern: '^(a+)+$', inputPerMillion: 1, outputPerMillion: 1 },
    });
    expect(catastrophic.data?.createModelPrice.issues).toEqual([
      { path: 'modelPattern', message: expect.stringContaining('must not repeat a group that itself repeats') },
    ]);

    const viewer = await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' });
    const forbidden = await gql(t.server.url, viewer.secret, CREATE, {
      input: { modelPattern: 'x', inputPerMillion: 1, outputPerMillion: 1 },
    });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const otherProject = await createProjectVia(t.server.url, t.server.adminKey, 'other');
    const otherKey = await createKeyVia(t.server.url, t.server.adminKey, { project: otherProject, role: 'admin' });
    const foreign = await gql(t.server.url, otherKey.secret, UPDATE, { input: { id: price.id, inputPerMillion: 9 } });
    expect(foreign.data?.updateModelPrice.__typename).toBe('NotFoundError');

    const deleted = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation($id: ID!) { deleteModelPrice(input: { id: $id }) { __typename } }',
      { id: price.id },
    );
    expect(deleted.data?.deleteModelPrice.__typename).toBe('DeleteModelPricePayload');
    const audit = await gql(
      t.server.url,
      t.server.adminKey,
      '{ auditLog(filter: { entityType: "ModelPrice" }) { edges { node { action } } } }',
    );
    expect(audit.data?.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual([
      'modelPrice.delete',
      'modelPrice.update',
      'modelPrice.create',
    ]);
  });

  it('re-prices stored model calls and their traces after a price change', async () => {
    const { prisma, sql } = await t.database.open();
    const project = await prisma.project.findFirstOrThrow({ where: { name: 'default' } });
    const at = new Date('2026-11-21T10:00:00Z');
    const call = makeSpan({
      kind: 'LLM',
      model: 'house-model',
      inputTokens: 1_000_000,
      outputTokens: 500_000,
      startTime: at,
      endTime: at,
    });
    await writeSpans(sql, project.id, [call, makeSpan({ kind: 'TOOL', startTime: at, endTime: at })]);

    await gql(t.server.url, t.server.adminKey, CREATE, {
      input: { modelPattern: '^house-model$', inputPerMillion: 2, outputPerMillion: 4, effectiveFrom: '2026-01-01T00:00:00Z' },
    });
    const recompute = await gql(
      t.server.url,
      t.server.adminKey,
      `mutation($from: DateTime!, $to: DateTime!) { recomputeCosts(input: { from: $from, to: $to }) {
        __typename ... on RecomputeCostsPayload { spansExamined spansChanged tracesRefreshed } } }`,
      { from: '2026-11-21T00:00:00Z', to: '2026-11-22T00:00:00Z' },
    );
    expect(recompute.data?.recomputeCosts).toEqual({
      __typename: 'RecomputeCostsPayload',
      spansExamined: 1,
      spansChanged: 1,
      tracesRefreshed: 1,
    });
    const trace = await prisma.trace.findFirstOrThrow({ where: { projectId: project.id, traceId: call.traceId } });
    expect(Number(trace.cost)).toBeCloseTo(2 + 2, 10);
    const again = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation { recomputeCosts(input: { from: "2026-11-21T00:00:00Z", to: "2026-11-22T00:00:00Z" }) { ... on RecomputeCostsPayload { spansChanged } } }',
    );
    expect(again.data?.recomputeCosts.spansChanged).toBe(0);
  });

  it('applies a price added without a start to calls stored before it, the last added winning', async () => {
    const { prisma, sql } = await t.database.open();
    const project = await prisma.project.findFirstOrThrow({ where: { name: 'default' } });
    const anHourAgo = new Date(Date.now() - 3_600_000);
    const call = makeSpan({
      kind: 'LLM',
      model: 'late-priced-model',
      inputTokens: 1_000_000,
      outputTokens: 1_000_000,
      startTime: anHourAgo,
      endTime: anHourAgo,
    });
    await writeSpans(sql, project.id, [call]);
    const recompute = async () => {
      const res = await gql(
        t.server.url,
        t.server.adminKey,
        `mutation($from: DateTime!, $to: DateTime!) { recomputeCosts(input: { from: $from, to: $to }) {
          ... on RecomputeCostsPayload { spansExamined spansChanged } } }`,
        { from: new Date(anHourAgo.getTime() - 60_000).toISOString(), to: new Date(anHourAgo.getTime() + 60_000).toISOString() },
      );
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      return res.data?.recomputeCosts;
    };
    const traceCost = async () => {
      const res = await gql(t.server.url, t.server.adminKey, 'query($id: String!) { trace(traceId: $id) { cost } }', {
        id: call.traceId,
      });
      return res.data?.trace.cost;
    };
    expect(await traceCost()).toBeNull();

    const first = await gql(t.server.url, t.server.adminKey, CREATE, {
      input: { modelPattern: '^late-priced-model$', inputPerMillion: 1, outputPerMillion: 2 },
    });
    expect(first.data?.createModelPrice.__typename).toBe('ModelPricePayload');
    expect(await recompute()).toEqual({ spansExamined: 1, spansChanged: 1 });
    expect(await traceCost()).toBeCloseTo(3, 10);

    // A second price without a start for the same pattern replaces the first, as it did when both started "now".
    await gql(t.server.url, t.server.adminKey, CREATE, {
      input: { modelPattern: '^late-priced-model$', inputPerMillion: 5, outputPerMillion: 5 },
    });
    expect(await recompute()).toEqual({ spansExamined: 1, spansChanged: 1 });
    expect(await traceCost()).toBeCloseTo(10, 10);
  });

  it('prices the next export with a price edited a moment ago', async () => {
    const { prisma } = await t.database.open();
    const chat = (name: string) => [
      {
        name,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'fresh-model',
          'gen_ai.usage.input_tokens': 1_000_000,
        },
      },
    ];
    // The first export loads the project's price table into the ingest cache: no price yet.
    const before = await recordSpans({ 'service.name': 'pricing' }, chat('before'));
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', before)).toEqual({ ok: true });
    await gql(t.server.url, t.server.adminKey, CREATE, {
      input: { modelPattern: '^fresh-model$', inputPerMillion: 7, outputPerMillion: 7, effectiveFrom: '2020-01-01T00:00:00Z' },
    });
    const after = await recordSpans({ 'service.name': 'pricing' }, chat('after'));
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', after)).toEqual({ ok: true });
    const spans = await prisma.span.findMany({ where: { name: { in: ['before', 'after'] } }, orderBy: { name: 'asc' } });
    expect(spans.map((span) => [span.name, span.cost === null ? null : Number(span.cost)])).toEqual([
      ['after', 7],
      ['before', null],
    ]);
  });
});
