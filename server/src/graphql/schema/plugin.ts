import { configJsonSchema, type ScoreDefinition, type Plugin as SdkPlugin } from '@agentloop/plugin-sdk';
import type { PluginEntry, PluginPackageReport } from '../../plugins/plugin-registry.js';
import { builder } from '../builder.js';

export const PluginStatusEnum = builder.enumType('PluginStatus', {
  values: {
    LOADED: { description: 'Checked, set up and usable by evaluators.' },
    INVALID: { description: "Failed the host's checks (shape, apiVersion, config schema); `error` says which field." },
    SETUP_FAILED: { description: 'Its setup threw or did not finish in time.' },
    DUPLICATE: { description: 'Another package registered a plugin with the same name first.' },
  } as const,
});

const PluginPackageStatusEnum = builder.enumType('PluginPackageStatus', {
  values: {
    LOADED: { description: 'Imported; its plugins are listed with their own status.' },
    FAILED: { description: 'Not installed, threw on import, hung, or exports no `plugins` list; `error` says which.' },
  } as const,
});

const PluginKindEnum = builder.enumType('PluginKind', {
  values: { EVALUATOR: { value: 'evaluator' }, MEMORY_STRATEGY: { value: 'memory-strategy' } } as const,
});

const ScoreKindEnum = builder.enumType('ScoreKind', {
  values: { NUMERIC: { value: 'numeric' }, LABEL: { value: 'label' } } as const,
});

export const ScoreDefinitionRef = builder.objectRef<ScoreDefinition>('ScoreDefinition').implement({
  description: 'A score an evaluator produces.',
  fields: (t) => ({
    name: t.exposeString('name'),
    kind: t.field({ type: ScoreKindEnum, resolve: (score) => score.kind }),
    description: t.string({ nullable: true, resolve: (score) => score.description ?? null }),
    min: t.float({ nullable: true, resolve: (score) => (score.kind === 'numeric' ? score.range.min : null) }),
    max: t.float({ nullable: true, resolve: (score) => (score.kind === 'numeric' ? score.range.max : null) }),
    higherIsBetter: t.boolean({ nullable: true, resolve: (score) => (score.kind === 'numeric' ? score.higherIsBetter : null) }),
    labels: t.stringList({ nullable: true, resolve: (score) => (score.kind === 'label' ? score.labels : null) }),
  }),
});

const evaluatorOf = (entry: PluginEntry) => (entry.plugin?.kind === 'evaluator' ? entry.plugin : null);

/** JSON Schema of a plugin's config; a schema zod cannot render is reported as null, not as an error. */
const jsonSchemaOf = (plugin: SdkPlugin | null) => {
  if (!plugin) return null;
  try {
    return configJsonSchema(plugin);
  } catch {
    return null;
  }
};

