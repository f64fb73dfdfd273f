import type { TrajectoryStep } from '@agentloop/plugin-sdk';
import { clip, toText } from '@agentloop/plugin-sdk';

/** Limits for rendering a trajectory. */
export interface TrajectoryLimits {
  /** The most steps shown; longer runs keep their first and last steps. */
  maxSteps: number;
  /** The most characters of each step's input and output. */
  maxCharsPerStep: number;
  /** Whether steps' inputs and outputs are shown at all. */
  includeStepIO: boolean;
}

/**
 * The trajectory as the judge reads it: one line per step, indented by nesting, with kind, name,
 * status and duration, and (clipped) input and output. A run longer than `maxSteps` keeps its first
 * two thirds and last third of that budget around a marker, so both how the agent started and how
 * it ended are visible.
 */
export function renderTrajectory(steps: readonly TrajectoryStep[], limits: TrajectoryLimits): { text: string; omitted: number } {
  const depth = new Map<string, number>();
  for (const step of steps) {
    depth.set(
      step.spanId,
      step.parentSpanId !== undefined && depth.has(step.parentSpanId) ? (depth.get(step.parentSpanId) as number) + 1 : 0,
    );
  }
  const render = (step: TrajectoryStep, index: number) => {
    const indent = '  '.repeat(Math.min(depth.get(step.spanId) ?? 0, 8));
    const details = [
      step.toolName && step.toolName !== step.name ? `tool ${step.toolName}` : '',
      step.model ? `model ${step.model}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const lines = [
      `${indent}#${index + 1} [${step.kind}] ${step.name}${details ? ` (${details})` : ''} — ${step.status}, ${Math.round(step.durationMs)} ms`,
    ];
    if (limits.includeStepIO) {
      if (step.input !== undefined) lines.push(`${indent}   input: ${clip(toText(step.input), limits.maxCharsPerStep)}`);
      if (step.output !== undefined) lines.push(`${indent}   output: ${clip(toText(step.output), limits.maxCharsPerStep)}`);
    }
    return lines.join('\n');
  };
  if (steps.length <= limits.maxSteps) return { text: steps.map(render).join('\n'), omitted: 0 };
  const head = Math.ceil((limits.maxSteps * 2) / 3);
  const tail = limits.maxSteps - head;
  const omitted = steps.length - head - tail;
  const text = [
    ...steps.slice(0, head).map((step, index) => render(step, index)),
    `[… ${omitted} steps omitted …]`,
    ...steps.slice(steps.length - tail).map((step, index) => render(step, steps.length - tail + index)),
  ].join('\n');
  return { text, omitted };
}
