import type { TraceGroup } from '../../tracing/queries/list-trace-groups.js';
import { builder } from '../builder.js';
import { toGroupFilter } from './session.js';
import { rangeRules } from './trace-filter-input.js';
import { findTraceGroup, traceGroupConnection } from './trace-group-resolvers.js';
import { countedConnectionOptions } from './trace-page.js';

export const EndUserRef = builder.objectRef<TraceGroup>('EndUser').implement({
  description: 'An end user of the agents: the traces sharing a user id (`user.id`).',
  fields: (t) => ({
    userId: t.exposeString('key'),
    traceCount: t.exposeInt('traceCount'),
    sessionCount: t.exposeInt('sessionCount'),
    errorCount: t.exposeInt('errorCount', { description: 'Traces with an error.' }),
    firstSeen: t.expose('firstSeen', { type: 'DateTime', description: 'Start of the first trace.' }),
    lastSeen: t.expose('lastSeen', { type: 'DateTime', description: 'End of the last trace.' }),
    inputTokens: t.exposeFloat('inputTokens'),
    outputTokens: t.exposeFloat('outputTokens'),
    totalTokens: t.exposeFloat('totalTokens'),
    cost: t.exposeFloat('cost', { description: 'US dollars; unpriced calls count as 0.' }),
  }),
});

const EndUserFilterInput = builder.inputType('EndUserFilter', {
  description: 'End users with traces matching all given filters; times are [from, to) on trace start.',
  fields: (t) => ({
    application: t.id({ required: false, description: 'Global ID of an Application.' }),
    from: t.field({ type: 'DateTime', required: false, description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Exclusive.' }),
  }),
  validate: rangeRules,
});

builder.queryField('users', (t) =>
  t.connection(
    {
      type: EndUserRef,
      authScopes: { viewer: true },
      description:
        'End users derived from traces, most recently seen first. Pages forward only: `first` (default 20, at most 100) and `after`.',
      args: { filter: t.arg({ type: EndUserFilterInput, required: false }) },
      resolve: (_root, args, ctx) => traceGroupConnection(ctx, 'userId', toGroupFilter({ ...args.filter, userId: null }), args),
    },
    countedConnectionOptions('EndUserConnection', 'End users matching the filter; counted only when asked for.'),
  ),
);

builder.queryField('user', (t) =>
  t.field({
    type: EndUserRef,
    nullable: true,
    authScopes: { viewer: true },
    description: 'One end user by id; null when the project has no trace with it.',
    args: { userId: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => findTraceGroup(ctx, 'userId', args.userId),
  }),
);
