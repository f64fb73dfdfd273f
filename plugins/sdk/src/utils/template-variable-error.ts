/**
 * Thrown by `renderTemplate` when a template names a variable that was not given. Rendering a
 * prompt with a hole in it would make the judge score something else than intended, so it is an
 * error, not an empty string.
 */
export class TemplateVariableError extends Error {
  /** Stable code for programmatic handling. */
  readonly code = 'MISSING_TEMPLATE_VARIABLE';
  /** The missing variable, as written in the template (e.g. `input` or `sample.output`). */
  readonly variable: string;

  constructor(variable: string, available: readonly string[]) {
    super(`template variable "${variable}" was not provided (provided: ${available.length ? available.join(', ') : 'none'})`);
    this.name = 'TemplateVariableError';
    this.variable = variable;
  }
}
