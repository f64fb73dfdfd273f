import type { NormalizedSpan } from '../../server/src/tracing/normalized-span.js';
import { makeSpan } from '../../test/support/span-factory.js';

/** Applications the generated traces are spread over, round robin. */
export const BENCH_APPLICATIONS = ['support-agent', 'research-agent', 'checkout-agent', 'coding-agent'] as const;

/** Every generated trace has this many spans: one agent, six model calls, three tool calls. */
export const SPANS_PER_TRACE = 10;

const MODELS = [
  { provider: 'openai', requestModel: 'gpt-4o-mini', model: 'gpt-4o-mini-2024-07-18', inPerToken: 0.15e-6, outPerToken: 0.6e-6 },
  { provider: 'openai', requestModel: 'gpt-4o', model: 'gpt-4o-2024-08-06', inPerToken: 2.5e-6, outPerToken: 10e-6 },
  {
    provider: 'anthropic',
    requestModel: 'claude-3-5-sonnet',
    model: 'claude-3-5-sonnet-20241022',
    inPerToken: 3e-6,
    outPerToken: 15e-6,
  },
] as const;

const TOOLS = ['search_orders', 'lookup_customer', 'search_knowledge_base'] as const;
// Model, tool, model, tool, …: the shape of a tool-using agent loop.
const CHILD_KINDS = ['LLM', 'TOOL', 'LLM', 'TOOL', 'LLM', 'TOOL', 'LLM', 'LLM', 'LLM'] as const;

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

// Messages of a few hundred bytes, varied per trace so that nothing compresses or dedupes unrealistically.
const inputMessages = (trace: number, step: number) =>
  JSON.stringify([
    {
      role: 'system',
      parts: [
        { type: 'text', content: 'You are a careful support agent. Use the tools to look up facts; never invent order data.' },
      ],
    },
    {
      role: 'user',
      parts: [
        {
          type: 'text',
          content: `Customer ${trace % 9973} asks (step ${step}): my order #${100000 + trace} was due on Monday and the tracking page has not changed for three days. Can you check where it is and whether I can get a refund for the express shipping?`,
        },
      ],
    },
  ]);

const outputMessages = (trace: number, step: number) =>
  JSON.stringify([
    {
      role: 'assistant',
      parts: [
        {
          type: 'text',
          content: `Order #${100000 + trace} left the warehouse and is at the regional depot (step ${step}). Express shipping is refundable when delivery is late; I have filed refund request R-${trace}.`,
        },
      ],
      finish_reason: 'stop',
    },
  ]);

export type LlmTraceOptions = {
  /** 8 hex digits that make this run's trace ids unique. */
  runTag: string;
  /** Position of the trace in the run; picks application, model, session and user. */
  index: number;
  start: Date;
};

/**
 * One agent run as GenAI-convention instrumentation reports it: an `invoke_agent` root with six
 * chat calls and three tool calls under it, tokens, messages and (for 2% of traces) a failed tool.
 * Fields are filled the way ingestion would normalise them, so the same spans can be sent as OTLP
 * or copied straight into the Span table.
 */
export const makeLlmTrace = ({ runTag, index, start }: LlmTraceOptions): NormalizedSpan[] => {
  const traceId = `${runTag}${hex(index, 24)}`;
  const serviceName = BENCH_APPLICATIONS[index % BENCH_APPLICATIONS.length] as string;
  const resourceAttributes = { 'service.name': serviceName, 'service.version': '1.4.2', 'deployment.environment': 'production' };
  const common = { traceId, serviceName, serviceVersion: '1.4.2', environment: 'production', convention: 'genai' as const };
  const rootSpanId = `${hex(index, 12)}0001`;
  const sessionId = `session-${Math.floor(index / 4)}`;
  const userId = `user-${index % 997}`;
  const failed = index % 50 === 7;

  const children: NormalizedSpan[] = [];
  let cursor = start.getTime() + 5;
  CHILD_KINDS.forEach((kind, step) => {
    const startTime = new Date(cursor);
    const duration = kind === 'LLM' ? 400 + ((index * 37 + step * 101) % 1400) : 20 + ((index * 13 + step * 7) % 180);
    const endTime = new Date(cursor + duration);
    cursor += duration + 3;
    const spanId = `${hex(index, 12)}${hex(step + 2, 4)}`;
    if (kind === 'LLM') {
      const m = MODELS[(index + step) % MODELS.length] ?? MODELS[0];
      const inputTokens = 300 + ((index * 17 + step * 211) % 2500);
      const outputTokens = 40 + ((index * 29 + step * 53) % 600);
      const input = inputMessages(index, step);
      const output = outputMessages(index, step);
      children.push(
        makeSpan({
          ...common,
          spanId,
          parentSpanId: rootSpanId,
          name: `chat ${m.requestModel}`,
          kind: 'LLM',
          startTime,
          endTime,
          status: 'OK',
          operation: 'chat',
          provider: m.provider,
          requestModel: m.requestModel,
          model: m.model,
          inputTokens,
          outputTokens,
          totalTokens: inputTokens + outputTokens,
          cost: inputTokens * m.inPerToken + outputTokens * m.outPerToken,
          input,
          output,
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.provider.name': m.provider,
            'gen_ai.request.model': m.requestModel,
            'gen_ai.response.model': m.model,
            'gen_ai.request.temperature': 0.2,
            'gen_ai.usage.input_tokens': inputTokens,
            'gen_ai.usage.output_tokens': outputTokens,
            'gen_ai.input.messages': input,
            'gen_ai.output.messages': output,
          },
          resourceAttributes,
        }),
      );
      return;
    }
    const toolName = TOOLS[step % TOOLS.length] as string;
    const toolArguments = JSON.stringify({ orderId: 100000 + index, customer: index % 9973 });
    const toolResult = JSON.stringify({ status: 'in_transit', depot: 'Leipzig', updatedAt: startTime.toISOString() });
    const error = failed && step === 1;
    children.push(
      makeSpan({
        ...common,
        spanId,
        parentSpanId: rootSpanId,
        name: `execute_tool ${toolName}`,
        kind: 'TOOL',
        startTime,
        endTime,
        status: error ? 'ERROR' : 'OK',
        statusMessage: error ? 'upstream order service timed out' : null,
        operation: 'execute_tool',
        toolName,
        toolArguments,
        toolResult: error ? null : toolResult,
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': toolName,
          'gen_ai.tool.call.arguments': toolArguments,
          ...(error ? {} : { 'gen_ai.tool.call.result': toolResult }),
        },
        resourceAttributes,
      }),
    );
  });

  const firstInput = children[0]?.input ?? null;
  const lastOutput = children.at(-1)?.output ?? null;
  const root = makeSpan({
    ...common,
    spanId: rootSpanId,
    name: `invoke_agent ${serviceName}`,
    kind: 'AGENT',
    startTime: start,
    endTime: new Date(cursor + 5),
    status: failed ? 'ERROR' : 'OK',
    statusMessage: failed ? 'tool search_orders failed' : null,
    operation: 'invoke_agent',
    input: firstInput,
    output: lastOutput,
    sessionId,
    userId,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': serviceName,
      'session.id': sessionId,
      'user.id': userId,
    },
    resourceAttributes,
  });
  return [root, ...children];
};
