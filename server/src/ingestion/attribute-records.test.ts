import { describe, expect, it } from 'vitest';
import { keyValuesToRecord } from './any-value.js';
import { protoKeyValuesToRecord } from './proto-values.js';

// Attribute keys are whatever an exporter sends; a key that is special to JavaScript objects
// must arrive as data like any other.
describe('attribute records', () => {
  it('keep an OTLP/JSON attribute named __proto__ as an own property, prototype untouched', () => {
    const record = keyValuesToRecord([
      { key: '__proto__', value: { kvlistValue: { values: [{ key: 'polluted', value: { boolValue: true } }] } } },
      { key: 'constructor', value: { stringValue: 'c' } },
    ]);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(record))).toEqual(JSON.parse('{"__proto__":{"polluted":true},"constructor":"c"}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keep a protobuf attribute named __proto__, a primitive value too', () => {
    const record = protoKeyValuesToRecord([
      { key: '__proto__', value: { stringValue: 'kept' } },
      { key: 'llm.model_name', value: { stringValue: 'gpt-4o' } },
    ]);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(JSON.stringify(record)).toBe('{"__proto__":"kept","llm.model_name":"gpt-4o"}');
  });
});
