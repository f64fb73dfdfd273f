// Chinese, Japanese kana and Korean syllables are written without spaces; each character is a token
// there, so similarity works on them too. Elsewhere a token is a run of letters, marks and digits.
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{M}\p{N}])+/gu;

/** Splits text into lower-cased word tokens (single characters for CJK scripts); punctuation is dropped. */
export function tokenize(text: string): string[] {
  return Array.from(text.toLowerCase().normalize('NFKC').matchAll(TOKEN), (match) => match[0]);
}
