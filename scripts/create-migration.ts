// npm run db:migration -- <name>: writes the next migration from prisma/schema.prisma, offline.
import { createMigration } from '../server/src/db/migrations/create-migration.js';

const name = process.argv[2];
if (!name) {
  console.error('usage: npm run db:migration -- <name>   (e.g. add_traces)');
  process.exit(2);
}
const created = await createMigration(name);
console.log(created ? `Created ${created.path}` : 'schema.prisma matches the migrations; nothing to create.');
