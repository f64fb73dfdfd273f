import { MeilisearchApiError, MeilisearchRequestError, type SearchParams, type SearchResponse } from 'meilisearch';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { type DatasetField, storedFields } from '../datasets/dataset-fields.js';
import type { SqlClient } from '../db/sql-client.js';
import { validate } from '../domain/validate.js';
import { AppError, InvalidInputError, NotFoundError, UnavailableError } from '../errors/app-error.js';
import { indexUidOf } from './index-settings.js';
import { meilisearchApiErrorOf, meilisearchErrorCode } from './meilisearch-http-client.js';
import { parseCondition } from './search-condition.js';
import type { SearchDeps } from './search-deps.js';
import { embedderOf } from './search-document.js';
import { EmbeddingNotConfiguredError } from './search-errors.js';
import { compileFilter, type FilterNode, type FilterValue, scopeFilter } from './search-filter.js';

export const SEARCH_MODES = ['FULL_TEXT', 'SEMANTIC', 'HYBRID'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export const FILTER_OPERATORS = ['EQ', 'NE', 'GT', 'GTE', 'LT', 'LTE', 'IN', 'NOT_IN', 'EXISTS', 'NOT_EXISTS'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** One structured condition; all of them and `where` must hold. */
export type FilterCondition = { field: string; op: FilterOperator; value?: unknown; values?: unknown[] | null };

export type DatasetSearchInput = {
  datasetId: string;
  query?: string | null;
  mode?: SearchMode | null;
  /** HYBRID: 0 = only full text, 1 = only semantic. Default 0.5. */
  semanticRatio?: number | null;
  /** Which embedding field to search by meaning; needed only when the dataset has several. */
  embeddingField?: string | null;
  conditions?: FilterCondition[] | null;
  /** A SQL-style condition (`score > 3 AND meta.lang = 'en'`). */
  where?: string | null;
  limit?: number | null;
  offset?: number | null;
};

export type DatasetSearchHit = {
  recordId: string;
  data: Record<string, unknown>;
  version: number;
  /** Meilisearch's ranking score, 0..1 (1 is best). */
  score: number;
  scoreDetails: unknown;
};

export type DatasetSearchResult = {
  mode: SearchMode;
  hits: DatasetSearchHit[];
  estimatedTotalHits: number;
  processingTimeMs: number;
  /** HYBRID/SEMANTIC: how many hits came from the semantic side. */
  semanticHitCount: number | null;
};

export const MAX_QUERY_LENGTH = 1000;
export const MAX_LIMIT = 100;
export const MAX_OFFSET = 10_000;

/**
 * Makes odd Unicode harmless: lone surrogates (which JSON can carry but Meilisearch refuses) become
 * U+FFFD and control characters become spaces. Everything else (emoji, RTL marks, combining
 * accents, CJK) is left for Meilisearch's tokenizer.
 */
export const cleanQuery = (query: string) =>
  query
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
    .replace(/[\u0000-\u001f\u007f]/g, ' ');

const filterValue = z.union([z.string().max(1000), z.number().finite(), z.boolean()], {
  error: 'must be a string, a finite number or a boolean',
});

const inputSchema = z.object({
  query: z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`).nullish(),
  mode: z.enum(SEARCH_MODES).nullish(),
  semanticRatio: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullish(),
  embeddingField: z.string().max(64).nullish(),
  conditions: z
    .array(
      z.object({
        field: z.string().min(1).max(300),
        op: z.enum(FILTER_OPERATORS),
        value: filterValue.nullish(),
        values: z.array(filterValue).max(1000, 'at most 1000 values').nullish(),
      }),
    )
    .max(100, 'at most 100 conditions')
    .nullish(),
  where: z.string().max(10_000).nullish(),
  limit: z.number().int().min(1, 'must be at least 1').max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`).nullish(),
  offset: z.number().int().min(0, 'must be at least 0').max(MAX_OFFSET, `must be at most ${MAX_OFFSET}`).nullish(),
});

const COMPARE = { EQ: '=', NE: '!=', GT: '>', GTE: '>=', LT: '<', LTE: '<=' } as const;

/** Structured conditions as a filter tree; each one's problems point at `filter.conditions.<i>`. */
const conditionsTree = (conditions: readonly FilterCondition[]): FilterNode[] =>
  conditions.map((condition, index) => {
    const path = `filter.conditions.${index}`;
    const value = condition.value as FilterValue | null | undefined;
    const values = condition.values as FilterValue[] | null | undefined;
    switch (condition.op) {
      case 'IN':
      case 'NOT_IN':
        if (!values || values.length === 0)
          throw new InvalidInputError([{ path: `${path}.values`, message: `${condition.op} needs values` }]);
        return { kind: 'in', field: condition.field, values, negated: condition.op === 'NOT_IN' };
      case 'EXISTS':
      case 'NOT_EXISTS':
        return { kind: 'exists', field: condition.field, negated: condition.op === 'NOT_EXISTS' };
      default:
        if (value === null || value === undefined)
          throw new InvalidInputError([{ path: `${path}.value`, message: `${condition.op} needs a value` }]);
        return { kind: 'compare', field: condition.field, op: COMPARE[condition.op], value };
    }
  });

/** The Meilisearch filter of a search: always the project and dataset, then the caller's conditions. */
export const buildSearchFilter = (
  projectId: string,
  datasetId: string,
  fields: readonly DatasetField[],
  input: Pick<DatasetSearchInput, 'conditions' | 'where'>,
) => {
  const parts: string[] = [];
  (input.conditions ?? []).forEach((condition, index) => {
    const [node] = conditionsTree([condition]);
    if (node) parts.push(compileFilter(node, fields, `filter.conditions.${index}`));
  });
  if (input.where?.trim()) parts.push(compileFilter(parseCondition(input.where, 'filter.where'), fields, 'filter.where'));
  return scopeFilter(projectId, datasetId, parts.length > 0 ? parts.join(' AND ') : null);
};

const HAN = /\p{Script=Han}/u;

type SearchContext = { sql: SqlClient; search: SearchDeps; principal: Pick<Principal, 'projectId'> };

/**
 * Searches one dataset of the caller's project: full text, by meaning (the query embedded with the
 * dataset's model service), or both. Meilisearch returns ids and scores; the records themselves are
 * read from Postgres (the truth), so a hit never shows data newer or older than the record's.
 */
export const searchDataset = async (ctx: SearchContext, input: DatasetSearchInput): Promise<DatasetSearchResult> => {
  const parsed = validate(inputSchema, input);
  const mode = parsed.mode ?? 'FULL_TEXT';
  const query = cleanQuery(parsed.query ?? '');
  const [dataset] = await ctx.sql.query<{ id: string; projectId: string; fields: unknown; embeddingServiceId: string | null }>(
    `SELECT id::text, "projectId"::text AS "projectId", fields, "embeddingServiceId"::text AS "embeddingServiceId"
       FROM "Dataset" WHERE id = $1::uuid AND "projectId" = $2::uuid`,
    [input.datasetId, ctx.principal.projectId],
  );
  if (!dataset) throw new NotFoundError('Dataset', input.datasetId);
  const fields = storedFields(dataset.fields);
  const filter = buildSearchFilter(dataset.projectId, dataset.id, fields, parsed);

  const params: SearchParams = {
    filter,
    limit: parsed.limit ?? 20,
    offset: parsed.offset ?? 0,
    attributesToRetrieve: ['id'],
    showRankingScore: true,
    showRankingScoreDetails: true,
  };
  // Chinese text fields are indexed as Chinese; say the query is too, or a short Han query may be
  // taken for Japanese and segmented differently.
  if (HAN.test(query) && fields.some((field) => field.type === 'text' && field.options.chn)) params.locales = ['cmn'];

  if (mode !== 'FULL_TEXT') {
    if (query.trim() === '') throw new InvalidInputError([{ path: 'query', message: `${mode} search needs a query to embed` }]);
    const embeddingFields = fields.filter((field) => field.type === 'text' && field.options.embedding).map((field) => field.name);
    const field = parsed.embeddingField ?? (embeddingFields.length === 1 ? embeddingFields[0] : undefined);
    if (embeddingFields.length === 0) {
      throw new InvalidInputError([
        { path: 'mode', message: `${mode} search needs a text field with the embedding option; this dataset has none` },
      ]);
    }
    if (!field || !embeddingFields.includes(field)) {
      throw new InvalidInputError([
        { path: 'embeddingField', message: `name one of the dataset's embedding fields: ${embeddingFields.join(', ')}` },
      ]);
    }
    const resolved = await ctx.search.embedders({
      projectId: dataset.projectId,
      datasetId: dataset.id,
      embeddingServiceId: dataset.embeddingServiceId,
    });
    if (!resolved.ok) throw new EmbeddingNotConfiguredError(resolved.reason);
    let vector: number[];
    try {
      vector = await resolved.embedder.embedQuery(query);
    } catch (error) {
      throw new UnavailableError(
        `The embedding model service ${resolved.serviceId} failed to embed the query: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    params.vector = vector;
    params.hybrid = { embedder: embedderOf(field), semanticRatio: mode === 'SEMANTIC' ? 1 : (parsed.semanticRatio ?? 0.5) };
  }

  let response: SearchResponse<{ id: string }>;
  try {
    response = await ctx.search.backend.client().index(indexUidOf(dataset.id)).search<{ id: string }>(query, params);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = meilisearchErrorCode(error);
    // Nothing indexed yet (no records, or the worker has not caught up): no hits, not an error.
    if (code === 'index_not_found') {
      return { mode, hits: [], estimatedTotalHits: 0, processingTimeMs: 0, semanticHitCount: mode === 'FULL_TEXT' ? null : 0 };
    }
    if (code === 'invalid_search_embedder' || code === 'invalid_search_hybrid_query' || code === 'invalid_search_vector') {
      throw new UnavailableError(
        'Semantic search on this dataset is not ready: no vectors are indexed yet for that field (the search worker adds them once the embedding model answers; see /readyz for the index lag)',
        { cause: error },
      );
    }
    if (error instanceof MeilisearchRequestError || error instanceof MeilisearchApiError) {
      const message = meilisearchApiErrorOf(error)?.message ?? error.message;
      throw new UnavailableError(`Dataset search is unavailable: ${message}`, { cause: error });
    }
    throw error;
  }

  const ids = response.hits.map((hit) => String(hit.id));
  const rows = await ctx.sql.query<{ id: string; data: Record<string, unknown>; version: number }>(
    `SELECT id::text, data, version FROM "DatasetRecord" WHERE "projectId" = $1::uuid AND "datasetId" = $2::uuid AND id = ANY($3::uuid[])`,
    [dataset.projectId, dataset.id, ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const hits: DatasetSearchHit[] = [];
  for (const hit of response.hits) {
    const row = byId.get(String(hit.id));
    // Deleted since it was indexed (its DELETE is still in the outbox): not a result.
    if (!row) continue;
    hits.push({
      recordId: row.id,
      data: row.data,
      version: row.version,
      score: hit._rankingScore ?? 0,
      scoreDetails: hit._rankingScoreDetails ?? null,
    });
  }
  return {
    mode,
    hits,
    estimatedTotalHits: response.estimatedTotalHits ?? hits.length,
    processingTimeMs: response.processingTimeMs,
    semanticHitCount: mode === 'FULL_TEXT' ? null : ((response as { semanticHitCount?: number }).semanticHitCount ?? null),
  };
};
