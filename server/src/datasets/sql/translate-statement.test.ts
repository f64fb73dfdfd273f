import { describe, expect, it } from 'vitest';
import { parseDatasetFields } from '../dataset-fields.js';
import { parseStatement } from './parse-statement.js';
import { DatasetSqlError, SqlRefusal, toDatasetSqlError } from './sql-error.js';
import type { SqlTarget } from './sql-target.js';
import { type SqlPlan, translateStatement } from './translate-statement.js';

const target: SqlTarget = {
  projectId: '00000000-0000-7000-8000-00000000000a',
  datasetId: '00000000-0000-7000-8000-00000000000b',
  dataset: {
    name: 'qa',
    fields: parseDatasetFields([
      { name: 'question', type: 'text' },
      { name: 'score', type: 'long' },
      { name: 'ratio', type: 'double' },
      { name: 'meta', type: 'json' },
      { name: 'Answer', type: 'text' },
    ]),
  },
};
const P = [target.projectId, target.datasetId];
const ID = '0190a0b0-0000-7000-8000-000000000001';
const SCOPE = `FROM "DatasetRecord" r WHERE r."projectId" = $1::uuid AND r."datasetId" = $2::uuid`;

const translateSql = async (sql: string, params: unknown[] = []): Promise<SqlPlan> => {
  const stmt = await parseStatement(sql);
  try {
    return translateStatement(target, stmt, params);
  } catch (error) {
    if (error instanceof SqlRefusal) throw toDatasetSqlError(sql, error);
    throw error;
  }
};

