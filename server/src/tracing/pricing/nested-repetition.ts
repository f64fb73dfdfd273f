const isRepeat = (c: string | undefined) => c === '*' || c === '+' || c === '{';

/**
 * Whether a regular expression repeats a group that itself repeats, like `(a+)+` or `(\d*-?)*`:
 * the shape that backtracks exponentially on a near-miss. Price patterns are written by a project's
 * members and run on the server's one event loop against model names any ingest key can send, so
 * one such pattern could stall every tenant. A scan of the source, not a full parser: escapes and
 * character classes are skipped, `?` (optional, not repeated) is not counted.
 */
export const repeatsARepetition = (pattern: string): boolean => {
  // One entry per open group: whether something inside it repeats.
  const open: boolean[] = [];
  const markEnclosing = () => {
    if (open.length > 0) open[open.length - 1] = true;
  };
  const skipQuantifier = (at: number) => {
    let i = at;
    if (pattern[i] === '{') while (i < pattern.length && pattern[i] !== '}') i++;
    return i;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      // To the closing bracket; a ] right after [ or [^ is a literal.
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
    } else if (c === '(') {
      open.push(false);
    } else if (c === ')') {
      const inner = open.pop() ?? false;
      if (isRepeat(pattern[i + 1])) {
        if (inner) return true;
        i = skipQuantifier(i + 1);
        markEnclosing();
      } else if (inner) {
        markEnclosing();
      }
    } else if (isRepeat(c)) {
      i = skipQuantifier(i);
      markEnclosing();
    }
  }
  return false;
};
