import { describe, expect, it } from 'vitest';
import { clip, clipAll } from './clip.js';

describe('clip', () => {
  it('leaves short text alone', () => {
    expect(clip('short', 5)).toBe('short');
    expect(clip('', 10)).toBe('');
  });

  it('keeps two thirds of the budget from the start and one third from the end, and says how much was left out', () => {
    const text = `${'a'.repeat(500)}${'b'.repeat(500)}`;
    const clipped = clip(text, 300);
    expect(clipped).toBe(`${'a'.repeat(200)}\n[… 700 characters omitted …]\n${'b'.repeat(100)}`);
  });

  it('keeps only the start when the budget has no room for an end', () => {
    expect(clip('abcdef', 1)).toBe('a\n[… 5 characters omitted …]\n');
  });
});

describe('clipAll', () => {
  it('clips each field and names the clipped ones', () => {
    const { texts, clipped } = clipAll({ input: 'hi', output: 'x'.repeat(400) }, 300);
    expect(texts.input).toBe('hi');
    expect(texts.output).toContain('[… 100 characters omitted …]');
    expect(clipped).toEqual(['output']);
  });
});
