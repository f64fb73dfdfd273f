// @agentloop/evaluator-code-checks: deterministic evaluators that need no judge model.
import type { Plugin } from '@agentloop/plugin-sdk';
import { contains } from './contains.js';
import { exactMatch } from './exact-match.js';
import { jsonSchema } from './json-schema.js';
import { jsonValidity } from './json-validity.js';
import { levenshtein } from './levenshtein.js';
import { regex } from './regex.js';

export { contains, containsConfigSchema } from './contains.js';
export { exactMatch, exactMatchConfigSchema } from './exact-match.js';
export { jsonSchema, jsonSchemaConfigSchema } from './json-schema.js';
export { jsonValidity, jsonValidityConfigSchema } from './json-validity.js';
export { levenshtein, levenshteinConfigSchema } from './levenshtein.js';
export { REGEX_TIMEOUT_MS, regex, regexConfigSchema } from './regex.js';

/** Every plugin of this package, as the AgentLoop plugin host loads them. */
export const plugins: readonly Plugin[] = Object.freeze([
  exactMatch(),
  contains(),
  regex(),
  jsonValidity(),
  jsonSchema(),
  levenshtein(),
]);
