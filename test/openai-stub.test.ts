import { ChatAnthropic } from '@langchain/anthropic';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashEmbedding, type OpenAIStub, startOpenAIStub } from './support/openai-stub.js';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] as number), 0);

// The stub is only worth something if LangChain's real clients accept what it says: these tests
// drive it through them, not through hand-written fetches.
describe('the OpenAI-compatible stub, through LangChain', () => {
  let stub: OpenAIStub;
  beforeAll(async () => {
    stub = await startOpenAIStub({ embeddingDimensions: 32 });
  });
  afterAll(async () => {
    await stub?.close();
  });
  beforeEach(() => stub.reset());

  const chat = (fields: ConstructorParameters<typeof ChatOpenAI>[0] = {}) =>
    new ChatOpenAI({ model: 'stub-model', apiKey: 'sk-test', configuration: { baseURL: stub.baseURL }, ...fields });

  it('answers a chat completion with the scripted text and usage, and records the request', async () => {
    stub.enqueue({ content: 'The capital is Paris.', usage: { promptTokens: 11, completionTokens: 5 } });
    const reply = await chat({ temperature: 0 }).invoke([
      new SystemMessage('Answer briefly.'),
      new HumanMessage('Capital of France?'),
    ]);
    expect(reply.content).toBe('The capital is Paris.');
    expect(reply.usage_metadata).toMatchObject({ input_tokens: 11, output_tokens: 5, total_tokens: 16 });
    expect(stub.counts.chat).toBe(1);
    const [request] = stub.chatRequests();
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body).toMatchObject({
      model: 'stub-model',
      temperature: 0,
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'Capital of France?' },
      ],
    });
  });

  it('estimates usage from word counts when the script gives none', async () => {
    stub.enqueue('one two three');
    const reply = await chat().invoke('four five');
    expect(reply.usage_metadata).toMatchObject({ input_tokens: 2, output_tokens: 3 });
  });

  it('falls back to the default responder, which sees the flattened request', async () => {
    stub.setDefaultResponder((request) => `echo: ${request.lastUserMessage} (${request.model})`);
    expect((await chat().invoke('hello')).content).toBe('echo: hello (stub-model)');
    stub.enqueue('queued first');
    expect((await chat().invoke('x')).content).toBe('queued first');
    expect((await chat().invoke('again')).content).toBe('echo: again (stub-model)');
    stub.reset();
    expect((await chat().invoke('after reset')).content).toBe('OK');
  });

  it('streams server-sent events that LangChain assembles, with usage in the last chunk', async () => {
    stub.enqueue({ content: 'A streamed answer that spans several chunks.', usage: { promptTokens: 3, completionTokens: 8 } });
    const chunks = [];
    for await (const chunk of await chat({ streaming: true }).stream('go')) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(3);
    const text = chunks.map((c) => c.content).join('');
    expect(text).toBe('A streamed answer that spans several chunks.');
    const usage = chunks.find((c) => c.usage_metadata)?.usage_metadata;
    expect(usage).toMatchObject({ input_tokens: 3, output_tokens: 8 });
    expect(stub.chatRequests()[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('returns tool calls that LangChain parses', async () => {
    stub.enqueue({ content: '', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const model = chat().bindTools([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ]);
    const reply = await model.invoke('Weather in Oslo?');
    expect(reply.tool_calls).toMatchObject([{ name: 'get_weather', args: { city: 'Oslo' } }]);
    expect(stub.chatRequests()[0]?.body.tools[0].function.name).toBe('get_weather');
  });

  it('answers 429 with retry-after, which LangChain retries', async () => {
    stub.enqueue({ status: 429, retryAfterSeconds: 0 }, 'after the retry');
    const reply = await chat({ maxRetries: 2 }).invoke('hi');
    expect(reply.content).toBe('after the retry');
    expect(stub.counts.chat).toBe(2);
  });

  it('answers 500, which surfaces as an error with the status when retries are off', async () => {
    stub.enqueue({ status: 500, message: 'upstream exploded' });
    await expect(chat({ maxRetries: 0 }).invoke('hi')).rejects.toMatchObject({ status: 500 });
    expect(stub.counts.chat).toBe(1);
  });

  it('does not retry insufficient_quota 429s, as LangChain classifies them', async () => {
    stub.enqueue({ status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota' });
    await expect(chat({ maxRetries: 3 }).invoke('hi')).rejects.toThrow(/quota/);
    expect(stub.counts.chat).toBe(1);
  });

  it('hangs until the client times out, then frees the connection', async () => {
    stub.enqueue({ hang: true });
    const started = Date.now();
    await expect(chat({ timeout: 300, maxRetries: 0 }).invoke('hi')).rejects.toThrow(/timed? ?out/i);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect.poll(() => stub.inFlight).toBe(0);
  });

  it('delays a reply by delayMs', async () => {
    stub.enqueue({ content: 'late', delayMs: 200 });
    const started = Date.now();
    expect((await chat().invoke('hi')).content).toBe('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('counts concurrent requests', async () => {
    stub.setDefaultResponder(() => ({ content: 'ok', delayMs: 100 }));
    await Promise.all([1, 2, 3, 4].map(() => chat().invoke('x')));
    expect(stub.maxInFlight).toBe(4);
  });

  it('serves ChatAnthropic on /v1/messages with usage', async () => {
    stub.enqueue({ content: 'Bonjour', usage: { promptTokens: 7, completionTokens: 1 } });
    const model = new ChatAnthropic({ model: 'claude-stub', apiKey: 'sk-ant-test', anthropicApiUrl: stub.url });
    const reply = await model.invoke([new SystemMessage('Be French.'), new HumanMessage('Hello')]);
    expect(reply.content).toBe('Bonjour');
    expect(reply.usage_metadata).toMatchObject({ input_tokens: 7, output_tokens: 1 });
    const [request] = stub.chatRequests();
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe('sk-ant-test');
    expect(request?.body).toMatchObject({ model: 'claude-stub', system: 'Be French.' });
  });

  it('answers embeddings through OpenAIEmbeddings (base64 by default) with deterministic, similarity-preserving vectors', async () => {
    const embeddings = new OpenAIEmbeddings({
      model: 'stub-embedding',
      apiKey: 'sk-test',
      configuration: { baseURL: stub.baseURL },
    });
    const [cats, catsAgain, stocks] = await embeddings.embedDocuments([
      'The cat sat on the mat',
      'A cat sat on a mat',
      'Quarterly revenue grew in emerging markets',
    ]);
    expect(cats).toHaveLength(32);
    expect(cosine(cats as number[], cats as number[])).toBeCloseTo(1, 5);
    expect(cosine(cats as number[], catsAgain as number[])).toBeGreaterThan(0.45);
    expect(cosine(cats as number[], catsAgain as number[])).toBeGreaterThan(cosine(cats as number[], stocks as number[]));
    const query = await embeddings.embedQuery('The cat sat on the mat');
    for (const [i, x] of query.entries()) expect(x).toBeCloseTo((cats as number[])[i] as number, 6);
    expect(stub.embeddingRequests()[0]?.body.encoding_format).toBe('base64');
    expect(stub.counts.embeddings).toBe(2);
  });

  it('honours a requested dimension and scripted embeddings failures', async () => {
    const embeddings = new OpenAIEmbeddings({
      model: 'stub-embedding',
      apiKey: 'sk-test',
      dimensions: 8,
      maxRetries: 0,
      configuration: { baseURL: stub.baseURL },
    });
    expect(await embeddings.embedQuery('hello world')).toHaveLength(8);
    stub.enqueueEmbeddings({ status: 500 });
    await expect(embeddings.embedQuery('hello')).rejects.toMatchObject({ status: 500 });
  });

  it('lists models and 404s unknown routes', async () => {
    const models = await (await fetch(`${stub.baseURL}/models`)).json();
    expect(models.data.map((m: { id: string }) => m.id)).toContain('stub-model');
    expect((await fetch(`${stub.baseURL}/nope`)).status).toBe(404);
  });
});

describe('hashEmbedding', () => {
  it('is unit length, deterministic, and treats each Han character as a token', () => {
    const a = hashEmbedding('今天天气很好', 64);
    expect(cosine(a, a)).toBeCloseTo(1, 10);
    expect(hashEmbedding('今天天气很好', 64)).toEqual(a);
    expect(cosine(a, hashEmbedding('今天天气不好', 64))).toBeGreaterThan(0.5);
    expect(cosine(hashEmbedding('', 16), hashEmbedding('', 16))).toBeCloseTo(1, 10);
  });
});
