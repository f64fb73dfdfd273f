import { describe, expect, it } from 'vitest';
import { gql } from './support/graphql-client.js';
import { usePluginsDir } from './support/plugin-fixtures.js';
import { useTestServer } from './support/test-server.js';

const PLUGINS = `query($includeFailed: Boolean) {
  plugins(includeFailed: $includeFailed) {
    name package builtIn status error kind version apiVersion description configJsonSchema
    needsJudge needsEmbeddings requiredInputs optionalInputs scoresDependOnConfig
    scoreDefinitions { name kind min max higherIsBetter labels }
  }
}`;

const PACKAGES = `{ supportedPluginApiVersions pluginPackages { package builtIn status error plugins { name status } } }`;

type PluginRow = { name: string; package: string; status: string; error: string | null } & Record<string, unknown>;

describe('plugin host', () => {
  const dir = usePluginsDir([
    'agentloop-fixture-throws-on-load',
    'agentloop-fixture-wrong-api',
    'agentloop-fixture-misbehaving',
    'agentloop-fixture-duplicate',
  ]);
  const t = useTestServer({
    env: {
      AGENTLOOP_PLUGINS_DIR: dir,
      AGENTLOOP_PLUGINS: [
        'agentloop-fixture-throws-on-load',
        'agentloop-fixture-wrong-api',
        'agentloop-fixture-misbehaving',
        'agentloop-fixture-duplicate',
        'agentloop-fixture-not-installed',
      ].join(','),
    },
  });

  const plugins = async (includeFailed: boolean) => {
    const res = await gql<{ plugins: PluginRow[] }>(t.server.url, t.server.adminKey, PLUGINS, { includeFailed });
    expect(res.errors).toBeUndefined();
    return res.data?.plugins ?? [];
  };

  it('loads the built-in evaluator packages by name, with config JSON Schema and score definitions', async () => {
    const loaded = await plugins(false);
    const byName = new Map(loaded.map((plugin) => [plugin.name, plugin]));
    for (const name of ['exact-match', 'regex', 'toxicity', 'context-relevance', 'tool-call-success-rate']) {
      expect(byName.get(name), name).toMatchObject({ status: 'LOADED', builtIn: true, kind: 'EVALUATOR', apiVersion: 1 });
    }
    expect(byName.get('exact-match')).toMatchObject({
      package: '@agentloop/evaluator-code-checks',
      needsJudge: false,
      configJsonSchema: { type: 'object' },
      scoreDefinitions: [{ name: 'exact-match', kind: 'NUMERIC', min: 0, max: 1, higherIsBetter: true, labels: null }],
    });
    expect(byName.get('toxicity')).toMatchObject({ needsJudge: true, requiredInputs: ['output'] });
    // The first package to register a name keeps it.
    expect(byName.get('exact-match')?.package).toBe('@agentloop/evaluator-code-checks');
    // A third-party package from AGENTLOOP_PLUGINS_DIR, loaded the same way.
    expect(byName.get('fixture-shouting')).toMatchObject({
      builtIn: false,
      package: 'agentloop-fixture-misbehaving',
      configJsonSchema: { properties: { threshold: { type: 'number', minimum: 0, maximum: 1, default: 0.5 } } },
    });
    expect(loaded.every((plugin) => plugin.status === 'LOADED')).toBe(true);
  });

  it('reports every plugin that failed, and why, while the server keeps serving', async () => {
    const failed = (await plugins(true)).filter((plugin) => plugin.status !== 'LOADED');
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'from-the-future',
          status: 'INVALID',
          error: expect.stringMatching(/unsupported apiVersion 99; this SDK supports 1/),
          apiVersion: null,
        }),
        expect.objectContaining({
          name: 'exact-match',
          package: 'agentloop-fixture-duplicate',
          status: 'DUPLICATE',
          error: expect.stringContaining('already registered by "@agentloop/evaluator-code-checks"'),
        }),
        expect.objectContaining({ name: 'fixture-setup-fails', status: 'SETUP_FAILED', error: 'setup failed: no licence key' }),
        expect.objectContaining({ name: 'Not Kebab', status: 'INVALID', error: expect.stringContaining('kebab-case') }),
      ]),
    );
    expect(failed).toHaveLength(4);

    const res = await gql(t.server.url, t.server.adminKey, PACKAGES);
    expect(res.data?.supportedPluginApiVersions).toEqual([1]);
    const packages = new Map(
      ((res.data?.pluginPackages ?? []) as { package: string; status: string; error: string | null }[]).map((p) => [
        p.package,
        p,
      ]),
    );
    expect(packages.get('agentloop-fixture-throws-on-load')).toMatchObject({
      status: 'FAILED',
      error: expect.stringContaining('fixture exploded while loading'),
    });
    expect(packages.get('agentloop-fixture-not-installed')).toMatchObject({
      status: 'FAILED',
      error: expect.stringContaining('is not installed'),
    });
    expect(packages.get('@agentloop/evaluator-rag')).toMatchObject({ status: 'LOADED', builtIn: true, error: null });
    expect(packages.get('agentloop-fixture-duplicate')).toMatchObject({
      status: 'LOADED',
      plugins: [
        { name: 'exact-match', status: 'DUPLICATE' },
        { name: 'fixture-setup-fails', status: 'SETUP_FAILED' },
        { name: 'Not Kebab', status: 'INVALID' },
      ],
    });
  });

  it('looks a plugin up by name, preferring the usable one', async () => {
    const res = await gql(
      t.server.url,
      t.server.adminKey,
      '{ plugin(name: "exact-match") { package status } missing: plugin(name: "nope") { name } }',
    );
    expect(res.data).toEqual({ plugin: { package: '@agentloop/evaluator-code-checks', status: 'LOADED' }, missing: null });
  });
});
