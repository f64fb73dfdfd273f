import type { CliIo } from './command.js';

/** Redraws at most this often: a terminal cannot show more, and each redraw is a write. */
const REDRAW_MS = 100;

/**
 * One line on stderr that a long command keeps rewriting (`\r`, erase to end of line), only when
 * stderr is a terminal: in a pipe or a log file it would be noise, and scripts read --json instead.
 */
export const progressLine = (io: CliIo, now: () => number = Date.now) => {
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(text: string) {
      if (!io.stderrIsTTY) return;
      const at = now();
      if (at - last < REDRAW_MS) return;
      last = at;
      drawn = true;
      io.stderr(`\r\x1b[K${text}`);
    },
    /** Erases the line, so the summary that follows starts clean. */
    clear() {
      if (drawn) io.stderr('\r\x1b[K');
      drawn = false;
    },
  };
};
