import { z } from '@agentloop/plugin-sdk';

/** How texts are normalised before they are compared. */
export interface TextOptions {
  caseSensitive: boolean;
  trim: boolean;
  normalizeWhitespace: boolean;
}

/** Config options for text comparison, spread into a check's config schema. */
export const caseSensitiveOption = z
  .boolean()
  .default(true)
  .describe('Whether letter case must match; false compares case-insensitively.');
export const trimOption = z.boolean().default(true).describe('Ignore leading and trailing whitespace.');
export const normalizeWhitespaceOption = z
  .boolean()
  .default(false)
  .describe('Treat every run of whitespace (spaces, tabs, newlines) as a single space.');

/** Applies the options to one text; both sides of a comparison go through it. */
export function normalizeText(text: string, options: Partial<TextOptions>): string {
  let result = text;
  if (options.normalizeWhitespace) result = result.replace(/\s+/g, ' ');
  if (options.trim) result = result.trim();
  if (options.caseSensitive === false) result = result.toLowerCase();
  return result;
}
