import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/src/db/database.js';
import { preparedStatement } from '../server/src/db/sql-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const DOUBLE = preparedStatement('test_double', 'SELECT ($1::int * 2) AS doubled');

describe('prepared statements through the SQL client', () => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await database.open();
  });
  afterAll(() => database.drop());

  it('run again and again on one connection, in and out of transactions, with new parameters each time', async () => {
    await db.sql.withSession(async (session) => {
      for (const n of [1, 2, 3]) expect(await session.query(DOUBLE, [n])).toEqual([{ doubled: n * 2 }]);
    });
    expect(await db.sql.transaction((tx) => tx.query(DOUBLE, [21]))).toEqual([{ doubled: 42 }]);
    // Through the pool: whichever connection answers, prepared there or not yet.
    const answers = await Promise.all([4, 5, 6, 7, 8, 9].map((n) => db.sql.query<{ doubled: number }>(DOUBLE, [n])));
    expect(answers.map((rows) => rows[0]?.doubled)).toEqual([8, 10, 12, 14, 16, 18]);
  });

  it('report a failing execution as the error it is, and the connection goes on working', async () => {
    await db.sql.withSession(async (session) => {
      await expect(session.query(DOUBLE, ['not a number'])).rejects.toThrow(/invalid input syntax/);
      expect(await session.query(DOUBLE, [5])).toEqual([{ doubled: 10 }]);
    });
  });

  it('follow a change of the tables they read', async () => {
    const count = preparedStatement('test_count_probe', 'SELECT count(*)::int AS n FROM prepared_probe WHERE v > $1');
    await db.sql.exec('CREATE TABLE prepared_probe (v int)');
    await db.sql.withSession(async (session) => {
      await session.exec('INSERT INTO prepared_probe VALUES (1), (2), (3)');
      expect(await session.query(count, [1])).toEqual([{ n: 2 }]);
      // PostgreSQL replans a prepared statement whose table changed, as after a migration.
      await session.exec('ALTER TABLE prepared_probe ALTER COLUMN v TYPE bigint');
      expect(await session.query(count, [0])).toEqual([{ n: 3 }]);
    });
  });
});
