// The Prisma CLI is only used for `prisma generate` here; migrations run through the
// WebAssembly schema engine (src/db/migrate.ts), so no datasource URL is needed.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
