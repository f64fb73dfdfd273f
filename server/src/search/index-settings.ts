import type { Settings } from 'meilisearch';
import type { DatasetField } from '../datasets/dataset-fields.js';
import { attributeOf, embedderOf } from './search-document.js';

/**
 * One Meilisearch index per dataset. Settings follow the dataset's own schema (which fields are
 * searchable, filterable, Chinese, embedded, with which vector size), and differ from dataset to
 * dataset even for fields of the same name; a schema change re-indexes only that dataset; a
 * dataset's deletion is one index deletion. Documents still carry projectId and datasetId and
 * every search filters on both, so an index mix-up could not leak rows either.
 */
export const INDEX_PREFIX = 'agentloop-dataset-';

export const indexUidOf = (datasetId: string) => `${INDEX_PREFIX}${datasetId}`;

/** Where a reindex builds the replacement before swapping it in. */
export const rebuildUidOf = (datasetId: string) => `${INDEX_PREFIX}${datasetId}-rebuild`;

/** The settings this server manages; anything else on the index is left alone. */
export type ManagedSettings = {
  searchableAttributes: string[];
  filterableAttributes: string[];
  sortableAttributes: string[];
  localizedAttributes: { attributePatterns: string[]; locales: ['cmn'] }[];
  embedders: Record<string, { source: 'userProvided'; dimensions: number }>;
};

/**
 * The settings of a dataset's index. `dimensions` gives the vector size of each embedding field
 * whose size is known (from the model's first answer); fields without one get no embedder yet.
 */
export const settingsFor = (fields: readonly DatasetField[], dimensions: ReadonlyMap<string, number>): ManagedSettings => {
  const texts = fields.filter((field) => field.type === 'text');
  const numbers = fields.filter((field) => field.type === 'long' || field.type === 'double');
  const jsonKeys = fields.flatMap((field) =>
    field.type === 'json' ? field.options.jsonKeys.map((key) => attributeOf(field.name, key)) : [],
  );
  const chinese = texts.filter((field) => field.type === 'text' && field.options.chn).map((field) => attributeOf(field.name));
  const embedders: ManagedSettings['embedders'] = {};
  for (const field of texts) {
    const name = embedderOf(field.name);
    const size = dimensions.get(name);
    if (field.type === 'text' && field.options.embedding && size) embedders[name] = { source: 'userProvided', dimensions: size };
  }
  return {
    // Text fields in schema order (earlier fields rank higher), then json sub-fields.
    searchableAttributes: [...texts.map((field) => attributeOf(field.name)), ...jsonKeys],
    filterableAttributes: ['projectId', 'datasetId', ...numbers.map((field) => attributeOf(field.name)), ...jsonKeys],
    sortableAttributes: numbers.map((field) => attributeOf(field.name)),
    localizedAttributes: chinese.length > 0 ? [{ attributePatterns: chinese, locales: ['cmn'] }] : [],
    embedders,
  };
};

/** The vector sizes an index's current embedders declare, to keep them when this batch learned none. */
export const dimensionsOf = (settings: Pick<Settings, 'embedders'>): Map<string, number> => {
  const sizes = new Map<string, number>();
  for (const [name, embedder] of Object.entries(settings.embedders ?? {})) {
    const size = embedder && 'dimensions' in embedder ? embedder.dimensions : undefined;
    if (typeof size === 'number') sizes.set(name, size);
  }
  return sizes;
};
