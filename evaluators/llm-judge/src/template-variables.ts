/**
 * What a prompt template or rubric may name: the sample's parts, and paths into its metadata
 * (`{{metadata.locale}}`). Anything else is refused when the config is parsed, not at run time.
 */
export const TEMPLATE_ROOTS = Object.freeze([
  'input',
  'output',
  'expectedOutput',
  'context',
  'tools',
  'toolCalls',
  'metadata',
] as const);

export type TemplateRoot = (typeof TEMPLATE_ROOTS)[number];

/** The part of the sample a variable reads (`metadata.locale` → `metadata`), or null for an unknown one. */
export const rootOf = (variable: string): TemplateRoot | null => {
  const [root, ...rest] = variable.split('.');
  if (!TEMPLATE_ROOTS.includes(root as TemplateRoot)) return null;
  // Only metadata is a free-form object; `input.x` would silently depend on the shape of one app's inputs.
  if (rest.length > 0 && root !== 'metadata') return null;
  return root as TemplateRoot;
};
