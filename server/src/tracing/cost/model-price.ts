import { repeatsARepetition } from '../pricing/nested-repetition.js';

/** One price row as cost computation uses it; amounts are US dollars per million tokens. */
export type ModelPrice = {
  /** A regular expression matched against the normalised model name (see `modelNameForPricing`). */
  modelPattern: string;
  inputPerMillion: number;
  outputPerMillion: number;
  /** Cache reads; null means cached input tokens cost what other input tokens cost. */
  cachedInputPerMillion: number | null;
  effectiveFrom: Date;
  /** The project's own row (true) or a built-in default (false); the project's win. */
  projectScoped: boolean;
};

/** A project's prices with the patterns compiled once. */
export type PriceTable = readonly (ModelPrice & { regex: RegExp })[];

/**
 * Compiles rows into a table; a pattern that is not a valid regular expression never matches, nor
 * does one stored before such patterns were refused that could backtrack exponentially.
 */
export const toPriceTable = (rows: ModelPrice[]): PriceTable =>
  rows.flatMap((row) => {
    if (repeatsARepetition(row.modelPattern)) return [];
    try {
      return [{ ...row, regex: new RegExp(row.modelPattern, 'i') }];
    } catch {
      return [];
    }
  });
