import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, describe, expect, it } from 'vitest';
import { pendingSchemaChange } from '../src/db/migrate.js';
import { backends, dropScratchDatabases } from './helpers/db.js';

afterAll(dropScratchDatabases);

describe('migrations', () => {
  it('produce exactly prisma/schema.prisma (no drift between the schema and prisma/migrations)', async () => {
    expect(await pendingSchemaChange(new PrismaPGlite(new PGlite()))).toBe('');
  });

  it.each(backends)('apply once on $name, then find nothing pending', async (backend) => {
    const db = await backend.open(); // open() applies them
    try {
      expect(await db.migrate()).toEqual([]);
      const tables = await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
      expect(Number(tables[0]!.n)).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
