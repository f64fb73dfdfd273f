import { type DatasetField, storedFields } from '../../datasets/dataset-fields.js';
import { builder } from '../builder.js';

export const DatasetFieldTypeEnum = builder.enumType('DatasetFieldType', {
  description: 'The type of a dataset field; records are validated against it.',
  values: {
    TEXT: { value: 'text', description: 'A string; full-text searchable, optionally Chinese-segmented (`chn`) and embedded.' },
    LONG: { value: 'long', description: 'A whole number (safe integer range).' },
    DOUBLE: { value: 'double', description: 'A finite floating-point number.' },
    JSON: { value: 'json', description: 'Any JSON value; `jsonKeys` sub-fields are indexed for filtering and search.' },
  } as const,
});

export const DatasetFieldRef = builder.objectRef<DatasetField>('DatasetField').implement({
  description: 'One named, typed column of a dataset. The built-in `id` is not listed: every record has it.',
  fields: (t) => ({
    name: t.exposeString('name'),
    type: t.field({ type: DatasetFieldTypeEnum, resolve: (field) => field.type }),
    required: t.exposeBoolean('required', { description: 'Records must have a non-null value.' }),
    chn: t.boolean({
      description: 'Text fields: Chinese word segmentation in full-text search.',
      resolve: (field) => field.type === 'text' && field.options.chn,
    }),
    embedding: t.boolean({
      description: "Text fields: vector-indexed for semantic search with the project's embedding model.",
      resolve: (field) => field.type === 'text' && field.options.embedding,
    }),
    jsonKeys: t.stringList({
      description: 'Json fields: sub-fields (dot paths, e.g. "meta.lang") indexed for filtering and search.',
      resolve: (field) => (field.type === 'json' ? field.options.jsonKeys : []),
    }),
  }),
});

export const DatasetFieldInputRef = builder.inputType('DatasetFieldInput', {
  description: 'One field. Options that do not belong to the type are refused, naming the option.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Letters, digits and _, not starting with a digit; not `id`.' }),
    type: t.field({ type: DatasetFieldTypeEnum, required: true }),
    required: t.boolean({ required: false, description: 'Default false.' }),
    chn: t.boolean({ required: false, description: 'Text only.' }),
    embedding: t.boolean({ required: false, description: 'Text only.' }),
    jsonKeys: t.stringList({ required: false, description: 'Json only: dot paths of indexed sub-fields.' }),
  }),
});

export const DatasetRef = builder.prismaNode('Dataset', {
  // A missing or foreign dataset resolves to null, as Relay clients expect, not to an error.
  nullable: true,
  id: { field: 'id' },
  description:
    'A typed, versioned collection of records (evaluation sets, regression sets, training data) that the team edits, ' +
    'searches and snapshots.',
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    fields: t.field({ type: [DatasetFieldRef], resolve: (dataset) => storedFields(dataset.fields) }),
    recordCount: t.relationCount('records', { description: 'Current (not deleted) records.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});
