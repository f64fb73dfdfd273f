import { type SnapshotScoreSummary, snapshotScoreSummaries } from '../../evaluation/scores/snapshot-score-summary.js';
import { builder } from '../builder.js';
import { DatasetSnapshotRef } from './dataset-snapshot.js';
import { EvalTaskRef } from './eval-task.js';
import { ScoreStatisticsRef } from './metrics-scores.js';
import { idOf } from './trace-filter-input.js';

type SummaryWithDenominator = SnapshotScoreSummary & { recordCount: number };

const SnapshotScoreSummaryRef = builder.objectRef<SummaryWithDenominator>('SnapshotScoreSummary').implement({
  interfaces: [ScoreStatisticsRef],
  description:
    "Current scores of one name that one eval task (or people, without a task) wrote on a snapshot's records, " +
    'against the snapshot’s record count: the numbers two runs over the same snapshot are compared by.',
  fields: (t) => ({
    task: t.prismaField({
      type: EvalTaskRef,
      nullable: true,
      description: 'The eval task that wrote them; null for scores people added without one.',
      resolve: (query, summary, _args, ctx) =>
        summary.taskId
          ? ctx.prisma.evalTask.findFirst({ ...query, where: { id: summary.taskId, projectId: ctx.principal.projectId } })
          : null,
    }),
    name: t.exposeString('name'),
    scoredRecords: t.exposeInt('scoredRecords', { description: 'Distinct records with a current score of this name.' }),
    recordCount: t.exposeInt('recordCount', { description: 'Records in the snapshot: the denominator.' }),
    coverage: t.float({
      description: 'scoredRecords / recordCount (0–1); records a task skipped or failed on are the rest.',
      resolve: (s) => (s.recordCount === 0 ? 0 : s.scoredRecords / s.recordCount),
    }),
    corrected: t.exposeInt('corrected', { description: "Of `count`, people's corrections of the task's scores." }),
  }),
});

builder.objectField(DatasetSnapshotRef, 'scoreSummary', (t) =>
  t.field({
    type: [SnapshotScoreSummaryRef],
    description:
      'Per eval task and score name, aggregates of the current scores on this snapshot (a correction replaces the ' +
      "task's score), tasks in creation order: compare runs of evaluators or prompts on one denominator.",
    args: { task: t.arg.id({ required: false, description: 'Only the scores of this EvalTask.' }) },
    resolve: async (snapshot, args, ctx) => {
      const taskId = args.task ? (idOf(args.task, 'EvalTask', 'task') ?? null) : null;
      const summaries = await snapshotScoreSummaries(ctx.sql, snapshot, taskId);
      return summaries.map((summary) => ({ ...summary, recordCount: snapshot.recordCount }));
    },
  }),
);
