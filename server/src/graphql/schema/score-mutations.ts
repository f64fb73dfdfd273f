import { actorOf } from '../../auth/principal.js';
import { correctScore, createHumanScore } from '../../evaluation/scores/human-scores.js';
import type { Score } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { DatasetRecordRef } from './dataset-record.js';
import { mutationErrors } from './errors.js';
import { ScoreRef } from './score.js';
import { SpanRef } from './span.js';
import { TraceRef } from './trace.js';

const ScorePayload = builder.objectRef<{ score: Score }>('ScorePayload').implement({
  fields: (t) => ({ score: t.field({ type: ScoreRef, resolve: (payload) => payload.score }) }),
});

const CreateScoreInput = builder.inputType('CreateScoreInput', {
  description: 'Exactly one of `trace`, `span` and `datasetRecord`, and exactly one of `value` and `label`.',
  fields: (t) => ({
    trace: t.globalID({ for: TraceRef, required: false }),
    span: t.globalID({ for: SpanRef, required: false }),
    datasetRecord: t.globalID({
      for: DatasetRecordRef,
      required: false,
      description: 'Scores the record at its current version (e.g. a reviewer grading a row).',
    }),
    name: t.string({ required: true }),
    value: t.float({ required: false }),
    label: t.string({ required: false }),
    comment: t.string({ required: false }),
  }),
});

builder.mutationField('createScore', (t) =>
  t.field({
    type: ScorePayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'A human score on a trace, span or dataset record (annotation, feedback, review).',
    args: { input: t.arg({ type: CreateScoreInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const given = [
        input.trace && { traceRowId: input.trace.id },
        input.span && { spanRowId: input.span.id },
        input.datasetRecord && { recordRowId: input.datasetRecord.id },
      ].filter(Boolean);
      // Anything but exactly one is handed to zod, so the error names the field like every other rule.
      const target = given.length === 1 ? given[0] : { invalid: 'give exactly one of `trace`, `span` and `datasetRecord`' };
      const score = await createHumanScore(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        target: target as never,
        name: input.name,
        value: input.value,
        label: input.label,
        comment: input.comment,
      });
      return { score };
    },
  }),
);

const CorrectScoreInput = builder.inputType('CorrectScoreInput', {
  fields: (t) => ({
    score: t.globalID({ for: ScoreRef, required: true }),
    value: t.float({ required: false }),
    label: t.string({ required: false }),
    comment: t.string({ required: false, description: 'Why it was wrong.' }),
  }),
});

builder.mutationField('correctScore', (t) =>
  t.field({
    type: ScorePayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description:
      'Replaces a score (from an evaluator or a person) with a HUMAN one; the original stays readable with `supersededBy` set.',
    args: { input: t.arg({ type: CorrectScoreInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const score = await correctScore(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        scoreId: input.score.id,
        value: input.value,
        label: input.label,
        comment: input.comment,
      });
      return { score };
    },
  }),
);
