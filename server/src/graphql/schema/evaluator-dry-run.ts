import type { EvaluationSample } from '@agentloop/plugin-sdk';
import { InvalidInputError } from '../../errors/app-error.js';
import { dryRunEvaluator, MAX_DRY_RUN_TIMEOUT_MS } from '../../evaluation/evaluators/dry-run-evaluator.js';
import { modelServiceProvider } from '../../plugins/evaluator-models.js';
import type { EvaluatorRun, RecordedScore } from '../../plugins/evaluator-run.js';
import { builder } from '../builder.js';
import { mutationErrors } from './errors.js';
import { EvalFieldMappingInput } from './eval-field-mapping-input.js';
import { ScoreSourceEnum } from './score.js';
import { idOf } from './trace-filter-input.js';

type DryRun = EvaluatorRun & { sample: EvaluationSample };

const EvaluationStatusEnum = builder.enumType('EvaluationStatus', { values: ['SCORED', 'FAILED'] as const });

export const EvaluationFailureKindEnum = builder.enumType('EvaluationFailureKind', {
  values: {
    INVALID_CONFIG: { description: "The config does not parse with the plugin's schema." },
    MISSING_INPUTS: { description: 'The sample lacks an input the plugin requires.' },
    MISSING_MODEL: { description: 'The plugin needs a judge or embeddings model service and none is configured.' },
    PLUGIN_FAILED: { description: 'The plugin returned a failure (e.g. the judge never gave valid output).' },
    THREW: { description: 'The plugin threw.' },
    TIMEOUT: { description: 'The plugin did not finish in time; it was aborted.' },
    ABORTED: { description: 'The evaluation was cancelled.' },
    INVALID_RESULT: { description: "The plugin's result broke its own declarations (unknown score, out of range, …)." },
  } as const,
});

const EvaluatedScoreRef = builder.objectRef<RecordedScore>('EvaluatedScore').implement({
  description: 'A score an evaluation produced, with the judge call behind it (not stored by a dry run).',
  fields: (t) => ({
    name: t.exposeString('name'),
    value: t.exposeFloat('value', { nullable: true }),
    label: t.exposeString('label', { nullable: true }),
    reasoning: t.exposeString('reasoning', { nullable: true }),
    metadata: t.expose('metadata', { type: 'JSON' }),
    source: t.field({ type: ScoreSourceEnum, resolve: (score) => score.source }),
    judgeModel: t.exposeString('judgeModel', { nullable: true }),
    judgePromptName: t.exposeString('judgePromptName', { nullable: true }),
    judgePromptVersion: t.exposeString('judgePromptVersion', { nullable: true }),
    inputTokens: t.exposeInt('inputTokens', { nullable: true }),
    outputTokens: t.exposeInt('outputTokens', { nullable: true }),
    cost: t.exposeFloat('cost', { nullable: true, description: 'US dollars; null when unknown.' }),
    latencyMs: t.exposeFloat('latencyMs', { nullable: true }),
  }),
});

const EvaluationUsageRef = builder.objectRef<EvaluatorRun['usage']>('EvaluationUsage').implement({
  description: 'Every model call of the evaluation, retries included.',
  fields: (t) => ({
    calls: t.exposeInt('calls'),
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    cost: t.exposeFloat('cost', { nullable: true, description: 'US dollars; null when a call could not be priced.' }),
  }),
});

const EvaluatorDryRunRef = builder.objectRef<DryRun>('EvaluatorDryRun').implement({
  fields: (t) => ({
    status: t.field({ type: EvaluationStatusEnum, resolve: (run) => (run.status === 'scored' ? 'SCORED' : 'FAILED') }),
    scores: t.field({ type: [EvaluatedScoreRef], resolve: (run) => (run.status === 'scored' ? run.scores : []) }),
    failureKind: t.field({
      type: EvaluationFailureKindEnum,
      nullable: true,
      resolve: (run) => (run.status === 'failed' ? run.kind : null),
    }),
    reason: t.string({ nullable: true, resolve: (run) => (run.status === 'failed' ? run.reason : null) }),
    retryable: t.boolean({ nullable: true, resolve: (run) => (run.status === 'failed' ? run.retryable : null) }),
    usage: t.field({ type: EvaluationUsageRef, resolve: (run) => run.usage }),
    durationMs: t.exposeFloat('durationMs'),
    sample: t.field({
      type: 'JSON',
      description: 'The sample the plugin saw (built from the trace or span, or the inline one).',
      resolve: (run) => run.sample,
    }),
  }),
});

