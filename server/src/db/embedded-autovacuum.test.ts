import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { autovacuumOnce, startEmbeddedAutovacuum } from './embedded-autovacuum.js';
import { pgliteSqlClient } from './open-pglite.js';
import type { SqlClient } from './sql-client.js';

let pglite: PGlite;
let sql: SqlClient;

// One database (starting PGlite takes seconds); each test gets the table new, with no statistics.
beforeAll(async () => {
  pglite = await PGlite.create();
  sql = pgliteSqlClient(pglite);
});

beforeEach(async () => {
  await sql.exec(`DROP TABLE IF EXISTS "Record";
                  CREATE TABLE "Record" (id int PRIMARY KEY, project int NOT NULL, dataset int NOT NULL);
                  CREATE INDEX ON "Record" (project, dataset);`);
});

afterAll(async () => {
  await pglite.close();
});

const fill = (rows: number) => sql.exec(`INSERT INTO "Record" SELECT g, 1, g % 3 FROM generate_series(1, ${rows}) g`);

const planOf = async (text: string) =>
  (await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`)).map((row) => row['QUERY PLAN']).join('\n');

const statsOf = async () =>
  (
    await sql.query<{ reltuples: number; analyzed: boolean; vacuumed: boolean }>(
      `SELECT c.reltuples, s.last_analyze IS NOT NULL AS analyzed, s.last_vacuum IS NOT NULL AS vacuumed
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = 'Record'`,
    )
  )[0];

describe('autovacuumOnce', () => {
  it('analyzes a table filled in bulk, so the planner reads a few rows by primary key', async () => {
    await fill(30_000);
    const byId = 'SELECT * FROM "Record" WHERE project = 1 AND dataset = 1 AND id = ANY(ARRAY[4, 400, 4000])';
    // Never analyzed: the planner takes the table for tiny and walks a third of it on the other index.
    expect(await planOf(byId)).toContain('Record_project_dataset_idx');

    expect(await autovacuumOnce(sql)).toEqual(['public.Record']);

    expect(await statsOf()).toMatchObject({ reltuples: 30_000, analyzed: true, vacuumed: false });
    expect(await planOf(byId)).toContain('Record_pkey');
  });

  it('leaves a table alone until 10% of it changed, as PostgreSQL does', async () => {
    await fill(10_000);
    await autovacuumOnce(sql);
    await sql.exec('UPDATE "Record" SET dataset = 9 WHERE id <= 900');
    expect(await autovacuumOnce(sql)).toEqual([]);
    await sql.exec('UPDATE "Record" SET dataset = 9 WHERE id <= 300');
    expect(await autovacuumOnce(sql)).toEqual(['public.Record']);
  });

  it('vacuums a table once a fifth of its rows are dead', async () => {
    await fill(10_000);
    await autovacuumOnce(sql);
    await sql.exec('DELETE FROM "Record" WHERE id <= 5000');
    expect(await autovacuumOnce(sql)).toEqual(['public.Record']);
    expect(await statsOf()).toMatchObject({ reltuples: 5000, vacuumed: true });
  });
});

describe('startEmbeddedAutovacuum', () => {
  it('works on a timer and stops after the round in progress', async () => {
    await fill(1000);
    const errors: unknown[] = [];
    const stop = startEmbeddedAutovacuum(sql, 'pglite', (error) => errors.push(error), 20);
    await expect.poll(async () => (await statsOf())?.analyzed, { timeout: 5000 }).toBe(true);
    await stop();
    expect(errors).toEqual([]);
  });

  it('does nothing on PostgreSQL, which has its own', async () => {
    await fill(1000);
    const stop = startEmbeddedAutovacuum(sql, 'postgres', () => {}, 20);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await stop();
    expect(await statsOf()).toMatchObject({ analyzed: false });
  });
});
