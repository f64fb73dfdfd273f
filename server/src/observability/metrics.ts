import type { Plugin } from '@envelop/core';
import type { DocumentNode } from 'graphql';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * One registry per server instance (not prom-client's global one), so two instances in one
 * process, as in tests, do not share or double-register series.
 */
export const createMetrics = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'agentloop_' });
  const httpRequests = new Counter({
    name: 'agentloop_http_requests_total',
    help: 'HTTP requests by route and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const operationDuration = new Histogram({
    name: 'agentloop_graphql_operation_duration_seconds',
    help: 'GraphQL operation execution time by operation name and type, and whether it returned errors.',
    labelNames: ['operation_name', 'operation_type', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, httpRequests, operationDuration };
};

export type Metrics = ReturnType<typeof createMetrics>;

/** Times every executed operation. Anonymous operations are grouped as "anonymous". */
export const useOperationMetrics = (metrics: Metrics): Plugin => ({
  onExecute: ({ args }) => {
    const operation = (args.document as DocumentNode).definitions.find((d) => d.kind === 'OperationDefinition');
    const labels = {
      operation_name:
        args.operationName ?? (operation?.kind === 'OperationDefinition' ? operation.name?.value : undefined) ?? 'anonymous',
      operation_type: operation?.kind === 'OperationDefinition' ? operation.operation : 'unknown',
    };
    const stop = metrics.operationDuration.startTimer(labels);
    return {
      onExecuteDone: ({ result }) => {
        const failed = 'errors' in result && Array.isArray(result.errors) && result.errors.length > 0;
        stop({ outcome: failed ? 'error' : 'ok' });
      },
    };
  },
});
