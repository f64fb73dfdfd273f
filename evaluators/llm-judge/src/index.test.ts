import { checkPlugin } from '@agentloop/plugin-sdk';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { plugins } from './index.js';

describe('@agentloop/evaluator-llm-judge', () => {
  it('exports the llm-judge plugin, versioned like the package, passing the host check', () => {
    expect(plugins.map((plugin) => plugin.name)).toEqual(['llm-judge']);
    for (const plugin of plugins) {
      expect(plugin.version).toBe(packageJson.version);
      expect(checkPlugin(plugin)).toMatchObject({ ok: true });
    }
  });
});
