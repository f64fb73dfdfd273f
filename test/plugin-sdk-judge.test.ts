import { runJudge, z } from '@agentloop/plugin-sdk';
import { recordingUsageReporter } from '@agentloop/plugin-sdk/testing';
import { ChatAnthropic } from '@langchain/anthropic';
import { ChatOpenAI } from '@langchain/openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OpenAIStub, startOpenAIStub } from './support/openai-stub.js';

// runJudge reads usage, model names and error shapes that only real provider clients produce; the
// unit tests use a scripted model, these prove the same behaviour through LangChain's HTTP clients.
describe('runJudge through real LangChain clients', () => {
  let stub: OpenAIStub;
  beforeAll(async () => {
    stub = await startOpenAIStub();
  });
  afterAll(async () => {
    await stub?.close();
  });
  beforeEach(() => stub.reset());

  const openai = (fields: ConstructorParameters<typeof ChatOpenAI>[0] = {}) =>
    new ChatOpenAI({
      model: 'judge-model',
      apiKey: 'sk-test',
      maxRetries: 0,
      configuration: { baseURL: stub.baseURL },
      ...fields,
    });
  const prompt = { name: 'relevance', version: '1', system: 'Rate relevance 0..1.', user: 'Q: {{input}}\nA: {{output}}' };
  const schema = z.object({ score: z.number().min(0).max(1), reasoning: z.string() });
  const judge = (model: ChatOpenAI | ChatAnthropic, signal = new AbortController().signal) => {
    const usage = recordingUsageReporter();
    return {
      usage,
      run: runJudge({ model, prompt, variables: { input: 'Capital of France?', output: 'Paris' }, schema, signal, usage }),
    };
  };

  it('parses fenced output, and records the served model and the usage of every attempt', async () => {
    stub.enqueue(
      { content: 'Sure! Score: high', usage: { promptTokens: 40, completionTokens: 4 } },
      { content: '```json\n{"score": 0.9, "reasoning": "on topic"}\n```', usage: { promptTokens: 70, completionTokens: 12 } },
    );
    const { usage, run } = judge(openai());
    const outcome = await run;
    expect(outcome).toMatchObject({
      ok: true,
      value: { score: 0.9, reasoning: 'on topic' },
      record: {
        model: 'judge-model',
        promptName: 'relevance',
        promptVersion: '1',
        inputTokens: 110,
        outputTokens: 16,
        attempts: 2,
      },
    });
    expect(usage.reports).toEqual([
      { model: 'judge-model', inputTokens: 40, outputTokens: 4 },
      { model: 'judge-model', inputTokens: 70, outputTokens: 12 },
    ]);
    const second = stub.chatRequests()[1]?.body as { messages: { role: string; content: string }[] };
    expect(second.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(second.messages[3]?.content).toMatch(/^Your reply could not be used: the reply contains no JSON object/);
  });

  it('works through the Anthropic client too', async () => {
    stub.enqueue({ content: '{"score": 0.4, "reasoning": "partly"}', usage: { promptTokens: 30, completionTokens: 9 } });
    const model = new ChatAnthropic({ model: 'claude-judge', apiKey: 'sk-ant-test', anthropicApiUrl: stub.url, maxRetries: 0 });
    expect(await judge(model).run).toMatchObject({
      ok: true,
      value: { score: 0.4 },
      record: { inputTokens: 30, outputTokens: 9 },
    });
  });

  it.each([
    [{ status: 429, retryAfterSeconds: 1 }, true],
    [{ status: 500 }, true],
    [{ status: 503 }, true],
    [{ status: 401, message: 'Incorrect API key provided' }, false],
    [{ status: 400, message: 'bad request' }, false],
  ])('returns HTTP %j as a failure with retryable %s', async (reply, retryable) => {
    stub.enqueue(reply);
    const outcome = await judge(openai()).run;
    expect(outcome).toMatchObject({
      ok: false,
      retryable,
      reason: expect.stringMatching(/^judge call failed: /),
      record: { attempts: 1 },
    });
  });

  it('reports a client timeout as retryable, and an abort as aborted', async () => {
    stub.enqueue({ hang: true });
    expect(await judge(openai({ timeout: 200 })).run).toMatchObject({ ok: false, retryable: true });

    stub.enqueue({ hang: true });
    const controller = new AbortController();
    const { run } = judge(openai(), controller.signal);
    setTimeout(() => controller.abort(), 100);
    expect(await run).toMatchObject({ ok: false, reason: 'aborted' });
  });
});
