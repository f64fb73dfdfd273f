import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../json-schema.js';

/** The outcome of `validateAgainstJsonSchema`. */
export interface JsonSchemaValidation {
  /** Whether the value conforms (false too when the schema itself is invalid). */
  valid: boolean;
  /** One line per problem, e.g. `/city must be string`; a broken schema gives one `schema error: …` line. */
  errors: string[];
}

type Compiled = { validate: ValidateFunction } | { schemaError: string };
type Validator = Pick<Ajv, 'compile' | 'removeSchema'>;

// Lenient on purpose: tool schemas in traces come from many frameworks and often carry unknown
// keywords or formats; those are ignored rather than failing the check. addUsedSchema: false keeps
// unrelated schemas that reuse an $id from clashing. One instance per draft.
const options = { strict: false, allErrors: true, logger: false, addUsedSchema: false } as const;
const validators: Record<'draft07' | 'draft2019' | 'draft2020', Validator> = {
  draft07: new Ajv(options),
  draft2019: new Ajv2019(options),
  draft2020: new Ajv2020(options),
};

// Samples arrive as freshly parsed JSON, so identical schemas are different objects: the cache is
// keyed by the schema's JSON text, and bounded (evicting from Ajv too) so a task over millions of
// spans with varied tool schemas does not grow memory without limit.
const CACHE_LIMIT = 500;
const cache = new Map<string, Compiled & { schema: object; ajv: Validator }>();

/**
 * Checks a value against a JSON Schema (draft-07 by default; 2019-09 and 2020-12 when `$schema`
 * says so). Unknown keywords and formats are ignored. Never throws: an invalid schema yields
 * `{ valid: false, errors: ['schema error: …'] }`.
 *
 * @example validateAgainstJsonSchema(tool.parameters, call.arguments)
 */
export function validateAgainstJsonSchema(schema: JsonSchema, value: unknown): JsonSchemaValidation {
  if (schema === true) return { valid: true, errors: [] };
  if (schema === false) return { valid: false, errors: ['(root) is not allowed by the schema (false)'] };
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return { valid: false, errors: ['schema error: a JSON Schema must be an object or a boolean'] };
  }
  const compiled = compile(schema);
  if ('schemaError' in compiled) return { valid: false, errors: [`schema error: ${compiled.schemaError}`] };
  if (compiled.validate(value)) return { valid: true, errors: [] };
  return { valid: false, errors: (compiled.validate.errors ?? []).map(formatError) };
}

function compile(schema: { [keyword: string]: unknown }): Compiled {
  let key: string;
  try {
    key = JSON.stringify(schema);
  } catch (error) {
    return { schemaError: error instanceof Error ? error.message : String(error) };
  }
  const hit = cache.get(key);
  if (hit) {
    // Re-insert to keep the Map in least-recently-used order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const ajv = pickAjv(schema.$schema);
  // Compile a private copy: Ajv keys its own cache by object identity, so each entry is removed from
  // Ajv again on eviction.
  const copy = JSON.parse(key) as { [keyword: string]: unknown };
  // Older drafts' meta-schemas (draft-04/06) are unknown to Ajv 8; their keywords mostly read the
  // same under draft-07, which is more useful than refusing the schema.
  if (ajv === validators.draft07) delete copy.$schema;
  let entry: Compiled & { schema: object; ajv: Validator };
  try {
    entry = { validate: ajv.compile(copy), schema: copy, ajv };
  } catch (error) {
    entry = { schemaError: error instanceof Error ? error.message : String(error), schema: copy, ajv };
  }
  cache.set(key, entry);
  if (cache.size > CACHE_LIMIT) {
    const [oldestKey, oldest] = cache.entries().next().value as [string, { schema: object; ajv: Validator }];
    cache.delete(oldestKey);
    oldest.ajv.removeSchema(oldest.schema);
  }
  return entry;
}

function pickAjv($schema: unknown): Validator {
  if (typeof $schema === 'string' && $schema.includes('2020-12')) return validators.draft2020;
  if (typeof $schema === 'string' && $schema.includes('2019-09')) return validators.draft2019;
  return validators.draft07;
}

function formatError(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties')
    return `${where} must not have additional property "${String(params.additionalProperty)}"`;
  if (error.keyword === 'required') return `${where} must have required property "${String(params.missingProperty)}"`;
  return `${where} ${error.message ?? 'is invalid'}`;
}
