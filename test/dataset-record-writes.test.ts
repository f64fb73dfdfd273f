import { describe, expect, it } from 'vitest';
import { parseDatasetFields } from '../server/src/datasets/dataset-fields.js';
import { RecordValidationError } from '../server/src/datasets/record-issues.js';
import {
  deleteRecords,
  insertRecords,
  lockDatasetForWrite,
  stripFields,
  updateRecords,
} from '../server/src/datasets/record-writes.js';
import { useProjectDatabase } from './support/test-database.js';

const actor = { apiKeyId: null };

describe('record writes (the one write path)', () => {
  const ctx = useProjectDatabase();

  const newDataset = async () => {
    const dataset = await ctx.db.prisma.dataset.create({
      data: {
        projectId: ctx.projectId,
        name: `ds-${Math.random()}`,
        fields: parseDatasetFields([
          { name: 'question', type: 'text', required: true },
          { name: 'score', type: 'long' },
          { name: 'meta', type: 'json' },
        ]),
      },
    });
    return ctx.db.sql.transaction((tx) => lockDatasetForWrite(tx, ctx.projectId, dataset.id));
  };

  it('inserts, updates and deletes with versions and outbox rows in the same transaction', async () => {
    const dataset = await newDataset();
    const inserted = await ctx.db.sql.transaction((tx) =>
      insertRecords(tx, actor, dataset, [
        { question: 'a', score: 1 },
        { question: 'b', meta: { k: [1] } },
      ]),
    );
    expect(inserted).toHaveLength(2);
    const [first, second] = inserted;
    if (!first || !second) throw new Error('unreachable');
    const result = await ctx.db.sql.transaction((tx) =>
      updateRecords(
        tx,
        actor,
        dataset,
        [
          { id: first.id, data: { score: 2 }, expectedVersion: 1 },
          { id: second.id, data: { meta: null } },
        ],
        { mode: 'merge' },
      ),
    );
    expect(result.updated.map((r) => r.version)).toEqual([2, 2]);
    const unchanged = await ctx.db.sql.transaction((tx) =>
      updateRecords(tx, actor, dataset, [{ id: first.id, data: { score: 2, question: 'a' } }]),
    );
    expect(unchanged).toEqual({ updated: [], unchanged: [{ id: first.id, version: 2 }] });
    await ctx.db.sql.transaction((tx) => deleteRecords(tx, actor, dataset, [second.id]));

    const versions = await ctx.db.prisma.datasetRecordVersion.findMany({
      where: { datasetId: dataset.id },
      orderBy: [{ recordId: 'asc' }, { version: 'asc' }],
    });
    expect(versions.map((v) => [v.recordId === first.id ? 'first' : 'second', v.version, v.operation, v.data])).toEqual([
      ['first', 1, 'INSERT', { question: 'a', score: 1 }],
      ['first', 2, 'UPDATE', { question: 'a', score: 2 }],
      ['second', 1, 'INSERT', { question: 'b', meta: { k: [1] } }],
      ['second', 2, 'UPDATE', { question: 'b' }],
      ['second', 3, 'DELETE', null],
    ]);
    const outbox = await ctx.db.prisma.searchOutbox.findMany({ where: { datasetId: dataset.id }, orderBy: { id: 'asc' } });
    expect(outbox.map((o) => o.operation)).toEqual(['UPSERT', 'UPSERT', 'UPSERT', 'UPSERT', 'DELETE']);
  });

  it('refuses the whole batch, naming record and field, and writes nothing', async () => {
    const dataset = await newDataset();
    const error = await ctx.db.sql
      .transaction((tx) => insertRecords(tx, actor, dataset, [{ question: 'ok' }, { question: 3 }, { score: 1.5, extra: true }]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordValidationError);
    expect((error as RecordValidationError).issues.map((i) => i.path)).toEqual([
      'records.1.question',
      'records.2.score',
      'records.2.extra',
      'records.2.question',
    ]);
    expect(await ctx.db.prisma.datasetRecord.count({ where: { datasetId: dataset.id } })).toBe(0);
    expect(await ctx.db.prisma.searchOutbox.count({ where: { datasetId: dataset.id } })).toBe(0);
  });

  it('answers CONFLICT on a stale version and NOT_FOUND for records of another dataset', async () => {
    const dataset = await newDataset();
    const other = await newDataset();
    const [record] = await ctx.db.sql.transaction((tx) => insertRecords(tx, actor, dataset, [{ question: 'q' }]));
    if (!record) throw new Error('unreachable');
    await expect(
      ctx.db.sql.transaction((tx) =>
        updateRecords(tx, actor, dataset, [{ id: record.id, data: { question: 'x' }, expectedVersion: 7 }]),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      ctx.db.sql.transaction((tx) => updateRecords(tx, actor, other, [{ id: record.id, data: { question: 'x' } }])),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ctx.db.sql.transaction((tx) => deleteRecords(tx, actor, other, [record.id]))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await ctx.db.sql.transaction((tx) => deleteRecords(tx, actor, other, [record.id], { ifMissing: 'ignore' }))).toEqual(
      [],
    );
  });

  it('strips removed fields with a new version per affected record', async () => {
    const dataset = await newDataset();
    await ctx.db.sql.transaction((tx) => insertRecords(tx, actor, dataset, [{ question: 'a', score: 1 }, { question: 'b' }]));
    expect(await ctx.db.sql.transaction((tx) => stripFields(tx, actor, dataset, ['score']))).toBe(1);
    const records = await ctx.db.prisma.datasetRecord.findMany({ where: { datasetId: dataset.id }, orderBy: { id: 'asc' } });
    expect(records.map((r) => [r.data, r.version])).toEqual([
      [{ question: 'a' }, 2],
      [{ question: 'b' }, 1],
    ]);
  });
});
