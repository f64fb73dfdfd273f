import type { ScoreSource } from '../../generated/prisma/enums.js';
import type { ScoreCell, ScoreSeriesRequest } from './score-series.js';

export type ScoreLabelCount = { label: string; count: number };

/** One score name's aggregate in one bucket; null statistics where the bucket has no numeric value. */
export type ScoreAggregate = {
  /** Index of the request in the metrics input's `scores`. */
  request: number;
  name: string;
  /** From the request, so a client need not keep it to label the line. */
  evaluatorId: string | null;
  source: ScoreSource | null;
  count: number;
  avg: number | null;
  min: number | null;
  max: number | null;
  p50: number | null;
  p90: number | null;
  /** Most frequent first, then by label. */
  labels: ScoreLabelCount[];
};

type Point = { bucket: Date };
type Series = { key: string; points: Point[] };

const cellKey = (key: string, request: number, name: string, bucket: Date) =>
  `${key}\u0000${request}\u0000${name}\u0000${bucket.getTime()}`;

/** Label counts as a list, most frequent first, then by label. */
export const labelList = (labels: Record<string, number> | null): ScoreLabelCount[] =>
  Object.entries(labels ?? {})
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));

/**
 * Adds `scores` to every point of every series. Every point lists the same (request, name)
 * pairs, empty buckets with count 0, so a chart can draw one line per pair without looking for
 * it: a request by name always has its name; one by evaluator only has the names that evaluator
 * wrote in the range (in any group).
 */
export const attachScores = <S extends Series>(
  series: S[],
  cells: ScoreCell[],
  requests: ScoreSeriesRequest[],
): (Omit<S, 'points'> & { points: (S['points'][number] & { scores: ScoreAggregate[] })[] })[] => {
  const pairs = new Map<string, { request: number; name: string }>();
  requests.forEach((r, request) => {
    if (r.name) pairs.set(`${request}\u0000${r.name}`, { request, name: r.name });
  });
  for (const cell of cells) pairs.set(`${cell.request}\u0000${cell.name}`, { request: cell.request, name: cell.name });
  const ordered = [...pairs.values()].sort((a, b) => a.request - b.request || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byCell = new Map(cells.map((cell) => [cellKey(cell.key, cell.request, cell.name, cell.bucket), cell]));
  return series.map((s) => ({
    ...s,
    points: s.points.map((point) => ({
      ...point,
      scores: ordered.map(({ request, name }): ScoreAggregate => {
        const cell = byCell.get(cellKey(s.key, request, name, point.bucket));
        const of = {
          request,
          name,
          evaluatorId: requests[request]?.evaluatorId ?? null,
          source: requests[request]?.source ?? null,
        };
        return cell
          ? {
              ...of,
              count: cell.count,
              avg: cell.avg,
              min: cell.min,
              max: cell.max,
              p50: cell.p50,
              p90: cell.p90,
              labels: labelList(cell.labels),
            }
          : { ...of, count: 0, avg: null, min: null, max: null, p50: null, p90: null, labels: [] };
      }),
    })),
  }));
};
