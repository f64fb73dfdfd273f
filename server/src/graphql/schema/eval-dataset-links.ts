import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { DatasetRecordRef } from './dataset-record.js';
import { DatasetSnapshotRef } from './dataset-snapshot.js';
import { EvalTaskRef } from './eval-task.js';
import { ScoreRef } from './score.js';
import { idOf } from './trace-filter-input.js';

// Where evaluation meets datasets: a snapshot task's snapshot, a snapshot's tasks and scores, a
// record's scores, and a score's record, snapshot and version.

builder.prismaObjectField(EvalTaskRef, 'snapshot', (t) =>
  t.prismaField({
    type: DatasetSnapshotRef,
    nullable: true,
    description: 'DATASET_SNAPSHOT: the snapshot evaluated (null for other sources, or once the snapshot was deleted).',
    resolve: (query, task, _args, ctx) =>
      task.snapshotId
        ? ctx.prisma.datasetSnapshot.findFirst({ ...query, where: { id: task.snapshotId, projectId: task.projectId } })
        : null,
  }),
);

builder.prismaObjectField(DatasetSnapshotRef, 'evalTasks', (t) =>
  t.prismaField({
    type: [EvalTaskRef],
    description: 'Eval tasks that evaluate this snapshot, newest first.',
    resolve: (query, snapshot, _args, ctx) =>
      ctx.prisma.evalTask.findMany({
        ...query,
        where: { projectId: snapshot.projectId, snapshotId: snapshot.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

builder.prismaObjectField(DatasetSnapshotRef, 'scores', (t) =>
  t.prismaConnection({
    type: 'Score',
    cursor: 'id',
    description:
      "Scores computed on this snapshot's records (by eval tasks over it), in record order; the same denominator for every task.",
    args: {
      task: t.arg.id({ required: false, description: 'Only scores of this EvalTask.' }),
      name: t.arg.string({ required: false }),
      includeSuperseded: t.arg.boolean({ defaultValue: false }),
    },
    totalCount: (snapshot, args, ctx) => ctx.prisma.score.count({ where: snapshotScores(snapshot, args) }),
    resolve: (query, snapshot, args, ctx) =>
      ctx.prisma.score.findMany({
        ...query,
        where: snapshotScores(snapshot, args),
        orderBy: [{ targetId: 'asc' }, { id: 'asc' }],
      }),
  }),
);

const snapshotScores = (
  snapshot: { id: string; projectId: string },
  args: { task?: string | null; name?: string | null; includeSuperseded?: boolean | null },
) => ({
  projectId: snapshot.projectId,
  snapshotId: snapshot.id,
  ...(args.task ? { taskId: idOf(args.task, 'EvalTask', 'task') ?? '' } : {}),
  ...(args.name ? { name: args.name } : {}),
  ...(args.includeSuperseded ? {} : { supersededById: null }),
});

builder.prismaObjectField(DatasetRecordRef, 'scores', (t) =>
  t.prismaField({
    type: [ScoreRef],
    description: 'Current scores of this record (from eval tasks over snapshots and from people), oldest first.',
    args: {
      snapshot: t.arg.id({ required: false, description: 'Only scores computed on this DatasetSnapshot.' }),
      includeSuperseded: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (query, record, args, ctx) =>
      ctx.prisma.score.findMany({
        ...query,
        where: {
          projectId: record.projectId,
          targetType: 'DATASET_RECORD',
          targetId: record.id,
          ...(args.snapshot ? { snapshotId: idOf(args.snapshot, 'DatasetSnapshot', 'snapshot') ?? '' } : {}),
          ...(args.includeSuperseded ? {} : { supersededById: null }),
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
  }),
);

builder.prismaObjectFields(ScoreRef, (t) => ({
  datasetRecordId: t.id({
    nullable: true,
    description: 'DATASET_RECORD: Global ID of the record (it may since have changed or been deleted).',
    resolve: (score) =>
      score.targetType === 'DATASET_RECORD' && score.targetId ? encodeGlobalId('DatasetRecord', score.targetId) : null,
  }),
  datasetRecord: t.prismaField({
    type: DatasetRecordRef,
    nullable: true,
    description: 'DATASET_RECORD: the record as it is now (null once deleted); `recordVersion` is the version scored.',
    resolve: (query, score, _args, ctx) =>
      score.targetType === 'DATASET_RECORD' && score.targetId
        ? ctx.prisma.datasetRecord.findFirst({ ...query, where: { id: score.targetId, projectId: score.projectId } })
        : null,
  }),
  recordVersion: t.exposeInt('recordVersion', {
    nullable: true,
    description: 'DATASET_RECORD: the version of the record that was scored.',
  }),
  snapshot: t.prismaField({
    type: DatasetSnapshotRef,
    nullable: true,
    description: 'DATASET_RECORD scores of eval tasks: the snapshot the record was read through.',
    resolve: (query, score, _args, ctx) =>
      score.snapshotId
        ? ctx.prisma.datasetSnapshot.findFirst({ ...query, where: { id: score.snapshotId, projectId: score.projectId } })
        : null,
  }),
}));
