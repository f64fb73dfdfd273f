import { availableParallelism, loadavg } from 'node:os';

/**
 * What else the machine was doing while a benchmark ran: its 1-minute load average before and
 * after, against its core count. Numbers taken at a load above the core count are slower than
 * a quiet machine gives and should only be compared with runs at a similar load.
 */
export const machineLoad = (loadBefore: number) => {
  const cores = availableParallelism();
  const loadAfter = loadavg()[0] ?? 0;
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    cores,
    loadAverageBefore: round(loadBefore),
    loadAverageAfter: round(loadAfter),
    quiet: Math.max(loadBefore, loadAfter) <= cores,
  };
};

/** The 1-minute load average now, to pass to `machineLoad` when the run ends. */
export const currentLoad = () => loadavg()[0] ?? 0;
