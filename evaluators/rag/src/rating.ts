import { z } from '@agentloop/plugin-sdk';

/** A judge's answer on an anchored 1–5 scale, reasoning first so the model thinks before it rates. */
export const ratingSchema = z.object({
  reasoning: z.string().min(1).describe('Two to four sentences that justify the rating with specifics from the text.'),
  rating: z.number().int().min(1).max(5).describe('The rating on the 1–5 scale.'),
});

/** Maps a 1–5 rating onto 0..1 (1 → 0, 3 → 0.5, 5 → 1). */
export function ratingToScore(rating: number): number {
  return (rating - 1) / 4;
}
