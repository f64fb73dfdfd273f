import { filterEvents } from '../../pubsub/filter-events.js';
import { builder } from '../builder.js';
import { TraceRef } from './trace.js';
import { idOf } from './trace-filter-input.js';

type TraceIngested = { traceIds: string[]; applicationIds: string[] };

/**
 * Filters the project's ingest events down to one application, when asked. The event names
 * every application its batch touched, so most batches for other applications are skipped
 * without touching the database.
 */
const forApplication = (events: AsyncIterable<TraceIngested>, applicationId: string | null) =>
  filterEvents(events, (event) => applicationId === null || event.applicationIds.includes(applicationId));

builder.subscriptionField('tracesIngested', (t) =>
  t.prismaField({
    type: [TraceRef],
    authScopes: { viewer: true },
    description:
      'Live dashboards: the summaries of traces as their spans are committed, from any server instance. ' +
      'A trace whose spans arrive in several exports is delivered again with its updated summary.',
    args: { application: t.arg.id({ required: false, description: 'Global ID of an application to follow; all when absent.' }) },
    // The ID of something other than an application is refused, as `traces` refuses it, rather than
    // followed as an application no event ever names (a subscription that silently stays quiet).
    subscribe: (_root, args, ctx) =>
      forApplication(
        ctx.pubsub.subscribe('traceIngested', ctx.principal.projectId),
        idOf(args.application, 'Application', 'application'),
      ),
    resolve: (query, event: TraceIngested, args, ctx) => {
      const applicationId = idOf(args.application, 'Application', 'application');
      return ctx.prisma.trace.findMany({
        ...query,
        where: {
          projectId: ctx.principal.projectId,
          traceId: { in: event.traceIds },
          ...(applicationId ? { applicationId } : {}),
        },
        orderBy: { startTime: 'asc' },
      });
    },
  }),
);
