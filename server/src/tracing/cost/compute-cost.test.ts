import { describe, expect, it } from 'vitest';
import { computeCost, findPrice, modelNameForPricing } from './compute-cost.js';
import { DEFAULT_PRICES } from './default-prices.js';
import { type ModelPrice, toPriceTable } from './model-price.js';

const defaults = toPriceTable(
  DEFAULT_PRICES.map((p) => ({
    modelPattern: p.modelPattern,
    inputPerMillion: p.input,
    outputPerMillion: p.output,
    cachedInputPerMillion: p.cachedInput,
    effectiveFrom: new Date(p.effectiveFrom),
    projectScoped: false,
  })),
);
const AT = new Date('2026-11-21T10:00:00Z');
const llm = (model: string, inputTokens: number | null, outputTokens: number | null, cachedTokens: number | null = null) => ({
  kind: 'LLM' as const,
  model,
  requestModel: null,
  inputTokens,
  outputTokens,
  cachedTokens,
  startTime: AT,
});

describe('default prices', () => {
  it('match the names providers and gateways use, and only the model meant', () => {
    const priced = (model: string) => findPrice(defaults, model, AT)?.inputPerMillion ?? null;
    expect(priced('gpt-4o')).toBe(2.5);
    expect(priced('gpt-4o-2024-08-06')).toBe(2.5);
    expect(priced('openai/gpt-4o')).toBe(2.5);
    expect(priced('gpt-4o-mini-2024-07-18')).toBe(0.15);
    expect(priced('gpt-4.1-mini')).toBe(0.4);
    expect(priced('gpt-4.1-nano-2025-04-14')).toBe(0.1);
    expect(priced('o4-mini')).toBe(1.1);
    expect(priced('claude-3-5-sonnet-20241022')).toBe(3);
    expect(priced('us.anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(3);
    expect(priced('claude-sonnet-4-20250514')).toBe(3);
    expect(priced('claude-opus-4-1-20250805')).toBe(15);
    expect(priced('claude-3-5-haiku-latest')).toBe(0.8);
    expect(priced('models/gemini-1.5-flash')).toBe(0.075);
    expect(priced('gemini-2.5-pro')).toBe(1.25);
    expect(priced('gemini-2.0-flash-lite')).toBe(0.075);
    expect(priced('text-embedding-3-small')).toBe(0.02);
    expect(priced('mistral-large-latest')).toBe(2);
    expect(priced('meta-llama/Llama-3.3-70B-Instruct')).toBe(0.59);
    // Realtime and audio variants are priced differently; no silent guess.
    expect(priced('gpt-4o-realtime-preview')).toBeNull();
    expect(priced('gpt-4o-2024-11-20')).toBe(2.5);
    expect(priced('my-finetune')).toBeNull();
    expect(priced('gpt-4')).toBeNull();
  });

  it('every default pattern compiles', () => {
    expect(defaults).toHaveLength(DEFAULT_PRICES.length);
  });
});

describe('computeCost', () => {
  it('prices input, output and cached input per million tokens', () => {
    // gpt-4o: 2.50 in, 10 out, 1.25 cached.
    expect(computeCost(defaults, llm('gpt-4o', 1000, 200))).toBeCloseTo(0.0045, 12);
    // 600 of the 1000 input tokens came from the cache.
    expect(computeCost(defaults, llm('gpt-4o', 1000, 200, 600))).toBeCloseTo(0.001 + 0.00075 + 0.002, 12);
    expect(computeCost(defaults, { ...llm('text-embedding-3-large', 1_000_000, null), kind: 'EMBEDDING' })).toBeCloseTo(0.13, 12);
  });

  it('uses the price in force at the span start', () => {
    // o3 was cut from 10/40 to 2/8 on 2025-06-10 and did not exist before 2025-04-16.
    expect(computeCost(defaults, { ...llm('o3', 1_000_000, 0), startTime: new Date('2025-05-01') })).toBe(10);
    expect(computeCost(defaults, { ...llm('o3', 1_000_000, 0), startTime: new Date('2025-07-01') })).toBe(2);
    expect(computeCost(defaults, { ...llm('o3', 1_000_000, 0), startTime: new Date('2025-01-01') })).toBeNull();
  });

  it("lets a project's own price win over the defaults", () => {
    const own: ModelPrice = {
      modelPattern: '^gpt-4o$',
      inputPerMillion: 1,
      outputPerMillion: 1,
      cachedInputPerMillion: null,
      effectiveFrom: new Date('2026-01-01'),
      projectScoped: true,
    };
    const table = toPriceTable([...defaults, own]);
    expect(computeCost(table, llm('gpt-4o', 1_000_000, 1_000_000))).toBe(2);
    // Before the project's row takes effect, the default still applies.
    expect(computeCost(table, { ...llm('gpt-4o', 1_000_000, 0), startTime: new Date('2025-01-01') })).toBe(2.5);
  });

  it('is null for non-model spans, missing tokens and unknown models', () => {
    expect(computeCost(defaults, { ...llm('gpt-4o', 10, 10), kind: 'TOOL' })).toBeNull();
    expect(computeCost(defaults, llm('gpt-4o', null, null))).toBeNull();
    expect(computeCost(defaults, llm('unknown-model', 10, 10))).toBeNull();
    expect(computeCost(defaults, { ...llm('x', 1000, 0), model: null, requestModel: 'gpt-4o-mini' })).toBeCloseTo(0.00015, 12);
  });

  it('normalises provider prefixes and case', () => {
    expect(modelNameForPricing('OpenAI/GPT-4o')).toBe('gpt-4o');
    expect(modelNameForPricing('eu.anthropic.claude-3-haiku-20240307-v1:0')).toBe('claude-3-haiku-20240307-v1:0');
  });
});
