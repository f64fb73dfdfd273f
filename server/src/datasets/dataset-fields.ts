import { z } from 'zod';
import { validate } from '../domain/validate.js';

export const FIELD_TYPES = ['text', 'long', 'double', 'json'] as const;

export type DatasetFieldType = (typeof FIELD_TYPES)[number];

/** Options of a text field: how search indexes it. */
export type TextFieldOptions = {
  /** Chinese word segmentation in full-text search (Meilisearch `localizedAttributes` cmn). */
  chn: boolean;
  /** Vector-indexed for semantic search with the project's embedding model. */
  embedding: boolean;
};

/** Options of a json field: sub-fields (dot paths) indexed for filtering and search. */
export type JsonFieldOptions = { jsonKeys: string[] };

/**
 * One named, typed column of a dataset, as stored in `Dataset.fields` (always in this normalised
 * form: `required` and `options` present, options matching the type).
 */
export type DatasetField =
  | { name: string; type: 'text'; required: boolean; options: TextFieldOptions }
  | { name: string; type: 'long'; required: boolean; options: Record<string, never> }
  | { name: string; type: 'double'; required: boolean; options: Record<string, never> }
  | { name: string; type: 'json'; required: boolean; options: JsonFieldOptions };

export const MAX_FIELDS = 200;
export const MAX_JSON_KEYS = 100;

const FIELD_NAME = /^[a-z_][a-z0-9_]*$/i;
const JSON_KEY_PATH = /^[a-z_][a-z0-9_-]*(\.[a-z_][a-z0-9_-]*)*$/i;

/**
 * What a client sends for one field: flat, so the GraphQL input and the CLI need no unions.
 * Options that do not belong to the type are refused (pointing at the option), not ignored.
 */
export type DatasetFieldInput = {
  name: string;
  type: DatasetFieldType;
  required?: boolean | null;
  chn?: boolean | null;
  embedding?: boolean | null;
  jsonKeys?: string[] | null;
};

const fieldInput = z
  .object({
    name: z
      .string()
      .max(64, 'must be at most 64 characters')
      .regex(FIELD_NAME, 'must start with a letter or _ and contain only letters, digits and _')
      .refine((name) => name.toLowerCase() !== 'id', '"id" is built in: every record has a generated, immutable id'),
    type: z.enum(FIELD_TYPES, { error: `must be one of ${FIELD_TYPES.join(', ')}` }),
    required: z.boolean().nullish(),
    chn: z.boolean().nullish(),
    embedding: z.boolean().nullish(),
    jsonKeys: z
      .array(z.string().max(200, 'must be at most 200 characters').regex(JSON_KEY_PATH, 'must be a dot path like "a.b_c"'))
      .max(MAX_JSON_KEYS, `at most ${MAX_JSON_KEYS} keys`)
      .nullish(),
  })
  .superRefine((field, ctx) => {
    if (field.type !== 'text') {
      for (const option of ['chn', 'embedding'] as const) {
        if (field[option]) ctx.addIssue({ code: 'custom', path: [option], message: `only text fields take ${option}` });
      }
    }
    if (field.type !== 'json' && field.jsonKeys && field.jsonKeys.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['jsonKeys'], message: 'only json fields take jsonKeys' });
    }
    const keys = field.jsonKeys ?? [];
    keys.forEach((key, index) => {
      if (keys.indexOf(key) !== index)
        ctx.addIssue({ code: 'custom', path: ['jsonKeys', index], message: `"${key}" is listed twice` });
    });
  });

const fieldsInput = z
  .array(fieldInput)
  .max(MAX_FIELDS, `a dataset has at most ${MAX_FIELDS} fields`)
  .superRefine((fields, ctx) => {
    const seen = new Map<string, number>();
    fields.forEach((field, index) => {
      // Case-insensitively: "Answer" and "answer" side by side only confuse people and CSV headers.
      const key = field.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `"${field.name}" is already field ${first}` });
      } else {
        seen.set(key, index);
      }
    });
  });

const normalise = (field: z.output<typeof fieldInput>): DatasetField => {
  const required = field.required ?? false;
  switch (field.type) {
    case 'text':
      return {
        name: field.name,
        type: 'text',
        required,
        options: { chn: field.chn ?? false, embedding: field.embedding ?? false },
      };
    case 'json':
      return { name: field.name, type: 'json', required, options: { jsonKeys: field.jsonKeys ?? [] } };
    default:
      return { name: field.name, type: field.type, required, options: {} };
  }
};

/**
 * Validates a client's field list; issues point at `fields.<index>.<option>`.
 * Returns the normalised form that is stored.
 */
export const parseDatasetFields = (input: DatasetFieldInput[], path = 'fields'): DatasetField[] => {
  const parsed = validate(z.object({ [path]: fieldsInput }), { [path]: input });
  return (parsed[path] as z.output<typeof fieldsInput>).map(normalise);
};

/** Reads `Dataset.fields` as stored (written only by parseDatasetFields). */
export const storedFields = (json: unknown): DatasetField[] => (Array.isArray(json) ? (json as DatasetField[]) : []);

/** The flat client form of a stored field, e.g. for a round trip through updateDatasetSchema. */
export const fieldInputOf = (field: DatasetField): DatasetFieldInput => ({
  name: field.name,
  type: field.type,
  required: field.required,
  ...(field.type === 'text' ? { chn: field.options.chn, embedding: field.options.embedding } : {}),
  ...(field.type === 'json' ? { jsonKeys: field.options.jsonKeys } : {}),
});
