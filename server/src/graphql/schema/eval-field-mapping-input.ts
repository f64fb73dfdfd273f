import { builder } from '../builder.js';

/** Shared by createEvalTask (snapshot tasks) and dryRunEvaluator (dataset record samples), so both map alike. */
export const EvalFieldMappingInput = builder.inputType('EvalFieldMappingInput', {
  description: 'A dataset field name, or a dot path into a json field (e.g. `meta.question`), per sample part.',
  fields: (t) => ({
    input: t.string({ required: false }),
    output: t.string({ required: false }),
    expectedOutput: t.string({ required: false }),
    context: t.string({ required: false, description: 'Text (one document) or a list of texts or {content} objects.' }),
    tools: t.string({
      required: false,
      description:
        'A json field (or text holding JSON) with a list of {name, description?, parameters?}. Default: a json field named tools.',
    }),
    toolCalls: t.string({
      required: false,
      description:
        'A json field (or text holding JSON) with a list of {name, arguments?, result?, status?: ok|error|unset, error?}. Default: a json field named tool_calls or toolCalls.',
    }),
    trajectory: t.string({
      required: false,
      description:
        'A json field (or text holding JSON) with a list of {spanId, parentSpanId?, name, kind, status?, startTime, durationMs, input?, output?, toolName?, model?}. Default: a json field named trajectory.',
    }),
    metadata: t.stringList({
      required: false,
      description: 'Fields copied into the sample metadata; default: every field no other part uses.',
    }),
  }),
});
