import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { hexId } from './support/span-factory.js';
import { useTestServer } from './support/test-server.js';

const genaiAgent = (conversation: string) => [
  {
    name: 'invoke_agent support',
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support',
      'gen_ai.conversation.id': conversation,
    },
    children: [
      {
        name: 'chat gpt-4o',
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.response.model': 'gpt-4o-2024-08-06',
          'gen_ai.usage.input_tokens': 1000,
          'gen_ai.usage.output_tokens': 200,
          'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Where is my order?' }] }]),
          'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'On its way.' }] }]),
          'http.request.method': 'POST',
          'acme.custom': 'x',
        },
      },
      {
        name: 'execute_tool lookup_order',
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'lookup_order',
          'gen_ai.tool.call.arguments': '{"id":42}',
          'gen_ai.tool.call.result': '{"status":"shipped"}',
        },
        error: 'timeout',
      },
    ],
  },
];

const resource = (name: string) => ({
  'service.name': name,
  'service.version': '2.1.0',
  'deployment.environment.name': 'staging',
});

const post = (url: string, key: string | null, body: Buffer | string, headers: Record<string, string>) =>
  fetch(`${url}/v1/traces`, {
    method: 'POST',
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });

const jsonSpan = (overrides: Record<string, unknown> = {}) => ({
  traceId: hexId(16),
  spanId: hexId(8),
  name: 'json span',
  kind: 1,
  startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
  endTimeUnixNano: String(BigInt(Date.now() + 5) * 1_000_000n),
  attributes: [{ key: 'openinference.span.kind', value: { stringValue: 'CHAIN' } }],
  ...overrides,
});
const jsonRequest = (spans: unknown[], service = 'json-app') => ({
  resourceSpans: [
    { resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans }] },
  ],
});

