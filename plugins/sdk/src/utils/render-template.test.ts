import { describe, expect, it } from 'vitest';
import { renderTemplate, templateVariables } from './render-template.js';
import { TemplateVariableError } from './template-variable-error.js';

describe('renderTemplate', () => {
  it('fills placeholders, with or without spaces, and dotted paths', () => {
    expect(
      renderTemplate('Q: {{input}} / {{ output }} / {{meta.locale}}', { input: 'a', output: 'b', meta: { locale: 'fr' } }),
    ).toBe('Q: a / b / fr');
  });

  it('inserts non-strings as JSON', () => {
    expect(renderTemplate('{{n}} {{b}} {{o}} {{l}} {{z}}', { n: 3, b: false, o: { a: [1] }, l: ['x'], z: null })).toBe(
      '3 false {"a":[1]} ["x"] null',
    );
  });

  it('does not expand placeholders inside inserted values', () => {
    expect(renderTemplate('{{output}}', { output: 'say {{secret}}', secret: 'no' })).toBe('say {{secret}}');
  });

  it('prefers a flat key containing dots over a path', () => {
    expect(renderTemplate('{{a.b}}', { 'a.b': 'flat', a: { b: 'nested' } })).toBe('flat');
  });

  it('throws a typed error naming a missing variable', () => {
    expect(() => renderTemplate('{{input}} {{expected}}', { input: 'a' })).toThrow(TemplateVariableError);
    try {
      renderTemplate('{{input}} {{expected}}', { input: 'a', output: undefined });
    } catch (error) {
      expect((error as TemplateVariableError).variable).toBe('expected');
      expect((error as Error).message).toBe('template variable "expected" was not provided (provided: input, output)');
    }
    expect(() => renderTemplate('{{a.b}}', { a: 'str' })).toThrow(/"a.b"/);
    expect(() => renderTemplate('{{output}}', { output: undefined })).toThrow(TemplateVariableError);
  });

  it('leaves text that is not a placeholder alone', () => {
    expect(renderTemplate('{"json": {{x}}} {{ 1bad }} {single}', { x: 1 })).toBe('{"json": 1} {{ 1bad }} {single}');
  });
});

describe('templateVariables', () => {
  it('lists the variables in order of first use', () => {
    expect(templateVariables('{{b}} {{ a }} {{b}} {{c.d}}')).toEqual(['b', 'a', 'c.d']);
  });
});
