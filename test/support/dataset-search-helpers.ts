import { expect } from 'vitest';
import { insertRecords, lockDatasetForWrite } from '../../server/src/datasets/record-writes.js';
import { decodeGlobalId } from '../../server/src/graphql/global-id.js';
import { gql } from './graphql-client.js';
import type { TestServer } from './test-server.js';

/** Creates a dataset through the public API; returns its global ID. */
export const createDatasetVia = async (url: string, key: string, name: string, fields: Record<string, unknown>[]) => {
  const res = await gql(
    url,
    key,
    `mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
      __typename ... on DatasetPayload { dataset { id } } ... on Error { code message } } }`,
    { input: { name, fields } },
  );
  expect(res.data?.createDataset.__typename, JSON.stringify(res)).toBe('DatasetPayload');
  return res.data?.createDataset.dataset.id as string;
};

/**
 * Writes records through THE record write path (record-writes.ts, which also fills the search
 * outbox), in the dataset's project. Returns the new record ids.
 */
export const insertRecordsInto = async (server: TestServer, datasetGlobalId: string, rows: Record<string, unknown>[]) => {
  const datasetId = decodeGlobalId(datasetGlobalId).id;
  const [dataset] = await server.database.sql.query<{ projectId: string }>(
    `SELECT "projectId"::text AS "projectId" FROM "Dataset" WHERE id = $1::uuid`,
    [datasetId],
  );
  if (!dataset) throw new Error(`no dataset ${datasetId}`);
  const written = await server.database.sql.transaction(async (tx) =>
    insertRecords(tx, { apiKeyId: null }, await lockDatasetForWrite(tx, dataset.projectId, datasetId), rows),
  );
  return written.map((record) => record.id);
};

type Readiness = { checks: { search?: { ok: boolean; indexLag?: { pending: number; failing: number } } } };

export const readIndexLagVia = async (url: string) => {
  const body = (await (await fetch(`${url}/readyz`)).json()) as Readiness;
  return body.checks.search?.indexLag;
};

/** Waits until /readyz reports no pending index work (the search worker caught up). */
export const waitForIndex = async (url: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lag = await readIndexLagVia(url);
    if (lag?.pending === 0) return;
    if (Date.now() > deadline) throw new Error(`search index still behind: ${JSON.stringify(lag)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

export const SEARCH = `query($dataset: ID!, $query: String, $mode: DatasetSearchMode, $semanticRatio: Float, $filter: DatasetSearchFilter, $limit: Int, $offset: Int, $embeddingField: String) {
  datasetSearch(dataset: $dataset, query: $query, mode: $mode, semanticRatio: $semanticRatio, filter: $filter, limit: $limit, offset: $offset, embeddingField: $embeddingField) {
    __typename
    ... on DatasetSearchResult { mode estimatedTotalHits semanticHitCount hits { id data version score scoreDetails } }
    ... on InvalidInputError { issues { path message } }
    ... on Error { code message }
  }
}`;
