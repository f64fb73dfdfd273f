/**
 * Built-in list prices (USD per million tokens) of widely used models, as published by their
 * providers. Upserted as projectId-null ModelPrice rows at start; a project's own rows override
 * them. Patterns match the name after `modelNameForPricing` (lower-cased, provider prefixes
 * removed) and allow dated snapshots (`-2024-08-06`, `-20241022`) and `-latest` suffixes.
 * Open-weight models (Llama) have no single price; the figure is a typical hosted one.
 */
export type DefaultPrice = {
  modelPattern: string;
  input: number;
  output: number;
  cachedInput: number | null;
  effectiveFrom: string;
};

const SNAPSHOT = '(?:-\\d{4}-?\\d{2}-?\\d{2}|-latest|-preview(?:-[\\w-]+)?|-exp(?:-[\\w-]+)?|-\\d{3})?';
const exact = (name: string) => `^${name.replaceAll('.', '\\.')}${SNAPSHOT}$`;
// Anthropic names carry an 8-digit date or -latest; Bedrock adds -v1:0 after it.
const claude = (name: string) => `^${name}(?:-\\d{8}|-latest)?(?:-v\\d+(?::\\d+)?)?$`;
const price = (modelPattern: string, input: number, output: number, cachedInput: number | null, effectiveFrom: string) => ({
  modelPattern,
  input,
  output,
  cachedInput,
  effectiveFrom,
});

export const DEFAULT_PRICES: readonly DefaultPrice[] = [
  // OpenAI
  price(exact('gpt-4o'), 2.5, 10, 1.25, '2024-05-13'),
  price(exact('gpt-4o-mini'), 0.15, 0.6, 0.075, '2024-07-18'),
  price(exact('gpt-4.1'), 2, 8, 0.5, '2025-04-14'),
  price(exact('gpt-4.1-mini'), 0.4, 1.6, 0.1, '2025-04-14'),
  price(exact('gpt-4.1-nano'), 0.1, 0.4, 0.025, '2025-04-14'),
  price(exact('gpt-5'), 1.25, 10, 0.125, '2025-08-07'),
  price(exact('gpt-5-mini'), 0.25, 2, 0.025, '2025-08-07'),
  price(exact('gpt-5-nano'), 0.05, 0.4, 0.005, '2025-08-07'),
  price(exact('gpt-4-turbo'), 10, 30, null, '2024-04-09'),
  price(exact('gpt-3.5-turbo'), 0.5, 1.5, null, '2024-01-25'),
  price(exact('o1'), 15, 60, 7.5, '2024-12-17'),
  price(exact('o3-mini'), 1.1, 4.4, 0.55, '2025-01-31'),
  // o3 launched at 10/40 and was cut to 2/8 in June 2025: the effective date picks the right one.
  price(exact('o3'), 10, 40, 2.5, '2025-04-16'),
  price(exact('o3'), 2, 8, 0.5, '2025-06-10'),
  price(exact('o4-mini'), 1.1, 4.4, 0.275, '2025-04-16'),
  price(exact('text-embedding-3-small'), 0.02, 0, null, '2024-01-25'),
  price(exact('text-embedding-3-large'), 0.13, 0, null, '2024-01-25'),
  price(exact('text-embedding-ada-002'), 0.1, 0, null, '2022-12-15'),
  // Anthropic (cache reads at 10% of input)
  price(claude('claude-3-5-sonnet'), 3, 15, 0.3, '2024-06-20'),
  price(claude('claude-3-7-sonnet'), 3, 15, 0.3, '2025-02-24'),
  price(claude('claude-sonnet-4(?:-5)?'), 3, 15, 0.3, '2025-05-22'),
  price(claude('claude-3-5-haiku'), 0.8, 4, 0.08, '2024-11-04'),
  price(claude('claude-3-haiku'), 0.25, 1.25, 0.03, '2024-03-13'),
  price(claude('claude-haiku-4-5'), 1, 5, 0.1, '2025-10-15'),
  price(claude('claude-3-opus'), 15, 75, 1.5, '2024-02-29'),
  price(claude('claude-opus-4(?:-1)?'), 15, 75, 1.5, '2025-05-22'),
  price(claude('claude-opus-4-5'), 5, 25, 0.5, '2025-11-24'),
  // Google (prompts up to 128k/200k tokens; longer prompts cost more and need a project price)
  price(exact('gemini-1.5-pro'), 1.25, 5, 0.3125, '2024-10-01'),
  price(exact('gemini-1.5-flash'), 0.075, 0.3, 0.01875, '2024-08-12'),
  price(exact('gemini-2.0-flash'), 0.1, 0.4, 0.025, '2025-02-05'),
  price(exact('gemini-2.0-flash-lite'), 0.075, 0.3, null, '2025-02-25'),
  price(exact('gemini-2.5-pro'), 1.25, 10, 0.31, '2025-06-17'),
  price(exact('gemini-2.5-flash'), 0.3, 2.5, 0.075, '2025-06-17'),
  price(exact('gemini-2.5-flash-lite'), 0.1, 0.4, 0.025, '2025-07-22'),
  // Mistral
  price('^mistral-large(?:-\\d{4}|-latest)?$', 2, 6, null, '2024-11-18'),
  price('^mistral-small(?:-\\d{4}|-latest)?$', 0.1, 0.3, null, '2025-03-17'),
  price('^mistral-medium(?:-\\d{4}|-latest)?$', 0.4, 2, null, '2025-05-07'),
  price('^codestral(?:-\\d{4}|-latest)?$', 0.3, 0.9, null, '2025-01-13'),
  // Meta Llama, typical hosted prices
  price('^(?:meta-)?llama-?3\\.[123]-8b(?:-[\\w.:-]+)?$', 0.05, 0.08, null, '2024-07-23'),
  price('^(?:meta-)?llama-?3\\.[123]-70b(?:-[\\w.:-]+)?$', 0.59, 0.79, null, '2024-07-23'),
  price('^(?:meta-)?llama-?3\\.1-405b(?:-[\\w.:-]+)?$', 3, 3, null, '2024-07-23'),
];
