import { beforeAll, describe, expect, it } from 'vitest';
import { gql } from './support/graphql-client.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { useTestServer } from './support/test-server.js';

// One trace per model call, named after the case; the call span is named `<case> call`.
const CALLS: Record<string, Record<string, string>> = {
  'dated gpt': { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.response.model': 'gpt-4o-2024-08-06' },
  'plain gpt': { 'gen_ai.response.model': 'gpt-4o' },
  // No answer came (a timeout): the call is known only by the model it asked for.
  'request-only gpt': { 'gen_ai.request.model': 'gpt-4o' },
  // A router answers with its own name for the model that was asked for.
  'routed gpt': { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.response.model': 'openai/gpt-4o-2024-08-06' },
  'dated claude': { 'gen_ai.response.model': 'claude-3-5-sonnet-20241022' },
  mini: { 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.response.model': 'gpt-4o-mini-2024-07-18' },
  'undated mini': { 'gen_ai.response.model': 'gpt-4o-mini' },
  'not a date': { 'gen_ai.response.model': 'gpt-4o-2024' },
};

describe('filtering traces and spans by model', () => {
  const t = useTestServer();

  beforeAll(async () => {
    const spans = await recordSpans(
      { 'service.name': 'model-filter' },
      Object.entries(CALLS).map(([name, attributes]) => ({
        name,
        children: [{ name: `${name} call`, attributes: { 'gen_ai.operation.name': 'chat', ...attributes } }],
      })),
    );
    expect(await exportSpans(t.server.url, t.server.adminKey, 'json', spans)).toEqual({ ok: true });
  });

  const traceNames = async (model: string) => {
    const res = await gql(
      t.server.url,
      t.server.adminKey,
      'query($model: String) { traces(filter: { model: $model }, first: 100) { totalCount edges { node { name } } } }',
      { model },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data?.traces.totalCount).toBe(res.data?.traces.edges.length);
    return ((res.data?.traces.edges ?? []) as { node: { name: string } }[]).map((e) => e.node.name).sort();
  };
  const spanNames = async (model: string) => {
    const res = await gql(
      t.server.url,
      t.server.adminKey,
      'query($model: String) { spans(filter: { model: $model }, first: 100) { totalCount edges { node { name } } } }',
      { model },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data?.spans.totalCount).toBe(res.data?.spans.edges.length);
    return ((res.data?.spans.edges ?? []) as { node: { name: string } }[]).map((e) => e.node.name).sort();
  };

  it('finds a model by its name or a dated snapshot of it, not by a longer name', async () => {
    expect(await traceNames('gpt-4o')).toEqual(['dated gpt', 'plain gpt', 'request-only gpt']);
    expect(await traceNames('claude-3-5-sonnet')).toEqual(['dated claude']);
    expect(await traceNames('gpt-4o-mini')).toEqual(['mini', 'undated mini']);
    expect(await traceNames('gpt-4o-2024-08-06')).toEqual(['dated gpt']);
  });

  it('finds spans by the model that answered or the one requested', async () => {
    expect(await spanNames('gpt-4o')).toEqual(['dated gpt call', 'plain gpt call', 'request-only gpt call', 'routed gpt call']);
    expect(await spanNames('claude-3-5-sonnet')).toEqual(['dated claude call']);
    expect(await spanNames('gpt-4o-mini')).toEqual(['mini call', 'undated mini call']);
    expect(await spanNames('openai/gpt-4o')).toEqual(['routed gpt call']);
  });

  it('takes the name literally: pattern characters match only themselves', async () => {
    for (const model of ['gpt-4.', 'gpt_4o', 'gpt-4o%', '%', 'gpt-4o.*', '.*']) {
      expect(await traceNames(model), model).toEqual([]);
      expect(await spanNames(model), model).toEqual([]);
    }
  });
});
