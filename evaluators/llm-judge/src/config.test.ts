import { describe, expect, it } from 'vitest';
import { llmJudgeConfigSchema } from './config.js';

const issues = (config: unknown) => {
  const parsed = llmJudgeConfigSchema.safeParse(config);
  if (parsed.success) throw new Error('expected the config to be refused');
  return parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('llm-judge config', () => {
  const base = { prompt: 'Q: {{input}}\nA: {{output}}', rubric: 'Is the answer polite?' };

  it('defaults to a 0..1 score named llm-judge', () => {
    expect(llmJudgeConfigSchema.parse(base)).toMatchObject({
      scoreName: 'llm-judge',
      output: { kind: 'numeric', min: 0, max: 1, integer: false, higherIsBetter: true },
      maxChars: 8000,
      maxAttempts: 3,
    });
  });

  it('names an unknown template variable and the field it is in', () => {
    expect(issues({ ...base, prompt: 'Q: {{question}} {{metadata.locale}} {{input.text}}', rubric: 'By {{ persona }}' })).toEqual(
      [
        { path: 'prompt', message: expect.stringMatching(/^unknown template variable \{\{question\}\}; use \{\{input\}\}, /) },
        { path: 'prompt', message: expect.stringContaining('{{input.text}}') },
        { path: 'rubric', message: expect.stringContaining('{{persona}}') },
      ],
    );
  });

  it('requires min < max, a weight for every label, and distinct labels', () => {
    expect(issues({ ...base, output: { kind: 'numeric', min: 5, max: 1 } })).toEqual([
      { path: 'output.max', message: 'must be greater than output.min' },
    ]);
    expect(issues({ ...base, output: { kind: 'label', labels: [{ label: 'pass', weight: 1 }, { label: 'fail' }] } })).toEqual([
      { path: 'output.labels.1.weight', message: expect.stringMatching(/^is required/) },
    ]);
    expect(
      issues({
        ...base,
        output: {
          kind: 'label',
          labels: [
            { label: 'ok', weight: 1 },
            { label: 'ok', weight: 0 },
          ],
        },
      }).map((i) => i.path),
    ).toEqual(['output.labels.1.label']);
    expect(issues({ ...base, output: { kind: 'label', labels: [{ label: 'ok', weight: 1 }] } }).map((i) => i.path)).toEqual([
      'output.labels',
    ]);
    expect(issues({ ...base, output: { kind: 'stars' } }).map((i) => i.path)).toEqual(['output.kind']);
  });

  it('refuses an empty prompt or rubric and a score name that is not kebab-case', () => {
    expect(issues({ prompt: ' ', rubric: '', scoreName: 'My Score' }).map((i) => i.path)).toEqual([
      'scoreName',
      'prompt',
      'rubric',
    ]);
  });
});
