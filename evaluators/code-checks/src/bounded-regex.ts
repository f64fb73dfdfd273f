import { createContext, Script } from 'node:vm';

/** The outcome of `execBounded`. */
export type BoundedMatch = { ok: true; match: RegExpExecArray | null } | { ok: false; reason: 'timeout' };

// A user-written pattern like /(a+)+$/ backtracks exponentially and would block the host's event
// loop (and every other evaluation) for minutes. V8 can interrupt a running regular expression only
// through a script timeout, so the match runs as a one-line script in a context of its own. This is
// a time bound, not a sandbox: the pattern and text are plain data.
const context = createContext(Object.create(null) as object);
const script = new Script('pattern.exec(text)', { filename: 'agentloop-regex-check' });

/** `pattern.exec(text)`, abandoned after `timeoutMs` (the pattern's `lastIndex` is reset first). */
export function execBounded(pattern: RegExp, text: string, timeoutMs: number): BoundedMatch {
  const scope = context as { pattern?: RegExp; text?: string };
  pattern.lastIndex = 0;
  scope.pattern = pattern;
  scope.text = text;
  try {
    return { ok: true, match: script.runInContext(context, { timeout: timeoutMs }) as RegExpExecArray | null };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { ok: false, reason: 'timeout' };
    throw error;
  } finally {
    // Do not keep a large output alive between evaluations.
    scope.pattern = undefined;
    scope.text = undefined;
  }
}
