import type { ModelProvider } from '../generated/prisma/enums.js';

/**
 * Spelled out rather than left to the SDKs, which would otherwise read OPENAI_BASE_URL or
 * ANTHROPIC_BASE_URL from the server's environment: a service talks to what it says, nothing else.
 */
export const DEFAULT_BASE_URLS: Record<Exclude<ModelProvider, 'OPENAI_COMPATIBLE'>, string> = {
  OPENAI: 'https://api.openai.com/v1',
  ANTHROPIC: 'https://api.anthropic.com',
};

/**
 * Sent to OpenAI-compatible servers that need no key (a local vLLM or Ollama). Without it the
 * OpenAI SDK would read OPENAI_API_KEY from the environment, or refuse to start.
 */
export const NO_API_KEY = 'no-key';
