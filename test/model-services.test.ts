import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/src/config/config.js';
import { chatModelForService } from '../server/src/models/chat-model-for-service.js';
import { embeddingsForService } from '../server/src/models/embeddings-for-service.js';
import { createSecretKeyring } from '../server/src/secrets/secret-keyring.js';
import { createKeyVia, createProjectVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { type OpenAIStub, startOpenAIStub } from './support/openai-stub.js';
import { useTestServer } from './support/test-server.js';

const SECRET_KEY = randomBytes(32).toString('base64');
const API_KEY = 'sk-live-THIS-MUST-NEVER-LEAK-1234';

const FIELDS = `id name provider kind model baseUrl hasApiKey inputPricePerMillion outputPricePerMillion
  parameters { temperature topP maxTokens timeoutMs maxRetries dimensions }`;
const CREATE = `mutation($input: CreateModelServiceInput!) { createModelService(input: $input) {
  __typename ... on ModelServicePayload { modelService { ${FIELDS} } }
  ... on InvalidInputError { issues { path message } } ... on Error { code message } } }`;
const UPDATE = `mutation($input: UpdateModelServiceInput!) { updateModelService(input: $input) {
  __typename ... on ModelServicePayload { modelService { ${FIELDS} } }
  ... on InvalidInputError { issues { path message } } ... on Error { code message } } }`;
const TEST = `mutation($id: ID!) { testModelService(input: { id: $id }) {
  __typename ... on ModelServiceTestResult { ok latencyMs model dimensions error } ... on Error { code message } } }`;
const DELETE = `mutation($id: ID!) { deleteModelService(input: { id: $id }) {
  __typename ... on DeleteModelServicePayload { deletedModelServiceId } ... on Error { code message } } }`;
const LIST = `query($kind: ModelServiceKind) { modelServices(kind: $kind, first: 50) { totalCount edges { node { id name kind hasApiKey } } } }`;

describe('model services', () => {
  const t = useTestServer({ env: { AGENTLOOP_SECRET_KEY: SECRET_KEY } });
  let stub: OpenAIStub;
  beforeAll(async () => {
    stub = await startOpenAIStub({ embeddingDimensions: 32 });
  });
  afterAll(async () => {
    await stub?.close();
  });
  beforeEach(() => stub.reset());

  const create = async (input: Record<string, unknown>, key = t.server.adminKey) => {
    const res = await gql(t.server.url, key, CREATE, { input });
    return res.data?.createModelService ?? res;
  };
  const judgeInput = (name: string) => ({
    name,
    provider: 'OPENAI_COMPATIBLE',
    kind: 'CHAT',
    model: 'judge-model',
    baseUrl: stub.baseURL,
    apiKey: API_KEY,
    parameters: { temperature: 0, maxTokens: 256, timeoutMs: 5000, maxRetries: 1 },
    inputPricePerMillion: 0.15,
    outputPricePerMillion: 0.6,
  });
  const deps = async () => {
    const { prisma } = await t.database.open();
    return { prisma, secrets: createSecretKeyring(loadConfig({ AGENTLOOP_SECRET_KEY: SECRET_KEY }).secrets) };
  };
  const defaultProjectId = async () => {
    const { prisma } = await t.database.open();
    return (await prisma.project.findFirstOrThrow({ where: { name: 'default' } })).id;
  };

  it('stores the API key encrypted, never returns it, and keeps it out of the audit log', async () => {
    const created = await create(judgeInput('judge'));
    expect(created.__typename, JSON.stringify(created)).toBe('ModelServicePayload');
    expect(created.modelService).toMatchObject({
      name: 'judge',
      provider: 'OPENAI_COMPATIBLE',
      kind: 'CHAT',
      model: 'judge-model',
      baseUrl: stub.baseURL,
      hasApiKey: true,
      inputPricePerMillion: 0.15,
      outputPricePerMillion: 0.6,
      parameters: { temperature: 0, topP: null, maxTokens: 256, timeoutMs: 5000, maxRetries: 1, dimensions: null },
    });

    // Nothing the API can return mentions the key: the type has no such field, and no response carries it.
    const type = await gql(t.server.url, t.server.adminKey, '{ __type(name: "ModelService") { fields { name } } }');
    expect(type.data?.__type.fields.map((f: { name: string }) => f.name).filter((n: string) => /key/i.test(n))).toEqual([
      'hasApiKey',
    ]);
    const read = await gql(
      t.server.url,
      t.server.adminKey,
      `query($id: ID!) { modelService(id: $id) { ${FIELDS} } node(id: $id) { id } }`,
      {
        id: created.modelService.id,
      },
    );
    expect(read.data?.modelService.hasApiKey).toBe(true);
    const audit = await gql(
      t.server.url,
      t.server.adminKey,
      '{ auditLog(filter: { entityType: "ModelService" }) { edges { node { action summary } } } }',
    );
    expect(audit.data?.auditLog.edges[0].node).toMatchObject({ action: 'modelService.create', summary: { hasApiKey: true } });
    for (const response of [created, read, audit]) expect(JSON.stringify(response)).not.toContain(API_KEY);

    // At rest: an AES-GCM envelope naming the key id, not the key.
    const { prisma } = await t.database.open();
    const rows = await prisma.$queryRawUnsafe<{ apiKeyEncrypted: string; apiKeyKeyId: string }[]>(
      'SELECT "apiKeyEncrypted", "apiKeyKeyId" FROM "ModelService" WHERE name = $1',
      'judge',
    );
    expect(rows[0]?.apiKeyEncrypted).toMatch(/^v1\.[0-9a-f]{16}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(rows[0]?.apiKeyEncrypted).not.toContain(API_KEY);
    expect(rows[0]?.apiKeyEncrypted).not.toContain(Buffer.from(API_KEY).toString('base64url').slice(0, 12));
    expect(rows[0]?.apiKeyEncrypted.split('.')[1]).toBe(rows[0]?.apiKeyKeyId);
    const dump = await prisma.$queryRawUnsafe<{ row: string }[]>('SELECT row_to_json(a)::text AS row FROM "AuditLogEntry" a');
    expect(dump.map((r) => r.row).join('\n')).not.toContain(API_KEY);
  });

  it('tests a chat service with one real call through LangChain, and reports a failing provider as a value', async () => {
    const { modelService } = await create(judgeInput('tested'));
    stub.enqueue({ content: 'OK', usage: { promptTokens: 12, completionTokens: 1 } });
    const ok = await gql(t.server.url, t.server.adminKey, TEST, { id: modelService.id });
    expect(ok.data?.testModelService).toMatchObject({
      __typename: 'ModelServiceTestResult',
      ok: true,
      model: 'judge-model',
      error: null,
    });
    expect(ok.data?.testModelService.latencyMs).toBeGreaterThan(0);
    const request = stub.chatRequests()[0];
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toMatchObject({ model: 'judge-model', temperature: 0 });

    stub.reset();
    stub.enqueue({ status: 500, message: 'upstream exploded' });
    const failed = await gql(t.server.url, t.server.adminKey, TEST, { id: modelService.id });
    expect(failed.data?.testModelService).toMatchObject({ ok: false, model: 'judge-model' });
    expect(failed.data?.testModelService.error).toMatch(/500|upstream exploded/);
    // A test answers with the first failure; it does not retry.
    expect(stub.chatRequests()).toHaveLength(1);
  });

  it('tests embedding and Anthropic services through their own clients', async () => {
    const embedding = await create({
      name: 'embedder',
      provider: 'OPENAI_COMPATIBLE',
      kind: 'EMBEDDING',
      model: 'embed-small',
      baseUrl: stub.baseURL,
      parameters: { dimensions: 16 },
    });
    expect(embedding.modelService).toMatchObject({ hasApiKey: false, parameters: { dimensions: 16 } });
    const embedded = await gql(t.server.url, t.server.adminKey, TEST, { id: embedding.modelService.id });
    expect(embedded.data?.testModelService).toMatchObject({ ok: true, dimensions: 16, error: null });
    // A keyless service never picks up a key from the server's environment.
    expect(stub.embeddingRequests()[0]?.headers.authorization).toBe('Bearer no-key');

    const anthropic = await create({
      name: 'claude',
      provider: 'ANTHROPIC',
      kind: 'CHAT',
      model: 'claude-judge',
      baseUrl: stub.url,
      apiKey: 'sk-ant-secret',
    });
    stub.enqueue('OK');
    const answered = await gql(t.server.url, t.server.adminKey, TEST, { id: anthropic.modelService.id });
    expect(answered.data?.testModelService).toMatchObject({ ok: true, error: null });
    const request = stub.requests.find((r) => r.path === '/v1/messages');
    expect(request?.headers['x-api-key']).toBe('sk-ant-secret');
    expect(request?.body).toMatchObject({ model: 'claude-judge', max_tokens: 16 });
  });

  it('hands domain code a configured LangChain chat model and embeddings (the seam judges use)', async () => {
    const { modelService } = await create(judgeInput('seam'));
    const embedding = await create({
      name: 'seam-embedder',
      provider: 'OPENAI_COMPATIBLE',
      kind: 'EMBEDDING',
      model: 'embed-small',
      baseUrl: stub.baseURL,
    });
    const projectId = await defaultProjectId();
    const rowId = Buffer.from(modelService.id, 'base64url').toString().split(':')[1] ?? '';
    const { service, model } = await chatModelForService(await deps(), projectId, rowId, { temperature: 0.5 });
    expect(service.name).toBe('seam');
    stub.enqueue('hello');
    const reply = await model.invoke('Say hello');
    expect(reply.content).toBe('hello');
    expect(stub.chatRequests()[0]?.body).toMatchObject({ model: 'judge-model', temperature: 0.5, max_tokens: 256 });
    expect(stub.chatRequests()[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);

    const embeddingRowId = Buffer.from(embedding.modelService.id, 'base64url').toString().split(':')[1] ?? '';
    const { embeddings } = await embeddingsForService(await deps(), projectId, embeddingRowId);
    expect(await embeddings.embedDocuments(['a', 'b'])).toHaveLength(2);
    await expect(chatModelForService(await deps(), projectId, embeddingRowId)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'serviceId', message: expect.stringMatching(/EMBEDDING service; a CHAT service is needed/) }],
    });
  });

  it('replaces and removes the key on update, and audits that it changed without saying to what', async () => {
    const { modelService } = await create(judgeInput('rotating'));
    const updated = await gql(t.server.url, t.server.adminKey, UPDATE, {
      input: { id: modelService.id, apiKey: 'sk-second-key', model: 'judge-model-2', parameters: { temperature: 1 } },
    });
    expect(updated.data?.updateModelService.modelService).toMatchObject({
      hasApiKey: true,
      model: 'judge-model-2',
      parameters: { temperature: 1, maxTokens: null },
      // Untouched fields keep their values.
      inputPricePerMillion: 0.15,
    });
    stub.enqueue('OK');
    await gql(t.server.url, t.server.adminKey, TEST, { id: modelService.id });
    expect(stub.chatRequests()[0]?.headers.authorization).toBe('Bearer sk-second-key');

    const removed = await gql(t.server.url, t.server.adminKey, UPDATE, {
      input: { id: modelService.id, apiKey: null, inputPricePerMillion: null },
    });
    expect(removed.data?.updateModelService.modelService).toMatchObject({ hasApiKey: false, inputPricePerMillion: null });
    const audit = await gql(
      t.server.url,
      t.server.adminKey,
      '{ auditLog(filter: { entityType: "ModelService" }, first: 2) { edges { node { action summary } } } }',
    );
    const entries = audit.data?.auditLog.edges.map((e: { node: unknown }) => e.node);
    expect(entries[0]).toMatchObject({
      action: 'modelService.update',
      summary: { apiKeyChanged: true, to: { hasApiKey: false } },
    });
    expect(entries[1]).toMatchObject({
      action: 'modelService.update',
      summary: { apiKeyChanged: true, to: { hasApiKey: true } },
    });
    expect(JSON.stringify(audit)).not.toContain('sk-second-key');
  });

  it('refuses bad input with errors that name the field', async () => {
    const issues = async (input: Record<string, unknown>) => {
      const res = await create(input);
      expect(res.__typename, JSON.stringify(res)).toBe('InvalidInputError');
      return res.issues.map((i: { path: string }) => i.path);
    };
    const base = { name: 'bad', provider: 'OPENAI_COMPATIBLE', kind: 'CHAT', model: 'm', baseUrl: stub.baseURL };
    expect(await issues({ ...base, baseUrl: 'ftp://models.example/v1' })).toEqual(['baseUrl']);
    expect(await issues({ ...base, baseUrl: 'not a url' })).toEqual(['baseUrl']);
    expect(await issues({ ...base, baseUrl: 'https://user:pass@models.example/v1' })).toEqual(['baseUrl']);
    expect(await issues({ ...base, baseUrl: undefined })).toEqual(['baseUrl']);
    expect(await issues({ ...base, name: ' ', model: '' })).toEqual(['name', 'model']);
    expect(await issues({ ...base, parameters: { temperature: 5, maxRetries: -1, timeoutMs: 10 } })).toEqual([
      'parameters.temperature',
      'parameters.timeoutMs',
      'parameters.maxRetries',
    ]);
    expect(await issues({ ...base, parameters: { dimensions: 8 } })).toEqual(['parameters.dimensions']);
    expect(await issues({ ...base, inputPricePerMillion: -1 })).toEqual(['inputPricePerMillion']);
    expect(await issues({ ...base, provider: 'OPENAI', baseUrl: undefined })).toEqual(['apiKey']);
    expect(await issues({ ...base, provider: 'ANTHROPIC', kind: 'EMBEDDING', apiKey: 'k' })).toEqual(['kind']);

    await create({ ...base, name: 'unique' });
    expect(await create({ ...base, name: 'unique' })).toMatchObject({
      __typename: 'ConflictError',
      message: /"unique" already exists/,
    });

    const { modelService } = await create({ ...base, name: 'needs-url' });
    const cleared = await gql(t.server.url, t.server.adminKey, UPDATE, { input: { id: modelService.id, baseUrl: null } });
    expect(cleared.data?.updateModelService.issues).toEqual([
      { path: 'baseUrl', message: 'is required for an OpenAI-compatible provider' },
    ]);
  });

  it('keeps services inside their project and lets members use but not manage them', async () => {
    const { modelService } = await create(judgeInput('private'));
    const other = await createProjectVia(t.server.url, t.server.adminKey, 'other-models');
    const foreign = await createKeyVia(t.server.url, t.server.adminKey, { project: other, role: 'admin' });
    const read = await gql(
      t.server.url,
      foreign.secret,
      `query($id: ID!) { modelService(id: $id) { id } node(id: $id) { id } }`,
      {
        id: modelService.id,
      },
    );
    expect(read.data).toEqual({ modelService: null, node: null });
    expect((await gql(t.server.url, foreign.secret, LIST)).data?.modelServices.totalCount).toBe(0);
    for (const [query, variables] of [
      [UPDATE, { input: { id: modelService.id, model: 'x' } }],
      [TEST, { id: modelService.id }],
      [DELETE, { id: modelService.id }],
    ] as const) {
      const res = await gql(t.server.url, foreign.secret, query, variables);
      expect(Object.values(res.data ?? {})[0]).toMatchObject({ __typename: 'NotFoundError' });
    }
    expect(stub.chatRequests()).toHaveLength(0);

    const member = await createKeyVia(t.server.url, t.server.adminKey, { role: 'member' });
    expect((await gql(t.server.url, member.secret, LIST, { kind: 'CHAT' })).data?.modelServices.totalCount).toBeGreaterThan(0);
    stub.enqueue('OK');
    expect((await gql(t.server.url, member.secret, TEST, { id: modelService.id })).data?.testModelService.ok).toBe(true);
    expect(errorCodes(await gql(t.server.url, member.secret, CREATE, { input: judgeInput('member-made') }))).toEqual([
      'FORBIDDEN',
    ]);
    const viewer = await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' });
    expect(errorCodes(await gql(t.server.url, viewer.secret, LIST))).toEqual(['FORBIDDEN']);
  });

  it('deletes a service, but not while an evaluator uses it', async () => {
    const { modelService } = await create(judgeInput('in-use'));
    const rowId = Buffer.from(modelService.id, 'base64url').toString().split(':')[1] ?? '';
    const { prisma } = await t.database.open();
    const evaluator = await prisma.evaluator.create({
      data: { projectId: await defaultProjectId(), name: 'toxicity', pluginName: 'toxicity', judgeServiceId: rowId },
    });
    const refused = await gql(t.server.url, t.server.adminKey, DELETE, { id: modelService.id });
    expect(refused.data?.deleteModelService).toMatchObject({
      __typename: 'ConflictError',
      message: /used by evaluator\(s\) "toxicity"/,
    });
    await prisma.evaluator.delete({ where: { id: evaluator.id } });
    const deleted = await gql(t.server.url, t.server.adminKey, DELETE, { id: modelService.id });
    expect(deleted.data?.deleteModelService).toEqual({
      __typename: 'DeleteModelServicePayload',
      deletedModelServiceId: modelService.id,
    });
    expect((await gql(t.server.url, t.server.adminKey, TEST, { id: modelService.id })).data?.testModelService.__typename).toBe(
      'NotFoundError',
    );
  });
});

describe('model services without a secret key on PostgreSQL', () => {
  // DATABASE_URL only decides the secrets policy here; the test database is handed in directly.
  const t = useTestServer({ env: { DATABASE_URL: 'postgresql://configured-elsewhere/agentloop' } });

  it('refuses to store an API key, saying what to set, and still allows keyless services', async () => {
    const input = { name: 'local', provider: 'OPENAI_COMPATIBLE', kind: 'CHAT', model: 'm', baseUrl: 'http://127.0.0.1:1/v1' };
    const refused = await gql(t.server.url, t.server.adminKey, CREATE, { input: { ...input, apiKey: 'sk-x' } });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'UNAVAILABLE' }, message: /set AGENTLOOP_SECRET_KEY/ });
    const { prisma } = await t.database.open();
    expect(await prisma.modelService.count()).toBe(0);
    const keyless = await gql(t.server.url, t.server.adminKey, CREATE, { input });
    expect(keyless.data?.createModelService.modelService).toMatchObject({ hasApiKey: false });
  });
});
