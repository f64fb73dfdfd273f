import { describe, expect, it } from 'vitest';
import { attachScores } from './score-points.js';
import type { ScoreCell } from './score-series.js';

const b0 = new Date('2026-11-21T10:00:00Z');
const b1 = new Date('2026-11-21T10:01:00Z');

const cell = (over: Partial<ScoreCell>): ScoreCell => ({
  key: '',
  request: 0,
  name: 'toxicity',
  bucket: b0,
  count: 1,
  avg: 0.5,
  min: 0.5,
  max: 0.5,
  p50: 0.5,
  p90: 0.5,
  labels: null,
  ...over,
});

describe('attachScores', () => {
  it('gives every point the same pairs, empty buckets as count 0', () => {
    const series = [{ key: '', points: [{ bucket: b0 }, { bucket: b1 }] }];
    const [s] = attachScores(series, [cell({ bucket: new Date(b1.getTime()) })], [{ name: 'toxicity' }, { name: 'missing' }]);
    expect(s?.points[0]?.scores).toEqual([
      {
        request: 0,
        name: 'toxicity',
        evaluatorId: null,
        source: null,
        count: 0,
        avg: null,
        min: null,
        max: null,
        p50: null,
        p90: null,
        labels: [],
      },
      {
        request: 1,
        name: 'missing',
        evaluatorId: null,
        source: null,
        count: 0,
        avg: null,
        min: null,
        max: null,
        p50: null,
        p90: null,
        labels: [],
      },
    ]);
    expect(s?.points[1]?.scores[0]).toMatchObject({ name: 'toxicity', count: 1, avg: 0.5 });
  });

  it('lists the names an evaluator wrote in any group, labels most frequent first', () => {
    const series = [
      { key: 'a', points: [{ bucket: b0 }] },
      { key: 'b', points: [{ bucket: b0 }] },
    ];
    const cells = [
      cell({ key: 'a', name: 'verdict', avg: null, labels: { pass: 1, fail: 3, flaky: 1 } }),
      cell({ key: 'b', name: 'accuracy' }),
    ];
    const [a, b] = attachScores(series, cells, [{ evaluatorId: 'e' }]);
    expect(a?.points[0]?.scores.map((x) => [x.name, x.count])).toEqual([
      ['accuracy', 0],
      ['verdict', 1],
    ]);
    expect(a?.points[0]?.scores[1]?.labels).toEqual([
      { label: 'fail', count: 3 },
      { label: 'flaky', count: 1 },
      { label: 'pass', count: 1 },
    ]);
    expect(b?.points[0]?.scores.map((x) => [x.name, x.count])).toEqual([
      ['accuracy', 1],
      ['verdict', 0],
    ]);
  });
});
