import { describe, expect, it } from 'vitest';
import { extractJson } from './extract-json.js';

describe('extractJson', () => {
  it.each([
    ['a bare object', '{"score": 1}', { score: 1 }],
    ['surrounding whitespace', '\n  {"score": 1}\n', { score: 1 }],
    ['a ```json fence', 'Here you go:\n```json\n{"score": 0.5}\n```\nHope it helps.', { score: 0.5 }],
    ['a bare ``` fence', '```\n{"score": 0.5}\n```', { score: 0.5 }],
    [
      'prose around an object',
      'My verdict is {"score": 0.2, "reasoning": "a {curly} \\"quote\\""} as requested.',
      {
        score: 0.2,
        reasoning: 'a {curly} "quote"',
      },
    ],
    ['nested objects', 'Result: {"a": {"b": [1, {"c": 2}]}} done', { a: { b: [1, { c: 2 }] } }],
    ['a braced aside before the object', 'Note {not json}. {"score": 1}', { score: 1 }],
  ])('parses %s', (_name, text, value) => {
    expect(extractJson(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', /empty/],
    ['I cannot rate this.', /no JSON object/],
    ['{"score": 1', /no JSON object/],
    ["{'score': 1}", /no valid JSON object/],
  ])('reports %j', (text, error) => {
    const result = extractJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});
