import { defineConfig } from 'prisma/config';

// The CLI is only used for `prisma generate` here (the server applies migrations itself);
// people with internet access can still run `prisma migrate deploy` against DATABASE_URL.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/agentloop' },
});
