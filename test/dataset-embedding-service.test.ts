import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatasetVia, insertRecordsInto, SEARCH, waitForIndex } from './support/dataset-search-helpers.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useMeilisearch } from './support/meilisearch.js';
import { type OpenAIStub, startOpenAIStub } from './support/openai-stub.js';
import { useTestServer } from './support/test-server.js';

const CREATE_SERVICE = `mutation($input: CreateModelServiceInput!) { createModelService(input: $input) {
  __typename ... on ModelServicePayload { modelService { id } } ... on Error { message } } }`;

const UPDATE_DATASET = `mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) {
  __typename
  ... on DatasetPayload { dataset { embeddingService { id name } } }
  ... on InvalidInputError { issues { path message } }
  ... on Error { message } } }`;

const CREATE_DATASET = `mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
  __typename
  ... on DatasetPayload { dataset { id embeddingService { name kind } } }
  ... on InvalidInputError { issues { path message } } } }`;

describe('choosing the embedding model service of a dataset (stub embeddings, real Meilisearch)', () => {
  let stub: OpenAIStub;
  afterAll(async () => {
    await stub?.close();
  });
  beforeAll(async () => {
    stub = await startOpenAIStub({ embeddingDimensions: 64 });
  });
  const meili = useMeilisearch();
  const t = useTestServer({ env: () => meili.env });

  const createService = async (input: Record<string, unknown>, key = t.server.adminKey) => {
    const res = await gql(t.server.url, key, CREATE_SERVICE, {
      input: { provider: 'OPENAI_COMPATIBLE', baseUrl: stub.baseURL, ...input },
    });
    expect(res.data?.createModelService.__typename, JSON.stringify(res)).toBe('ModelServicePayload');
    return res.data?.createModelService.modelService.id as string;
  };
  const search = async (dataset: string, query: string, mode = 'SEMANTIC') =>
    (await gql(t.server.url, t.server.adminKey, SEARCH, { dataset, query, mode })).data?.datasetSearch;
  const embeddedModels = () => new Set(stub.embeddingRequests().map((request) => request.body?.model));

  // Runs first: the project has no embedding service until this test creates one.
  it('starts semantic search on existing records when the project gains its first embedding service', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'before the model', [
      { name: 'question', type: 'TEXT', embedding: true },
    ]);
    await insertRecordsInto(t.server, dataset, [{ question: 'the cat sat on the mat' }, { question: 'interest rates rose' }]);
    await waitForIndex(t.server.url);
    expect(await search(dataset, 'cat mat')).toMatchObject({ __typename: 'EmbeddingNotConfiguredError' });

    await createService({ name: 'first embeddings', kind: 'EMBEDDING', model: 'embed-one' });
    // No reindex asked for: creating the service queued it.
    await waitForIndex(t.server.url);
    const result = await search(dataset, 'cat mat');
    expect(result.__typename, JSON.stringify(result)).toBe('DatasetSearchResult');
    expect(result.hits[0].data.question).toBe('the cat sat on the mat');
  });

  it('validates the choice, naming the field', async () => {
    const chat = await createService({ name: 'a chat model', kind: 'CHAT', model: 'chat-model' });
    const fields = [{ name: 'question', type: 'TEXT', embedding: true }];
    const wrongKind = await gql(t.server.url, t.server.adminKey, CREATE_DATASET, {
      input: { name: 'wrong kind', fields, embeddingServiceId: chat },
    });
    expect(wrongKind.data?.createDataset).toEqual({
      __typename: 'InvalidInputError',
      issues: [
        { path: 'embeddingServiceId', message: 'model service "a chat model" is of kind CHAT; choose one of kind EMBEDDING' },
      ],
    });

    const otherProject = await createProjectVia(t.server.url, t.server.adminKey, 'elsewhere');
    const otherAdmin = (await createKeyVia(t.server.url, t.server.adminKey, { project: otherProject, role: 'admin' })).secret;
    const foreign = await createService({ name: 'their embeddings', kind: 'EMBEDDING', model: 'embed-x' }, otherAdmin);
    const crossProject = await gql(t.server.url, t.server.adminKey, CREATE_DATASET, {
      input: { name: 'foreign service', fields, embeddingServiceId: foreign },
    });
    expect(crossProject.data?.createDataset.issues).toEqual([
      { path: 'embeddingServiceId', message: 'no model service with this ID in the project' },
    ]);

    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'update checks', fields);
    const badUpdate = await gql(t.server.url, t.server.adminKey, UPDATE_DATASET, {
      input: { id: dataset, embeddingServiceId: chat },
    });
    expect(badUpdate.data?.updateDataset.issues).toEqual([
      { path: 'embeddingServiceId', message: 'model service "a chat model" is of kind CHAT; choose one of kind EMBEDDING' },
    ]);
  });

  it('embeds with the chosen service, rebuilds when the choice or its model changes', async () => {
    // A second embedding service with another vector size: "the project's only one" no longer exists.
    const second = await createService({
      name: 'second embeddings',
      kind: 'EMBEDDING',
      model: 'embed-two',
      parameters: { dimensions: 32 },
    });
    const created = await gql(t.server.url, t.server.adminKey, CREATE_DATASET, {
      input: { name: 'chosen', fields: [{ name: 'question', type: 'TEXT', embedding: true }], embeddingServiceId: second },
    });
    expect(created.data?.createDataset.dataset.embeddingService).toEqual({ name: 'second embeddings', kind: 'EMBEDDING' });
    const chosen = created.data?.createDataset.dataset.id as string;
    const implicit = await createDatasetVia(t.server.url, t.server.adminKey, 'implicit', [
      { name: 'question', type: 'TEXT', embedding: true },
    ]);
    await insertRecordsInto(t.server, chosen, [{ question: 'kittens purr softly' }, { question: 'bonds and yields' }]);
    await insertRecordsInto(t.server, implicit, [{ question: 'kittens purr softly' }]);
    await waitForIndex(t.server.url);

    expect((await search(chosen, 'kittens purr')).hits[0].data.question).toBe('kittens purr softly');
    expect(embeddedModels().has('embed-two')).toBe(true);
    const several = await search(implicit, 'kittens');
    expect(several).toMatchObject({ __typename: 'EmbeddingNotConfiguredError' });
    expect(several.message).toMatch(/several embedding model services/);

    // Choosing a service for the implicit dataset rebuilds its index with that service's vectors.
    const pick = await gql(t.server.url, t.server.adminKey, UPDATE_DATASET, {
      input: { id: implicit, embeddingServiceId: second },
    });
    expect(pick.data?.updateDataset.dataset.embeddingService).toEqual({ id: second, name: 'second embeddings' });
    await waitForIndex(t.server.url);
    expect((await search(implicit, 'kittens purr')).hits[0].data.question).toBe('kittens purr softly');

    // A new model for the service: the datasets using it are re-embedded with it.
    const updated = await gql(
      t.server.url,
      t.server.adminKey,
      `mutation($input: UpdateModelServiceInput!) { updateModelService(input: $input) { __typename } }`,
      { input: { id: second, model: 'embed-three', parameters: { dimensions: 48 } } },
    );
    expect(updated.data?.updateModelService.__typename).toBe('ModelServicePayload');
    await waitForIndex(t.server.url);
    expect(embeddedModels().has('embed-three')).toBe(true);
    const documents = stub
      .embeddingRequests()
      .filter((request) => request.body?.model === 'embed-three')
      .flatMap((request) => (Array.isArray(request.body.input) ? request.body.input : []));
    expect(documents.filter((text: string) => text === 'kittens purr softly')).toHaveLength(2);
    expect((await search(chosen, 'bonds yields')).hits[0].data.question).toBe('bonds and yields');

    // Null goes back to the project's only service, which there is not: semantic search says so.
    const cleared = await gql(t.server.url, t.server.adminKey, UPDATE_DATASET, {
      input: { id: implicit, embeddingServiceId: null },
    });
    expect(cleared.data?.updateDataset.dataset.embeddingService).toBeNull();
    expect(await search(implicit, 'kittens')).toMatchObject({ __typename: 'EmbeddingNotConfiguredError' });
  });
});
