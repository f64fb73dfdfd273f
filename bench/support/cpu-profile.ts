import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

export type CpuProfile = {
  /** Stops profiling and writes the profile; the path written, or null when profiling was off. */
  stop(): Promise<string | null>;
};

/**
 * Profiles the measured part of a benchmark alone (not its setup) when `BENCH_CPU_PROFILE` names
 * a directory: `<dir>/<name>-<time>.cpuprofile`, which Chrome DevTools and speedscope open. `node
 * --cpu-prof` would also profile migrations and data loading, which hide what a run spends.
 */
export const startCpuProfile = async (name: string): Promise<CpuProfile> => {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return { stop: async () => null };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 200 µs between samples instead of 1 ms: runs are short.
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const path = `${dir}/${name}-${Date.now()}.cpuprofile`;
      await writeFile(path, JSON.stringify(profile));
      return path;
    },
  };
};
