// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that brings the committed migrations up to prisma/schema.prisma, computed by the
// WebAssembly schema engine on a throwaway in-memory PGlite (no server, no native engine).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGliteAdapter } from '../src/db/index.js';
import { migrationsDir, pendingSchemaChange } from '../src/db/migrate.js';

const name = (process.argv[2] ?? '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_|_$/g, '');
if (!name) {
  console.error('usage: npm run db:migration -- <name>');
  process.exit(2);
}
const sql = await pendingSchemaChange(new PGliteAdapter(new PGlite({ extensions: { pg_trgm } })));
if (!sql) {
  console.log('The migrations already match prisma/schema.prisma: nothing to write.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(join(dir, 'migration.sql'), `${sql}\n`);
console.log(`Wrote ${dir}/migration.sql`);