describe('OTLP/HTTP trace ingestion', () => {
  const t = useTestServer();

  for (const encoding of ['protobuf', 'json'] as const) {
    it(`stores spans exported by the real OTLP ${encoding} exporter, normalised, with cost`, async () => {
      const prisma = (await t.database.open()).prisma;
      const service = `support-agent-${encoding}`;
      const spans = await recordSpans(resource(service), genaiAgent(`conv-${encoding}`));
      expect(await exportSpans(t.server.url, t.server.adminKey, encoding, spans)).toEqual({ ok: true });

      const traceId = spans[0]?.spanContext().traceId as string;
      const stored = await prisma.span.findMany({ where: { traceId }, orderBy: { startTime: 'asc' } });
      expect(stored).toHaveLength(3);
      const llm = stored.find((s) => s.kind === 'LLM');
      expect(llm).toMatchObject({
        name: 'chat gpt-4o',
        convention: 'genai',
        operation: 'chat',
        provider: 'openai',
        requestModel: 'gpt-4o',
        model: 'gpt-4o-2024-08-06',
        inputTokens: 1000,
        outputTokens: 200,
        totalTokens: 1200,
        sessionId: null,
        unmappedAttributes: ['acme.custom'],
      });
      expect(llm?.input).toContain('Where is my order?');
      // gpt-4o: $2.50 in, $10 out per million tokens.
      expect(Number(llm?.cost)).toBeCloseTo(0.0045, 10);
      const tool = stored.find((s) => s.kind === 'TOOL');
      expect(tool).toMatchObject({
        toolName: 'lookup_order',
        toolArguments: '{"id":42}',
        status: 'ERROR',
        statusMessage: 'timeout',
      });
      const agent = stored.find((s) => s.kind === 'AGENT');
      expect(agent).toMatchObject({ parentSpanId: null, sessionId: `conv-${encoding}` });
      expect(agent?.resourceAttributes).toMatchObject({ 'service.name': service, 'service.version': '2.1.0' });

      const trace = await prisma.trace.findFirstOrThrow({ where: { traceId } });
      expect(trace).toMatchObject({
        name: 'invoke_agent support',
        spanCount: 3,
        errorCount: 1,
        status: 'ERROR',
        inputTokens: 1000,
        outputTokens: 200,
        sessionId: `conv-${encoding}`,
        models: ['gpt-4o-2024-08-06'],
      });
      expect(Number(trace.cost)).toBeCloseTo(0.0045, 10);
      const application = await prisma.application.findFirstOrThrow({ where: { name: service } });
      expect(trace.applicationId).toBe(application.id);
      const deployment = await prisma.deployment.findUniqueOrThrow({ where: { id: trace.deploymentId as string } });
      expect(deployment).toMatchObject({ applicationId: application.id, version: '2.1.0', environment: 'staging' });
    });
  }

  it('accepts gzip bodies and does not duplicate a retried export', async () => {
    const prisma = (await t.database.open()).prisma;
    const spans = await recordSpans(resource('gzip-app'), genaiAgent('conv-gzip'));
    expect(await exportSpans(t.server.url, t.server.adminKey, 'protobuf', spans, { gzip: true })).toEqual({ ok: true });
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', spans, { gzip: true })).toEqual({ ok: true });
    const traceId = spans[0]?.spanContext().traceId as string;
    expect(await prisma.span.count({ where: { traceId } })).toBe(3);
    expect(await prisma.trace.count({ where: { traceId } })).toBe(1);
  });

  it('stores the valid spans and reports the invalid ones as partial success', async () => {
    const prisma = (await t.database.open()).prisma;
    const good = jsonSpan();
    const badId = jsonSpan({ spanId: 'not-hex' });
    const backwards = jsonSpan({ startTimeUnixNano: '1763700000000000000', endTimeUnixNano: '1763699999000000000' });
    const res = await post(t.server.url, t.server.adminKey, JSON.stringify(jsonRequest([good, badId, backwards])), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.partialSuccess.rejectedSpans).toBe('2');
    expect(body.partialSuccess.errorMessage).toMatch(/spanId must be 8 non-zero bytes.*endTimeUnixNano is before/);
    expect(await prisma.span.count({ where: { traceId: { in: [good.traceId, badId.traceId, backwards.traceId] } } })).toBe(1);
  });

  it('answers 401 without a key and for a revoked key; a viewer key may ingest', async () => {
    const spans = await recordSpans(resource('auth-app'), [{ name: 'one' }]);
    const missing = await exportSpans(t.server.url, null, 'protobuf', spans);
    expect(missing.ok).toBe(false);
    const res = await post(t.server.url, null, '{}', { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
    expect((await res.json()).message).toMatch(/Missing API key/);

    const viewer = await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' });
    expect(await exportSpans(t.server.url, viewer.secret, 'json', spans)).toEqual({ ok: true });

    const revoked = await createKeyVia(t.server.url, t.server.adminKey, { role: 'ingest' });
    const revoke = await gql(
      t.server.url,
      t.server.adminKey,
      `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { __typename } }`,
      { id: revoked.id },
    );
    expect(revoke.errors).toBeUndefined();
    const refused = await post(t.server.url, revoked.secret, '{}', { 'content-type': 'application/json' });
    expect(refused.status).toBe(401);
    expect((await refused.json()).message).toMatch(/Invalid or revoked API key/);
  });

  it('refuses oversized, unsupported, malformed and too-many-span requests, writing nothing', async () => {
    const prisma = (await t.database.open()).prisma;
    const before = await prisma.span.count();
    const json = { 'content-type': 'application/json' };

    const huge = JSON.stringify(jsonRequest([jsonSpan({ name: 'x'.repeat(9 * 1024 * 1024) })]));
    const tooLarge = await post(t.server.url, t.server.adminKey, huge, json);
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).message).toMatch(/exceeds 8388608 bytes/);

    // 64 MiB of zeros gzip to ~64 KiB: the limit must stop the inflation, not the socket.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const bombed = await post(t.server.url, t.server.adminKey, bomb, { ...json, 'content-encoding': 'gzip' });
    expect(bombed.status).toBe(413);

    const unsupported = await post(t.server.url, t.server.adminKey, 'hello', { 'content-type': 'text/plain' });
    expect(unsupported.status).toBe(415);

    const garbage = await post(t.server.url, t.server.adminKey, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), {
      'content-type': 'application/x-protobuf',
    });
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).message).toMatch(/Malformed protobuf/);

    const badJson = await post(t.server.url, t.server.adminKey, '{"resourceSpans": [', json);
    expect(badJson.status).toBe(400);
    const wrongShape = await post(t.server.url, t.server.adminKey, '{"resourceSpans": {"a": 1}}', json);
    expect(wrongShape.status).toBe(400);
    expect((await wrongShape.json()).message).toMatch(/resourceSpans/);

    const many = jsonRequest(Array.from({ length: 10_001 }, () => ({})));
    const tooMany = await post(t.server.url, t.server.adminKey, JSON.stringify(many), json);
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).message).toMatch(/Too many spans/);

    expect(await prisma.span.count()).toBe(before);
    // The server keeps serving.
    expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200);
  });

  it("keeps another project's spans in that project, priced by that project's own prices", async () => {
    const prisma = (await t.database.open()).prisma;
    const projectB = await createProjectVia(t.server.url, t.server.adminKey, 'otlp-b');
    const keyB = await createKeyVia(t.server.url, t.server.adminKey, { project: projectB, role: 'ingest' });
    const admin = await prisma.apiKey.findFirstOrThrow({ where: { role: 'admin' }, orderBy: { createdAt: 'asc' } });
    const projectBId = (await prisma.project.findFirstOrThrow({ where: { name: 'otlp-b' } })).id;
    // A negotiated price for project B only: $1 per million tokens either way.
    await prisma.modelPrice.create({
      data: {
        projectId: projectBId,
        modelPattern: '^gpt-4o',
        inputPerMillion: 1,
        outputPerMillion: 1,
        effectiveFrom: new Date('2026-01-01'),
      },
    });
    const spans = await recordSpans(resource('isolated-app'), genaiAgent('conv-b'));
    expect(await exportSpans(t.server.url, keyB.secret, 'protobuf', spans)).toEqual({ ok: true });
    const stored = await prisma.span.findMany({ where: { traceId: spans[0]?.spanContext().traceId as string } });
    expect(stored).toHaveLength(3);
    expect(new Set(stored.map((s) => s.projectId))).toEqual(new Set([projectBId]));
    expect(projectBId).not.toBe(admin.projectId);
    expect(Number(stored.find((s) => s.kind === 'LLM')?.cost)).toBeCloseTo(0.0012, 10);
    const applications = await prisma.application.findMany({ where: { name: 'isolated-app' } });
    expect(applications.map((a) => a.projectId)).toEqual([projectBId]);
  });
});
