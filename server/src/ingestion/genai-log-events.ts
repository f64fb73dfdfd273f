import { asText, parseJson } from './mappers/attribute-reader.js';

// https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-events/ — the role is the event's name.
const MESSAGE_ROLES: Record<string, string> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};
const CHOICE = 'gen_ai.choice';
const DETAILS = 'gen_ai.client.inference.operation.details';

/** The log event names that carry a model call's content and belong on its span. */
export const GENAI_EVENT_NAMES = [...Object.keys(MESSAGE_ROLES), CHOICE, DETAILS];

export type GenAiEvent = { eventName: string | null; body: string | null; attributes: Record<string, unknown> };

const bodyObject = (body: string | null): Record<string, unknown> => {
  const parsed = body?.startsWith('{') ? parseJson(body) : undefined;
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  return body === null ? {} : { content: body };
};

/**
 * A span's input and output from the GenAI events emitted for it (in time order): the messages
 * sent, the choices returned, or the newer single operation-details event.
 */
export const composeGenAiContent = (events: GenAiEvent[]): { input: string | null; output: string | null } => {
  let input: string | null = null;
  let output: string | null = null;
  const messages: unknown[] = [];
  const choices: unknown[] = [];
  for (const event of events) {
    const role = event.eventName ? MESSAGE_ROLES[event.eventName] : undefined;
    if (role) messages.push({ role, ...bodyObject(event.body) });
    else if (event.eventName === CHOICE) choices.push(bodyObject(event.body));
    else if (event.eventName === DETAILS) {
      input ??= asText(event.attributes['gen_ai.input.messages']);
      output ??= asText(event.attributes['gen_ai.output.messages']);
    }
  }
  return {
    input: input ?? (messages.length > 0 ? JSON.stringify(messages) : null),
    output: output ?? (choices.length > 0 ? JSON.stringify(choices) : null),
  };
};
