import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { gql } from './support/graphql-client.js';
import { type OpenAIStub, startOpenAIStub } from './support/openai-stub.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { usePluginsDir } from './support/plugin-fixtures.js';
import { useTestServer } from './support/test-server.js';

const DRY_RUN = `mutation($input: DryRunEvaluatorInput!) { dryRunEvaluator(input: $input) {
  __typename
  ... on EvaluatorDryRun {
    status failureKind reason retryable durationMs sample
    scores { name value label reasoning source judgeModel judgePromptName judgePromptVersion inputTokens outputTokens cost latencyMs }
    usage { calls inputTokens outputTokens cost }
  }
  ... on InvalidInputError { issues { path message } }
  ... on NotFoundError { message }
} }`;

describe('dryRunEvaluator', () => {
  const dir = usePluginsDir(['agentloop-fixture-misbehaving']);
  const t = useTestServer({
    env: { AGENTLOOP_PLUGINS_DIR: dir, AGENTLOOP_PLUGINS: 'agentloop-fixture-misbehaving', AGENTLOOP_SECRET_KEY: 'a'.repeat(64) },
  });
  let stub: OpenAIStub;
  beforeAll(async () => {
    stub = await startOpenAIStub();
  });
  afterAll(async () => {
    await stub?.close();
  });

  const dryRun = async (input: Record<string, unknown>) => {
    const res = await gql(t.server.url, t.server.adminKey, DRY_RUN, { input });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data?.dryRunEvaluator;
  };

  it('runs a built-in code check on a real ingested trace and span, writing no score', async () => {
    const spans = await recordSpans({ 'service.name': 'dry-run-app' }, [
      {
        name: 'answer',
        attributes: { 'input.value': 'Capital of France?', 'output.value': 'It is Paris.' },
        children: [
          {
            name: 'lookup',
            attributes: { 'openinference.span.kind': 'TOOL', 'tool.name': 'search', 'input.value': '{"q":"France"}' },
          },
        ],
      },
    ]);
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', spans)).toEqual({ ok: true });
    const { prisma } = await t.database.open();
    const trace = await prisma.trace.findFirstOrThrow({ where: { name: 'answer' } });
    const tool = await prisma.span.findFirstOrThrow({ where: { traceId: trace.traceId, name: 'lookup' } });

    const onTrace = await dryRun({
      plugin: 'contains',
      config: { values: ['Paris'] },
      sample: { trace: encodeGlobalId('Trace', trace.id) },
    });
    expect(onTrace).toMatchObject({
      __typename: 'EvaluatorDryRun',
      status: 'SCORED',
      failureKind: null,
      scores: [{ name: 'contains', value: 1, source: 'CODE', judgeModel: null }],
      usage: { calls: 0, cost: 0 },
      sample: {
        target: { type: 'trace', id: trace.traceId },
        input: 'Capital of France?',
        output: 'It is Paris.',
        toolCalls: [{ name: 'search', arguments: { q: 'France' }, spanId: tool.spanId }],
      },
    });
    expect(onTrace.sample.trajectory).toHaveLength(2);

    const onSpan = await dryRun({
      plugin: 'json-validity',
      sample: { span: encodeGlobalId('Span', tool.id) },
    });
    expect(onSpan.sample).toMatchObject({ target: { type: 'span', id: tool.id }, input: { q: 'France' } });
    expect(await prisma.score.count()).toBe(0);
  });

  it('points bad input at the field: unknown plugin, config errors, missing judge, two samples', async () => {
    const inline = { inline: { output: 'HELLO' } };
    expect(await dryRun({ plugin: 'nope', sample: inline })).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ path: 'plugin', message: expect.stringContaining('unknown evaluator plugin "nope"') }],
    });
    const badConfig = await dryRun({
      plugin: 'fixture-shouting',
      config: { threshold: 2, labels: { loud: '' } },
      sample: inline,
    });
    expect(badConfig.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'config.labels.loud',
      'config.threshold',
    ]);
    expect(await dryRun({ plugin: 'toxicity', sample: inline })).toMatchObject({
      issues: [{ path: 'judgeService' }],
    });
    expect(
      await dryRun({
        plugin: 'fixture-shouting',
        sample: { inline: { output: 'x' }, trace: encodeGlobalId('Trace', crypto.randomUUID()) },
      }),
    ).toMatchObject({ __typename: 'InvalidInputError', issues: [{ path: 'sample' }] });
    expect(await dryRun({ plugin: 'fixture-shouting', sample: { inline: { context: [{ text: 'x' }] } } })).toMatchObject({
      __typename: 'InvalidInputError',
    });
  });

  it('contains a plugin that hangs, throws or returns an invalid result, and reports missing inputs', async () => {
    const inline = { inline: { output: 'HELLO world' } };
    expect(await dryRun({ plugin: 'fixture-shouting', config: { threshold: 0.1 }, sample: inline })).toMatchObject({
      status: 'SCORED',
      scores: [{ name: 'shouting', value: 0.5, reasoning: 'shouting' }],
    });
    expect(await dryRun({ plugin: 'fixture-hangs', timeoutMs: 200, sample: inline })).toMatchObject({
      status: 'FAILED',
      failureKind: 'TIMEOUT',
      retryable: true,
      reason: 'evaluate did not finish within 200 ms',
    });
    expect(await dryRun({ plugin: 'fixture-throws', sample: inline })).toMatchObject({
      failureKind: 'THREW',
      reason: 'evaluate threw: fixture evaluate blew up',
    });
    expect(await dryRun({ plugin: 'fixture-invalid-result', sample: inline })).toMatchObject({
      failureKind: 'INVALID_RESULT',
      reason: expect.stringContaining('outside its range'),
    });
    expect(await dryRun({ plugin: 'fixture-shouting', sample: { inline: { input: 'hi' } } })).toMatchObject({
      failureKind: 'MISSING_INPUTS',
    });
    // The server is still fine.
    const res = await gql(t.server.url, t.server.adminKey, '{ viewer { role } }');
    expect(res.data?.viewer.role).toBe('admin');
  });

  it('judges through a model service on the OpenAI-compatible stub, recording model, prompt version, tokens and cost', async () => {
    const created = await gql(
      t.server.url,
      t.server.adminKey,
      `mutation($input: CreateModelServiceInput!) { createModelService(input: $input) {
        __typename ... on ModelServicePayload { modelService { id } } ... on Error { message } } }`,
      {
        input: {
          name: 'judge',
          provider: 'OPENAI_COMPATIBLE',
          kind: 'CHAT',
          model: 'judge-model',
          baseUrl: stub.baseURL,
          parameters: { temperature: 0, maxRetries: 0, timeoutMs: 5000 },
          inputPricePerMillion: 1,
          outputPricePerMillion: 2,
        },
      },
    );
    const judgeService = created.data?.createModelService.modelService.id;
    expect(judgeService, JSON.stringify(created)).toBeTruthy();
    stub.enqueue({
      content: '{"reasoning": "A polite answer.", "categories": [], "severity": "none"}',
      usage: { promptTokens: 1000, completionTokens: 100 },
    });
    const run = await dryRun({ plugin: 'toxicity', judgeService, sample: { inline: { output: 'Thank you, have a nice day.' } } });
    expect(run).toMatchObject({
      status: 'SCORED',
      scores: [
        {
          name: 'toxicity',
          value: 0,
          source: 'LLM',
          reasoning: 'A polite answer.',
          judgePromptName: 'agentloop/toxicity',
          judgePromptVersion: expect.any(String),
          inputTokens: 1000,
          outputTokens: 100,
        },
      ],
      usage: { calls: 1, inputTokens: 1000, outputTokens: 100 },
    });
    expect(run.scores[0].judgeModel).toContain('judge-model');
    expect(run.scores[0].cost).toBeCloseTo(0.0012);
    expect(run.usage.cost).toBeCloseTo(0.0012);
  });
  it('runs a configured evaluator by ID with its own config, model services and timeout, on a trace, span or typed-in sample', async () => {
    const call = (query: string, variables: Record<string, unknown>) => gql(t.server.url, t.server.adminKey, query, variables);
    const createEvaluator = async (input: Record<string, unknown>) =>
      (
        await call(
          'mutation($input: CreateEvaluatorInput!) { createEvaluator(input: $input) { ... on EvaluatorPayload { evaluator { id } } } }',
          { input },
        )
      ).data?.createEvaluator.evaluator.id as string;
    const shouting = await createEvaluator({ name: 'shouting', plugin: 'fixture-shouting', config: { threshold: 0.1 } });
    const inline = { inline: { output: 'HELLO world' } };
    // The evaluator's config (threshold 0.1) is used, exactly as the plugin path with that config.
    expect(await dryRun({ evaluator: shouting, sample: inline })).toMatchObject({
      status: 'SCORED',
      scores: [{ name: 'shouting', value: 0.5, reasoning: 'shouting' }],
    });
    const hangs = await createEvaluator({ name: 'slow one', plugin: 'fixture-hangs', timeoutMs: 150 });
    expect(await dryRun({ evaluator: hangs, sample: inline })).toMatchObject({
      failureKind: 'TIMEOUT',
      reason: 'evaluate did not finish within 150 ms',
    });

    const spans = await recordSpans({ 'service.name': 'dry-run-by-evaluator' }, [
      {
        name: 'by evaluator',
        attributes: { 'input.value': 'Capital of France?', 'output.value': 'Paris.' },
        children: [{ name: 'lookup', attributes: { 'openinference.span.kind': 'TOOL', 'input.value': '{"q":"France"}' } }],
      },
    ]);
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', spans)).toEqual({ ok: true });
    const { prisma } = await t.database.open();
    const trace = await prisma.trace.findFirstOrThrow({ where: { name: 'by evaluator' } });
    const tool = await prisma.span.findFirstOrThrow({ where: { traceId: trace.traceId, name: 'lookup' } });
    const scoresBefore = await prisma.score.count();
    const paris = await createEvaluator({ name: 'mentions paris', plugin: 'contains', config: { values: ['Paris'] } });
    expect(await dryRun({ evaluator: paris, sample: { trace: encodeGlobalId('Trace', trace.id) } })).toMatchObject({
      status: 'SCORED',
      scores: [{ name: 'contains', value: 1 }],
    });
    // The tool span recorded no output: the evaluator's own failure, on the span's sample.
    expect(await dryRun({ evaluator: paris, sample: { span: encodeGlobalId('Span', tool.id) } })).toMatchObject({
      status: 'FAILED',
      failureKind: 'PLUGIN_FAILED',
      sample: { target: { type: 'span', id: tool.id }, input: { q: 'France' } },
    });

    const service = await call(
      `mutation($input: CreateModelServiceInput!) { createModelService(input: $input) {
        ... on ModelServicePayload { modelService { id } } } }`,
      {
        input: {
          name: 'evaluator judge',
          provider: 'OPENAI_COMPATIBLE',
          kind: 'CHAT',
          model: 'judge-model',
          baseUrl: stub.baseURL,
          parameters: { temperature: 0, maxRetries: 0, timeoutMs: 5000 },
        },
      },
    );
    const toxicity = await createEvaluator({
      name: 'toxic?',
      plugin: 'toxicity',
      judgeService: service.data?.createModelService.modelService.id,
    });
    stub.enqueue({ content: '{"reasoning": "Polite.", "categories": [], "severity": "none"}' });
    expect(await dryRun({ evaluator: toxicity, sample: { inline: { output: 'Thanks!' } } })).toMatchObject({
      status: 'SCORED',
      scores: [{ name: 'toxicity', value: 0, source: 'LLM', reasoning: 'Polite.' }],
      // This service has no prices: unknown, not 0.
      usage: { calls: 1, cost: null },
    });

    expect(await dryRun({ evaluator: shouting, config: { threshold: 0.9 }, sample: inline })).toMatchObject({
      issues: [{ path: 'config', message: 'comes from the evaluator; leave it out, or dry-run by `plugin` to try another' }],
    });
    expect(await dryRun({ evaluator: shouting, plugin: 'fixture-shouting', sample: inline })).toMatchObject({
      issues: [{ path: 'plugin', message: 'give exactly one of `plugin` and `evaluator`' }],
    });
    expect(await dryRun({ sample: inline })).toMatchObject({ issues: [{ path: 'plugin' }] });
    expect(await dryRun({ evaluator: encodeGlobalId('Trace', trace.id), sample: inline })).toMatchObject({
      issues: [{ path: 'evaluator', message: 'is not the ID of a Evaluator' }],
    });
    expect(
      await dryRun({ evaluator: encodeGlobalId('Evaluator', '00000000-0000-7000-8000-000000000000'), sample: inline }),
    ).toMatchObject({ __typename: 'NotFoundError' });
    expect(await prisma.score.count()).toBe(scoresBefore);
  });
});
