import { z } from 'zod';
import type { Actor, Principal } from '../auth/principal.js';
import type { SqlClient, SqlSession } from '../db/sql-client.js';
import { displayName } from '../domain/names.js';
import { sqlAuditedTransaction } from '../domain/sql-audited-transaction.js';
import { validate } from '../domain/validate.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { AppPubSub } from '../pubsub/create-pubsub.js';
import { checkEmbeddingService } from '../search/embedding-service-choice.js';
import { type DatasetFieldInput, parseDatasetFields, storedFields } from './dataset-fields.js';
import { enqueueDatasetIndexing } from './record-writes.js';
import { isSqlUniqueViolation } from './sql-errors.js';
import { uuidv7 } from './uuid-v7.js';

/** What dataset services need: raw SQL (records are written set-based) and the audit announcer. */
export type DatasetDeps = { sql: SqlClient; pubsub: AppPubSub | null };

const description = z.string().trim().max(2000, 'must be at most 2000 characters').nullish();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const conflictOnDuplicateName = (name: string) => (error: unknown) => {
  if (isSqlUniqueViolation(error)) throw new ConflictError(`A dataset named "${name}" already exists in this project`);
  throw error;
};

/**
 * Loads a dataset of the project and locks its row for the rest of the transaction: FOR UPDATE for
 * changes to the dataset itself, so record writes (which take FOR SHARE) wait for them.
 */
export const lockDataset = async (tx: SqlSession, projectId: string, datasetId: string) => {
  if (!UUID.test(datasetId)) throw new NotFoundError('Dataset', datasetId);
  const [row] = await tx.query<{ id: string; name: string; description: string | null; fields: unknown }>(
    `SELECT id::text, name, description, fields FROM "Dataset" WHERE id = $1::uuid AND "projectId" = $2::uuid FOR UPDATE`,
    [datasetId, projectId],
  );
  if (!row) throw new NotFoundError('Dataset', datasetId);
  return row;
};

/** A model service ID (checked against the project in the transaction); null: the project's only one. */
const embeddingServiceId = z.string().max(100).nullish();

const createInput = z.object({ name: displayName, description, fields: z.array(z.any()), embeddingServiceId });

/**
 * Creates a dataset with its typed fields (validated and stored normalised, see dataset-fields.ts)
 * and, optionally, the EMBEDDING model service that embeds its `embedding` fields.
 */
export const createDataset = async (
  deps: DatasetDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  input: { name: string; description?: string | null; fields: DatasetFieldInput[]; embeddingServiceId?: string | null },
): Promise<{ id: string }> => {
  const data = validate(createInput, input);
  const fields = parseDatasetFields(input.fields);
  const id = uuidv7();
  return sqlAuditedTransaction(deps, actor, async (tx) => {
    if (data.embeddingServiceId) await checkEmbeddingService(tx, principal.projectId, data.embeddingServiceId);
    await tx.query(
      `INSERT INTO "Dataset" (id, "projectId", name, description, fields, "embeddingServiceId", "updatedAt")
       VALUES ($1::uuid, $2::uuid, $3, $4, $5::jsonb, $6::uuid, now())`,
      [id, principal.projectId, data.name, data.description ?? null, JSON.stringify(fields), data.embeddingServiceId ?? null],
    );
    return {
      result: { id },
      audit: [
        {
          action: 'dataset.create',
          entityType: 'Dataset',
          entityId: id,
          projectId: principal.projectId,
          summary: {
            name: data.name,
            fields: fields.map((field) => `${field.name}:${field.type}`),
            ...(data.embeddingServiceId ? { embeddingServiceId: data.embeddingServiceId } : {}),
          },
        },
      ],
    };
  }).catch(conflictOnDuplicateName(data.name));
};

const updateInput = z.object({ id: z.string(), name: displayName.nullish(), description, embeddingServiceId });

/**
 * Renames and/or re-describes a dataset, or changes its embedding model service (null: back to the
 * project's only one); absent fields stay, an empty description clears it. A new embedding service
 * means new vectors: the dataset's index is rebuilt (when it has embedding fields).
 */
export const updateDataset = async (
  deps: DatasetDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  input: { id: string; name?: string | null; description?: string | null; embeddingServiceId?: string | null },
): Promise<{ id: string }> => {
  const data = validate(updateInput, input);
  return sqlAuditedTransaction(deps, actor, async (tx) => {
    const before = await lockDataset(tx, principal.projectId, data.id);
    const name = data.name ?? before.name;
    const nextDescription = data.description === undefined ? before.description : data.description || null;
    const [current] = await tx.query<{ embeddingServiceId: string | null }>(
      `SELECT "embeddingServiceId"::text AS "embeddingServiceId" FROM "Dataset" WHERE id = $1::uuid`,
      [before.id],
    );
    const previousService = current?.embeddingServiceId ?? null;
    const nextService =
      data.embeddingServiceId === undefined ? previousService : (data.embeddingServiceId?.toLowerCase() ?? null);
    if (nextService !== null && nextService !== previousService)
      await checkEmbeddingService(tx, principal.projectId, nextService);
    await tx.query(
      `UPDATE "Dataset" SET name = $2, description = $3, "embeddingServiceId" = $4::uuid, "updatedAt" = now() WHERE id = $1::uuid`,
      [before.id, name, nextDescription, nextService],
    );
    const summary: Record<string, { from: string | null; to: string | null }> = {};
    if (name !== before.name) summary.name = { from: before.name, to: name };
    if (nextDescription !== before.description) summary.description = { from: before.description, to: nextDescription };
    if (nextService !== previousService) {
      summary.embeddingServiceId = { from: previousService, to: nextService };
      if (storedFields(before.fields).some((field) => field.type === 'text' && field.options.embedding)) {
        await enqueueDatasetIndexing(tx, { id: before.id, projectId: principal.projectId }, 'REINDEX_DATASET');
      }
    }
    return {
      result: { id: before.id },
      audit: [{ action: 'dataset.update', entityType: 'Dataset', entityId: before.id, projectId: principal.projectId, summary }],
    };
  }).catch(conflictOnDuplicateName(data.name ?? ''));
};

/**
 * Deletes a dataset with its records, history and snapshots, and tells search to drop its index
 * (DROP_DATASET outlives the dataset: the outbox has no foreign keys).
 */
export const deleteDataset = async (
  deps: DatasetDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  datasetId: string,
): Promise<{ id: string; name: string }> =>
  sqlAuditedTransaction(deps, actor, async (tx) => {
    const before = await lockDataset(tx, principal.projectId, datasetId);
    const [counted] = await tx.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "DatasetRecord" WHERE "datasetId" = $1::uuid`,
      [before.id],
    );
    await tx.query(`DELETE FROM "Dataset" WHERE id = $1::uuid`, [before.id]);
    await enqueueDatasetIndexing(tx, { id: before.id, projectId: principal.projectId }, 'DROP_DATASET');
    return {
      result: { id: before.id, name: before.name },
      audit: [
        {
          action: 'dataset.delete',
          entityType: 'Dataset',
          entityId: before.id,
          projectId: principal.projectId,
          summary: { name: before.name, records: counted?.count ?? 0 },
        },
      ],
    };
  });
