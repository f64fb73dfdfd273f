import { describe, expect, it } from 'vitest';
import { decodeGlobalId } from '../server/src/graphql/global-id.js';
import { createDatasetVia, insertRecordsInto, readIndexLagVia, SEARCH, waitForIndex } from './support/dataset-search-helpers.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useMeilisearch } from './support/meilisearch.js';
import { useTestServer } from './support/test-server.js';

type Hit = { id: string; data: Record<string, unknown>; version: number; score: number };

describe('datasetSearch: full text and filters (real Meilisearch)', () => {
  const meili = useMeilisearch();
  const t = useTestServer({ env: () => meili.env });
  const search = async (variables: Record<string, unknown>, key = t.server.adminKey) => {
    const res = await gql(t.server.url, key, SEARCH, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data?.datasetSearch;
  };
  const questions = async (variables: Record<string, unknown>, key?: string) => {
    const result = await search(variables, key);
    expect(result.__typename, JSON.stringify(result)).toBe('DatasetSearchResult');
    return (result.hits as Hit[]).map((hit) => hit.data.question);
  };

  const faqFields = [
    { name: 'question', type: 'TEXT', required: true },
    { name: 'answer', type: 'TEXT' },
    { name: 'turns', type: 'LONG' },
    { name: 'rating', type: 'DOUBLE' },
    { name: 'meta', type: 'JSON', jsonKeys: ['lang', 'source.app'] },
  ];

  it('finds English records by words, with scores, as they are stored', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'faq', faqFields);
    const [reset] = await insertRecordsInto(t.server, dataset, [
      {
        question: 'How do I reset my password?',
        answer: 'Use the reset link.',
        turns: 2,
        rating: 4.5,
        meta: { lang: 'en', source: { app: 'web' } },
      },
      {
        question: 'Where can I download my invoices?',
        answer: 'Billing page.',
        turns: 1,
        rating: 3,
        meta: { lang: 'en', source: { app: 'mobile' } },
      },
      { question: 'Wie setze ich mein Passwort zurück?', turns: 3, rating: 2.5, meta: { lang: 'de', source: { app: 'web' } } },
    ]);
    await waitForIndex(t.server.url);
    const result = await search({ dataset, query: 'password reset' });
    expect(result.mode).toBe('FULL_TEXT');
    // Best first; "Passwort" is one typo from "password", so the German question may follow.
    expect(result.hits.length).toBeGreaterThanOrEqual(1);
    expect(result.hits[0]).toMatchObject({
      id: expect.any(String),
      version: 1,
      data: { question: 'How do I reset my password?', turns: 2, meta: { lang: 'en', source: { app: 'web' } } },
    });
    expect(decodeGlobalId(result.hits[0].id)).toEqual({ typename: 'DatasetRecord', id: reset });
    expect(result.hits[0].score).toBeGreaterThan(0);
    expect(result.hits[0].score).toBeLessThanOrEqual(1);
    // Typos are forgiven; json_keys sub-fields are searchable too.
    expect(await questions({ dataset, query: 'invoces' })).toEqual(['Where can I download my invoices?']);
    expect(await questions({ dataset, query: 'mobile' })).toEqual(['Where can I download my invoices?']);
  });

  it('filters with structured conditions and SQL-style conditions, alone or with a query', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'filters', faqFields);
    await insertRecordsInto(
      t.server,
      dataset,
      Array.from({ length: 10 }, (_, i) => ({
        question: `question number ${i} about ${i % 2 === 0 ? 'billing' : 'login'}`,
        turns: i,
        rating: i / 2,
        meta: { lang: i < 5 ? 'en' : 'fr', source: { app: i % 3 === 0 ? 'web' : 'o\'brien "app"' } },
      })),
    );
    await waitForIndex(t.server.url);
    const turns = async (variables: Record<string, unknown>) =>
      ((await search({ dataset, limit: 100, ...variables })).hits as Hit[])
        .map((hit) => hit.data.turns)
        .sort((a, b) => Number(a) - Number(b));

    expect(await turns({ filter: { conditions: [{ field: 'turns', op: 'GTE', value: 7 }] } })).toEqual([7, 8, 9]);
    expect(
      await turns({
        filter: {
          conditions: [
            { field: 'meta.lang', op: 'EQ', value: 'fr' },
            { field: 'rating', op: 'LT', value: 3 },
          ],
        },
      }),
    ).toEqual([5]);
    expect(await turns({ filter: { conditions: [{ field: 'turns', op: 'IN', values: [1, 2, 99] }] } })).toEqual([1, 2]);
    expect(
      await turns({ filter: { where: "turns BETWEEN 2 AND 4 OR meta.source.app = 'o''brien \"app\"' AND turns > 8" } }),
    ).toEqual([2, 3, 4]);
    expect(await turns({ query: 'billing', filter: { where: "meta.lang = 'en' AND NOT turns = 0" } })).toEqual([2, 4]);
    expect(await turns({ filter: { where: 'rating IS NOT NULL AND turns NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8)' } })).toEqual([9]);

    // An injection attempt is a value like any other: it matches nothing.
    expect(await turns({ filter: { where: `meta.lang = 'en" OR datasetId EXISTS OR meta.lang = "x'` } })).toEqual([]);
    const bad = await search({ dataset, filter: { where: "projectId = 'x' OR turns = 1" } });
    expect(bad).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ path: 'filter.where', message: expect.stringMatching(/"projectId" is not a filterable field/) }],
    });
    const typed = await search({ dataset, filter: { conditions: [{ field: 'turns', op: 'EQ', value: 'many' }] } });
    expect(typed.issues).toEqual([
      { path: 'filter.conditions.0', message: '"turns" is a number field: compare it with a number, not "many"' },
    ]);
    expect((await search({ dataset, filter: { where: 'turns = 1; DELETE' } })).issues[0].message).toMatch(
      /unexpected character ";"/,
    );
    expect((await search({ dataset, limit: 1000 })).issues).toEqual([{ path: 'limit', message: 'must be at most 100' }]);
  });

  it('segments Chinese where chn is set', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'zh', [
      { name: 'question', type: 'TEXT', required: true, chn: true },
    ]);
    await insertRecordsInto(t.server, dataset, [
      { question: '我们在北京大学学习人工智能' },
      { question: '今天上海的天气很好' },
      { question: '如何重置我的密码？' },
    ]);
    await waitForIndex(t.server.url);
    expect(await questions({ dataset, query: '北京' })).toEqual(['我们在北京大学学习人工智能']);
    expect(await questions({ dataset, query: '人工智能' })).toEqual(['我们在北京大学学习人工智能']);
    expect(await questions({ dataset, query: '重置密码' })).toEqual(['如何重置我的密码？']);
    expect(await questions({ dataset, query: '天气' })).toEqual(['今天上海的天气很好']);
  });

  it('answers odd Unicode queries without errors', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'unicode', [{ name: 'question', type: 'TEXT' }]);
    await insertRecordsInto(t.server, dataset, [{ question: 'café naïve résumé 🙂 emoji' }, { question: 'مرحبا بالعالم' }]);
    await waitForIndex(t.server.url);
    const odd = [
      '\ud800 lone surrogate',
      '\udfff',
      'zero\u200bwidth\u200d',
      '\u202eRTL override',
      'e\u0301\u0301\u0301 combining',
      'tab\tand\nnewline\u0000nul\u0007bell',
      '🙂🙃'.repeat(50),
      '"unbalanced -minus *star \\ backslash',
      '\uFEFFbom',
      'ＡＢＣ fullwidth',
      '﷽',
      ' ',
      '',
    ];
    for (const query of odd) {
      const result = await search({ dataset, query });
      expect(result.__typename, `${JSON.stringify(query)}: ${JSON.stringify(result)}`).toBe('DatasetSearchResult');
    }
    expect(await questions({ dataset, query: 'cafe resume' })).toEqual(['café naïve résumé 🙂 emoji']);
    expect(await questions({ dataset, query: 'بالعالم' })).toEqual(['مرحبا بالعالم']);
    const long = await search({ dataset, query: 'x'.repeat(1001) });
    expect(long.issues).toEqual([{ path: 'query', message: 'must be at most 1000 characters' }]);
  });

  it('without an embedding model, SEMANTIC says what to configure and FULL_TEXT still works', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'no model', [
      { name: 'question', type: 'TEXT', embedding: true },
    ]);
    await insertRecordsInto(t.server, dataset, [{ question: 'refund my order' }]);
    await waitForIndex(t.server.url);
    for (const mode of ['SEMANTIC', 'HYBRID']) {
      const result = await search({ dataset, query: 'money back', mode });
      expect(result).toMatchObject({ __typename: 'EmbeddingNotConfiguredError', code: 'UNAVAILABLE' });
      expect(result.message).toMatch(/model service of kind EMBEDDING/);
    }
    expect(await questions({ dataset, query: 'refund' })).toEqual(['refund my order']);
  });

  it('never crosses projects or datasets', async () => {
    const fields = [{ name: 'question', type: 'TEXT' }];
    const mine = await createDatasetVia(t.server.url, t.server.adminKey, 'isolation a', fields);
    const sibling = await createDatasetVia(t.server.url, t.server.adminKey, 'isolation b', fields);
    const otherProject = await createProjectVia(t.server.url, t.server.adminKey, 'other project');
    const otherKey = (await createKeyVia(t.server.url, t.server.adminKey, { project: otherProject, role: 'member' })).secret;
    const theirs = await createDatasetVia(t.server.url, otherKey, 'isolation a', fields);
    await insertRecordsInto(t.server, mine, [{ question: 'shared words in mine' }]);
    await insertRecordsInto(t.server, sibling, [{ question: 'shared words in sibling' }]);
    await insertRecordsInto(t.server, theirs, [{ question: 'shared words in theirs' }]);
    await waitForIndex(t.server.url);

    expect(await questions({ dataset: mine, query: 'shared words' })).toEqual(['shared words in mine']);
    expect(await questions({ dataset: theirs, query: 'shared words' }, otherKey)).toEqual(['shared words in theirs']);
    // Another project's dataset is indistinguishable from a missing one.
    expect(await search({ dataset: theirs, query: 'shared' })).toMatchObject({ __typename: 'NotFoundError' });
    expect(await search({ dataset: mine, query: 'shared' }, otherKey)).toMatchObject({ __typename: 'NotFoundError' });
  });

  it('keeps accepting writes while Meilisearch is down and makes them searchable once it is back', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'outage', [{ name: 'question', type: 'TEXT' }]);
    await meili.stop();
    try {
      await insertRecordsInto(t.server, dataset, [{ question: 'written while search was down' }]);
      expect(await readIndexLagVia(t.server.url)).toMatchObject({ pending: 1 });
      const down = await search({ dataset, query: 'written' });
      expect(down).toMatchObject({ __typename: 'UnavailableError', code: 'UNAVAILABLE' });
    } finally {
      await meili.start();
    }
    await waitForIndex(t.server.url);
    expect(await questions({ dataset, query: 'written down' })).toEqual(['written while search was down']);
  });
});
