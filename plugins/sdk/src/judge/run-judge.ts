import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { z } from 'zod';
import type { JudgeCallRecord } from '../judge-call-record.js';
import type { UsageReporter } from '../usage-reporter.js';
import { renderTemplate } from '../utils/render-template.js';
import { toText } from '../utils/to-text.js';
import { extractJson } from './extract-json.js';
import type { JudgePrompt } from './judge-prompt.js';
import { isRetryableError } from './transport-error.js';

/** What `runJudge` takes. */
export interface RunJudgeOptions<T> {
  /** The judge model: `ctx.judge`. */
  model: BaseChatModel;
  /** The versioned prompt. */
  prompt: JudgePrompt;
  /** Values for the prompt's `{{variables}}`; non-strings are inserted as JSON. */
  variables: Readonly<Record<string, unknown>>;
  /**
   * The zod schema of the JSON object the judge must answer with. It is shown to the model (as
   * JSON Schema) and every reply is validated with it; describe fields with `.describe()`.
   */
  schema: z.ZodType<T>;
  /** How many replies to ask for before giving up on malformed output (default 3, at least 1). */
  maxAttempts?: number;
  /** `ctx.signal`: stops the call, and the judge run, when aborted. */
  signal: AbortSignal;
  /** `ctx.usage`: every attempt's tokens are reported here. */
  usage: UsageReporter;
}

/** What `runJudge` returns: the validated answer, or why there is none. Both carry the call record. */
export type JudgeOutcome<T> =
  | {
      /** The judge answered with valid output. */
      ok: true;
      /** The parsed, validated answer. */
      value: T;
      /** The call record to attach to the score (`ScoreResult.judge`). */
      record: JudgeCallRecord;
    }
  | {
      /** The judge did not produce usable output. */
      ok: false;
      /** Why: `aborted`, the transport error, or the last validation error after all attempts. */
      reason: string;
      /** Whether the failure may go away if tried later (rate limit, timeout, outage). Pass it to `failed`. */
      retryable: boolean;
      /** What the failed call(s) consumed. */
      record: JudgeCallRecord;
      /** The last reply's text, truncated, for diagnosis. */
      lastReply?: string;
    };

const REPLY_EXCERPT = 2000;

/**
 * Asks the judge model for a JSON object and validates it. Renders the prompt's templates, tells
 * the model to answer with JSON matching `schema`, parses the reply (tolerating ```json fences and
 * surrounding prose) and validates it; on malformed output it asks again, telling the model what
 * was wrong, up to `maxAttempts`. Every attempt's usage is reported to `usage` and summed in the
 * record.
 *
 * It never throws for what a model does: malformed output after the last attempt, an abort
 * (reason `aborted`) or a transport error (its message, with a `retryable` hint) come back as
 * `ok: false` — turn them into `failed(reason, { retryable })`, never into a made-up score.
 * Transport errors are not retried here: the host's LangChain client already retries 429s and
 * timeouts with backoff.
 *
 * @throws TemplateVariableError when the prompt names a variable missing from `variables` (a bug in the plugin).
 *
 * @example
 * const verdict = await runJudge({ model: ctx.judge, prompt, variables: { output: toText(ctx.sample.output) },
 *   schema: z.object({ score: z.number().min(0).max(1), reasoning: z.string() }), signal: ctx.signal, usage: ctx.usage });
 * if (!verdict.ok) return failed(verdict.reason, { retryable: verdict.retryable });
 * return scored({ name: 'toxicity', value: verdict.value.score, reasoning: verdict.value.reasoning, judge: verdict.record });
 */
