import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { copyFromStdin } from './copy-from-stdin.js';
import type { Database } from './database.js';
import type { PreparedStatement, SqlClient, SqlSession } from './sql-client.js';

const sessionOf = (client: pg.Pool | pg.PoolClient): SqlSession => ({
  query: async <Row>(statement: string | PreparedStatement, params?: unknown[]) => {
    // pg remembers per connection which names it prepared, and parses a name only the first time.
    const result =
      typeof statement === 'string'
        ? await client.query(statement, params)
        : await client.query({ name: statement.name, text: statement.text, values: params ?? [] });
    return result.rows as Row[];
  },
  exec: async (script: string) => {
    // The simple query protocol (no parameters) runs a multi-statement script in one round trip.
    await client.query(script);
  },
  copyFrom: async (copyStatement: string, rows: Buffer) => {
    // COPY needs one connection from start to end; a pool lends one for just this statement.
    if (client instanceof pg.Pool) {
      const pinned = await client.connect();
      try {
        return await copyFromStdin(pinned, copyStatement, [rows]);
      } finally {
        pinned.release();
      }
    }
    return copyFromStdin(client, copyStatement, [rows]);
  },
});

/** Production: PostgreSQL through one pg pool shared by Prisma and raw SQL. */
export const openPostgres = async (
  url: string,
  poolSize: number,
  onIdleClientError: (error: Error) => void = () => {},
): Promise<Database> => {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client whose connection dies (Postgres restart, failover, a DBA's pg_terminate_backend)
  // emits 'error' on the pool; unhandled, that would crash the process. The pool replaces the client.
  pool.on('error', (error) => onIdleClientError(error));
  // Fail at start-up, not on the first request, when the database is unreachable.
  await pool.query('SELECT 1');
  const withSession: SqlClient['withSession'] = async (fn) => {
    const client = await pool.connect();
    try {
      return await fn(sessionOf(client));
    } finally {
      client.release();
    }
  };
  const sql: SqlClient = {
    ...sessionOf(pool),
    withSession,
    transaction: (fn) =>
      withSession(async (session) => {
        await session.exec('BEGIN');
        try {
          const result = await fn(session);
          await session.exec('COMMIT');
          return result;
        } catch (error) {
          await session.exec('ROLLBACK');
          throw error;
        }
      }),
  };
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: 'postgres',
    prisma,
    sql,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
};
