import { performance } from 'node:perf_hooks';

export type LoadOptions = {
  /** Upper bound on requests, so a run costs the same on any machine. */
  total: number;
  /** Workers that each wait for their answer before sending again (a closed loop). */
  concurrency: number;
  /** Hard stop: whatever is in flight then is aborted and counted as failed. */
  timeCapMs: number;
  /** Sends one request; resolves when the answer is complete and valid, rejects otherwise. */
  send(signal: AbortSignal): Promise<void>;
};

export type LoadResult = {
  completed: number;
  failed: number;
  /** In flight when the time cap struck; not failures of the server. */
  abortedAtCap: number;
  /** True when the time cap, not `total`, ended the run. */
  cappedByTime: boolean;
  elapsedMs: number;
  /** One entry per completed request. */
  latenciesMs: number[];
  /** The first failure, to say why without flooding the output. */
  firstError: string | undefined;
};

export const runClosedLoopLoad = async (options: LoadOptions): Promise<LoadResult> => {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(new Error(`time cap of ${options.timeCapMs} ms reached`)), options.timeCapMs);
  const latenciesMs: number[] = [];
  let issued = 0;
  let failed = 0;
  let abortedAtCap = 0;
  let firstError: string | undefined;

  const worker = async () => {
    while (issued < options.total && !stop.signal.aborted) {
      issued++;
      // A signal per request: fetch leaves a listener on the signal it is given, and thousands of
      // them on one shared signal would leak and warn.
      const request = new AbortController();
      const abort = () => request.abort(stop.signal.reason);
      stop.signal.addEventListener('abort', abort, { once: true });
      const started = performance.now();
      try {
        await options.send(request.signal);
        latenciesMs.push(performance.now() - started);
      } catch (error) {
        if (stop.signal.aborted) {
          abortedAtCap++;
          continue;
        }
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      } finally {
        stop.signal.removeEventListener('abort', abort);
      }
    }
  };

  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    clearTimeout(timer);
  }
  return {
    completed: latenciesMs.length,
    failed,
    abortedAtCap,
    cappedByTime: stop.signal.aborted,
    elapsedMs: performance.now() - started,
    latenciesMs,
    firstError,
  };
};
