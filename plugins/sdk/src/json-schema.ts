/**
 * A JSON Schema document (any draft; `$schema` selects 2019-09 or 2020-12, otherwise draft-07
 * rules apply). Booleans are valid schemas: `true` accepts everything, `false` nothing.
 */
export type JsonSchema = { [keyword: string]: unknown } | boolean;
