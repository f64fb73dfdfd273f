import { TemplateVariableError } from './template-variable-error.js';

// {{name}} or {{ name }}; dotted paths reach into objects ({{metadata.userId}}).
const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*(?:\.[\w$]+)*)\s*\}\}/g;

/**
 * Fills `{{variable}}` placeholders (dotted paths allowed: `{{metadata.locale}}`). Strings are
 * inserted as they are, anything else as JSON. Rendering is a single pass, so a value that itself
 * contains `{{…}}` is not expanded again (a trace cannot inject template variables).
 *
 * @throws TemplateVariableError when a placeholder's variable is missing or `undefined`.
 * @example renderTemplate('Question: {{input}}', { input: 'Why?' }) // 'Question: Why?'
 */
export function renderTemplate(template: string, variables: Readonly<Record<string, unknown>>): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    const value = lookup(variables, path);
    if (value === undefined) throw new TemplateVariableError(path, Object.keys(variables));
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** The variables a template uses, in order of first appearance (for checking user-written prompts up front). */
export function templateVariables(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1] as string))];
}

function lookup(variables: Readonly<Record<string, unknown>>, path: string): unknown {
  // A key containing dots wins over a path, so flat maps like { 'a.b': 1 } keep working.
  if (Object.hasOwn(variables, path)) return variables[path];
  let current: unknown = variables;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
