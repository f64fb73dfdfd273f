import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { useTestServer } from './support/test-server.js';

const ADD = `mutation($input: AddTracesToDatasetInput!) {
  addTracesToDataset(input: $input) {
    __typename
    ... on AddTracesToDatasetPayload {
      addedCount skippedCount truncated
      added { source record { data version } }
      skipped { source reason }
      dataset { recordCount }
    }
    ... on InvalidInputError { issues { path message } }
    ... on Error { code message }
  }
}`;

const MAPPING = [
  { field: 'question', source: 'input' },
  { field: 'answer', source: 'output' },
  { field: 'tenant', source: 'metadata.tenant' },
  { field: 'toxicity', source: 'score.toxicity' },
];

describe('flywheel: traces and spans into datasets', () => {
  const t = useTestServer();
  const call = (query: string, variables?: Record<string, unknown>, key = t.server.adminKey) =>
    gql(t.server.url, key, query, variables);

  /** Ingests agent traces over OTLP; returns trace row ids by name. */
  const ingest = async (service: string, turns: { name: string; input: string; output: string; tenant: string }[]) => {
    const spans = await recordSpans(
      { 'service.name': service },
      turns.map((turn) => ({
        name: turn.name,
        attributes: {
          'openinference.span.kind': 'AGENT',
          'input.value': turn.input,
          'output.value': turn.output,
          metadata: JSON.stringify({ tenant: turn.tenant }),
        },
        children: [{ name: `${turn.name} llm`, attributes: { 'openinference.span.kind': 'LLM', 'input.value': turn.input } }],
      })),
    );
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', spans)).toEqual({ ok: true });
    const { prisma } = await t.database.open();
    const ids: Record<string, { trace: string; child: string; application: string }> = {};
    for (const turn of turns) {
      const trace = await prisma.trace.findFirstOrThrow({ where: { name: turn.name } });
      const child = await prisma.span.findFirstOrThrow({ where: { traceId: trace.traceId, parentSpanId: { not: null } } });
      ids[turn.name] = {
        trace: encodeGlobalId('Trace', trace.id),
        child: encodeGlobalId('Span', child.id),
        application: encodeGlobalId('Application', trace.applicationId),
      };
    }
    return ids;
  };

  const score = async (trace: string, value: number) => {
    const res = await call('mutation($input: CreateScoreInput!) { createScore(input: $input) { __typename } }', {
      input: { trace, name: 'toxicity', value },
    });
    expect(res.data?.createScore.__typename).toBe('ScorePayload');
  };

  const newDataset = async (name: string, key = t.server.adminKey) => {
    const res = await call(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
      {
        input: {
          name,
          fields: [
            { name: 'question', type: 'TEXT', required: true },
            { name: 'answer', type: 'TEXT' },
            { name: 'tenant', type: 'TEXT' },
            { name: 'toxicity', type: 'DOUBLE' },
          ],
        },
      },
      key,
    );
    return res.data?.createDataset.dataset.id as string;
  };

  it('adds the traces of an application matching a score filter, capped, with a report', async () => {
    const ids = await ingest('chat-app', [
      { name: 'rude 1', input: 'Why is my order late?', output: 'Figure it out yourself.', tenant: 'acme' },
      { name: 'rude 2', input: 'Can I get a refund?', output: 'No. Stop asking.', tenant: 'globex' },
      { name: 'rude 3', input: 'Where is the invoice?', output: 'Not my problem.', tenant: 'acme' },
      { name: 'polite', input: 'Hello?', output: 'Hi! How can I help?', tenant: 'acme' },
    ]);
    const rude1 = ids['rude 1'];
    const rude2 = ids['rude 2'];
    const rude3 = ids['rude 3'];
    const polite = ids.polite;
    if (!rude1 || !rude2 || !rude3 || !polite) throw new Error('seed');
    await score(rude1.trace, 0.9);
    await score(rude2.trace, 0.8);
    await score(rude3.trace, 0.7);
    await score(polite.trace, 0.1);
    const dataset = await newDataset('bad cases');

    const filter = {
      application: rude1.application,
      from: new Date(Date.now() - 24 * 3600_000).toISOString(),
      scores: [{ name: 'toxicity', op: 'GT', value: 0.5 }],
    };
    const capped = await call(ADD, { input: { dataset, filter, limit: 2, mapping: MAPPING } });
    expect(capped.data?.addTracesToDataset).toMatchObject({
      __typename: 'AddTracesToDatasetPayload',
      addedCount: 2,
      skippedCount: 0,
      truncated: true,
      dataset: { recordCount: 2 },
    });
    // Re-running the filter adds only the bad case not yet in the dataset.
    const rerun = await call(ADD, { input: { dataset, filter, mapping: MAPPING } });
    const rerunReport = rerun.data?.addTracesToDataset;
    expect(rerunReport).toMatchObject({ addedCount: 1, skippedCount: 2, truncated: false, dataset: { recordCount: 3 } });
    const firstTwo = capped.data?.addTracesToDataset.added.map((a: { source: string }) => a.source);
    expect(rerunReport.skipped.map((s: { source: string }) => s.source).sort()).toEqual([...firstTwo].sort());
    for (const skipped of rerunReport.skipped) {
      expect(skipped.reason).toMatch(/^This trace is already in the dataset as record [0-9a-f-]{36}$/);
    }
    expect(rerunReport.added.map((a: { source: string }) => a.source)).toEqual(
      [rude1.trace, rude2.trace, rude3.trace].filter((id) => !firstTwo.includes(id)),
    );

    const all = await call(ADD, { input: { dataset, filter, mapping: MAPPING, allowDuplicates: true } });
    const report = all.data?.addTracesToDataset;
    expect(report).toMatchObject({ addedCount: 3, skippedCount: 0, truncated: false, dataset: { recordCount: 6 } });
    const bySource = new Map(report.added.map((a: { source: string; record: unknown }) => [a.source, a.record]));
    expect(bySource.get(rude2.trace)).toEqual({
      data: { question: 'Can I get a refund?', answer: 'No. Stop asking.', tenant: 'globex', toxicity: 0.8 },
      version: 1,
    });
    expect([...bySource.keys()].sort()).toEqual([rude1.trace, rude2.trace, rude3.trace].sort());

    // Every record knows the trace it was made from.
    const records = await call(
      `query($id: ID!) { node(id: $id) { ... on Dataset { records(first: 10) { edges { node {
        data sourceTraceId sourceSpanId sourceTrace { id name } sourceSpan { id } } } } } } }`,
      { id: dataset },
    );
    expect(records.errors, JSON.stringify(records.errors)).toBeUndefined();
    const nodes = records.data?.node.records.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes).toHaveLength(6);
    for (const node of nodes) {
      expect(node.sourceTraceId).toMatch(/^[0-9a-f]{32}$/);
      expect(node.sourceSpanId).toBeNull();
      expect(node.sourceSpan).toBeNull();
    }
    const rude2Records = nodes.filter((n: { sourceTrace: { id: string } }) => n.sourceTrace.id === rude2.trace);
    expect(rude2Records.map((n: { sourceTrace: { name: string } }) => n.sourceTrace.name)).toEqual(['rude 2', 'rude 2']);
  });

  it('adds traces and spans one at a time, skipping what does not make a valid record, with reasons', async () => {
    const ids = await ingest('other-app', [
      { name: 'one', input: 'first question', output: 'first answer', tenant: 'acme' },
      { name: 'two', input: '', output: 'answer without question', tenant: 'acme' },
    ]);
    const one = ids.one;
    const two = ids.two;
    if (!one || !two) throw new Error('seed');
    const dataset = await newDataset('picked');
    const missing = encodeGlobalId('Trace', '00000000-0000-4000-8000-000000000000');
    const res = await call(ADD, {
      input: {
        dataset,
        traces: [one.trace, missing],
        mapping: [
          { field: 'question', source: 'input' },
          { field: 'answer', source: 'output' },
        ],
      },
    });
    expect(res.data?.addTracesToDataset).toMatchObject({
      addedCount: 1,
      skippedCount: 1,
      added: [{ source: one.trace, record: { data: { question: 'first question', answer: 'first answer' } } }],
      skipped: [{ source: missing, reason: 'Trace was not found in this project' }],
    });

    // A span whose mapped field has the wrong type for the dataset: skipped, naming the field.
    const spans = await call(ADD, {
      input: {
        dataset,
        spans: [one.child],
        mapping: [
          { field: 'question', source: 'input' },
          { field: 'toxicity', source: 'name' },
        ],
      },
    });
    expect(spans.data?.addTracesToDataset).toMatchObject({
      addedCount: 0,
      skippedCount: 1,
      skipped: [
        { source: one.child, reason: 'field toxicity: must be a finite number (double field), got the string "one llm"' },
      ],
    });
    const spanAdded = await call(ADD, {
      input: {
        dataset,
        spans: [one.child],
        mapping: [
          { field: 'question', source: 'input' },
          { field: 'answer', source: 'name' },
        ],
      },
    });
    expect(spanAdded.data?.addTracesToDataset).toMatchObject({
      addedCount: 1,
      added: [{ source: one.child, record: { data: { question: 'first question', answer: 'one llm' } } }],
    });
    // The same span again, and twice in one request: skipped, not duplicated; its trace as a whole is another source.
    const again = await call(
      ADD.replace('record { data version }', 'record { data version sourceSpan { id } sourceTrace { id } }'),
      {
        input: {
          dataset,
          spans: [one.child, one.child],
          mapping: [
            { field: 'question', source: 'input' },
            { field: 'answer', source: 'name' },
          ],
        },
      },
    );
    const againReport = again.data?.addTracesToDataset;
    expect(againReport).toMatchObject({ addedCount: 0, skippedCount: 2 });
    expect(againReport.skipped.map((s: { reason: string }) => s.reason)).toEqual([
      expect.stringMatching(/^This span is already in the dataset as record [0-9a-f-]{36}$/),
      expect.stringMatching(/^This span is already in the dataset as record [0-9a-f-]{36}$/),
    ]);
    const spanRecord = await call(
      `query($id: ID!) { node(id: $id) { ... on Dataset { records(first: 10) { edges { node { sourceSpan { id } sourceTrace { id } } } } } } }`,
      { id: dataset },
    );
    expect(spanRecord.data?.node.records.edges.map((e: { node: unknown }) => e.node)).toEqual(
      expect.arrayContaining([
        { sourceSpan: { id: one.child }, sourceTrace: { id: one.trace } },
        { sourceSpan: null, sourceTrace: { id: one.trace } },
      ]),
    );

    const bad = await call(ADD, {
      input: { dataset, traces: [one.trace], filter: {}, mapping: [{ field: 'nope', source: 'inputs' }] },
    });
    expect(bad.data?.addTracesToDataset).toMatchObject({ __typename: 'InvalidInputError' });
    expect(bad.data?.addTracesToDataset.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'mapping.0.source',
      'traces',
    ]);
    const unknownField = await call(ADD, {
      input: { dataset, traces: [one.trace], mapping: [{ field: 'nope', source: 'input' }] },
    });
    expect(unknownField.data?.addTracesToDataset).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [
        {
          path: 'mapping.0.field',
          message: '"nope" is not a field of this dataset (fields: question, answer, tenant, toxicity)',
        },
      ],
    });
  });

  it("never reads another project's traces", async () => {
    const ids = await ingest('secret-app', [{ name: 'secret', input: 'private question', output: 'private', tenant: 'x' }]);
    const secret = ids.secret;
    if (!secret) throw new Error('seed');
    const other = await createProjectVia(t.server.url, t.server.adminKey, 'flywheel thieves');
    const key = (await createKeyVia(t.server.url, t.server.adminKey, { project: other, role: 'admin' })).secret;
    const dataset = await newDataset('theirs', key);
    const res = await call(
      ADD,
      { input: { dataset, traces: [secret.trace], mapping: [{ field: 'question', source: 'input' }] } },
      key,
    );
    expect(res.data?.addTracesToDataset).toMatchObject({
      addedCount: 0,
      skipped: [{ source: secret.trace, reason: 'Trace was not found in this project' }],
    });
    const viaFilter = await call(ADD, { input: { dataset, filter: {}, mapping: [{ field: 'question', source: 'input' }] } }, key);
    expect(viaFilter.data?.addTracesToDataset).toMatchObject({ addedCount: 0, skippedCount: 0 });
    const mine = await newDataset('mine');
    const intoForeign = await call(ADD, { input: { dataset: mine, traces: [secret.trace], mapping: MAPPING.slice(0, 1) } }, key);
    expect(intoForeign.data?.addTracesToDataset).toMatchObject({ code: 'NOT_FOUND' });
  });
});
