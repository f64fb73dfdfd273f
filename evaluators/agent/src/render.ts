import type { ToolCall, ToolDefinition } from '@agentloop/plugin-sdk';
import { clip, toText } from '@agentloop/plugin-sdk';

/** The tool definitions as the judge reads them: name, description and parameter schema, each clipped. */
export function renderTools(tools: readonly ToolDefinition[], maxCharsPerTool: number): string {
  if (tools.length === 0) return '(no tools were offered)';
  return tools
    .map((tool) => {
      const lines = [`- ${tool.name}: ${tool.description ?? '(no description)'}`];
      if (tool.parameters !== undefined) lines.push(`  parameters: ${JSON.stringify(tool.parameters)}`);
      return clip(lines.join('\n'), maxCharsPerTool);
    })
    .join('\n');
}

/** One tool call as the judge reads it: number, name, arguments (and, optionally, outcome), clipped. */
export function renderToolCall(call: ToolCall, number: number, maxChars: number, withOutcome: boolean): string {
  const args = typeof call.arguments === 'string' ? call.arguments : (JSON.stringify(call.arguments) ?? 'undefined');
  let text = `#${number} ${call.name}(${args})`;
  if (withOutcome) {
    if (call.status === 'error') text += ` → error: ${call.error ?? '(no message)'}`;
    else if (call.result !== undefined) text += ` → ${toText(call.result)}`;
  }
  return clip(text, maxChars);
}
