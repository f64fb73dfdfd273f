import { describe, expect, it } from 'vitest';
import { parseDatasetFields } from '../datasets/dataset-fields.js';
import { parseCondition } from './search-condition.js';
import { compileFilter, scopeFilter } from './search-filter.js';

const fields = parseDatasetFields([
  { name: 'question', type: 'text' },
  { name: 'score', type: 'long' },
  { name: 'x', type: 'double' },
  { name: 'meta', type: 'json', jsonKeys: ['lang', 'a.b-c'] },
]);

const translate = (condition: string) => compileFilter(parseCondition(condition, 'filter.where'), fields, 'filter.where');
const issue = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { issues: { path: string; message: string }[] }).issues[0];
  }
};

describe('SQL-style search conditions', () => {
  it('translates to Meilisearch filters with every value quoted', () => {
    expect(translate("score >= 3 AND meta.lang IN ('en', 'fr')")).toBe('(f.score >= "3" AND f.meta.lang IN ["en", "fr"])');
    expect(translate('NOT (x < -1.5e3 OR x <> 2) and meta.a.b-c is not null')).toBe(
      '((NOT (f.x < "-1500" OR f.x != "2")) AND f.meta.a.b-c EXISTS)',
    );
    expect(translate('score NOT BETWEEN 1 AND 5 OR meta.lang IS NULL OR meta.lang NOT IN (TRUE)')).toBe(
      '((NOT f.score "1" TO "5") OR f.meta.lang NOT EXISTS OR f.meta.lang NOT IN ["true"])',
    );
    expect(translate(`"score" = 1`)).toBe('f.score = "1"');
  });

  it('keeps injection attempts inside quoted values', () => {
    expect(translate(`meta.lang = 'en" OR projectId EXISTS OR "'`)).toBe('f.meta.lang = "en\\" OR projectId EXISTS OR \\""');
    expect(translate(`meta.lang = 'it''s \\'`)).toBe('f.meta.lang = "it\'s \\\\"');
    expect(issue(() => translate('projectId = 1'))?.message).toMatch(/not a filterable field.*filterable: score, x, meta.lang/);
    expect(issue(() => translate('question = 1'))?.message).toMatch(/not a filterable field/);
    expect(issue(() => translate('score = 1; DROP TABLE x'))?.message).toMatch(/unexpected character ";" at character 10/);
    expect(issue(() => translate('score = 1 score = 2'))?.message).toMatch(/joined with AND or OR/);
  });

  it('says what is wrong and where', () => {
    expect(issue(() => translate("score = 'a'"))).toEqual({
      path: 'filter.where',
      message: '"score" is a number field: compare it with a number, not "a"',
    });
    expect(issue(() => translate("meta.lang > 'a'"))?.message).toMatch(/compares numbers/);
    expect(issue(() => translate("meta.lang = 'open"))?.message).toMatch(/unterminated string .* at character 13/);
    expect(issue(() => translate('score'))?.message).toMatch(/expected an operator/);
    expect(issue(() => translate(''))?.message).toMatch(/is empty/);
    expect(issue(() => translate('('.repeat(100)))?.message).toMatch(/nested too deeply/);
    expect(issue(() => translate(`score IN (${Array.from({ length: 1001 }, (_, i) => i).join(',')})`))?.message).toMatch(
      /at most 1000/,
    );
  });

  it('always scopes to the project and dataset', () => {
    expect(scopeFilter('p', 'd', translate('score = 1'))).toBe('projectId = "p" AND datasetId = "d" AND (f.score = "1")');
    expect(scopeFilter('p', 'd', null)).toBe('projectId = "p" AND datasetId = "d"');
  });
});
