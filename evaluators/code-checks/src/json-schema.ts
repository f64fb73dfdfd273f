import {
  defineEvaluator,
  failed,
  type JsonSchema,
  PLUGIN_API_VERSION,
  scored,
  validateAgainstJsonSchema,
  z,
} from '@agentloop/plugin-sdk';
import { fieldSchema, missingFieldReason, readField } from './field.js';
import { allowCodeFenceOption, parseJsonValue } from './json-text.js';
import { PACKAGE_VERSION } from './version.js';

const NAME = 'json-schema';
const SCHEMA_ERROR = 'schema error: ';
const ERRORS_IN_REASONING = 3;

/** Configuration of `json-schema`. */
export const jsonSchemaConfigSchema = z
  .strictObject({
    field: fieldSchema,
    schema: z
      .union([z.record(z.string(), z.unknown()), z.boolean()], { error: 'schema must be a JSON Schema (an object or a boolean)' })
      .describe('The JSON Schema the field must conform to (draft-07 by default; 2019-09 or 2020-12 when its $schema says so).'),
    allowCodeFence: allowCodeFenceOption,
  })
  .superRefine((config, ctx) => {
    // The SDK compiles (and caches) the schema on first use and reports a broken one as a single
    // `schema error: …` line; compiling it here turns that into a config error on `schema`.
    const { errors } = validateAgainstJsonSchema(config.schema as JsonSchema, null);
    const schemaError = errors.find((error) => error.startsWith(SCHEMA_ERROR));
    if (schemaError) {
      ctx.addIssue({
        code: 'custom',
        path: ['schema'],
        message: `invalid JSON Schema: ${schemaError.slice(SCHEMA_ERROR.length)}`,
      });
    }
  });

/** Scores 1 when the checked field is JSON conforming to a configured JSON Schema, else 0 (the violations in metadata). */
export const jsonSchema = () =>
  defineEvaluator({
    name: NAME,
    version: PACKAGE_VERSION,
    apiVersion: PLUGIN_API_VERSION,
    description:
      'Scores 1 when the output (or another field) is JSON that conforms to a JSON Schema given in the config, else 0; every violation is listed in the score metadata.',
    configSchema: jsonSchemaConfigSchema,
    inputs: { required: [], optional: ['output', 'input', 'expectedOutput', 'metadata'] },
    scores: [
      {
        name: NAME,
        kind: 'numeric',
        range: { min: 0, max: 1 },
        higherIsBetter: true,
        description: '1 when the field conforms to the schema, 0 when it is not JSON or violates the schema.',
      },
    ],
    async evaluate({ sample, config }) {
      const actual = readField(sample, config.field);
      if (actual === undefined) return failed(missingFieldReason(NAME, config.field));
      const parsed = parseJsonValue(actual, config.allowCodeFence);
      if (!parsed.ok) {
        const error = `not valid JSON: ${parsed.error}`;
        return scored({ name: NAME, value: 0, reasoning: `${config.field} is ${error}`, metadata: { errors: [error] } });
      }
      const { valid, errors } = validateAgainstJsonSchema(config.schema as JsonSchema, parsed.value);
      if (valid)
        return scored({ name: NAME, value: 1, reasoning: `${config.field} conforms to the schema`, metadata: { errors: [] } });
      const shown = errors.slice(0, ERRORS_IN_REASONING).join('; ');
      const more = errors.length > ERRORS_IN_REASONING ? ` (and ${errors.length - ERRORS_IN_REASONING} more)` : '';
      return scored({
        name: NAME,
        value: 0,
        reasoning: `${config.field} does not conform to the schema: ${shown}${more}`,
        metadata: { errors },
      });
    },
  });
