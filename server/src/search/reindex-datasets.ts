import type { Actor } from '../auth/principal.js';
import type { DatasetDeps } from '../datasets/datasets.js';
import { sqlAuditedTransaction } from '../domain/sql-audited-transaction.js';
import { NotFoundError } from '../errors/app-error.js';
import type { IndexLag } from '../http/readiness.js';
import { readIndexLag } from './index-lag.js';
import { requestReindex } from './request-reindex.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A queued reindex: the datasets it covers, the rebuilds it added, and their index lag right after. */
export type ReindexResult = { datasetIds: string[]; queued: number; indexLag: IndexLag };

/**
 * Queues a rebuild of one dataset's search index (datasetId) or of every dataset of the project
 * (null), audited. The search worker (in the server, or `agentloop worker`) does the work; the
 * index lag it returns, and /readyz, show it draining.
 */
export const reindexDatasets = async (
  deps: DatasetDeps,
  projectId: string,
  actor: Actor,
  datasetId: string | null,
): Promise<ReindexResult> => {
  if (datasetId !== null && !UUID.test(datasetId)) throw new NotFoundError('Dataset', datasetId);
  const request = await sqlAuditedTransaction(deps, actor, async (tx) => {
    const result = await requestReindex(tx, projectId, datasetId === null ? null : [datasetId]);
    if (datasetId !== null && result.datasetIds.length === 0) throw new NotFoundError('Dataset', datasetId);
    return {
      result,
      audit: [
        datasetId === null
          ? {
              action: 'search.reindex',
              entityType: 'Project',
              entityId: projectId,
              projectId,
              summary: { datasets: result.datasetIds.length, queued: result.queued },
            }
          : {
              action: 'search.reindex',
              entityType: 'Dataset',
              entityId: datasetId,
              projectId,
              summary: { queued: result.queued },
            },
      ],
    };
  });
  return { ...request, indexLag: await readIndexLag(deps.sql, request.datasetIds) };
};
