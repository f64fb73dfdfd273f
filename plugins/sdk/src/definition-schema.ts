import { z } from 'zod';
import { SUPPORTED_API_VERSIONS } from './api-version.js';
import { EVALUATION_INPUTS } from './evaluation-input.js';
import type { PluginDefinitionIssue } from './plugin-definition-error.js';

// The shapes below check plugin definitions at define time (inside the plugin author's own tests)
// and again when the host loads a package, so a malformed plugin never reaches evaluation.

/** kebab-case: lower-case words of letters and digits joined by single hyphens. */
export const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

// The official semver.org regular expression.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const kebabName = (what: string) =>
  z.string({ error: `${what} must be a string` }).regex(KEBAB_CASE, `${what} must be kebab-case (e.g. "answer-relevance")`);

const fn = (what: string) =>
  z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', `${what} must be a function`);
const optionalFn = (what: string) => fn(what).optional();

// Checked structurally rather than with instanceof: a plugin may resolve its own copy of zod 4,
// and any zod 4 schema works with safeParse and z.toJSONSchema.
const zodSchema = z.custom<z.ZodType>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    '_zod' in value &&
    typeof (value as { safeParse?: unknown }).safeParse === 'function',
  'configSchema must be a zod 4 schema (import { z } from "@agentloop/plugin-sdk"; use z.object({}) for no configuration)',
);

const numericScore = z.strictObject({
  name: kebabName('score name'),
  kind: z.literal('numeric'),
  range: z
    .strictObject({ min: z.number(), max: z.number() })
    .refine((range) => range.min < range.max, { message: 'range.min must be less than range.max', path: ['max'] }),
  higherIsBetter: z.boolean({ error: 'higherIsBetter must be true or false' }),
  description: z.string().optional(),
});

const labelScore = z.strictObject({
  name: kebabName('score name'),
  kind: z.literal('label'),
  labels: z
    .array(z.string().min(1, 'labels must be non-empty strings'))
    .min(1, 'a label score needs at least one label')
    .refine((labels) => new Set(labels).size === labels.length, 'labels must not repeat'),
  description: z.string().optional(),
});

/** The shape of one score definition. */
export const scoreDefinitionSchema = z.discriminatedUnion('kind', [numericScore, labelScore], {
  error: 'kind must be "numeric" or "label"',
});

/** The shape of a list of score definitions (non-empty, unique names). */
export const scoreDefinitionsSchema = z
  .array(scoreDefinitionSchema)
  .min(1, 'declare at least one score')
  .superRefine((scores, ctx) => {
    const seen = new Set<string>();
    scores.forEach((score, index) => {
      if (seen.has(score.name))
        ctx.addIssue({ code: 'custom', message: `duplicate score name "${score.name}"`, path: [index, 'name'] });
      seen.add(score.name);
    });
  });

const inputName = z.enum(EVALUATION_INPUTS, { error: `must be one of ${EVALUATION_INPUTS.join(', ')}` });

const needs = z.strictObject({ judge: z.boolean().optional(), embeddings: z.boolean().optional() }).optional();

const base = {
  name: kebabName('name'),
  version: z.string({ error: 'version must be a string' }).regex(SEMVER, 'version must be semver (e.g. "1.0.0")'),
  apiVersion: z.unknown().refine((value) => (SUPPORTED_API_VERSIONS as readonly unknown[]).includes(value), {
    error: (issue) =>
      `unsupported apiVersion ${JSON.stringify(issue.input)}; this SDK supports ${SUPPORTED_API_VERSIONS.join(', ')} (use PLUGIN_API_VERSION)`,
  }),
  description: z.string({ error: 'description must be a string' }).trim().min(1, 'description must not be empty'),
  configSchema: zodSchema,
  needs,
  setup: optionalFn('setup'),
  teardown: optionalFn('teardown'),
};

/** The shape `defineEvaluator` accepts. */
export const evaluatorDefinitionSchema = z.strictObject({
  ...base,
  // Allowed so an existing plugin can be spread into a new definition ({ ...toxicity(), name: 'x' }).
  kind: z.literal('evaluator', { error: 'kind must be "evaluator" (or left out)' }).optional(),
  inputs: z.strictObject({ required: z.array(inputName), optional: z.array(inputName).optional() }).superRefine((inputs, ctx) => {
    const all = [...inputs.required, ...(inputs.optional ?? [])];
    const duplicate = all.find((input, index) => all.indexOf(input) !== index);
    if (duplicate) ctx.addIssue({ code: 'custom', message: `input "${duplicate}" is listed twice` });
  }),
  scores: z.union([fn('scores'), scoreDefinitionsSchema], {
    error: 'scores must be a list of score definitions or a function of the config',
  }),
  evaluate: fn('evaluate'),
});

/** The shape `defineMemoryStrategy` accepts. */
export const memoryStrategyDefinitionSchema = z.strictObject({
  ...base,
  kind: z.literal('memory-strategy', { error: 'kind must be "memory-strategy" (or left out)' }).optional(),
  extract: fn('extract'),
});

/** Turns zod issues into field-named definition issues (`scores[1].range.max`). */
export function toDefinitionIssues(error: z.ZodError): PluginDefinitionIssue[] {
  return error.issues.map((issue) => ({ field: formatPath(issue.path), message: issueMessage(issue) }));
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return issue.message;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** The definition's name when it is a usable string, for error messages. */
export function definitionName(definition: unknown): string | undefined {
  const name = (definition as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' && name ? name : undefined;
}
