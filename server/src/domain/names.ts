import { z } from 'zod';

/** Display names: trimmed, non-empty, short enough for a table cell. */
export const displayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  // Control characters break terminals and CSV exports that show these names.
  .refine((value) => ![...value].some((char) => char.charCodeAt(0) < 0x20), 'must not contain control characters');
