import { describe, expect, it } from 'vitest';
import { wellFormedJson } from './well-formed-json.js';

describe('wellFormedJson', () => {
  it('turns lone surrogates into U+FFFD, in values and keys, and keeps pairs', () => {
    const cut = '😀'.slice(0, 1);
    const encoded = wellFormedJson({ [`k${cut}`]: [`a${cut}b`, '😀', '\uDE00'] });
    expect(encoded).toBe('{"k\\ufffd":["a\\ufffdb","😀","\\ufffd"]}');
    expect(JSON.parse(encoded)).toEqual({ 'k\uFFFD': ['a\uFFFDb', '😀', '\uFFFD'] });
  });

  it('leaves text that only looks like an escape alone', () => {
    const value = { path: 'C:\\ud800\\x', double: '\\\\ud800' };
    expect(JSON.parse(wellFormedJson(value))).toEqual(value);
    expect(wellFormedJson(value)).toBe(JSON.stringify(value));
  });

  it('turns U+0000, which jsonb cannot hold, into U+FFFD, and leaves an escaped look-alike alone', () => {
    expect(wellFormedJson({ 'k\u0000': 'a\u0000b' })).toBe('{"k\\ufffd":"a\\ufffdb"}');
    const lookAlike = { path: 'C:\\u0000' };
    expect(JSON.parse(wellFormedJson(lookAlike))).toEqual(lookAlike);
  });

  it('replaces a lone surrogate right after an escaped backslash', () => {
    expect(JSON.parse(wellFormedJson(`\\${'\uD800'}`))).toBe('\\\uFFFD');
  });
});
