import type { Embeddings } from '@langchain/core/embeddings';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { PluginBase } from './plugin-base.js';
import type { PluginLogger } from './plugin-logger.js';
import type { UsageReporter } from './usage-reporter.js';

/** One event of a conversation, as memory strategies receive them (oldest first). */
export interface MemoryEvent {
  /** The event's id. */
  id: string;
  /** Who produced it (e.g. `user`, `assistant`, `tool`, `system`). */
  role: string;
  /** What was said or done. */
  content: unknown;
  /** When it happened, ISO 8601. */
  timestamp: string;
  /** Anything else recorded with the event. */
  metadata?: Record<string, unknown>;
}

/** A long-term memory that already exists for the same scope. */
export interface LongTermMemory {
  /** The memory's id. */
  id: string;
  /** The memory's text. */
  content: string;
  /** Its kind (`fact`, `episode`, `summary`, or a strategy's own). */
  kind: string;
  /** Anything the strategy stored with it. */
  metadata?: Record<string, unknown>;
  /** When it was created, ISO 8601. */
  createdAt: string;
}

/** A memory a strategy extracted. */
export interface ExtractedMemory {
  /** The memory's text. */
  content: string;
  /** Its kind: `fact`, `episode`, `summary`, or a strategy's own. */
  kind: 'fact' | 'episode' | 'summary' | (string & {});
  /** Anything to store with it (must be JSON-serialisable). */
  metadata?: Record<string, unknown>;
}

/** What `extract` returns: the new memories, or a recorded failure. */
export type MemoryExtractionResult =
  | { status: 'extracted'; memories: ExtractedMemory[] }
  | { status: 'failed'; reason: string; retryable?: boolean };

/** Everything `extract` gets; see `EvaluationContext` for why side effects come in this way. */
export interface MemoryExtractionContext<Config = unknown> {
  /** The new events to extract memories from, oldest first. */
  events: MemoryEvent[];
  /** Memories that already exist for the same scope, so the strategy can avoid duplicates. */
  existing: LongTermMemory[];
  /** The configuration, already parsed by the plugin's `configSchema`. */
  config: Config;
  /** A LangChain chat model; present when the plugin declares `needs.judge`. */
  judge?: BaseChatModel;
  /** A LangChain embeddings model; present when the plugin declares `needs.embeddings`. */
  embeddings?: Embeddings;
  /** Aborted on timeout or cancellation; pass it to every model call. */
  signal: AbortSignal;
  /** Structured logging. */
  logger: PluginLogger;
  /** Report model usage here. */
  usage: UsageReporter;
}

/**
 * A memory strategy: turns conversation events into long-term memories. Make one with
 * `defineMemoryStrategy`.
 *
 * @typeParam Config - the parsed configuration (the output type of `configSchema`).
 */
export interface MemoryStrategyPlugin<Config = unknown> extends PluginBase<Config> {
  /** Always `memory-strategy`. */
  readonly kind: 'memory-strategy';
  /** Extracts memories from new events. Return failures as values; throws are recorded as failures. */
  extract(ctx: MemoryExtractionContext<Config>): Promise<MemoryExtractionResult>;
}
