import { describe, expect, it } from 'vitest';
import { validateAgainstJsonSchema } from './validate-against-json-schema.js';

const weather = {
  type: 'object',
  properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
  required: ['city'],
  additionalProperties: false,
};

describe('validateAgainstJsonSchema', () => {
  it('accepts conforming values', () => {
    expect(validateAgainstJsonSchema(weather, { city: 'Paris', days: 3 })).toEqual({ valid: true, errors: [] });
  });

  it('reports every problem with its location', () => {
    expect(validateAgainstJsonSchema(weather, { days: 0, units: 'C' })).toEqual({
      valid: false,
      errors: [
        '(root) must have required property "city"',
        '(root) must not have additional property "units"',
        '/days must be >= 1',
      ],
    });
    expect(validateAgainstJsonSchema(weather, { city: 5 }).errors).toEqual(['/city must be string']);
  });

  it('reports an invalid schema instead of throwing', () => {
    const result = validateAgainstJsonSchema({ type: 'strnig' }, 'x');
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^schema error: /);
    expect(validateAgainstJsonSchema({ $ref: '#/definitions/missing' }, 1).errors[0]).toMatch(/^schema error: /);
    expect(validateAgainstJsonSchema([] as never, 1).errors[0]).toMatch(/^schema error: /);
  });

  it('is lenient about unknown keywords and formats, and old drafts', () => {
    expect(validateAgainstJsonSchema({ type: 'string', format: 'city-name', 'x-ui': 1 }, 'Paris').valid).toBe(true);
    expect(validateAgainstJsonSchema({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'number' }, 1).valid).toBe(true);
  });

  it('supports draft 2020-12 and boolean schemas', () => {
    const tuple = { $schema: 'https://json-schema.org/draft/2020-12/schema', prefixItems: [{ type: 'number' }], items: false };
    expect(validateAgainstJsonSchema(tuple, [1]).valid).toBe(true);
    expect(validateAgainstJsonSchema(tuple, [1, 2]).valid).toBe(false);
    expect(validateAgainstJsonSchema(true, 'anything').valid).toBe(true);
    expect(validateAgainstJsonSchema(false, 'anything').valid).toBe(false);
  });

  it('reuses compiled schemas by content and keeps working past the cache bound', () => {
    for (let index = 0; index < 600; index++) {
      const schema = { $id: 'https://example.com/same-id', type: 'object', properties: { n: { const: index } } };
      expect(validateAgainstJsonSchema(schema, { n: index }).valid).toBe(true);
      expect(validateAgainstJsonSchema({ ...schema }, { n: -1 }).valid).toBe(false);
    }
  });
});
