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

/** A model's matching prices, newest first; the project's own among them kept apart. */
type Candidates = { all: ModelPrice[]; own: ModelPrice[] };

// Ingestion prices every model call, and a batch names only a few models: which rows match a model
// name is worked out once per price table (tables are replaced when the price cache refreshes),
// instead of testing every pattern for every span. Bounded against senders of endless model names.
const CANDIDATES_PER_TABLE = 1_000;
const candidatesByTable = new WeakMap<PriceTable, Map<string, Candidates>>();

const candidatesFor = (prices: PriceTable, model: string): Candidates => {
  let byModel = candidatesByTable.get(prices);
  if (!byModel) {
    byModel = new Map();
    candidatesByTable.set(prices, byModel);
  }
  let candidates = byModel.get(model);
  if (!candidates) {
    const name = modelNameForPricing(model);
    // A stable sort of all matches, filtered by time later, orders them as sorting the filtered ones would.
    const all = prices.filter((p) => p.regex.test(name)).sort(newestFirst);
    candidates = { all, own: all.filter((p) => p.projectScoped) };
    if (byModel.size < CANDIDATES_PER_TABLE) byModel.set(model, candidates);
  }
  return candidates;
};

// A loop, not find() with a closure: this runs for every model call ingested, and tsx names every
// closure it creates (esbuild keepNames), which showed in ingestion's CPU profile.
const firstInForce = (candidates: ModelPrice[], time: number): ModelPrice | undefined => {
  for (const price of candidates) if (price.effectiveFrom.getTime() <= time) return price;
  return undefined;
};

/**
 * The price in force for a model at a time: the project's own rows if any of them match, else
 * the defaults; among those the newest effectiveFrom not after `at` (the longer, more specific
 * pattern breaks ties, then the table's order: `resolvePrices` puts the last created first).
 */
export const findPrice = (prices: PriceTable, model: string, at: Date): ModelPrice | null => {
  const { all, own } = candidatesFor(prices, model);
  const time = at.getTime();
  return firstInForce(own, time) ?? firstInForce(all, time) ?? null;
};

// Model names are short; a long one is not priced, which also bounds what a price pattern's
// backtracking can cost on a name an ingest key made up.
const MAX_PRICED_MODEL_NAME = 200;

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
  if (!model || model.length > MAX_PRICED_MODEL_NAME || (span.inputTokens === null && span.outputTokens === null)) return null;
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
