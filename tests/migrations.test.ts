import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, describe, expect, it } from 'vitest';
import { PGliteAdapter } from '../src/db/index.js';
import { pendingSchemaChange } from '../src/db/migrate.js';
import { backends, dropScratchDatabases } from './helpers/db.js';

afterAll(dropScratchDatabases);

describe('migrations', () => {
  it('produce exactly prisma/schema.prisma (no drift between the schema and prisma/migrations)', async () => {
    expect(await pendingSchemaChange(new PGliteAdapter(new PGlite({ extensions: { pg_trgm } })))).toBe('');
  });

  it('gives the embedded database its trigram name indexes (PGlite ships pg_trgm)', async () => {
    const db = await backends[0]!.open();
    try {
      const rows = await db.prisma.$queryRaw<
        { indexname: string }[]
      >`SELECT indexname FROM pg_indexes WHERE indexname LIKE '%trgm%' ORDER BY 1`;
      expect(rows.map((r) => r.indexname)).toEqual(['PersonAlias_alias_trgm_idx', 'Person_name_trgm_idx']);
    } finally {
      await db.close();
    }
  });

  it.each(backends)('apply once on $name, then find nothing pending', async (backend) => {
    const db = await backend.open(); // open() applies them
    try {
      expect(await db.migrate()).toEqual([]);
      const tables = await db.prisma.$queryRaw<
        { n: bigint }[]
      >`SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
      expect(Number(tables[0]!.n)).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
