import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { lockDataDir } from './data-dir-lock.js';
import type { Database } from './database.js';
import type { PreparedStatement, SqlClient, SqlSession } from './sql-client.js';

/** PGlite has one connection and queues work itself, so a "session" is simply the instance. */
const sessionOf = (queryable: Pick<PGlite, 'query' | 'exec'>): SqlSession => ({
  // PGlite's query takes no statement name: it plans every statement each time.
  query: async <Row>(statement: string | PreparedStatement, params?: unknown[]) =>
    (await queryable.query<Row>(typeof statement === 'string' ? statement : statement.text, params)).rows,
  exec: async (script: string) => {
    await queryable.exec(script);
  },
  // PGlite has no STDIN: COPY reads the rows from a Blob it exposes as the file /dev/blob.
  copyFrom: async (copyStatement: string, rows: Buffer) => {
    const text = copyStatement.replace(/FROM STDIN$/, "FROM '/dev/blob'");
    const result = await queryable.query(text, [], { blob: new Blob([new Uint8Array(rows)]) });
    return result.affectedRows ?? 0;
  },
});

export const pgliteSqlClient = (pglite: PGlite): SqlClient => {
  const session = sessionOf(pglite);
  return {
    ...session,
    withSession: (fn) => fn(session),
    // PGlite's own transaction() holds its connection exclusively until fn settles.
    transaction: (fn) => pglite.transaction((tx) => fn(sessionOf(tx))),
  };
};

/**
 * The embedded default: Postgres compiled to WebAssembly, in this process.
 * `dataDir` undefined means an in-memory database (tests).
 */
export const openPglite = async (dataDir: string | undefined): Promise<Database> => {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const lock = dataDir ? await lockDataDir(dataDir) : null;
  const pglite = await PGlite.create(dataDir ? { dataDir } : {}).catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });
  const sql = pgliteSqlClient(pglite);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: 'pglite',
    prisma,
    sql,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      await lock?.release();
    },
  };
};
