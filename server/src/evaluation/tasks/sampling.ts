import { createHash } from 'node:crypto';

/**
 * A candidate's position in [0, 1), from the hash of its stable key (the OpenTelemetry trace id,
 * or trace id and span id). Every task with the same rate keeps the same targets, so two
 * evaluators sampled at 10% score the same 10% and can be compared.
 */
export const samplePoint = (key: string): number => {
  const digest = createHash('sha256').update(key).digest();
  // 48 bits fit a double exactly.
  return digest.readUIntBE(0, 6) / 2 ** 48;
};

export const sampledIn = (key: string, rate: number) => rate >= 1 || samplePoint(key) < rate;
