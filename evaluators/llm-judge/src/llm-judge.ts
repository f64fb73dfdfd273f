import { defineEvaluator, failed, PLUGIN_API_VERSION, runJudge, type ScoreDefinition, scored, z } from '@agentloop/plugin-sdk';
import { type LlmJudgeConfig, llmJudgeConfigSchema } from './config.js';
import { buildJudgePrompt } from './judge-prompt.js';
import { sampleVariables } from './sample-variables.js';
import { PACKAGE_VERSION } from './version.js';

const scoreDefinition = (config: LlmJudgeConfig): ScoreDefinition =>
  config.output.kind === 'numeric'
    ? {
        name: config.scoreName,
        kind: 'numeric',
        range: { min: config.output.min, max: config.output.max },
        higherIsBetter: config.output.higherIsBetter,
        description: 'Judged by an LLM with a user-written prompt and rubric.',
      }
    : {
        name: config.scoreName,
        kind: 'label',
        labels: config.output.labels.map((entry) => entry.label),
        description: "Judged by an LLM with a user-written prompt and rubric; the value is the label's weight.",
      };

/** The structured verdict asked of the judge: reasoning first, so the verdict follows from it. */
type Verdict = { reasoning: string; label?: string; score?: number };

const verdictSchema = (output: LlmJudgeConfig['output']): z.ZodType<Verdict> => {
  const reasoning = z.string().min(1).describe('One to four sentences, quoting what decides the verdict.');
  if (output.kind === 'label') {
    const labels = output.labels.map((entry) => entry.label) as [string, ...string[]];
    return z.object({ reasoning, label: z.enum(labels) });
  }
  const score = z.number().min(output.min).max(output.max);
  return z.object({ reasoning, score: output.integer ? score.int() : score });
};

/**
 * A custom LLM-as-judge: the user's prompt template over the sample, the user's rubric, and a
 * numeric range or weighted labels. The prompt version is a hash of what the judge is shown.
 */
export const llmJudge = () =>
  defineEvaluator({
    name: 'llm-judge',
    version: PACKAGE_VERSION,
    apiVersion: PLUGIN_API_VERSION,
    description:
      'Your own LLM judge: a prompt template with {{input}}, {{output}}, {{expectedOutput}}, {{context}}, {{metadata.<key>}}, a rubric, and a score range or weighted labels.',
    configSchema: llmJudgeConfigSchema,
    // Which parts are needed depends on the template; evaluate() fails, naming them, when one is missing.
    inputs: { required: [], optional: ['input', 'output', 'expectedOutput', 'context', 'tools', 'toolCalls', 'metadata'] },
    needs: { judge: true },
    scores: (config) => [scoreDefinition(config)],
    async evaluate({ sample, config, judge, signal, usage }) {
      if (!judge) return failed('llm-judge needs a judge model, and none was configured');
      const bound = sampleVariables([config.prompt, config.rubric], sample, config.maxChars);
      if (!bound.ok) {
        return failed(`the sample has no ${bound.missing.join(', ')}, which the prompt or rubric uses`);
      }
      const prompt = buildJudgePrompt(config);
      const verdict = await runJudge({
        model: judge,
        prompt,
        variables: bound.variables,
        schema: verdictSchema(config.output),
        maxAttempts: config.maxAttempts,
        signal,
        usage,
      });
      if (!verdict.ok) return failed(`llm-judge: ${verdict.reason}`, { retryable: verdict.retryable });
      const { reasoning, label, score } = verdict.value;
      const metadata = { clipped: bound.clipped };
      if (config.output.kind === 'label') {
        // The label's weight is its value, so label scores aggregate and filter like numbers.
        const weight = config.output.labels.find((entry) => entry.label === label)?.weight;
        return scored({ name: config.scoreName, label, value: weight, reasoning, metadata, judge: verdict.record });
      }
      return scored({ name: config.scoreName, value: score, reasoning, metadata, judge: verdict.record });
    },
  });