export const PluginRef = builder.objectRef<PluginEntry>('Plugin').implement({
  description:
    'A plugin a package exported, loaded or not. Fields other than name, package, status and error are null when the value ' +
    'failed the checks.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What evaluators name it by; `<package>#<index>` when it has none.' }),
    package: t.exposeString('package', { description: 'The npm package it came from.' }),
    builtIn: t.exposeBoolean('builtIn', { description: "One of AgentLoop's own packages." }),
    status: t.field({ type: PluginStatusEnum, resolve: (entry) => entry.status }),
    error: t.exposeString('error', { nullable: true, description: 'Why it is not LOADED.' }),
    kind: t.field({ type: PluginKindEnum, nullable: true, resolve: (entry) => entry.plugin?.kind ?? null }),
    version: t.string({ nullable: true, resolve: (entry) => entry.plugin?.version ?? null }),
    apiVersion: t.int({ nullable: true, resolve: (entry) => entry.plugin?.apiVersion ?? null }),
    description: t.string({ nullable: true, resolve: (entry) => entry.plugin?.description ?? null }),
    configJsonSchema: t.field({
      type: 'JSON',
      nullable: true,
      description: 'What a configured evaluator may put in `config`, as JSON Schema (draft 2020-12), for building forms.',
      resolve: (entry) => jsonSchemaOf(entry.plugin),
    }),
    needsJudge: t.boolean({ resolve: (entry) => entry.plugin?.needs?.judge === true }),
    needsEmbeddings: t.boolean({ resolve: (entry) => entry.plugin?.needs?.embeddings === true }),
    requiredInputs: t.stringList({
      description: 'Parts of a sample without which it is not evaluated (input, output, expectedOutput, context, tools, …).',
      resolve: (entry) => evaluatorOf(entry)?.inputs.required ?? [],
    }),
    optionalInputs: t.stringList({ resolve: (entry) => evaluatorOf(entry)?.inputs.optional ?? [] }),
    scoresDependOnConfig: t.boolean({
      description: 'The scores are chosen by the configuration (a custom judge); see the configured evaluator for them.',
      resolve: (entry) => typeof evaluatorOf(entry)?.scores === 'function',
    }),
    scoreDefinitions: t.field({
      type: [ScoreDefinitionRef],
      description: 'The scores it produces; empty when they depend on the configuration.',
      resolve: (entry) => {
        const scores = evaluatorOf(entry)?.scores;
        return scores && typeof scores !== 'function' ? [...scores] : [];
      },
    }),
  }),
});

const PluginPackageRef = builder.objectRef<PluginPackageReport>('PluginPackage').implement({
  description: 'A package the server was configured to load (built-in, agentloop.config.json or AGENTLOOP_PLUGINS).',
  fields: (t) => ({
    package: t.exposeString('package'),
    builtIn: t.exposeBoolean('builtIn'),
    status: t.field({ type: PluginPackageStatusEnum, resolve: (report) => report.status }),
    error: t.exposeString('error', { nullable: true }),
    plugins: t.field({
      type: [PluginRef],
      resolve: (report, _args, ctx) => ctx.plugins.entries.filter((entry) => entry.package === report.package),
    }),
  }),
});

builder.queryField('plugins', (t) =>
  t.field({
    type: [PluginRef],
    authScopes: { viewer: true },
    description: 'Plugins of this server in load order (the built-in ones first). Only usable ones unless `includeFailed`.',
    args: {
      includeFailed: t.arg.boolean({ defaultValue: false, description: 'Also plugins that failed to load.' }),
      kind: t.arg({ type: PluginKindEnum, required: false }),
    },
    resolve: (_root, args, ctx) =>
      ctx.plugins.entries.filter(
        (entry) =>
          (args.includeFailed || entry.status === 'LOADED') && (!args.kind || (entry.plugin && entry.plugin.kind === args.kind)),
      ),
  }),
);

builder.queryField('plugin', (t) =>
  t.field({
    type: PluginRef,
    nullable: true,
    authScopes: { viewer: true },
    description: 'A plugin by name; a usable one wins over a failed one of the same name.',
    args: { name: t.arg.string({ required: true }) },
    resolve: (_root, { name }, ctx) => {
      const matches = ctx.plugins.entries.filter((entry) => entry.name === name);
      return matches.find((entry) => entry.status === 'LOADED') ?? matches[0] ?? null;
    },
  }),
);

builder.queryField('pluginPackages', (t) =>
  t.field({
    type: [PluginPackageRef],
    authScopes: { viewer: true },
    description: 'Every configured plugin package and whether it loaded: where to look when a plugin is missing.',
    resolve: (_root, _args, ctx) => [...ctx.plugins.packages],
  }),
);

builder.queryField('supportedPluginApiVersions', (t) =>
  t.intList({
    authScopes: { viewer: true },
    description: 'The plugin `apiVersion`s this server loads; a plugin declaring another one is INVALID.',
    resolve: (_root, _args, ctx) => [...ctx.plugins.supportedApiVersions],
  }),
);