export async function runJudge<T>(options: RunJudgeOptions<T>): Promise<JudgeOutcome<T>> {
  const { model, prompt, variables, schema, signal, usage } = options;
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
  const messages: BaseMessage[] = [
    new SystemMessage(`${renderTemplate(prompt.system, variables)}\n\n${jsonInstruction(schema)}`),
    new HumanMessage(renderTemplate(prompt.user, variables)),
  ];
  const record: JudgeCallRecord = {
    model: modelName(model),
    promptName: prompt.name,
    promptVersion: prompt.version,
    inputTokens: 0,
    outputTokens: 0,
    latencyMs: 0,
    attempts: 0,
  };
  const started = performance.now();
  const finish = () => {
    record.latencyMs = Math.round(performance.now() - started);
    return record;
  };

  let lastError = '';
  let lastReply: string | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (signal.aborted) return { ok: false, reason: 'aborted', retryable: false, record: finish() };
    record.attempts = attempt;
    let reply: BaseMessage;
    try {
      reply = await abortable(model.invoke(messages, { signal }), signal);
    } catch (error) {
      if (signal.aborted) return { ok: false, reason: 'aborted', retryable: false, record: finish() };
      return {
        ok: false,
        reason: `judge call failed: ${error instanceof Error ? error.message : String(error)}`,
        retryable: isRetryableError(error),
        record: finish(),
      };
    }

    const metadata = reply.response_metadata as { model_name?: unknown; model?: unknown } | undefined;
    const servedBy = [metadata?.model_name, metadata?.model].find((name) => typeof name === 'string' && name);
    if (typeof servedBy === 'string') record.model = servedBy;
    const tokens = (reply as Partial<AIMessage>).usage_metadata;
    const inputTokens = tokens?.input_tokens ?? 0;
    const outputTokens = tokens?.output_tokens ?? 0;
    record.inputTokens += inputTokens;
    record.outputTokens += outputTokens;
    usage.report({ model: record.model, inputTokens, outputTokens });

    const text = replyText(reply);
    lastReply = text.length > REPLY_EXCERPT ? `${text.slice(0, REPLY_EXCERPT)}…` : text;
    const parsed = extractJson(text);
    if (parsed.ok) {
      const validated = schema.safeParse(parsed.value);
      if (validated.success) return { ok: true, value: validated.data, record: finish() };
      lastError = `the JSON does not match the schema:\n${z.prettifyError(validated.error)}`;
    } else {
      lastError = parsed.error;
    }
    // Keep the conversation so the model sees its own reply and what was wrong with it.
    messages.push(
      new AIMessage(text),
      new HumanMessage(`Your reply could not be used: ${lastError}\nReply again with only the corrected JSON object.`),
    );
  }
  return {
    ok: false,
    reason: `the judge returned invalid output ${maxAttempts} time${maxAttempts === 1 ? '' : 's'}; last problem: ${lastError}`,
    retryable: false,
    record: finish(),
    ...(lastReply === undefined ? {} : { lastReply }),
  };
}

// Converting the schema to JSON Schema took ~0.4 ms of CPU per judge call (eval-throughput
// profile); zod schemas are immutable, so each schema object's instruction is computed once.
const instructions = new WeakMap<z.ZodType, string>();

function jsonInstruction(schema: z.ZodType): string {
  const cached = instructions.get(schema);
  if (cached !== undefined) return cached;
  const instruction = 'Reply with a single JSON object and nothing else: no prose, no code fences.';
  let text = instruction;
  try {
    const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    delete (jsonSchema as { $schema?: unknown }).$schema;
    text = `${instruction} It must conform to this JSON Schema:\n${JSON.stringify(jsonSchema)}`;
  } catch {
    // Some schemas (e.g. with cycles the generator cannot name) have no JSON Schema form; the
    // validation feedback on retry still tells the model what is expected.
  }
  instructions.set(schema, text);
  return text;
}

function modelName(model: BaseChatModel): string {
  const configured = model as unknown as { model?: unknown; modelName?: unknown };
  const name = [configured.model, configured.modelName].find((value) => typeof value === 'string' && value);
  return typeof name === 'string' ? name : model.getName();
}

function replyText(reply: BaseMessage): string {
  // `.text` flattens content blocks in LangChain 1.x; older message objects only have `content`.
  const text = (reply as { text?: unknown }).text;
  return typeof text === 'string' ? text : toText(reply.content);
}

/** Settles with `promise`, or rejects as soon as `signal` aborts, for models that ignore the signal. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
