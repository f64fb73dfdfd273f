/** Maps a 1–5 rating onto 0..1 (1 → 0, 3 → 0.5, 5 → 1). */
export function ratingToScore(rating: number): number {
  return (rating - 1) / 4;
}
