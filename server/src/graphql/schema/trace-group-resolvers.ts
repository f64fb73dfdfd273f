import {
  countTraceGroups,
  listTraceGroups,
  type TraceGroup,
  type TraceGrouping,
  traceGroupKeyset,
} from '../../tracing/queries/list-trace-groups.js';
import type { TraceFilter } from '../../tracing/queries/trace-filter.js';
import type { GraphQLContext } from '../context.js';
import { type CountedConnection, pageRequest, toConnection } from './trace-page.js';

/** Sessions and end users are the same thing seen by different keys: traces grouped by one column. */
export const traceGroupConnection = async (
  ctx: GraphQLContext,
  grouping: TraceGrouping,
  filter: TraceFilter,
  args: Parameters<typeof pageRequest>[0],
): Promise<CountedConnection<TraceGroup>> => {
  const { projectId } = ctx.principal;
  const page = pageRequest(args);
  const groups = await listTraceGroups(ctx.prisma, grouping, projectId, filter, page);
  return toConnection(
    groups,
    traceGroupKeyset(grouping),
    (row) => row,
    page.after !== null,
    () => countTraceGroups(ctx.prisma, grouping, projectId, filter),
  );
};

/** One group by its id (a session id, a user id); null when no trace of the project has it. */
export const findTraceGroup = async (ctx: GraphQLContext, grouping: TraceGrouping, id: string): Promise<TraceGroup | null> => {
  const page = await listTraceGroups(
    ctx.prisma,
    grouping,
    ctx.principal.projectId,
    { [grouping]: id },
    { first: 1, after: null },
  );
  return page.rows[0] ?? null;
};
