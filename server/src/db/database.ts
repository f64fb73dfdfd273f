import type { PrismaClient } from '../generated/prisma/client.js';
import type { SqlClient } from './sql-client.js';

/** An open system of record: Prisma for domain work, raw SQL for set-based work. */
export type Database = {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  sql: SqlClient;
  close(): Promise<void>;
};
