import { configJsonSchema } from '@agentloop/plugin-sdk';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { plugins } from './index.js';

describe('@agentloop/evaluator-agent', () => {
  it('exports every evaluator as a plugin, versioned like the package, with a publishable config schema', () => {
    expect(plugins.map((plugin) => plugin.name)).toEqual([
      'trajectory-quality',
      'tool-selection-rationality',
      'tool-call-success-rate',
    ]);
    for (const plugin of plugins) {
      expect(plugin.version).toBe(packageJson.version);
      expect(configJsonSchema(plugin)).toMatchObject({ type: 'object' });
      expect(plugin.configSchema.safeParse({}).success).toBe(true);
    }
  });
});
