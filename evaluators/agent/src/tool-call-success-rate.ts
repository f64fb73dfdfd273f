import { defineEvaluator, failed, PLUGIN_API_VERSION, scored, z } from '@agentloop/plugin-sdk';

const MAX_LISTED_FAILURES = 20;

const configSchema = z.object({
  unsetStatus: z
    .enum(['success', 'failure', 'exclude'])
    .default('success')
    .describe(
      "How a call whose span status is unset counts. OpenTelemetry instrumentations usually leave successful spans unset and only mark errors, so the default counts them as successes; 'exclude' leaves them out.",
    ),
});

/**
 * Tool call success rate: the share of the agent's tool calls that succeeded, from their spans'
 * status. Deterministic, no LLM. No tool calls is a recorded failure, not a score.
 */
export const toolCallSuccessRate = () =>
  defineEvaluator({
    name: 'tool-call-success-rate',
    version: '0.1.0',
    apiVersion: PLUGIN_API_VERSION,
    description:
      "The share of the agent's tool calls that succeeded, from their spans' status (error = failed; unset counts as success by default). Computed, no LLM; a run without tool calls is a recorded failure.",
    configSchema,
    // toolCalls is optional on purpose: a run without tool calls reaches evaluate and gets the
    // explicit failure "no tool calls to rate" instead of a generic missing-input skip.
    inputs: { required: [], optional: ['toolCalls'] },
    scores: [
      {
        name: 'tool-call-success-rate',
        kind: 'numeric',
        range: { min: 0, max: 1 },
        higherIsBetter: true,
        description: 'Successful tool calls ÷ tool calls.',
      },
    ],
    async evaluate({ sample, config }) {
      const calls = sample.toolCalls ?? [];
      if (calls.length === 0) return failed('no tool calls to rate');
      const unset = calls.filter((call) => call.status === 'unset').length;
      const counted = calls.filter((call) => call.status !== 'unset' || config.unsetStatus !== 'exclude');
      if (counted.length === 0) {
        return failed(`no tool call has a known status to rate (${unset} unset, and unsetStatus is 'exclude')`);
      }
      const isSuccess = (status: string) => status === 'ok' || (status === 'unset' && config.unsetStatus === 'success');
      const failures = calls.flatMap((call, index) =>
        call.status === 'error' || (call.status === 'unset' && config.unsetStatus === 'failure')
          ? [
              {
                index,
                name: call.name,
                status: call.status,
                ...(call.error === undefined ? {} : { error: call.error }),
                ...(call.spanId === undefined ? {} : { spanId: call.spanId }),
              },
            ]
          : [],
      );
      const succeeded = counted.filter((call) => isSuccess(call.status)).length;
      const listed = failures
        .slice(0, 5)
        .map((failure) => `#${failure.index + 1} ${failure.name}${failure.error ? ` (${failure.error})` : ''}`)
        .join(', ');
      return scored({
        name: 'tool-call-success-rate',
        value: succeeded / counted.length,
        reasoning:
          `${succeeded} of ${counted.length} tool calls succeeded` +
          (unset > 0
            ? ` (${unset} with unset status counted as ${config.unsetStatus === 'exclude' ? 'neither: excluded' : config.unsetStatus})`
            : '') +
          (failures.length > 0 ? `; failed: ${listed}${failures.length > 5 ? `, and ${failures.length - 5} more` : ''}.` : '.'),
        metadata: {
          total: calls.length,
          counted: counted.length,
          succeeded,
          failed: failures.length,
          unset,
          unsetStatus: config.unsetStatus,
          failures: failures.slice(0, MAX_LISTED_FAILURES),
        },
      });
    },
  });
