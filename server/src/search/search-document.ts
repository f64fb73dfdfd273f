import type { DatasetField } from '../datasets/dataset-fields.js';

/**
 * How a dataset record looks in Meilisearch. Record fields live under `f.` (flat, dotted keys), so a
 * user's field can never collide with our own attributes (`projectId`, `datasetId`) or with
 * Meilisearch's reserved ones (`_vectors`, `_geo`): field names like `_vectors` are legal in a dataset.
 */
export const FIELD_PREFIX = 'f.';

/** The Meilisearch attribute of a record field or json sub-field (`meta` + `a.b` → `f.meta.a.b`). */
export const attributeOf = (field: string, jsonKey?: string) => `${FIELD_PREFIX}${field}${jsonKey ? `.${jsonKey}` : ''}`;

/** One user-provided embedder per `embedding` text field, named after the field. */
export const embedderOf = (field: string) => field;

export type SearchDocument = {
  id: string;
  projectId: string;
  datasetId: string;
  _vectors?: Record<string, number[] | null>;
  [attribute: string]: unknown;
};

/** Reads a dot path inside a json value; undefined when any step is missing or not an object. */
export const readPath = (value: unknown, path: string): unknown => {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
};

/**
 * The search document of one record: its id, project and dataset (always filtered on at search
 * time, so no search crosses them), text fields, long/double values and json_keys sub-values
 * flattened by dot path. Plain json fields are not indexed: nothing asked for them.
 *
 * `vectors` holds the embedding of each embedding field that has one. Every embedding field gets an
 * entry, null when there is no vector (no text, no model, or embedding failed), whether or not the
 * index declares its embedder yet: Meilisearch refuses a document that says nothing for a
 * user-provided embedder, and refuses to add an embedder while documents say nothing for it.
 */
export const buildSearchDocument = (
  dataset: { id: string; projectId: string; fields: readonly DatasetField[] },
  record: { id: string; data: Record<string, unknown> },
  vectors: ReadonlyMap<string, number[]> = new Map(),
): SearchDocument => {
  const embedders = dataset.fields.flatMap((field) =>
    field.type === 'text' && field.options.embedding ? [embedderOf(field.name)] : [],
  );
  const document: SearchDocument = { id: record.id, projectId: dataset.projectId, datasetId: dataset.id };
  for (const field of dataset.fields) {
    const value = record.data[field.name];
    if (value === undefined || value === null) continue;
    switch (field.type) {
      case 'text':
      case 'long':
      case 'double':
        document[attributeOf(field.name)] = value;
        break;
      case 'json':
        for (const key of field.options.jsonKeys) {
          const sub = readPath(value, key);
          if (sub !== undefined && sub !== null) document[attributeOf(field.name, key)] = sub;
        }
        break;
    }
  }
  if (embedders.length > 0) {
    document._vectors = Object.fromEntries(embedders.map((name) => [name, vectors.get(name) ?? null]));
  }
  return document;
};

/** The texts to embed for one record: embedding field name → its text (fields without text are skipped). */
export const embeddingTexts = (fields: readonly DatasetField[], data: Record<string, unknown>): Map<string, string> => {
  const texts = new Map<string, string>();
  for (const field of fields) {
    const value = data[field.name];
    if (field.type === 'text' && field.options.embedding && typeof value === 'string' && value.trim() !== '') {
      texts.set(embedderOf(field.name), value);
    }
  }
  return texts;
};
