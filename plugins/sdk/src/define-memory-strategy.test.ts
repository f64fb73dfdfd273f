import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PLUGIN_API_VERSION } from './api-version.js';
import { defineMemoryStrategy } from './define-memory-strategy.js';
import { PluginDefinitionError } from './plugin-definition-error.js';

describe('defineMemoryStrategy', () => {
  const definition = {
    name: 'facts',
    version: '0.1.0',
    apiVersion: PLUGIN_API_VERSION,
    description: 'Keeps facts the user states about themselves.',
    configSchema: z.object({ maxFacts: z.number().int().positive().default(20) }),
    needs: { judge: true },
    async extract() {
      return { status: 'extracted' as const, memories: [{ content: 'likes tea', kind: 'fact' }] };
    },
  };

  it('returns a frozen plugin with kind memory-strategy', () => {
    const plugin = defineMemoryStrategy(definition);
    expect(plugin.kind).toBe('memory-strategy');
    expect(Object.isFrozen(plugin)).toBe(true);
    expect(Object.isFrozen(plugin.needs)).toBe(true);
  });

  it('requires extract and rejects evaluator fields', () => {
    const { extract: _extract, ...withoutExtract } = definition;
    expect(() => defineMemoryStrategy(withoutExtract as never)).toThrow(/extract: extract must be a function/);
    expect(() => defineMemoryStrategy({ ...definition, scores: [] } as never)).toThrow(PluginDefinitionError);
    expect(() => defineMemoryStrategy({ ...definition, kind: 'evaluator' } as never)).toThrow(/kind must be "memory-strategy"/);
  });
});
