/** Token counts as providers report them; missing counts are unknown, not zero. */
export type TokenUsage = { inputTokens?: number | null; outputTokens?: number | null };

type Priced = { inputPricePerMillion: unknown; outputPricePerMillion: unknown };

const price = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * US dollars for `usage` at the service's prices, or null when it cannot be known: a side with
 * tokens but no price, or no token counts at all. Never a made-up zero.
 */
export const costOf = (service: Priced, usage: TokenUsage): number | null => {
  const sides = [
    [usage.inputTokens, price(service.inputPricePerMillion)],
    [usage.outputTokens, price(service.outputPricePerMillion)],
  ] as const;
  if (sides.every(([tokens]) => tokens === null || tokens === undefined)) return null;
  let total = 0;
  for (const [tokens, perMillion] of sides) {
    if (!tokens) continue;
    if (perMillion === null) return null;
    total += (tokens * perMillion) / 1_000_000;
  }
  return total;
};
