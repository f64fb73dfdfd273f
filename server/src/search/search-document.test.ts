import { describe, expect, it } from 'vitest';
import { parseDatasetFields } from '../datasets/dataset-fields.js';
import { settingsFor } from './index-settings.js';
import { buildSearchDocument, embeddingTexts } from './search-document.js';

const fields = parseDatasetFields([
  { name: 'question', type: 'text', chn: true, embedding: true },
  { name: '_vectors', type: 'text' },
  { name: 'n', type: 'long' },
  { name: 'x', type: 'double' },
  { name: 'meta', type: 'json', jsonKeys: ['lang', 'a.b'] },
  { name: 'raw', type: 'json' },
]);
const dataset = { id: 'd', projectId: 'p', fields };

describe('buildSearchDocument', () => {
  it('namespaces fields, flattens json keys and always carries project and dataset', () => {
    const document = buildSearchDocument(
      dataset,
      {
        id: 'r',
        data: {
          question: '你好',
          _vectors: 'a field, not vectors',
          n: 1,
          x: 0.5,
          meta: { lang: 'zh', a: { b: [1, 2] }, c: 3 },
          raw: { z: 1 },
        },
      },
      new Map([['question', [0.1, 0.2]]]),
    );
    expect(document).toEqual({
      id: 'r',
      projectId: 'p',
      datasetId: 'd',
      'f.question': '你好',
      'f._vectors': 'a field, not vectors',
      'f.n': 1,
      'f.x': 0.5,
      'f.meta.lang': 'zh',
      'f.meta.a.b': [1, 2],
      _vectors: { question: [0.1, 0.2] },
    });
  });

  it('opts a record out of every embedding field it has no vector for', () => {
    expect(buildSearchDocument(dataset, { id: 'r', data: {} })._vectors).toEqual({ question: null });
    expect(buildSearchDocument({ ...dataset, fields: fields.slice(1) }, { id: 'r', data: {} })).not.toHaveProperty('_vectors');
  });

  it('embeds only non-blank text of embedding fields', () => {
    expect([...embeddingTexts(fields, { question: 'q', _vectors: 'no' })]).toEqual([['question', 'q']]);
    expect(embeddingTexts(fields, { question: '  ' }).size).toBe(0);
  });
});

describe('settingsFor', () => {
  it('follows the schema: searchable text, filterable numbers and json keys, Chinese, embedders of known size', () => {
    expect(settingsFor(fields, new Map([['question', 64]]))).toEqual({
      searchableAttributes: ['f.question', 'f._vectors', 'f.meta.lang', 'f.meta.a.b'],
      filterableAttributes: ['projectId', 'datasetId', 'f.n', 'f.x', 'f.meta.lang', 'f.meta.a.b'],
      sortableAttributes: ['f.n', 'f.x'],
      localizedAttributes: [{ attributePatterns: ['f.question'], locales: ['cmn'] }],
      embedders: { question: { source: 'userProvided', dimensions: 64 } },
    });
    expect(settingsFor(fields, new Map()).embedders).toEqual({});
  });
});
