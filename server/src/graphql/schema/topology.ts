import { type TopologyEdge, type TopologyNode, type TopologyNodeKey, topology } from '../../tracing/analysis/topology.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { rangeSchema } from './metrics-input.js';

const TopologyNodeType = builder.enumType('TopologyNodeType', {
  description: 'SERVICE is a downstream dependency named by `peer.service`, `db.system` or `server.address`.',
  values: ['APPLICATION', 'MODEL', 'TOOL', 'RETRIEVER', 'SERVICE'] as const,
});

/** Applications are named by their global ID, so a client can open them; the rest by type and name. */
const nodeId = (node: TopologyNodeKey) =>
  node.type === 'APPLICATION' ? encodeGlobalId('Application', node.key) : `${node.type}:${node.key}`;

const TopologyNodeRef = builder.objectRef<TopologyNode>('TopologyNode').implement({
  fields: (t) => ({
    id: t.string({
      description: "An application's global ID, or TYPE:name for the others; edges refer to nodes by it.",
      resolve: nodeId,
    }),
    type: t.field({ type: TopologyNodeType, resolve: (n) => n.type }),
    name: t.exposeString('name'),
    calls: t.exposeInt('calls', { description: 'Traces started in an application; calls received by any other node.' }),
  }),
});

const TopologyEdgeRef = builder.objectRef<TopologyEdge>('TopologyEdge').implement({
  description: 'Calls from an application to a model, tool, retriever, service or another application.',
  fields: (t) => ({
    source: t.string({ resolve: (e) => nodeId({ type: 'APPLICATION', key: e.sourceApplicationId }) }),
    target: t.string({ resolve: (e) => nodeId(e.target) }),
    calls: t.exposeInt('calls'),
    errors: t.exposeInt('errors'),
    errorRate: t.float({ resolve: (e) => e.errors / e.calls }),
    latencyP50Ms: t.exposeFloat('latencyP50Ms'),
    latencyP95Ms: t.exposeFloat('latencyP95Ms'),
  }),
});

const TopologyRef = builder.objectRef<{ nodes: TopologyNode[]; edges: TopologyEdge[] }>('Topology').implement({
  fields: (t) => ({
    nodes: t.field({ type: [TopologyNodeRef], resolve: (g) => g.nodes }),
    edges: t.field({ type: [TopologyEdgeRef], resolve: (g) => g.edges }),
  }),
});

builder.queryField('topology', (t) =>
  t.field({
    type: TopologyRef,
    authScopes: { viewer: true },
    description: 'Who calls what across the traces of [from, to), with call counts, error rates and latency per edge.',
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
    },
    validate: rangeSchema,
    resolve: (_root, args, ctx) => topology(ctx.prisma, ctx.principal.projectId, { from: args.from, to: args.to }),
  }),
);