const refusal = async (sql: string, params: unknown[] = []) => {
  const error = await translateSql(sql, params).then(
    (plan) => {
      throw new Error(`accepted: ${JSON.stringify(plan)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetSqlError);
  return error as DatasetSqlError;
};

describe('accepted statements translate to scoped, parameterised SQL', () => {
  const cases: { sql: string; params?: unknown[]; expected: Partial<SqlPlan> & Record<string, unknown> }[] = [
    {
      sql: 'SELECT * FROM qa',
      expected: {
        sql: `SELECT r.id AS "c0", (r.data ->> $3::text) AS "c1", (r.data -> $4::text)::numeric AS "c2", (r.data -> $5::text)::numeric AS "c3", (r.data -> $6::text) AS "c4", (r.data ->> $7::text) AS "c5" ${SCOPE} LIMIT $8::bigint`,
        params: [...P, 'question', 'score', 'ratio', 'meta', 'Answer', '1001'],
        columns: ['id', 'question', 'score', 'ratio', 'meta', 'Answer'],
      },
    },
    {
      sql: `SELECT question, meta.a.b FROM dataset WHERE meta.a.b = 'x' AND score > 3 ORDER BY score DESC NULLS LAST LIMIT 10 OFFSET 5`,
      expected: {
        sql: `SELECT (r.data ->> $7::text) AS "c0", (r.data #> $3::text[]) AS "c1" ${SCOPE} AND (((r.data #>> $3::text[]) = $4::text) AND ((r.data -> $5::text)::numeric > $6::numeric)) ORDER BY (r.data -> $5::text)::numeric DESC NULLS LAST LIMIT $8::bigint OFFSET $9::bigint`,
        params: [...P, ['meta', 'a', 'b'], 'x', 'score', '3', 'question', '10', '5'],
        columns: ['question', 'meta.a.b'],
        maxRows: 10,
        capped: false,
      },
    },
    {
      // json compared with a number compares numerically; other kinds of json are NULL, not errors.
      sql: 'SELECT id FROM qa WHERE meta.n > 2.5',
      expected: {
        sql: `SELECT r.id AS "c0" ${SCOPE} AND ((CASE WHEN jsonb_typeof((r.data #> $3::text[])) = 'number' THEN ((r.data #> $3::text[]))::numeric END) > $4::numeric) LIMIT $5::bigint`,
        params: [...P, ['meta', 'n'], '2.5', '1001'],
      },
    },
    {
      sql: 'SELECT meta.kind, count(*), avg(score) FROM qa GROUP BY meta.kind HAVING count(*) > 1 ORDER BY 2 DESC',
      expected: {
        sql: `SELECT (r.data #> $3::text[]) AS "c0", count(*) AS "c1", avg((r.data -> $4::text)::numeric) AS "c2" ${SCOPE} GROUP BY (r.data #> $3::text[]) HAVING (count(*) > $5::numeric) ORDER BY count(*) DESC LIMIT $6::bigint`,
        params: [...P, ['meta', 'kind'], 'score', '1', '1001'],
        columns: ['meta.kind', 'count', 'avg'],
      },
    },
    {
      sql: `SELECT lower(question) AS q FROM qa AS d WHERE d.question ILIKE '%a%' AND id IN ('${ID}', '${ID.toUpperCase()}') OR meta @> '{"a":1}'`,
      expected: {
        sql: `SELECT lower((r.data ->> $3::text)) AS "c0" ${SCOPE} AND ((((r.data ->> $3::text) ILIKE $4::text) AND (r.id = ANY($5::uuid[]))) OR ((r.data -> $6::text) @> $7::jsonb)) LIMIT $8::bigint`,
        params: [...P, 'question', '%a%', [ID, ID], 'meta', '{"a":1}', '1001'],
        columns: ['q'],
      },
    },
    {
      // Unquoted names fold to lower case and still find "Answer"; quoted json keys keep their case.
      sql: 'SELECT answer, meta."userName" FROM qa WHERE Answer IS NOT NULL',
      expected: {
        sql: `SELECT (r.data ->> $3::text) AS "c0", (r.data #> $4::text[]) AS "c1" ${SCOPE} AND ((r.data ->> $3::text) IS NOT NULL) LIMIT $5::bigint`,
        params: [...P, 'Answer', ['meta', 'userName'], '1001'],
        columns: ['Answer', 'meta.userName'],
      },
    },
    {
      sql: 'SELECT question FROM qa WHERE score = $1 AND meta = $2 AND question = $3',
      params: [3, { a: [1] }, "x' OR '1'='1"],
      expected: {
        sql: `SELECT (r.data ->> $7::text) AS "c0" ${SCOPE} AND (((r.data -> $3::text)::numeric = $4::numeric) AND ((r.data -> $5::text) = $6::jsonb) AND ((r.data ->> $7::text) = $8::text)) LIMIT $9::bigint`,
        params: [...P, 'score', '3', 'meta', '{"a":[1]}', 'question', "x' OR '1'='1", '1001'],
      },
    },
    {
      sql: `INSERT INTO qa (question, score, meta, ratio) VALUES ('a', 1, '{"k":[1]}', -0.5), ('b', -2, NULL, DEFAULT), ($1, '7', $2::jsonb, 1e3)`,
      params: ['c', '{"k":2}'],
      expected: {
        kind: 'INSERT',
        rows: [
          { question: 'a', score: 1, meta: { k: [1] }, ratio: -0.5 },
          { question: 'b', score: -2, meta: null },
          { question: 'c', score: 7, meta: '{"k":2}', ratio: 1000 },
        ],
      },
    },
    {
      sql: `UPDATE qa SET score = score + 1, meta.a = 'x', meta.b.c = NULL WHERE id = '${ID}' AND score < 5`,
      expected: {
        kind: 'UPDATE',
        sql: `SELECT r.id::text AS id, r.version AS version, ((r.data -> $4::text)::numeric + $6::numeric) AS "v0", jsonb_set(jsonb_set(COALESCE(r.data -> $8::text, '{}'::jsonb), $9::text[], COALESCE(to_jsonb($7::text), 'null'::jsonb), true), $10::text[], COALESCE(NULL::jsonb, 'null'::jsonb), true) AS "v1" ${SCOPE} AND ((r.id = $3::uuid) AND ((r.data -> $4::text)::numeric < $5::numeric)) ORDER BY r.id FOR UPDATE`,
        params: [...P, ID, 'score', '5', '1', 'x', 'meta', ['a'], ['b', 'c']],
        fields: [
          { name: 'score', type: 'numeric' },
          { name: 'meta', type: 'jsonb' },
        ],
      },
    },
    {
      sql: `DELETE FROM qa WHERE id IN ($1, $2)`,
      params: [ID, ID],
      expected: {
        kind: 'DELETE',
        sql: `SELECT r.id::text AS id ${SCOPE} AND (r.id = ANY($3::uuid[])) ORDER BY r.id FOR UPDATE`,
        params: [...P, [ID, ID]],
      },
    },
  ];

  it.each(cases)('$sql', async ({ sql, params, expected }) => {
    expect(await translateSql(sql, params)).toMatchObject(expected);
  });

  it('keeps every user value out of the SQL text, whatever it contains', async () => {
    const nasty = [
      '\'; DROP TABLE "DatasetRecord"; --',
      '$$; DELETE FROM "Project"; $$',
      '\\x00 /* */ -- ; pg_sleep(10)',
      '") OR 1=1 --',
      'U&"\\0061"',
    ];
    for (const value of nasty) {
      const plan = await translateSql('SELECT id FROM qa WHERE question = $1 OR meta.k = $1', [value]);
      if (plan.kind !== 'SELECT') throw new Error('unreachable');
      expect(plan.sql).not.toContain(value);
      expect(plan.params).toContain(value);
    }
    // Quoting tricks in literals are decoded by the real Postgres parser and still only bound.
    const plan = await translateSql(
      `SELECT id FROM qa WHERE question = $q$'; DROP TABLE x; --$q$ OR question = U&'\\0027' OR question = E'\\''`,
    );
    if (plan.kind !== 'SELECT') throw new Error('unreachable');
    expect(plan.params).toEqual(expect.arrayContaining(["'; DROP TABLE x; --", "'"]));
    expect(plan.sql).not.toMatch(/DROP|'''/);
  });

  it("takes record ids as UUIDs or as the API's DatasetRecord IDs", async () => {
    const globalId = Buffer.from(`DatasetRecord:${ID}`).toString('base64url');
    const plan = await translateSql(`DELETE FROM qa WHERE id = '${globalId}'`);
    expect(plan).toMatchObject({ params: [...P, ID] });
    const other = Buffer.from(`Dataset:${ID}`).toString('base64url');
    expect((await refusal(`DELETE FROM qa WHERE id = '${other}'`)).message).toMatch(/is not a record id/);
  });

  it('resolves identifiers only to the dataset: comments vanish, escapes decode to a field or fail', async () => {
    const commented = await translateSql(`SELECT id FROM qa /* ; DROP TABLE x; */ WHERE score > 1 -- ; DELETE FROM qa`);
    if (commented.kind !== 'SELECT') throw new Error('unreachable');
    expect(commented.sql).not.toMatch(/DROP|DELETE/);
    // A unicode-escaped identifier is still just a name: here it spells the field question.
    const escaped = await translateSql(`SELECT U&"\\0071uestion" FROM qa`);
    expect(escaped).toMatchObject({ columns: ['question'], params: [...P, 'question', '1001'] });
    for (const [sql, message] of [
      ['SELECT "question; DROP TABLE x" FROM qa', /unknown column "question; DROP TABLE x"/],
      ['SELECT id FROM "qa; DROP TABLE x"', /table "qa; DROP TABLE x" is not reachable/],
      ['SELECT id FROM qa AS "r"" ; DROP TABLE x; --" WHERE "r"" ; DROP TABLE x; --".nope = 1', /unknown column "nope"/],
      ['SELECT id FROM qa WHERE meta."a\'); DROP TABLE x; --" = $$x$$ AND pg_sleep(1) IS NULL', /pg_sleep\(\) is not allowed/],
    ] as const) {
      expect((await refusal(sql)).message).toMatch(message);
    }
  });

  it('binds a 1000-item IN list as one array parameter', async () => {
    const list = Array.from({ length: 1000 }, (_, i) => i).join(',');
    const plan = await translateSql(`SELECT id FROM qa WHERE score IN (${list})`);
    if (plan.kind !== 'SELECT') throw new Error('unreachable');
    expect(plan.sql).toContain('= ANY($4::numeric[])');
    expect(plan.params).toHaveLength(5);
  });
});

describe('refused statements say what and where', () => {
  const cases: { sql: string; message: RegExp; column?: number; params?: unknown[] }[] = [
    // Statement kinds and shapes
    { sql: 'SELECT * FROM qa; DROP TABLE qa', message: /has 2 statements/, column: 19 },
    { sql: 'SELECT 1;;SELECT 2', message: /has 2 statements/ },
    { sql: 'DROP TABLE qa', message: /DROP is not allowed/, column: 1 },
    { sql: 'CREATE TABLE x (a int)', message: /CREATE TABLE is not allowed/ },
    { sql: 'TRUNCATE qa', message: /TRUNCATE is not allowed/ },
    { sql: "SET search_path = 'pg_catalog'", message: /SET is not allowed/ },
    { sql: "COPY qa TO '/tmp/x'", message: /COPY is not allowed/ },
    { sql: 'BEGIN', message: /transaction control/ },
    { sql: 'DO $$ BEGIN PERFORM pg_sleep(1); END $$', message: /DO is not allowed/ },
    { sql: 'EXPLAIN SELECT * FROM qa', message: /EXPLAIN is not allowed/ },
    { sql: 'GRANT ALL ON qa TO public', message: /GRANT/ },
    { sql: '', message: /must not be empty|is empty/ },
    { sql: '-- just a comment', message: /is empty/ },
    { sql: "SELECT 'unterminated FROM qa", message: /syntax error: unterminated quoted string/, column: 8 },
    { sql: 'SELEC * FROM qa', message: /syntax error/, column: 1 },
    // Tables
    { sql: 'SELECT 1', message: /FROM is required/ },
    { sql: 'SELECT * FROM pg_catalog.pg_tables', message: /"pg_catalog.pg_tables" is not reachable/, column: 15 },
    { sql: 'SELECT * FROM pg_tables', message: /table "pg_tables" is not reachable/ },
    { sql: 'SELECT * FROM "DatasetRecord"', message: /table "DatasetRecord" is not reachable/ },
    { sql: 'SELECT * FROM public.qa', message: /"public.qa" is not reachable/ },
    { sql: 'SELECT * FROM otherdb.public.qa', message: /is not reachable/ },
    { sql: 'SELECT * FROM qa, qa AS b', message: /joins are not allowed/ },
    { sql: 'SELECT * FROM qa JOIN qa b ON true', message: /joins are not allowed/ },
    { sql: 'SELECT * FROM (SELECT 1) AS s', message: /subqueries in FROM/ },
    { sql: 'SELECT * FROM generate_series(1, 10)', message: /functions in FROM/ },
    { sql: "SELECT * FROM dblink('dbname=x', 'select 1') AS t(a int)", message: /functions in FROM/ },
    { sql: 'SELECT * FROM qa TABLESAMPLE SYSTEM (10)', message: /TABLESAMPLE/ },
    { sql: 'SELECT * FROM qa AS d(a, b)', message: /renaming columns/ },
    // Clauses
    { sql: 'WITH x AS (SELECT 1) SELECT * FROM qa', message: /WITH/ },
    { sql: 'SELECT id FROM qa UNION SELECT id FROM qa', message: /UNION/ },
    { sql: 'SELECT id INTO newtable FROM qa', message: /SELECT INTO/ },
    { sql: 'SELECT id FROM qa FOR UPDATE', message: /FOR UPDATE/ },
    { sql: 'SELECT DISTINCT ON (score) id FROM qa', message: /DISTINCT ON/ },
    { sql: 'SELECT count(*) OVER () FROM qa', message: /window functions/ },
    { sql: 'SELECT id FROM qa LIMIT (SELECT 1)', message: /LIMIT takes a constant/ },
    { sql: 'SELECT id FROM qa LIMIT -1', message: /non-negative/ },
    { sql: 'SELECT id FROM qa GROUP BY ROLLUP (score)', message: /ROLLUP/ },
    // Columns
    { sql: 'SELECT ctid FROM qa', message: /system column ctid is not available/, column: 8 },
    { sql: 'SELECT xmin, tableoid FROM qa', message: /system column xmin/ },
    { sql: 'SELECT nope FROM qa', message: /unknown column "nope"; the columns are id, question, score, ratio, meta, Answer/ },
    { sql: 'SELECT pg_catalog.pg_class.oid FROM qa', message: /unknown table or column "pg_catalog"/ },
    { sql: 'SELECT question.x FROM qa', message: /question is a text field; only json fields have sub-fields/ },
    { sql: 'SELECT question FROM qa GROUP BY score', message: /column question must appear in GROUP BY/, column: 8 },
    { sql: 'SELECT id FROM qa WHERE count(*) > 1', message: /aggregate count\(\) is not allowed in WHERE/ },
    { sql: 'SELECT sum(count(*)) FROM qa', message: /inside another aggregate/ },
    { sql: 'SELECT min(meta) FROM qa', message: /min\(\) of a json value/ },
    // Functions, operators, casts, constructs
    { sql: 'SELECT pg_sleep(10) FROM qa', message: /function pg_sleep\(\) is not allowed/, column: 8 },
    { sql: "SELECT current_setting('is_superuser') FROM qa", message: /function current_setting\(\) is not allowed/ },
    { sql: "SELECT set_config('search_path', 'x', false) FROM qa", message: /set_config\(\) is not allowed/ },
    { sql: "SELECT pg_read_file('/etc/passwd') FROM qa", message: /pg_read_file\(\) is not allowed/ },
    { sql: "SELECT lo_import('/etc/passwd') FROM qa", message: /lo_import\(\) is not allowed/ },
    { sql: "SELECT dblink_exec('x', 'DROP TABLE y') FROM qa", message: /dblink_exec\(\) is not allowed/ },
    { sql: "SELECT nextval('s') FROM qa", message: /nextval\(\) is not allowed/ },
    { sql: 'SELECT pg_catalog.lower(question) FROM qa', message: /functions are called by bare name/ },
    { sql: 'SELECT question::regclass FROM qa', message: /cast to regclass is not allowed/ },
    { sql: "SELECT 'pg_class'::regclass::oid FROM qa", message: /cast to oid is not allowed/ },
    { sql: 'SELECT question::varchar(3) FROM qa', message: /type modifiers/ },
    { sql: 'SELECT (SELECT 1) FROM qa', message: /subqueries are not allowed/ },
    { sql: 'SELECT id FROM qa WHERE EXISTS (SELECT 1 FROM "ApiKey")', message: /subqueries are not allowed/ },
    { sql: 'SELECT id FROM qa WHERE id IN (SELECT id FROM qa)', message: /subqueries are not allowed/ },
    { sql: 'SELECT current_user FROM qa', message: /CURRENT_USER/ },
    { sql: 'SELECT ARRAY[1] FROM qa', message: /ARRAY constructors/ },
    { sql: 'SELECT question COLLATE "C" FROM qa', message: /COLLATE/ },
    { sql: "SELECT id FROM qa WHERE question ~ '(a+)+$'", message: /operator ~ is not allowed/ },
    { sql: "SELECT id FROM qa WHERE question SIMILAR TO 'a'", message: /SIMILAR TO/ },
    { sql: 'SELECT id FROM qa WHERE score OPERATOR(pg_catalog.=) 1', message: /schema-qualified operators/ },
    { sql: 'SELECT id FROM qa WHERE question = 5', message: /a number \(5\) is used where text is expected/, column: 36 },
    { sql: "SELECT id FROM qa WHERE score = 'abc'", message: /'abc' is not a number/ },
    { sql: "SELECT id FROM qa WHERE id = 'abc'", message: /'abc' is not a record id/ },
    { sql: "SELECT id FROM qa WHERE meta @> '{bad'", message: /is not valid JSON/ },
    { sql: 'SELECT id FROM qa WHERE score = $2', params: [1], message: /parameter \$2 was not given \(1 given\)/ },
    {
      sql: `SELECT id FROM qa WHERE score IN (${Array(1001).fill('1').join(',')})`,
      message: /at most 1000 items; this one has 1001/,
    },
    { sql: `SELECT id FROM qa WHERE ${'NOT '.repeat(150)} true`, message: /nested more than 100 levels/ },
    // Writes
    { sql: 'UPDATE qa SET score = 1', message: /UPDATE must target records by id/, column: 1 },
    { sql: 'UPDATE qa SET score = 1 WHERE score > 0', message: /UPDATE must target records by id/, column: 31 },
    { sql: `UPDATE qa SET score = 1 WHERE id = '${ID}' OR score > 0`, message: /must target records by id/ },
    { sql: `UPDATE qa SET score = 1 WHERE id <> '${ID}'`, message: /must target records by id/ },
    { sql: `UPDATE qa SET score = 1 WHERE id NOT IN ('${ID}')`, message: /must target records by id/ },
    { sql: `UPDATE qa SET score = 1 WHERE id = id`, message: /must target records by id/ },
    { sql: `UPDATE qa SET id = '${ID}' WHERE id = '${ID}'`, message: /id is generated and immutable/ },
    { sql: `UPDATE qa SET score = 1 FROM qa b WHERE id = '${ID}'`, message: /UPDATE … FROM/ },
    { sql: `UPDATE qa SET score = 1 WHERE id = '${ID}' RETURNING *`, message: /RETURNING/ },
    { sql: `UPDATE pg_authid SET rolsuper = true WHERE id = '${ID}'`, message: /table "pg_authid" is not reachable/ },
    { sql: `UPDATE qa SET score = 1, score = 2 WHERE id = '${ID}'`, message: /assigned twice/ },
    { sql: `UPDATE qa SET question.a = 1 WHERE id = '${ID}'`, message: /only json fields have sub-fields/ },
    { sql: `UPDATE qa SET score = count(*) WHERE id = '${ID}'`, message: /aggregate count\(\) is not allowed in SET/ },
    { sql: 'DELETE FROM qa', message: /DELETE must target records by id/ },
    { sql: 'DELETE FROM qa WHERE true', message: /DELETE must target records by id/ },
    { sql: `DELETE FROM qa USING qa b WHERE id = '${ID}'`, message: /DELETE … USING/ },
    { sql: 'INSERT INTO qa VALUES (1)', message: /name the columns/ },
    { sql: 'INSERT INTO qa (id, question) VALUES (1, 2)', message: /id is generated and immutable/ },
    { sql: "INSERT INTO qa (nope) VALUES ('x')", message: /unknown column "nope"/ },
    { sql: 'INSERT INTO qa (question) SELECT question FROM qa', message: /INSERT … SELECT is not allowed/ },
    { sql: "INSERT INTO qa (question) VALUES (lower('X'))", message: /INSERT values must be constants/ },
    { sql: "INSERT INTO qa (question) VALUES ('x') ON CONFLICT DO NOTHING", message: /ON CONFLICT/ },
    { sql: "INSERT INTO qa (question) VALUES ('x') RETURNING id", message: /RETURNING/ },
    { sql: "INSERT INTO qa (question, score) VALUES ('x')", message: /VALUES has 1 values where 2 columns are named/ },
    { sql: "INSERT INTO qa (meta) VALUES ('{nope')", message: /not valid JSON/ },
    { sql: `INSERT INTO qa (question) VALUES ${Array(1001).fill("('x')").join(',')}`, message: /at most 1000 rows per INSERT/ },
    { sql: "INSERT INTO pg_catalog.pg_proc (proname) VALUES ('x')", message: /is not reachable/ },
  ];

  it.each(cases)('$sql', async ({ sql, message, column, params }) => {
    const error = await refusal(sql, params);
    expect(error.issues[0]?.path).toBe('sql');
    expect(error.message).toMatch(message);
    if (column !== undefined) expect(error.position?.column).toBe(column);
  });

  it('refuses oversized statements before parsing them', async () => {
    expect((await refusal(`SELECT id FROM qa WHERE question = '${'x'.repeat(300_000)}'`)).message).toMatch(
      /at most 262144 are allowed/,
    );
  });

  it('counts positions in characters across lines', async () => {
    const error = await refusal("SELECT 'é',\n  pg_sleep(1) FROM qa");
    expect(error.position).toEqual({ position: 15, line: 2, column: 3 });
  });
});
