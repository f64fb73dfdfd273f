import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Trace } from '../../generated/prisma/client.js';
import { loadSessionTurns, type TraceGroup } from '../../tracing/queries/list-trace-groups.js';
import type { TraceFilter } from '../../tracing/queries/trace-filter.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { TraceRef } from './trace.js';
import { idOf, rangeRules } from './trace-filter-input.js';
import { findTraceGroup, traceGroupConnection } from './trace-group-resolvers.js';
import { countedConnectionOptions } from './trace-page.js';

// A page of sessions asking for their turns is one query, not one per session.
const turnLoaders = createContextCache(
  (ctx: GraphQLContext) =>
    new DataLoader<string, Trace[]>(async (sessionIds) => {
      const traces = await loadSessionTurns(ctx.prisma, ctx.principal.projectId, sessionIds);
      const bySession = new Map<string, Trace[]>();
      for (const trace of traces) {
        const list = bySession.get(trace.sessionId ?? '');
        if (list) list.push(trace);
        else bySession.set(trace.sessionId ?? '', [trace]);
      }
      return sessionIds.map((id) => bySession.get(id) ?? []);
    }),
);

export const SessionRef = builder.objectRef<TraceGroup>('Session').implement({
  description: 'A conversation: the traces sharing a session id (`session.id`, GenAI conversation id).',
  fields: (t) => ({
    sessionId: t.exposeString('key'),
    traceCount: t.exposeInt('traceCount'),
    errorCount: t.exposeInt('errorCount', { description: 'Traces with an error.' }),
    firstSeen: t.expose('firstSeen', { type: 'DateTime', description: 'Start of the first trace.' }),
    lastSeen: t.expose('lastSeen', { type: 'DateTime', description: 'End of the last trace.' }),
    inputTokens: t.exposeFloat('inputTokens'),
    outputTokens: t.exposeFloat('outputTokens'),
    totalTokens: t.exposeFloat('totalTokens'),
    cost: t.exposeFloat('cost', { description: 'US dollars; unpriced calls count as 0.' }),
    users: t.exposeStringList('userIds', { description: 'End users seen in the session.' }),
    turns: t.field({
      type: [TraceRef],
      description: "The session's traces in start order (all of them, whatever the list's filter).",
      resolve: (session, _args, ctx) => turnLoaders(ctx).load(session.key),
    }),
  }),
});

export const SessionFilterInput = builder.inputType('SessionFilter', {
  description: 'Sessions with traces matching all given filters; times are [from, to) on trace start.',
  fields: (t) => ({
    application: t.id({ required: false, description: 'Global ID of an Application.' }),
    userId: t.string({ required: false }),
    from: t.field({ type: 'DateTime', required: false, description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Exclusive.' }),
  }),
  validate: rangeRules,
});

type GroupFilterArg = { application?: string | null; userId?: string | null; from?: Date | null; to?: Date | null };

export const toGroupFilter = (input: GroupFilterArg | null | undefined): TraceFilter => ({
  applicationId: idOf(input?.application, 'Application', 'filter.application'),
  userId: input?.userId ?? null,
  from: input?.from ?? null,
  to: input?.to ?? null,
});

builder.queryField('sessions', (t) =>
  t.connection(
    {
      type: SessionRef,
      authScopes: { viewer: true },
      description:
        'Sessions derived from traces, most recently seen first. Pages forward only: `first` (default 20, at most 100) and `after`.',
      args: { filter: t.arg({ type: SessionFilterInput, required: false }) },
      resolve: (_root, args, ctx) => traceGroupConnection(ctx, 'sessionId', toGroupFilter(args.filter), args),
    },
    countedConnectionOptions('SessionConnection', 'Sessions matching the filter; counted only when asked for.'),
  ),
);

builder.queryField('session', (t) =>
  t.field({
    type: SessionRef,
    nullable: true,
    authScopes: { viewer: true },
    description: 'One session by its id; null when the project has no trace with it.',
    args: { sessionId: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => findTraceGroup(ctx, 'sessionId', args.sessionId),
  }),
);
