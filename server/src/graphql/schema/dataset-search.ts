import { InvalidInputError, NotFoundError, UnavailableError } from '../../errors/app-error.js';
import {
  type DatasetSearchHit,
  type DatasetSearchResult,
  FILTER_OPERATORS,
  type SEARCH_MODES,
  searchDataset,
} from '../../search/dataset-search.js';
import { EmbeddingNotConfiguredError } from '../../search/search-errors.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { DatasetRef } from './dataset.js';
import { loadDatasetRecord } from './dataset-record-loader.js';
import { ErrorInterface } from './errors.js';

const DatasetSearchModeEnum = builder.enumType('DatasetSearchMode', {
  values: {
    FULL_TEXT: { description: 'Words in text fields (and json_keys sub-fields); Chinese-segmented where `chn` is set.' },
    SEMANTIC: { description: "By meaning: the query embedded with the dataset's embedding model, against `embedding` fields." },
    HYBRID: { description: 'Both, blended by `semanticRatio`.' },
  } satisfies Record<(typeof SEARCH_MODES)[number], unknown>,
});

const DatasetFilterOperatorEnum = builder.enumType('DatasetFilterOperator', {
  values: FILTER_OPERATORS,
  description: 'GT/GTE/LT/LTE compare numbers; IN/NOT_IN take `values`; EXISTS/NOT_EXISTS take nothing.',
});

const DatasetFilterConditionInput = builder.inputType('DatasetFilterCondition', {
  description: 'One condition on a long/double field or a json field’s declared key (dot path, e.g. "meta.lang").',
  fields: (t) => ({
    field: t.string({ required: true }),
    op: t.field({ type: DatasetFilterOperatorEnum, required: true }),
    value: t.field({ type: 'JSON', required: false, description: 'A string, number or boolean.' }),
    values: t.field({ type: ['JSON'], required: false, description: 'For IN and NOT_IN.' }),
  }),
});

const DatasetSearchFilterInput = builder.inputType('DatasetSearchFilter', {
  description: 'All `conditions` and `where` must hold. The project and dataset are always added by the server.',
  fields: (t) => ({
    conditions: t.field({ type: [DatasetFilterConditionInput], required: false }),
    where: t.string({
      required: false,
      description:
        "A SQL-style condition: `score >= 3 AND meta.lang IN ('en', 'fr')`, with =, !=, <>, <, <=, >, >=, IN, BETWEEN, " +
        "IS [NOT] NULL, AND, OR, NOT and parentheses; strings in single quotes ('' for a quote).",
    }),
  }),
});

builder.objectType(EmbeddingNotConfiguredError, {
  name: 'EmbeddingNotConfiguredError',
  description:
    'SEMANTIC or HYBRID search on a dataset without an embedding model service; the message says what to configure. ' +
    'FULL_TEXT search works meanwhile.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof EmbeddingNotConfiguredError,
});

const DatasetSearchHitRef = builder.objectRef<DatasetSearchHit>('DatasetSearchHit').implement({
  description: 'A record that matched, as it is now in the database, with how well it matched.',
  fields: (t) => ({
    id: t.id({ description: 'The record’s ID.', resolve: (hit) => encodeGlobalId('DatasetRecord', hit.recordId) }),
    data: t.field({ type: 'JSON', resolve: (hit) => hit.data }),
    version: t.exposeInt('version'),
    record: t.prismaField({
      type: 'DatasetRecord',
      nullable: true,
      description:
        'The record itself (history, snapshots, who changed it), loaded for all hits of the request in one query. ' +
        'Null only if it was deleted in the instant since the search.',
      resolve: (query, hit, _args, ctx) => loadDatasetRecord(ctx, query, hit.recordId),
    }),
    score: t.exposeFloat('score', { description: 'Ranking score from 0 to 1 (best).' }),
    scoreDetails: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Meilisearch’s ranking-score details (per ranking rule, or the vector similarity).',
      resolve: (hit) => hit.scoreDetails,
    }),
  }),
});

const DatasetSearchResultRef = builder.objectRef<DatasetSearchResult>('DatasetSearchResult').implement({
  fields: (t) => ({
    mode: t.field({ type: DatasetSearchModeEnum, resolve: (result) => result.mode }),
    hits: t.field({ type: [DatasetSearchHitRef], resolve: (result) => result.hits }),
    estimatedTotalHits: t.exposeInt('estimatedTotalHits'),
    processingTimeMs: t.exposeInt('processingTimeMs'),
    semanticHitCount: t.exposeInt('semanticHitCount', {
      nullable: true,
      description: 'SEMANTIC/HYBRID: hits that came from the semantic side.',
    }),
  }),
});

builder.queryField('datasetSearch', (t) =>
  t.field({
    type: DatasetSearchResultRef,
    authScopes: { viewer: true },
    errors: { types: [InvalidInputError, NotFoundError, EmbeddingNotConfiguredError, UnavailableError] },
    description:
      'Searches the records of one dataset of this project: full text, by meaning or hybrid, with filters. ' +
      'The index follows writes within moments (see `/readyz` for its lag); hits show the records as stored now.',
    args: {
      dataset: t.arg.globalID({ required: true, for: DatasetRef }),
      query: t.arg.string({ required: false, description: 'At most 1000 characters; empty lists records that pass the filter.' }),
      mode: t.arg({ type: DatasetSearchModeEnum, required: false, description: 'Default FULL_TEXT.' }),
      semanticRatio: t.arg.float({
        required: false,
        description: 'HYBRID: 0 = only full text … 1 = only semantic. Default 0.5.',
      }),
      embeddingField: t.arg.string({
        required: false,
        description: 'The embedding field to search by meaning, when there are several.',
      }),
      filter: t.arg({ type: DatasetSearchFilterInput, required: false }),
      limit: t.arg.int({ required: false, description: 'Default 20, at most 100.' }),
      offset: t.arg.int({ required: false, description: 'At most 10000.' }),
    },
    resolve: (_root, args, ctx) =>
      searchDataset(ctx, {
        datasetId: args.dataset.id,
        query: args.query,
        mode: args.mode,
        semanticRatio: args.semanticRatio,
        embeddingField: args.embeddingField,
        conditions: args.filter?.conditions?.map((condition) => ({
          field: condition.field,
          op: condition.op,
          value: condition.value,
          values: condition.values,
        })),
        where: args.filter?.where,
        limit: args.limit,
        offset: args.offset,
      }),
  }),
);
