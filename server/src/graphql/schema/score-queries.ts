import type { Prisma } from '../../generated/prisma/client.js';
import { filterEvents } from '../../pubsub/filter-events.js';
import { builder } from '../builder.js';
import { decodeGlobalId } from '../global-id.js';
import { loadOncePerEvent } from '../shared-event-load.js';
import { ScoreRef, ScoreSourceEnum } from './score.js';
import { idOf } from './trace-filter-input.js';

const ScoreFilterInput = builder.inputType('ScoreFilter', {
  fields: (t) => ({
    name: t.string({ required: false }),
    source: t.field({ type: ScoreSourceEnum, required: false }),
    traceId: t.string({ required: false, description: 'OpenTelemetry trace id (32 hex digits).' }),
    application: t.id({ required: false, description: 'Global ID of an Application.' }),
    evaluator: t.id({ required: false, description: 'Global ID of an Evaluator.' }),
    task: t.id({ required: false, description: 'Global ID of an EvalTask.' }),
    from: t.field({ type: 'DateTime', required: false, description: 'Created at or after.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Created before.' }),
    includeSuperseded: t.boolean({ required: false, description: 'Also scores a human has corrected.' }),
  }),
});

type ScoreFilterArg = {
  name?: string | null;
  source?: 'CODE' | 'LLM' | 'HUMAN' | null;
  traceId?: string | null;
  application?: string | null;
  evaluator?: string | null;
  task?: string | null;
  from?: Date | null;
  to?: Date | null;
  includeSuperseded?: boolean | null;
};

const scoreWhere = (projectId: string, filter: ScoreFilterArg | null | undefined): Prisma.ScoreWhereInput => ({
  projectId,
  ...(filter?.name ? { name: filter.name } : {}),
  ...(filter?.source ? { source: filter.source } : {}),
  ...(filter?.traceId ? { traceId: filter.traceId.toLowerCase() } : {}),
  ...(filter?.application ? { applicationId: idOf(filter.application, 'Application', 'filter.application') } : {}),
  ...(filter?.evaluator ? { evaluatorId: idOf(filter.evaluator, 'Evaluator', 'filter.evaluator') } : {}),
  ...(filter?.task ? { taskId: idOf(filter.task, 'EvalTask', 'filter.task') } : {}),
  ...(filter?.from || filter?.to
    ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
    : {}),
  ...(filter?.includeSuperseded ? {} : { supersededById: null }),
});

builder.queryField('scores', (t) =>
  t.prismaConnection({
    type: 'Score',
    cursor: 'id',
    authScopes: { viewer: true },
    description: 'Scores of the project, newest first.',
    args: { filter: t.arg({ type: ScoreFilterInput, required: false }) },
    totalCount: (_root, args, ctx) => ctx.prisma.score.count({ where: scoreWhere(ctx.principal.projectId, args.filter) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.score.findMany({ ...query, where: scoreWhere(ctx.principal.projectId, args.filter), orderBy: { id: 'desc' } }),
  }),
);

type ScoresCreated = { scoreIds: string[]; applicationIds: string[]; taskIds: string[] };

/** Drops events for other applications or tasks before touching the database. */
const matching = (events: AsyncIterable<ScoresCreated>, applicationId: string | null, taskId: string | null) =>
  filterEvents(
    events,
    (event) =>
      (applicationId === null || event.applicationIds.includes(applicationId)) &&
      (taskId === null || event.taskIds.includes(taskId)),
  );

/** An ID of another type can never match: '' is no row id. */
const rawIdOf = (globalId: string | null | undefined, typename: string) => {
  if (!globalId) return null;
  const decoded = decodeGlobalId(globalId);
  return decoded.typename === typename ? decoded.id : '';
};

builder.subscriptionField('scoresCreated', (t) =>
  t.prismaField({
    type: [ScoreRef],
    authScopes: { viewer: true },
    description: 'New scores (from eval tasks and humans) as they are committed, on any server instance.',
    args: {
      application: t.arg.id({ required: false, description: 'Only scores about this application.' }),
      task: t.arg.id({ required: false, description: 'Only scores of this eval task.' }),
    },
    subscribe: (_root, args, ctx) =>
      matching(
        ctx.pubsub.subscribe('scoresCreated', ctx.principal.projectId),
        rawIdOf(args.application, 'Application'),
        rawIdOf(args.task, 'EvalTask'),
      ),
    resolve: (query, event: ScoresCreated, args, ctx) => {
      const applicationId = rawIdOf(args.application, 'Application');
      const taskId = rawIdOf(args.task, 'EvalTask');
      const { projectId } = ctx.principal;
      // Subscribers with the same selection and filter share one read of the event's scores.
      return loadOncePerEvent(event, JSON.stringify([projectId, applicationId, taskId, query]), () =>
        ctx.prisma.score.findMany({
          ...query,
          where: {
            projectId,
            id: { in: event.scoreIds },
            ...(applicationId !== null ? { applicationId } : {}),
            ...(taskId !== null ? { taskId } : {}),
          },
          orderBy: { id: 'asc' },
        }),
      );
    },
  }),
);
