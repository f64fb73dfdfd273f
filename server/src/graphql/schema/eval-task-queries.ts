import type { Prisma } from '../../generated/prisma/client.js';
import { filterEvents } from '../../pubsub/filter-events.js';
import { builder } from '../builder.js';
import { loadOncePerEvent } from '../shared-event-load.js';
import { EvalDecisionKindEnum, EvalDecisionRef, EvalTaskRef, EvalTaskStatusEnum } from './eval-task.js';
import { TraceRef } from './trace.js';
import { idOf } from './trace-filter-input.js';

builder.queryField('evalTasks', (t) =>
  t.prismaConnection({
    type: 'EvalTask',
    cursor: 'id',
    authScopes: { viewer: true },
    description: "The project's eval tasks, newest first.",
    args: {
      status: t.arg({ type: [EvalTaskStatusEnum], required: false, description: 'Any of these statuses.' }),
      application: t.arg.id({ required: false, description: 'Global ID of an Application.' }),
    },
    totalCount: (_root, args, ctx) => ctx.prisma.evalTask.count({ where: taskWhere(ctx.principal.projectId, args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.evalTask.findMany({ ...query, where: taskWhere(ctx.principal.projectId, args), orderBy: { id: 'desc' } }),
  }),
);

const taskWhere = (
  projectId: string,
  args: { status?: Prisma.EvalTaskWhereInput['status'][] | null; application?: string | null },
): Prisma.EvalTaskWhereInput => ({
  projectId,
  ...(args.status?.length ? { status: { in: args.status as never } } : {}),
  ...(args.application ? { applicationId: idOf(args.application, 'Application', 'application') } : {}),
});

builder.queryField('evalTask', (t) =>
  t.prismaField({
    type: EvalTaskRef,
    nullable: true,
    authScopes: { viewer: true },
    description: 'One eval task with its status, decision counts, progress, tokens and cost.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => {
      const id = idOf(args.id, 'EvalTask', 'id');
      return id ? ctx.prisma.evalTask.findFirst({ ...query, where: { id, projectId: ctx.principal.projectId } }) : null;
    },
  }),
);

const decisionWhere = (
  projectId: string,
  args: { task: string; decision?: string[] | null; traceId?: string | null },
): Prisma.EvalDecisionWhereInput => ({
  projectId,
  taskId: idOf(args.task, 'EvalTask', 'task') ?? '',
  ...(args.decision?.length ? { decision: { in: args.decision as never } } : {}),
  ...(args.traceId ? { traceId: args.traceId.toLowerCase() } : {}),
});

builder.queryField('evalDecisions', (t) =>
  t.prismaConnection({
    type: EvalDecisionRef,
    cursor: 'id',
    authScopes: { viewer: true },
    description: "An eval task's decisions, in the order they were made: why each candidate was or was not evaluated.",
    args: {
      task: t.arg.id({ required: true, description: 'Global ID of an EvalTask.' }),
      decision: t.arg({ type: [EvalDecisionKindEnum], required: false, description: 'Any of these decisions.' }),
      traceId: t.arg.string({ required: false, description: 'Only candidates of this trace (32 hex digits).' }),
    },
    totalCount: (_root, args, ctx) => ctx.prisma.evalDecision.count({ where: decisionWhere(ctx.principal.projectId, args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.evalDecision.findMany({
        ...query,
        where: decisionWhere(ctx.principal.projectId, args),
        orderBy: { id: 'asc' },
      }),
  }),
);

builder.prismaObjectField(TraceRef, 'evalDecisions', (t) =>
  t.prismaField({
    type: [EvalDecisionRef],
    description:
      'Why this trace (and each of its spans) was or was not evaluated, by every eval task that considered it. ' +
      'A trace no task considered yet has none: continuous tasks decide once the trace settled.',
    resolve: (query, trace, _args, ctx) =>
      ctx.prisma.evalDecision.findMany({
        ...query,
        where: { projectId: trace.projectId, traceId: trace.traceId },
        orderBy: { id: 'asc' },
        take: 1_000,
      }),
  }),
);

/** Drops other tasks' events before touching the database. */
const forTask = (events: AsyncIterable<{ taskId: string }>, taskId: string) =>
  filterEvents(events, (event) => event.taskId === taskId);

builder.subscriptionField('evalTaskProgress', (t) =>
  t.prismaField({
    type: EvalTaskRef,
    nullable: true,
    authScopes: { viewer: true },
    description: "An eval task's status and counters each time they change, from any server instance.",
    args: { task: t.arg.id({ required: true, description: 'Global ID of an EvalTask.' }) },
    subscribe: (_root, args, ctx) =>
      forTask(ctx.pubsub.subscribe('evalTaskProgress', ctx.principal.projectId), idOf(args.task, 'EvalTask', 'task') ?? ''),
    // Everyone watching the task with the same selection shares one read per event.
    resolve: (query, event: { taskId: string }, _args, ctx) =>
      loadOncePerEvent(event, JSON.stringify([ctx.principal.projectId, query]), () =>
        ctx.prisma.evalTask.findFirst({ ...query, where: { id: event.taskId, projectId: ctx.principal.projectId } }),
      ),
  }),
);
