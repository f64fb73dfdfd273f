import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseChatModel, type BaseChatModelParams } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { toText } from '../utils/to-text.js';
import { tokenize } from '../utils/tokenize.js';

/** One scripted reply with explicit details. */
export interface ScriptedReply {
  /** The reply's text. */
  content: string;
  /** Token counts to report; by default the word tokens of the prompt and of the reply are counted. */
  usage?: { inputTokens: number; outputTokens: number };
  /** Wait this long before replying (aborts are honoured meanwhile), e.g. to test timeouts. */
  delayMs?: number;
}

/** A reply in the script: a text, an error to throw (as a failing provider would), or a detailed reply. */
export type ScriptedReplyEntry = string | Error | ScriptedReply;

/** Options of `scriptedChatModel`. */
export interface ScriptedChatModelOptions {
  /** The model name reported in `response_metadata.model_name` (default `scripted-model`). */
  model?: string;
}

/**
 * A real LangChain chat model that answers from a script, for unit tests of judge-based plugins:
 * each call returns the next entry (an `Error` entry is thrown). It records the messages of every
 * call in `calls`, so tests can check the prompt. Running out of script throws, so a test notices
 * an unexpected extra call.
 */
export class ScriptedChatModel extends BaseChatModel {
  /** The messages of every call, in order. */
  readonly calls: BaseMessage[][] = [];
  /** The model name it reports. */
  readonly model: string;
  readonly #replies: ScriptedReplyEntry[];

  /** @param replies - the script, consumed one entry per call. */
  constructor(replies: readonly ScriptedReplyEntry[], options: ScriptedChatModelOptions = {}, params: BaseChatModelParams = {}) {
    super(params);
    this.#replies = [...replies];
    this.model = options.model ?? 'scripted-model';
  }

  /** How many scripted replies are left. */
  get remaining(): number {
    return this.#replies.length;
  }

  /** LangChain's model-type tag (shows up in traces and callbacks). */
  override _llmType(): string {
    return 'scripted';
  }

  /** Returns the next scripted reply (LangChain calls this from `invoke`); records the messages first. */
  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    _runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    this.calls.push([...messages]);
    const entry = this.#replies.shift();
    if (entry === undefined) throw new Error(`scriptedChatModel: no scripted reply left for call ${this.calls.length}`);
    if (entry instanceof Error) throw entry;
    const reply: ScriptedReply = typeof entry === 'string' ? { content: entry } : entry;
    if (reply.delayMs) await sleep(reply.delayMs, options.signal);
    const usage = reply.usage ?? {
      inputTokens: messages.reduce((sum, message) => sum + tokenize(toText(message.content)).length, 0),
      outputTokens: tokenize(reply.content).length,
    };
    const message = new AIMessage({
      content: reply.content,
      usage_metadata: {
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        total_tokens: usage.inputTokens + usage.outputTokens,
      },
      response_metadata: { model_name: this.model },
    });
    return { generations: [{ text: reply.content, message }] };
  }
}

/**
 * Makes a `ScriptedChatModel`: a judge for tests that replies with the given entries in order.
 *
 * @example
 * const judge = scriptedChatModel(['{"score": 0.9, "reasoning": "polite"}', new Error('boom')]);
 */
export function scriptedChatModel(
  replies: readonly ScriptedReplyEntry[],
  options: ScriptedChatModelOptions = {},
): ScriptedChatModel {
  return new ScriptedChatModel(replies, options);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
