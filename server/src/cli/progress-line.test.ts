import { describe, expect, it } from 'vitest';
import type { CliIo } from './command.js';
import { progressLine } from './progress-line.js';

const io = (tty: boolean) => {
  const written: string[] = [];
  const value: CliIo = { env: {}, stdout: () => {}, stderr: (text) => written.push(text), stderrIsTTY: tty };
  return { value, written };
};

describe('progressLine', () => {
  it('redraws one line on a terminal at most every 100 ms, and erases it', () => {
    const { value, written } = io(true);
    let clock = 0;
    const line = progressLine(value, () => clock);
    line.update('a');
    clock = 50;
    line.update('b');
    clock = 100;
    line.update('c');
    line.clear();
    line.clear();
    expect(written).toEqual(['\r\x1b[Ka', '\r\x1b[Kc', '\r\x1b[K']);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { value, written } = io(false);
    const line = progressLine(value);
    line.update('a');
    line.clear();
    expect(written).toEqual([]);
  });
});
