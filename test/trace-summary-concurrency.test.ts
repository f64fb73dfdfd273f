import { describe, expect, it } from 'vitest';
import { gql } from './support/graphql-client.js';
import { hexId } from './support/span-factory.js';
import { useTestServer } from './support/test-server.js';

const SPANS_PER_TRACE = 12;
const TRACES = 4;

const attribute = (key: string, value: string | number) => ({
  key,
  value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
});

// One span per request, as a BatchSpanProcessor flushing often (or several processes) would send them.
const oneSpanRequest = (traceId: string, rootSpanId: string, index: number) => {
  const start = BigInt(Date.now() - 60_000 + index) * 1_000_000n;
  const isRoot = index === 0;
  return {
    resourceSpans: [
      {
        resource: { attributes: [attribute('service.name', 'concurrent-agent')] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: isRoot ? rootSpanId : hexId(8),
                ...(isRoot ? {} : { parentSpanId: rootSpanId }),
                name: isRoot ? 'invoke_agent' : `chat ${index}`,
                kind: 1,
                startTimeUnixNano: String(start),
                endTimeUnixNano: String(start + 5_000_000n),
                attributes: isRoot
                  ? [attribute('gen_ai.operation.name', 'invoke_agent')]
                  : [
                      attribute('gen_ai.operation.name', 'chat'),
                      attribute('gen_ai.request.model', 'gpt-4o'),
                      attribute('gen_ai.usage.input_tokens', index),
                      attribute('gen_ai.usage.output_tokens', 1),
                    ],
              },
            ],
          },
        ],
      },
    ],
  };
};

describe('trace summaries under concurrent exports', () => {
  const t = useTestServer();

  it('count every span when the spans of one trace arrive in many requests at once', async () => {
    const traces = Array.from({ length: TRACES }, () => ({ traceId: hexId(16), rootSpanId: hexId(8) }));
    const requests = traces.flatMap(({ traceId, rootSpanId }) =>
      Array.from({ length: SPANS_PER_TRACE }, (_, index) => oneSpanRequest(traceId, rootSpanId, index)),
    );
    const answers = await Promise.all(
      requests.map((body) =>
        fetch(`${t.server.url}/v1/traces`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.server.adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(requests.map(() => 200));

    const childTokens = Array.from({ length: SPANS_PER_TRACE - 1 }, (_, i) => i + 1).reduce((a, b) => a + b, 0);
    for (const { traceId } of traces) {
      const res = await gql(
        t.server.url,
        t.server.adminKey,
        'query($traceId: String!) { trace(traceId: $traceId) { name spanCount inputTokens outputTokens } }',
        { traceId },
      );
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      expect(res.data?.trace).toEqual({
        name: 'invoke_agent',
        spanCount: SPANS_PER_TRACE,
        inputTokens: childTokens,
        outputTokens: SPANS_PER_TRACE - 1,
      });
    }
  });
});
