import { describe, expect, it } from 'vitest';
import { toText } from './to-text.js';

describe('toText', () => {
  it.each([
    ['a string', 'hello', 'hello'],
    ['undefined', undefined, ''],
    ['null', null, ''],
    ['a number', 4.5, '4.5'],
    ['a boolean', true, 'true'],
    ['a chat message', { role: 'assistant', content: 'Hi there' }, 'Hi there'],
    [
      'content parts',
      {
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
      'a\nb',
    ],
    [
      'a list of messages',
      [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a' },
      ],
      'q\na',
    ],
    ['a text object', { text: 'plain' }, 'plain'],
    ['any other object', { answer: 42, sources: ['x'] }, '{"answer":42,"sources":["x"]}'],
  ])('turns %s into text', (_name, value, text) => {
    expect(toText(value)).toBe(text);
  });

  it('survives values JSON cannot encode', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toText(cyclic)).toBe('[object Object]');
    expect(toText(10n)).toBe('10');
  });
});