const InlineSampleInput = builder.inputType('InlineSampleInput', {
  description: "A sample typed in, in the plugin SDK's shape (context: strings or { content, id, score, metadata }).",
  fields: (t) => ({
    input: t.field({ type: 'JSON', required: false }),
    output: t.field({ type: 'JSON', required: false }),
    expectedOutput: t.field({ type: 'JSON', required: false }),
    context: t.field({ type: 'JSON', required: false }),
    tools: t.field({ type: 'JSON', required: false }),
    toolCalls: t.field({ type: 'JSON', required: false }),
    trajectory: t.field({ type: 'JSON', required: false }),
    metadata: t.field({ type: 'JSON', required: false }),
  }),
});

const DryRunSampleInput = builder.inputType('DryRunSampleInput', {
  description: 'Exactly one of `trace`, `span`, `datasetRecord` and `inline`.',
  fields: (t) => ({
    trace: t.id({ required: false, description: 'Global ID of a Trace.' }),
    span: t.id({ required: false, description: 'Global ID of a Span.' }),
    datasetRecord: t.id({
      required: false,
      description: 'Global ID of a DatasetRecord: as it is now, or with `snapshot` as that snapshot froze it.',
    }),
    snapshot: t.id({ required: false, description: 'With `datasetRecord`: Global ID of a DatasetSnapshot holding it.' }),
    fieldMapping: t.field({
      type: EvalFieldMappingInput,
      required: false,
      description: 'With `datasetRecord`: which fields fill the sample, with the defaults of snapshot tasks.',
    }),
    inline: t.field({ type: InlineSampleInput, required: false }),
  }),
});

const DryRunEvaluatorInput = builder.inputType('DryRunEvaluatorInput', {
  fields: (t) => ({
    plugin: t.string({
      required: false,
      description: 'A loaded evaluator plugin (see `plugins`), run with the config and services given here.',
    }),
    evaluator: t.id({
      required: false,
      description:
        'Global ID of a configured Evaluator, run with its own config and model services, as its tasks run it. ' +
        'Exactly one of `plugin` and `evaluator`.',
    }),
    config: t.field({
      type: 'JSON',
      required: false,
      description: "With `plugin`: checked with the plugin's config schema; errors name the field.",
    }),
    judgeService: t.id({
      required: false,
      description: 'With `plugin`: Global ID of a CHAT ModelService, for plugins that need a judge.',
    }),
    embeddingsService: t.id({ required: false, description: 'With `plugin`: Global ID of an EMBEDDING ModelService.' }),
    timeoutMs: t.int({
      required: false,
      description: `Default 60000 (with \`evaluator\`: its timeout), at most ${MAX_DRY_RUN_TIMEOUT_MS}.`,
    }),
    sample: t.field({ type: DryRunSampleInput, required: true }),
  }),
});

const dropUndefined = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, part]) => part !== undefined && part !== null));

builder.mutationField('dryRunEvaluator', (t) =>
  t.field({
    type: EvaluatorDryRunRef,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description:
      'Runs an evaluator plugin with a config, or a configured evaluator, on one trace, span, dataset record or typed-in ' +
      'sample, exactly as an eval task would, and ' +
      'returns its scores or why it failed. Writes nothing (a judge call still costs what it costs).',
    args: { input: t.arg({ type: DryRunEvaluatorInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { trace, span, datasetRecord, snapshot, fieldMapping, inline } = input.sample;
      const given = [trace, span, datasetRecord, inline].filter((part) => part !== null && part !== undefined).length;
      const sample =
        given !== 1
          ? // Handed to zod so the error names the field like every other rule.
            { invalid: true }
          : trace
            ? { traceRowId: idOf(trace, 'Trace', 'sample.trace') }
            : span
              ? { spanRowId: idOf(span, 'Span', 'sample.span') }
              : datasetRecord
                ? {
                    recordRowId: idOf(datasetRecord, 'DatasetRecord', 'sample.datasetRecord'),
                    snapshotId: idOf(snapshot, 'DatasetSnapshot', 'sample.snapshot'),
                    fieldMapping,
                  }
                : { inline: dropUndefined(inline as Record<string, unknown>) };
      if ((snapshot || fieldMapping) && !datasetRecord) {
        throw new InvalidInputError([
          { path: snapshot ? 'sample.snapshot' : 'sample.fieldMapping', message: 'applies to a `datasetRecord` sample only' },
        ]);
      }
      return dryRunEvaluator(
        { prisma: ctx.prisma, plugins: ctx.plugins, models: modelServiceProvider(ctx), logger: ctx.logger },
        ctx.principal.projectId,
        {
          plugin: input.plugin,
          evaluatorId: idOf(input.evaluator, 'Evaluator', 'evaluator'),
          config: input.evaluator ? input.config : (input.config ?? {}),
          judgeServiceId: idOf(input.judgeService, 'ModelService', 'judgeService'),
          embeddingsServiceId: idOf(input.embeddingsService, 'ModelService', 'embeddingsService'),
          timeoutMs: input.timeoutMs ?? undefined,
          sample: sample as never,
        },
      );
    },
  }),
);
