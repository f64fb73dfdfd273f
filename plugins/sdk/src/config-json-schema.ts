import { z } from 'zod';
import type { PluginBase } from './plugin-base.js';

/**
 * The plugin's configuration schema as JSON Schema (draft 2020-12), for clients that build
 * configuration forms and for the API's plugin list. It describes what a user may write — the
 * input side, so fields with defaults are optional — and renders what JSON Schema cannot express
 * (transforms, custom checks) as unconstrained rather than failing.
 */
export function configJsonSchema(plugin: Pick<PluginBase, 'configSchema'>): Record<string, unknown> {
  return z.toJSONSchema(plugin.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
