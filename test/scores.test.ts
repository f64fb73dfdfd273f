import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { collect, type GraphQLResponse, gql, wsClient } from './support/graphql-client.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { useTestServer } from './support/test-server.js';

const CREATE = `mutation($input: CreateScoreInput!) {
  createScore(input: $input) {
    __typename
    ... on ScorePayload { score { id name value label source comment current targetType traceId spanId } }
    ... on InvalidInputError { issues { path message } }
    ... on NotFoundError { message }
  }
}`;

const CORRECT = `mutation($input: CorrectScoreInput!) {
  correctScore(input: $input) {
    __typename
    ... on ScorePayload { score { id value source comment } }
    ... on ConflictError { message }
    ... on InvalidInputError { issues { path message } }
  }
}`;

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('scores', () => {
  const t = useTestServer();

  const ingest = async (service: string, names: string[]) => {
    const spans = await recordSpans(
      { 'service.name': service },
      names.map((name) => ({ name, children: [{ name: `${name} llm`, attributes: { 'gen_ai.operation.name': 'chat' } }] })),
    );
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', spans)).toEqual({ ok: true });
    const { prisma } = await t.database.open();
    return Promise.all(
      names.map(async (name) => {
        const trace = await prisma.trace.findFirstOrThrow({ where: { name } });
        const child = await prisma.span.findFirstOrThrow({ where: { traceId: trace.traceId, parentSpanId: { not: null } } });
        return { trace, child };
      }),
    );
  };

  it('adds human scores to traces and spans, corrects them without losing the original, and filters traces by them', async () => {
    const [good, bad] = await ingest('scored-app', ['good answer', 'bad answer']);
    if (!good || !bad) throw new Error('seed');
    const key = t.server.adminKey;

    const onTrace = await gql(t.server.url, key, CREATE, {
      input: { trace: encodeGlobalId('Trace', bad.trace.id), name: 'toxicity', value: 0.9, comment: 'rude' },
    });
    expect(onTrace.data?.createScore).toMatchObject({
      __typename: 'ScorePayload',
      score: { name: 'toxicity', value: 0.9, source: 'HUMAN', current: true, targetType: 'TRACE', traceId: bad.trace.traceId },
    });
    const onSpan = await gql(t.server.url, key, CREATE, {
      input: { span: encodeGlobalId('Span', good.child.id), name: 'toxicity', value: 0.1 },
    });
    expect(onSpan.data?.createScore.score).toMatchObject({ targetType: 'SPAN', spanId: good.child.spanId });
    await gql(t.server.url, key, CREATE, {
      input: { trace: encodeGlobalId('Trace', good.trace.id), name: 'verdict', label: 'pass' },
    });

    const filtered = async (scores: unknown) => {
      const res = await gql(t.server.url, key, 'query($f: TraceFilter) { traces(filter: $f) { edges { node { name } } } }', {
        f: { scores },
      });
      expect(res.errors).toBeUndefined();
      return res.data?.traces.edges.map((edge: { node: { name: string } }) => edge.node.name).sort();
    };
    expect(await filtered([{ name: 'toxicity', op: 'GT', value: 0.5 }])).toEqual(['bad answer']);
    // A span's score counts for its trace.
    expect(await filtered([{ name: 'toxicity', op: 'LT', value: 0.5 }])).toEqual(['good answer']);
    expect(await filtered([{ name: 'verdict', label: 'pass' }])).toEqual(['good answer']);

    const corrected = await gql(t.server.url, key, CORRECT, {
      input: { score: onTrace.data?.createScore.score.id, value: 0.2, comment: 'sarcasm, not toxic' },
    });
    expect(corrected.data?.correctScore).toMatchObject({ __typename: 'ScorePayload', score: { value: 0.2, source: 'HUMAN' } });
    expect(await filtered([{ name: 'toxicity', op: 'GT', value: 0.5 }])).toEqual([]);
    expect(await filtered([{ name: 'toxicity', op: 'LT', value: 0.5 }])).toEqual(['bad answer', 'good answer']);

    const twice = await gql(t.server.url, key, CORRECT, { input: { score: onTrace.data?.createScore.score.id, value: 0.3 } });
    expect(twice.data?.correctScore.__typename).toBe('ConflictError');

    const history = await gql(
      t.server.url,
      key,
      `query($id: ID!) { node(id: $id) { ... on Trace { current: scores { value } all: scores(includeSuperseded: true) { value current supersededBy { value } } } } }`,
      { id: encodeGlobalId('Trace', bad.trace.id) },
    );
    expect(history.data?.node.current).toEqual([{ value: 0.2 }]);
    expect(history.data?.node.all).toEqual([
      { value: 0.9, current: false, supersededBy: { value: 0.2 } },
      { value: 0.2, current: true, supersededBy: null },
    ]);

    const listed = await gql(
      t.server.url,
      key,
      '{ scores(filter: { name: "toxicity" }) { totalCount edges { node { value } } } }',
    );
    expect(listed.data?.scores.totalCount).toBe(2);
  });

  it('sorts traces by a score, unscored last in both directions, page by page', async () => {
    const seeded = await ingest('sorted-app', ['calm', 'rude', 'mixed', 'unscored']);
    const [calm, rude, mixed] = seeded;
    if (!calm || !rude || !mixed) throw new Error('seed');
    const key = t.server.adminKey;
    const score = async (input: Record<string, unknown>) =>
      expect((await gql(t.server.url, key, CREATE, { input })).data?.createScore.__typename).toBe('ScorePayload');
    await score({ trace: encodeGlobalId('Trace', calm.trace.id), name: 'toxicity', value: 0.1 });
    await score({ trace: encodeGlobalId('Trace', rude.trace.id), name: 'toxicity', value: 0.7 });
    // A trace's value is its highest: the span's 0.9 beats the trace's 0.05.
    await score({ trace: encodeGlobalId('Trace', mixed.trace.id), name: 'toxicity', value: 0.05 });
    await score({ span: encodeGlobalId('Span', mixed.child.id), name: 'toxicity', value: 0.9 });
    await score({ trace: encodeGlobalId('Trace', calm.trace.id), name: 'helpfulness', value: 1 });

    const application = encodeGlobalId('Application', calm.trace.applicationId);
    const PAGE = `query($f: TraceFilter, $o: TraceOrder, $after: String) {
      traces(filter: $f, orderBy: $o, first: 2, after: $after) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
    const sorted = async (direction: string, filter: Record<string, unknown> = {}) => {
      const names: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: GraphQLResponse<Record<string, any>> = await gql(t.server.url, key, PAGE, {
          f: { application, ...filter },
          o: { field: 'SCORE', scoreName: 'toxicity', direction },
          after,
        });
        expect(res.errors).toBeUndefined();
        names.push(...(res.data?.traces.edges ?? []).map((edge: { node: { name: string } }) => edge.node.name));
        if (!res.data?.traces.pageInfo.hasNextPage) return names;
        after = res.data?.traces.pageInfo.endCursor;
      }
    };
    expect(await sorted('DESC')).toEqual(['mixed', 'rude', 'calm', 'unscored']);
    expect(await sorted('ASC')).toEqual(['calm', 'rude', 'mixed', 'unscored']);
    // Filter and sort together: "traces with toxicity > 0.5, worst first".
    expect(await sorted('DESC', { scores: [{ name: 'toxicity', op: 'GT', value: 0.5 }] })).toEqual(['mixed', 'rude']);

    const first = await gql(t.server.url, key, PAGE, {
      f: { application },
      o: { field: 'SCORE', scoreName: 'toxicity', direction: 'DESC' },
    });
    const other = await gql(t.server.url, key, PAGE, {
      f: { application },
      o: { field: 'SCORE', scoreName: 'helpfulness', direction: 'DESC' },
      after: first.data?.traces.pageInfo.endCursor,
    });
    expect(other.errors?.[0]?.message).toContain('is not a cursor of this list and order');
    const noName = await gql(t.server.url, key, PAGE, { o: { field: 'SCORE', direction: 'DESC' } });
    expect(noName.errors?.[0]?.message).toContain('give `scoreName` with field SCORE, and only then');
    const stray = await gql(t.server.url, key, PAGE, { o: { field: 'COST', direction: 'DESC', scoreName: 'toxicity' } });
    expect(stray.errors?.[0]?.message).toContain('give `scoreName` with field SCORE, and only then');
  });

  it('explains bad input with the field at fault', async () => {
    const [seed] = await ingest('bad-input-app', ['to be scored']);
    if (!seed) throw new Error('seed');
    const trace = encodeGlobalId('Trace', seed.trace.id);
    const both = await gql(t.server.url, t.server.adminKey, CREATE, { input: { trace, name: 'x', value: 1, label: 'y' } });
    expect(both.data?.createScore.issues).toEqual([{ path: 'value', message: 'give exactly one of `value` and `label`' }]);
    const badName = await gql(t.server.url, t.server.adminKey, CREATE, { input: { trace, name: 'has space', value: 1 } });
    expect(badName.data?.createScore.issues[0].path).toBe('name');
    const noTarget = await gql(t.server.url, t.server.adminKey, CREATE, { input: { name: 'x', value: 1 } });
    expect(noTarget.data?.createScore.issues[0].path).toBe('target');
    const badFilter = await gql(
      t.server.url,
      t.server.adminKey,
      '{ traces(filter: { scores: [{ name: "x" }] }) { totalCount } }',
    );
    expect(badFilter.errors?.[0]?.message).toContain('give exactly one of `value` and `label`');
  });

  it('keeps scores inside their project and streams new ones live', async () => {
    const [seed] = await ingest('live-app', ['live trace']);
    if (!seed) throw new Error('seed');
    const otherProject = await createProjectVia(t.server.url, t.server.adminKey, 'score-outsiders');
    const outsider = (await createKeyVia(t.server.url, t.server.adminKey, { project: otherProject, role: 'member' })).secret;
    const foreign = await gql(t.server.url, outsider, CREATE, {
      input: { trace: encodeGlobalId('Trace', seed.trace.id), name: 'toxicity', value: 1 },
    });
    expect(foreign.data?.createScore.__typename).toBe('NotFoundError');

    const client = wsClient(t.server.wsUrl, t.server.adminKey);
    const application = encodeGlobalId('Application', seed.trace.applicationId);
    const events = collect<{ scoresCreated: { name: string; value: number }[] }>(
      client,
      `subscription { scoresCreated(application: "${application}") { name value } }`,
      1,
    );
    await settle();
    await gql(t.server.url, t.server.adminKey, CREATE, {
      input: { trace: encodeGlobalId('Trace', seed.trace.id), name: 'helpfulness', value: 0.75 },
    });
    expect((await events)[0]?.scoresCreated).toEqual([{ name: 'helpfulness', value: 0.75 }]);
    await client.dispose();
  });
});
