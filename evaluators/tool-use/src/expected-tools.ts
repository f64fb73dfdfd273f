/** The tool names a reference answer expects, when it names any. */
export type ExpectedTools = { found: false } | { found: true; tools: string[] } | { found: true; error: string };

/**
 * Reads the expected tools from `expectedOutput[key]`: a list of tool names or of objects with a
 * `name` (e.g. `{ tools: ['search', { name: 'calculator' }] }`). An empty list means "no tool
 * should be called".
 */
export function expectedTools(expectedOutput: unknown, key: string): ExpectedTools {
  if (typeof expectedOutput !== 'object' || expectedOutput === null || Array.isArray(expectedOutput)) return { found: false };
  if (!Object.hasOwn(expectedOutput, key)) return { found: false };
  const listed = (expectedOutput as Record<string, unknown>)[key];
  if (!Array.isArray(listed)) return { found: true, error: `expectedOutput.${key} must be a list of tool names` };
  const tools: string[] = [];
  for (const [index, entry] of listed.entries()) {
    const name = typeof entry === 'string' ? entry : (entry as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || name === '') {
      return { found: true, error: `expectedOutput.${key}[${index}] must be a tool name or an object with a name` };
    }
    tools.push(name);
  }
  return { found: true, tools };
}
