import type { ToolCall, ToolDefinition } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { toolSelection } from './tool-selection.js';

const tools: ToolDefinition[] = [
  { name: 'search', description: 'Web search.', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
  { name: 'calculator', description: 'Evaluates arithmetic.' },
  { name: 'weather', description: 'Current weather for a city.' },
];
const call = (name: string): ToolCall => ({ name, arguments: {}, status: 'ok' });

describe('tool-selection', () => {
  it('computes F1 of called against expected tool names when the expected output lists them, without a judge', async () => {
    const { result, judgeCalls } = await runEvaluator(toolSelection(), {
      input: 'Population of France times two?',
      toolCalls: [call('search'), call('weather'), call('search')],
      expectedOutput: { tools: ['search', { name: 'calculator' }] },
    });
    expect(judgeCalls).toHaveLength(0);
    // Expected {search, calculator}, called {search, weather}: precision 1/2, recall 1/2, F1 1/2.
    expect(result).toEqual({
      status: 'scored',
      scores: [
        {
          name: 'tool-selection',
          value: 0.5,
          reasoning: 'Expected search, calculator; called search, weather. Missing: calculator; unexpected: weather.',
          metadata: {
            mode: 'expected-tools',
            match: 'f1',
            expected: ['search', 'calculator'],
            called: ['search', 'weather'],
            missing: ['calculator'],
            unexpected: ['weather'],
            precision: 0.5,
            recall: 0.5,
          },
        },
      ],
    });
  });

  it('scores 0 or 1 with exact matching', async () => {
    const sample = { input: 'q', expectedOutput: { tools: ['search', 'calculator'] } };
    const partial = await runEvaluator(
      toolSelection(),
      { ...sample, toolCalls: [call('search')] },
      { config: { match: 'exact' } },
    );
    expect(partial.result).toMatchObject({ status: 'scored', scores: [{ value: 0 }] });
    const exact = await runEvaluator(
      toolSelection(),
      { ...sample, toolCalls: [call('calculator'), call('search')] },
      { config: { match: 'exact' } },
    );
    expect(exact.result).toMatchObject({ status: 'scored', scores: [{ value: 1 }] });
  });

  it('treats an empty expected list as "no tool should be called"', async () => {
    const none = await runEvaluator(toolSelection(), { input: 'Hi!', expectedOutput: { tools: [] } });
    expect(none.result).toMatchObject({ status: 'scored', scores: [{ value: 1 }] });
    const some = await runEvaluator(toolSelection(), {
      input: 'Hi!',
      toolCalls: [call('search')],
      expectedOutput: { tools: [] },
    });
    expect(some.result).toMatchObject({ status: 'scored', scores: [{ value: 0, metadata: { precision: 0, recall: 0 } }] });
  });

  it('reads the expected tools from a configured key', async () => {
    const { result } = await runEvaluator(
      toolSelection(),
      { input: 'q', toolCalls: [call('weather')], expectedOutput: { answer: 'sunny', expectedTools: ['weather'] } },
      { config: { expectedToolsKey: 'expectedTools' } },
    );
    expect(result).toMatchObject({ status: 'scored', scores: [{ value: 1 }] });
  });

  it('fails on an expected tools field it cannot read', async () => {
    const { result } = await runEvaluator(toolSelection(), { input: 'q', expectedOutput: { tools: 'search' } });
    expect(result).toEqual({ status: 'failed', reason: 'tool-selection: expectedOutput.tools must be a list of tool names' });
  });

  it('asks the judge when there are no expected tools, showing the request, the tools and the calls', async () => {
    const { result, judgeCalls } = await runEvaluator(
      toolSelection(),
      { input: 'What is 17 * 23?', tools, toolCalls: [{ name: 'search', arguments: { q: '17 * 23' }, status: 'ok' }] },
      {
        judgeReplies: [
          JSON.stringify({
            reasoning: 'Arithmetic needs the calculator, not a web search.',
            neededTools: ['calculator'],
            verdict: 'incorrect',
          }),
        ],
      },
    );
    expect(judgeCalls[0]?.[1]?.content).toBe(
      [
        '<request>\nWhat is 17 * 23?\n</request>',
        '',
        '<available-tools>',
        '- search: Web search.\n  parameters: {"type":"object","properties":{"q":{"type":"string"}}}',
        '- calculator: Evaluates arithmetic.',
        '- weather: Current weather for a city.',
        '</available-tools>',
        '',
        '<tool-calls>\n#1 search({"q":"17 * 23"})\n</tool-calls>',
      ].join('\n'),
    );
    expect(result).toEqual({
      status: 'scored',
      scores: [
        {
          name: 'tool-selection',
          value: 0,
          reasoning: 'Arithmetic needs the calculator, not a web search.',
          metadata: { mode: 'judge', verdict: 'incorrect', neededTools: ['calculator'], called: ['search'], clipped: [] },
          judge: expect.objectContaining({ promptName: 'agentloop/tool-selection', promptVersion: '1', attempts: 1 }),
        },
      ],
    });
  });

  it('tells the judge when no tool was called', async () => {
    const { judgeCalls, result } = await runEvaluator(
      toolSelection(),
      { input: 'Hello!', tools },
      { judgeReplies: [JSON.stringify({ reasoning: 'A greeting needs no tool.', neededTools: [], verdict: 'correct' })] },
    );
    expect(String(judgeCalls[0]?.[1]?.content)).toContain('<tool-calls>\n(the agent called no tool)\n</tool-calls>');
    expect(result).toMatchObject({ status: 'scored', scores: [{ value: 1 }] });
  });

  it('fails, rather than guessing, without a judge, without tool definitions, or with malformed verdicts', async () => {
    const noJudge = await runEvaluator(toolSelection(), { input: 'q', tools });
    expect(noJudge.result).toMatchObject({ status: 'failed', reason: expect.stringContaining('needs a judge model') });

    const noTools = await runEvaluator(toolSelection(), { input: 'q' }, { judgeReplies: [] });
    expect(noTools.result).toMatchObject({ status: 'failed', reason: expect.stringContaining('without the tool definitions') });

    const malformed = await runEvaluator(
      toolSelection(),
      { input: 'q', tools },
      { judgeReplies: ['{"reasoning": "ok", "verdict": "fine"}', '{"reasoning": "ok", "verdict": "fine"}', 'no'] },
    );
    expect(malformed.result).toMatchObject({ status: 'failed', reason: expect.stringContaining('invalid output 3 times') });
  });
});
