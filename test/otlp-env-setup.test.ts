import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { recordSpans } from './support/otlp-sdk.js';
import { useTestServer } from './support/test-server.js';

const VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_HEADERS'] as const;

// The README's "Send traces" set-up, word for word: two environment variables and an exporter
// built with no configuration of its own, as an instrumented agent builds it.
describe("the README's two-variable set-up", () => {
  const t = useTestServer();
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  afterEach(() => {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  for (const [encoding, Exporter] of [
    ['protobuf', ProtoExporter],
    ['json', HttpJsonExporter],
  ] as const) {
    it(`sends an agent's spans with an ingest key (${encoding})`, async () => {
      const key = await createKeyVia(t.server.url, t.server.adminKey, { role: 'ingest', name: `env ${encoding}` });
      process.env.OTEL_EXPORTER_OTLP_ENDPOINT = t.server.url;
      process.env.OTEL_EXPORTER_OTLP_HEADERS = `Authorization=Bearer%20${key.secret}`;
      const spans = await recordSpans({ 'service.name': `env-agent-${encoding}` }, [
        {
          name: 'chat gpt-4o',
          attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 12 },
        },
      ]);
      const exporter = new Exporter();
      const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(spans, resolve));
      await exporter.shutdown();
      expect(result.error).toBeUndefined();
      expect(result.code).toBe(0);

      const traceId = spans[0]?.spanContext().traceId as string;
      const res = await gql(
        t.server.url,
        t.server.adminKey,
        'query($id: String!) { trace(traceId: $id) { application { name } inputTokens spans { model kind } } }',
        { id: traceId },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.trace).toEqual({
        application: { name: `env-agent-${encoding}` },
        inputTokens: 12,
        spans: [{ model: 'gpt-4o', kind: 'LLM' }],
      });
    });
  }
});
