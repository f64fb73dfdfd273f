import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSqlStatements, type StatementCounter } from '../bench/support/count-sql-statements.js';
import { createDatasetVia, insertRecordsInto, waitForIndex } from './support/dataset-search-helpers.js';
import { gql } from './support/graphql-client.js';
import { useMeilisearch } from './support/meilisearch.js';
import { useTestServer } from './support/test-server.js';

const searchQuery = (recordFields: string) => `query($dataset: ID!, $query: String, $limit: Int) {
  datasetSearch(dataset: $dataset, query: $query, limit: $limit) {
    __typename ... on DatasetSearchResult { hits { id version score record { ${recordFields} } } }
  }
}`;

const FULL = searchQuery('id version data createdBy dataset { name } versions { totalCount }');
const BATCHED = searchQuery('id version data createdBy dataset { name }');

/**
 * Counts statements on PostgreSQL (pg's Client#query, see countSqlStatements) and on PGlite (its
 * query method, which the Prisma adapter and the raw SQL client both go through).
 */
const countStatements = (): StatementCounter => {
  const pgCounter = countSqlStatements();
  const prototype = Object.getPrototypeOf(PGlite.prototype) as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let pglite = 0;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    pglite++;
    return original.apply(this, args);
  };
  return {
    count: () => pgCounter.count() + pglite,
    restore: () => {
      pgCounter.restore();
      prototype.query = original;
    },
  };
};

describe('datasetSearch hits carry their DatasetRecord (real Meilisearch)', () => {
  const meili = useMeilisearch();
  const t = useTestServer({ env: () => meili.env });
  let dataset: string;
  let counter: StatementCounter | null = null;

  beforeAll(async () => {
    dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'with records', [
      { name: 'question', type: 'TEXT' },
      { name: 'n', type: 'LONG' },
    ]);
    await insertRecordsInto(
      t.server,
      dataset,
      Array.from({ length: 30 }, (_, n) => ({ question: `shipping question number ${n}`, n })),
    );
    await waitForIndex(t.server.url);
  });
  afterAll(() => counter?.restore());

  const searchRecords = async (limit: number, query = FULL) => {
    const res = await gql(t.server.url, t.server.adminKey, query, { dataset, query: 'shipping', limit });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data?.datasetSearch.__typename).toBe('DatasetSearchResult');
    return res.data?.datasetSearch.hits as {
      id: string;
      version: number;
      record: { id: string; version: number; data: { n: number }; dataset: { name: string }; versions: { totalCount: number } };
    }[];
  };

  it('returns the current record of each hit, with everything a DatasetRecord offers', async () => {
    const hits = await searchRecords(20);
    expect(hits).toHaveLength(20);
    for (const hit of hits) {
      expect(hit.record).toMatchObject({ id: hit.id, version: hit.version, dataset: { name: 'with records' } });
      expect(hit.record.versions.totalCount).toBe(1);
    }
    expect(new Set(hits.map((hit) => hit.record.data.n)).size).toBe(20);
  });

  it('loads the records of a page in one batch, not one query per hit', async () => {
    counter = countStatements();
    const statementsOf = async (limit: number) => {
      // The search worker polls in the background: the fewest of a few runs is the request's own count.
      const counts: number[] = [];
      for (let i = 0; i < 4; i++) {
        const before = counter?.count() ?? 0;
        await searchRecords(limit, BATCHED);
        counts.push((counter?.count() ?? 0) - before);
      }
      return Math.min(...counts);
    };
    await statementsOf(1);
    const small = await statementsOf(2);
    expect(small).toBeGreaterThan(0);
    expect(await statementsOf(25)).toBe(small);
  });
});
