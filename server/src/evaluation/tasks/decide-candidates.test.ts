import { describe, expect, it } from 'vitest';
import type { Candidate } from './candidate-source.js';
import { decideCandidates } from './decide-candidates.js';
import { sampledIn } from './sampling.js';

const candidate = (id: string, misses: string[] = []): Candidate => ({
  targetType: 'TRACE',
  targetId: id,
  traceId: id,
  sampleKey: id,
  misses,
  position: [id, id],
});

const open = { samplingRate: 1, maxSamples: null, costCap: null, admitted: 0, cost: 0 };

describe('decideCandidates', () => {
  it('filters first and names the conditions that failed', () => {
    const [decision] = decideCandidates([candidate('a', ['hasError', 'tags'])], open);
    expect(decision).toMatchObject({ decision: 'FILTERED_OUT', reason: "did not match the task's filter: hasError, tags" });
  });

  it('samples by the hash of the key, the same way for every task', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `t${i}`);
    const decided = decideCandidates(
      ids.map((id) => candidate(id)),
      { ...open, samplingRate: 0.3 },
    );
    for (const d of decided) expect(d.decision).toBe(sampledIn(d.candidate.sampleKey, 0.3) ? 'PENDING' : 'SAMPLED_OUT');
    expect(decided.find((d) => d.decision === 'SAMPLED_OUT')?.reason).toMatch(/outside the 30% sample/);
  });

  it('admits up to maxSamples counting what was admitted before, then records OVER_CAP', () => {
    const decided = decideCandidates(
      ['a', 'b', 'c', 'd'].map((id) => candidate(id)),
      { ...open, maxSamples: 3, admitted: 1 },
    );
    expect(decided.map((d) => d.decision)).toEqual(['PENDING', 'PENDING', 'OVER_CAP', 'OVER_CAP']);
    expect(decided[2]?.reason).toBe('maxSamples (3) reached');
  });

  it('records OVER_CAP once the cost cap is reached', () => {
    const [decision] = decideCandidates([candidate('a')], { ...open, costCap: 0.5, cost: 0.5 });
    expect(decision).toMatchObject({ decision: 'OVER_CAP', reason: 'cost cap $0.5000 reached ($0.5000 spent)' });
  });
});
