import type { NormalizedSpan } from '../normalized-span.js';
import type { ModelPrice, PriceTable } from './model-price.js';

// Bedrock ids (`us.anthropic.claude-…-v1:0`) and router ids (`openai/gpt-4o`, `models/gemini-…`)
// name the same models as the providers' own APIs; prices are written against the plain names.
const BEDROCK_PREFIX = /^(?:[a-z]{2}\.)?(?:anthropic|meta|mistral|amazon|cohere|ai21)\./;

export const modelNameForPricing = (model: string) => {
  const lower = model.trim().toLowerCase();
  return lower.slice(lower.lastIndexOf('/') + 1).replace(BEDROCK_PREFIX, '');
};

const newestFirst = (a: ModelPrice, b: ModelPrice) =>
  b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || b.modelPattern.length - a.modelPattern.length;

/**
 * The price in force for a model at a time: the project's own rows if any of them match, else
 * the defaults; among those the newest effectiveFrom not after `at` (the longer, more specific
 * pattern breaks ties).
 */
export const findPrice = (prices: PriceTable, model: string, at: Date): ModelPrice | null => {
  const name = modelNameForPricing(model);
  const matching = prices.filter((p) => p.effectiveFrom.getTime() <= at.getTime() && p.regex.test(name));
  const own = matching.filter((p) => p.projectScoped);
  return (own.length > 0 ? own : matching).sort(newestFirst)[0] ?? null;
};

type CostInput = Pick<
  NormalizedSpan,
  'kind' | 'model' | 'requestModel' | 'inputTokens' | 'outputTokens' | 'cachedTokens' | 'startTime'
>;

/**
 * US dollars for one model call, or null when it is not a model call, has no token counts, or no
 * price matches. Input token counts include cached tokens (as the GenAI and OpenInference
 * conventions define them), so cached tokens are billed at the cache price instead, not on top.
 */
export const computeCost = (prices: PriceTable, span: CostInput): number | null => {
  if (span.kind !== 'LLM' && span.kind !== 'EMBEDDING') return null;
  const model = span.model ?? span.requestModel;
  if (!model || (span.inputTokens === null && span.outputTokens === null)) return null;
  const price = findPrice(prices, model, span.startTime);
  if (!price) return null;
  const input = span.inputTokens ?? 0;
  const cached = Math.min(span.cachedTokens ?? 0, input);
  const dollars =
    (input - cached) * price.inputPerMillion +
    cached * (price.cachedInputPerMillion ?? price.inputPerMillion) +
    (span.outputTokens ?? 0) * price.outputPerMillion;
  // Rounded to the column's 10 decimals so what is stored equals what was computed.
  return Math.round(dollars * 10_000) / 1e10;
};
