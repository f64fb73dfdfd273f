import type { EvaluationSample } from '@agentloop/plugin-sdk';
import type { LoadedTarget, SampleLoad } from './eval-runtime.js';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Builds one candidate's sample from rows already read for its whole batch. A throw while building
 * (stored data the builder cannot handle) is that candidate's recorded failure, never its
 * batch-mates': they were read together but are evaluated one by one.
 */
export const builtOrUnbuildable = (build: () => { sample: EvaluationSample; target: LoadedTarget }): SampleLoad => {
  try {
    return { status: 'loaded', ...build() };
  } catch (error) {
    return { status: 'unbuildable', reason: `its sample could not be built: ${message(error)}` };
  }
};
