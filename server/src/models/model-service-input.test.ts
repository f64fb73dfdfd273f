import { describe, expect, it } from 'vitest';
import { storedParameters } from './model-parameters.js';
import { combinationIssues } from './model-service-input.js';

describe('combinationIssues', () => {
  const ok = { provider: 'OPENAI_COMPATIBLE', kind: 'CHAT', baseUrl: 'http://x/v1', parameters: {}, hasApiKey: false } as const;

  it('accepts a keyless OpenAI-compatible chat service', () => {
    expect(combinationIssues(ok)).toEqual([]);
  });

  it('names the field each rule is about', () => {
    expect(combinationIssues({ ...ok, baseUrl: null }).map((i) => i.path)).toEqual(['baseUrl']);
    expect(combinationIssues({ ...ok, provider: 'OPENAI' }).map((i) => i.path)).toEqual(['apiKey']);
    expect(combinationIssues({ ...ok, provider: 'ANTHROPIC', kind: 'EMBEDDING', hasApiKey: true }).map((i) => i.path)).toEqual([
      'kind',
    ]);
    expect(combinationIssues({ ...ok, parameters: { dimensions: 8 } }).map((i) => i.path)).toEqual(['parameters.dimensions']);
  });
});

describe('storedParameters', () => {
  it('keeps the valid fields of a row written under other rules and drops the rest', () => {
    expect(storedParameters({ temperature: 0.2, maxTokens: 100 })).toEqual({ temperature: 0.2, maxTokens: 100 });
    expect(storedParameters({ temperature: 9, maxTokens: 100, seed: 1 })).toEqual({ maxTokens: 100 });
    expect(storedParameters(null)).toEqual({});
  });
});
