import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordingUsageReporter } from '../testing/recording-usage-reporter.js';
import { type ScriptedReplyEntry, scriptedChatModel } from '../testing/scripted-chat-model.js';
import { TemplateVariableError } from '../utils/template-variable-error.js';
import type { JudgePrompt } from './judge-prompt.js';
import { runJudge } from './run-judge.js';

const prompt: JudgePrompt = {
  name: 'politeness',
  version: '2',
  system: 'You rate how polite an answer is from 0 to 1.',
  user: 'Question: {{input}}\nAnswer: {{output}}',
};
const schema = z.object({ score: z.number().min(0).max(1), reasoning: z.string() });

function judge(replies: ScriptedReplyEntry[], options: { maxAttempts?: number; signal?: AbortSignal } = {}) {
  const model = scriptedChatModel(replies, { model: 'judge-1' });
  const usage = recordingUsageReporter();
  const run = runJudge({
    model,
    prompt,
    variables: { input: 'Where is the station?', output: { text: 'Left, then right.' } },
    schema,
    signal: options.signal ?? new AbortController().signal,
    usage,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
  return { model, usage, run };
}

describe('runJudge', () => {
  it('renders the prompt, parses and validates the reply, and records the call', async () => {
    const { model, usage, run } = judge([
      { content: '{"score": 0.8, "reasoning": "courteous"}', usage: { inputTokens: 120, outputTokens: 14 } },
    ]);
    const outcome = await run;
    expect(outcome).toEqual({
      ok: true,
      value: { score: 0.8, reasoning: 'courteous' },
      record: {
        model: 'judge-1',
        promptName: 'politeness',
        promptVersion: '2',
        inputTokens: 120,
        outputTokens: 14,
        latencyMs: expect.any(Number),
        attempts: 1,
      },
    });
    expect(usage.reports).toEqual([{ model: 'judge-1', inputTokens: 120, outputTokens: 14 }]);
    const [messages] = model.calls;
    expect(messages?.[0]).toBeInstanceOf(SystemMessage);
    expect(messages?.[0]?.content).toMatch(/^You rate how polite an answer is from 0 to 1\.\n\nReply with a single JSON object/);
    expect(messages?.[0]?.content).toContain('"score":{"type":"number","minimum":0,"maximum":1}');
    expect(messages?.[1]).toBeInstanceOf(HumanMessage);
    expect(messages?.[1]?.content).toBe('Question: Where is the station?\nAnswer: {"text":"Left, then right."}');
  });

  it('shows each schema its own JSON Schema, call after call (the instruction is computed once per schema)', async () => {
    const systemOf = async (replySchema: z.ZodType) => {
      const model = scriptedChatModel(['{"score": 1, "reasoning": "ok", "label": "a"}'], { model: 'judge-1' });
      const outcome = await runJudge({
        model,
        prompt,
        variables: { input: 'q', output: 'a' },
        schema: replySchema,
        signal: new AbortController().signal,
        usage: recordingUsageReporter(),
      });
      expect(outcome.ok).toBe(true);
      return String(model.calls[0]?.[0]?.content);
    };
    const first = await systemOf(schema);
    expect(await systemOf(schema)).toBe(first);
    const labelled = await systemOf(z.object({ label: z.enum(['a', 'b']) }));
    expect(labelled).toContain('"label":{"type":"string","enum":["a","b"]}');
    expect(labelled).not.toContain('"score"');
  });

  it('tolerates fenced JSON', async () => {
    const { run } = judge(['```json\n{"score": 1, "reasoning": "very polite"}\n```']);
    expect(await run).toMatchObject({ ok: true, value: { score: 1 } });
  });

  it('asks again with the validation error after malformed output, and sums the attempts', async () => {
    const { model, usage, run } = judge([
      { content: 'It is polite.', usage: { inputTokens: 100, outputTokens: 4 } },
      { content: '{"score": 7, "reasoning": "very"}', usage: { inputTokens: 130, outputTokens: 8 } },
      { content: '{"score": 0.7, "reasoning": "fine"}', usage: { inputTokens: 160, outputTokens: 8 } },
    ]);
    const outcome = await run;
    expect(outcome).toMatchObject({
      ok: true,
      value: { score: 0.7 },
      record: { attempts: 3, inputTokens: 390, outputTokens: 20 },
    });
    expect(usage.reports).toHaveLength(3);
    const second = model.calls[1] ?? [];
    expect(second).toHaveLength(4);
    expect(second[2]).toBeInstanceOf(AIMessage);
    expect(second[2]?.content).toBe('It is polite.');
    expect(second[3]?.content).toMatch(/^Your reply could not be used: the reply contains no JSON object/);
    const third = model.calls[2] ?? [];
    expect(third[5]?.content).toMatch(/does not match the schema:[\s\S]*score/);
  });

  it('fails with the last problem after malformed output every time, never a score', async () => {
    const { model, usage, run } = judge(['nope', '{"score": "high"}', '{"score": 2, "reasoning": ""}']);
    const outcome = await run;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toMatch(
      /^the judge returned invalid output 3 times; last problem: the JSON does not match the schema/,
    );
    expect(outcome.retryable).toBe(false);
    expect(outcome.lastReply).toBe('{"score": 2, "reasoning": ""}');
    expect(outcome.record.attempts).toBe(3);
    expect(outcome.record.inputTokens).toBeGreaterThan(0);
    expect(usage.reports).toHaveLength(3);
    expect(model.remaining).toBe(0);
  });

  it('honours maxAttempts', async () => {
    const { model, run } = judge(['nope', 'nope'], { maxAttempts: 1 });
    expect(await run).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/invalid output 1 time;/),
      record: { attempts: 1 },
    });
    expect(model.remaining).toBe(1);
  });

  it('returns a transport error as a failure with a retryable hint, without retrying it', async () => {
    const rateLimited = Object.assign(new Error('429 Too Many Requests'), { status: 429 });
    const { model, run } = judge([rateLimited, '{"score": 1, "reasoning": "x"}']);
    expect(await run).toMatchObject({
      ok: false,
      reason: 'judge call failed: 429 Too Many Requests',
      retryable: true,
      record: { attempts: 1, inputTokens: 0 },
    });
    expect(model.remaining).toBe(1);

    const { run: unauthorised } = judge([Object.assign(new Error('401 Invalid API key'), { status: 401 })]);
    expect(await unauthorised).toMatchObject({ ok: false, retryable: false });
  });

  it('stops when aborted, mid-call or before', async () => {
    const controller = new AbortController();
    const { run } = judge([{ content: '{"score": 1, "reasoning": "x"}', delayMs: 5_000 }], { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    expect(await run).toMatchObject({ ok: false, reason: 'aborted' });
    expect(Date.now() - started).toBeLessThan(2_000);

    const { model, run: before } = judge(['{"score": 1, "reasoning": "x"}'], { signal: AbortSignal.abort() });
    expect(await before).toMatchObject({ ok: false, reason: 'aborted', record: { attempts: 0 } });
    expect(model.calls).toHaveLength(0);
  });

  it('stops even when the model ignores the signal', async () => {
    const model = scriptedChatModel([]);
    model.invoke = () => new Promise(() => {});
    const controller = new AbortController();
    const run = runJudge({
      model,
      prompt,
      variables: { input: 'a', output: 'b' },
      schema,
      signal: controller.signal,
      usage: recordingUsageReporter(),
    });
    controller.abort();
    expect(await run).toMatchObject({ ok: false, reason: 'aborted' });
  });

  it('throws for a prompt variable the plugin did not provide', async () => {
    const model = scriptedChatModel(['{}']);
    await expect(
      runJudge({
        model,
        prompt,
        variables: { input: 'a' },
        schema,
        signal: new AbortController().signal,
        usage: recordingUsageReporter(),
      }),
    ).rejects.toThrow(TemplateVariableError);
  });
});
