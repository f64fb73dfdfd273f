import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatasetVia, insertRecordsInto, readIndexLagVia, SEARCH, waitForIndex } from './support/dataset-search-helpers.js';
import { gql } from './support/graphql-client.js';
import { useMeilisearch } from './support/meilisearch.js';
import { type OpenAIStub, startOpenAIStub } from './support/openai-stub.js';
import { useTestServer } from './support/test-server.js';

type Hit = { data: Record<string, unknown>; score: number };

describe('datasetSearch: semantic and hybrid with a model service (OpenAI-compatible stub, real Meilisearch)', () => {
  let stub: OpenAIStub;
  afterAll(async () => {
    await stub?.close();
  });
  let serviceId: string;
  const meili = useMeilisearch();
  const t = useTestServer({ env: () => meili.env });
  const search = async (variables: Record<string, unknown>) => {
    const res = await gql(t.server.url, t.server.adminKey, SEARCH, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data?.datasetSearch;
  };
  const questions = async (variables: Record<string, unknown>) => {
    const result = await search(variables);
    expect(result.__typename, JSON.stringify(result)).toBe('DatasetSearchResult');
    return (result.hits as Hit[]).map((hit) => hit.data.question);
  };

  beforeAll(async () => {
    stub = await startOpenAIStub({ embeddingDimensions: 64 });
    // The project's only EMBEDDING service: every dataset of the project uses it.
    const res = await gql(
      t.server.url,
      t.server.adminKey,
      `mutation($input: CreateModelServiceInput!) { createModelService(input: $input) {
        __typename ... on ModelServicePayload { modelService { id } } ... on Error { message } } }`,
      {
        input: {
          name: 'stub embeddings',
          provider: 'OPENAI_COMPATIBLE',
          kind: 'EMBEDDING',
          model: 'stub-embedding',
          baseUrl: stub.baseURL,
        },
      },
    );
    expect(res.data?.createModelService.__typename, JSON.stringify(res)).toBe('ModelServicePayload');
    serviceId = res.data?.createModelService.modelService.id;
  });

  it('finds records by meaning and blends it with full text', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'semantic', [
      { name: 'question', type: 'TEXT', embedding: true },
      { name: 'topic', type: 'TEXT' },
      { name: 'turns', type: 'LONG' },
    ]);
    await insertRecordsInto(t.server, dataset, [
      { question: 'the cat sat on the warm mat', topic: 'pets', turns: 1 },
      { question: 'stock markets fell sharply today', topic: 'finance', turns: 2 },
      { question: 'a kitten sleeps on the mat', topic: 'pets', turns: 3 },
    ]);
    await waitForIndex(t.server.url);
    expect(stub.embeddingRequests().length).toBeGreaterThan(0);

    // The stub's vectors are bags of words: "mat cat" is nearest to the records sharing those words.
    const semantic = await search({ dataset, query: 'cat mat', mode: 'SEMANTIC' });
    expect(semantic.mode).toBe('SEMANTIC');
    expect(semantic.hits[0].data.question).toBe('the cat sat on the warm mat');
    expect(semantic.semanticHitCount).toBeGreaterThan(0);
    expect(semantic.hits[0].scoreDetails).toHaveProperty('vectorSort');

    expect((await questions({ dataset, query: 'markets', mode: 'HYBRID', semanticRatio: 0.3 }))[0]).toBe(
      'stock markets fell sharply today',
    );
    // Combinable with filters like every mode.
    expect(await questions({ dataset, query: 'cat mat', mode: 'HYBRID', filter: { where: 'turns >= 2' } })).not.toContain(
      'the cat sat on the warm mat',
    );
    const ratio = await search({ dataset, query: 'cat', mode: 'HYBRID', semanticRatio: 1.5 });
    expect(ratio.issues).toEqual([{ path: 'semanticRatio', message: 'must be between 0 and 1' }]);
    const noField = await search({ dataset, query: 'cat', mode: 'SEMANTIC', embeddingField: 'topic' });
    expect(noField.issues[0]).toMatchObject({ path: 'embeddingField', message: expect.stringMatching(/question/) });
  });

  it('finds Chinese records by meaning, on a field with both chn and embedding', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'zh semantic', [
      { name: 'question', type: 'TEXT', chn: true, embedding: true },
    ]);
    await insertRecordsInto(t.server, dataset, [
      { question: '如何重置我的账户密码' },
      { question: '今天上海的天气很好' },
      { question: '我的订单什么时候发货' },
    ]);
    await waitForIndex(t.server.url);
    // No record contains "忘记密码怎么办" as a phrase; the nearest by meaning (shared 密码) comes first.
    expect((await questions({ dataset, query: '忘记密码怎么办', mode: 'SEMANTIC' }))[0]).toBe('如何重置我的账户密码');
    expect((await questions({ dataset, query: '天气', mode: 'HYBRID' }))[0]).toBe('今天上海的天气很好');
    expect((await questions({ dataset, query: '发货时间', mode: 'HYBRID', semanticRatio: 0.9 }))[0]).toBe('我的订单什么时候发货');
  });

  it('embeds odd Unicode queries cleanly in SEMANTIC and HYBRID modes', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'odd unicode', [
      { name: 'question', type: 'TEXT', embedding: true },
    ]);
    await insertRecordsInto(t.server, dataset, [{ question: 'café 🙂 مرحبا' }]);
    await waitForIndex(t.server.url);
    const odd = [
      '\ud800 lone',
      '\udfff',
      'zero\u200bwidth\u200d',
      '\u202eRTL',
      '🙂🙃'.repeat(40),
      'nul\u0000bell\u0007',
      '\uFEFFbom',
    ];
    for (const query of odd) {
      for (const mode of ['SEMANTIC', 'HYBRID']) {
        const result = await search({ dataset, query, mode });
        expect(result.__typename, `${mode} ${JSON.stringify(query)}: ${JSON.stringify(result)}`).toBe('DatasetSearchResult');
      }
    }
    // What reached the model is well-formed text: lone surrogates replaced, control characters gone.
    const inputs = stub.embeddingRequests().map((request) => JSON.stringify(request.body?.input ?? ''));
    expect(inputs.some((input) => input.includes('\\ud800'))).toBe(false);
    expect(inputs.some((input) => input.includes('\\u0000'))).toBe(false);
  });

  it('keeps records searchable by full text while the embedding service fails, and adds vectors on retry', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'flaky model', [
      { name: 'question', type: 'TEXT', embedding: true },
    ]);
    // A non-retryable failure of the next embeddings call, as a model service failing mid-import.
    stub.enqueueEmbeddings({ status: 400, message: 'model overloaded' });
    await insertRecordsInto(t.server, dataset, [{ question: 'orange juice with breakfast' }]);
    const deadline = Date.now() + 20_000;
    let lag = await readIndexLagVia(t.server.url);
    while (!(lag && lag.failing > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lag = await readIndexLagVia(t.server.url);
    }
    expect(lag).toMatchObject({ pending: 1, failing: 1 });
    expect(await questions({ dataset, query: 'orange' })).toEqual(['orange juice with breakfast']);
    // The retry (after a 2 s backoff) embeds it.
    await waitForIndex(t.server.url);
    expect(await questions({ dataset, query: 'juice orange', mode: 'SEMANTIC' })).toEqual(['orange juice with breakfast']);
  });

  it('embeds queries with the service as it is now: an edit takes effect on the next search', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'edited service', [
      { name: 'question', type: 'TEXT', embedding: true },
    ]);
    await insertRecordsInto(t.server, dataset, [{ question: 'green tea in the afternoon' }]);
    await waitForIndex(t.server.url);
    const lastModel = () => (stub.embeddingRequests().at(-1)?.body as { model?: string } | undefined)?.model;
    expect(await questions({ dataset, query: 'tea', mode: 'SEMANTIC' })).toEqual(['green tea in the afternoon']);
    expect(lastModel()).toBe('stub-embedding');

    const edit = async (model: string) => {
      const res = await gql(
        t.server.url,
        t.server.adminKey,
        'mutation($input: UpdateModelServiceInput!) { updateModelService(input: $input) { __typename ... on Error { message } } }',
        { input: { id: serviceId, model } },
      );
      expect(res.data?.updateModelService.__typename, JSON.stringify(res)).toBe('ModelServicePayload');
    };
    await edit('stub-embedding-v2');
    await questions({ dataset, query: 'tea', mode: 'SEMANTIC' });
    expect(lastModel()).toBe('stub-embedding-v2');
    await edit('stub-embedding');
    await questions({ dataset, query: 'afternoon tea', mode: 'SEMANTIC' });
    expect(lastModel()).toBe('stub-embedding');
  });
});
