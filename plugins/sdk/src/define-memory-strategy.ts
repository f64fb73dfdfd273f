import type { z } from 'zod';
import { definitionName, memoryStrategyDefinitionSchema, toDefinitionIssues } from './definition-schema.js';
import type { MemoryStrategyPlugin } from './memory-strategy-plugin.js';
import { PluginDefinitionError } from './plugin-definition-error.js';

/** What `defineMemoryStrategy` takes: a memory strategy whose `kind` may be left out. */
export type MemoryStrategyDefinition<Config> = Omit<MemoryStrategyPlugin<Config>, 'kind'> & { readonly kind?: 'memory-strategy' };

/**
 * Checks a memory strategy definition and returns it as a frozen plugin object with
 * `kind: 'memory-strategy'`.
 *
 * @throws PluginDefinitionError naming the offending field.
 */
export function defineMemoryStrategy<Schema extends z.ZodType>(
  definition: MemoryStrategyDefinition<z.output<Schema>> & { configSchema: Schema },
): MemoryStrategyPlugin<z.output<Schema>> {
  const parsed = memoryStrategyDefinitionSchema.safeParse(definition);
  if (!parsed.success) throw new PluginDefinitionError(definitionName(definition), toDefinitionIssues(parsed.error));
  return Object.freeze({
    ...definition,
    kind: 'memory-strategy' as const,
    ...(definition.needs ? { needs: Object.freeze({ ...definition.needs }) } : {}),
  });
}
