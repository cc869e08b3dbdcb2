// Indexes that need an extension the server may not have. Prisma's migrations run scripts one
// statement at a time (no DO blocks), so these are created here, each allowed to fail alone:
// without pg_trgm, `nameContains` still works, by a scan instead of an index. fastupdate is off
// because a long pending list made equality lookups that the planner sent here slow.
import type { PrismaClient } from '../generated/prisma/client.js';

const STATEMENTS = [
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  'CREATE INDEX IF NOT EXISTS "Person_name_trgm_idx" ON "Person" USING GIN ("name" gin_trgm_ops) WITH (fastupdate = off)',
  'CREATE INDEX IF NOT EXISTS "PersonAlias_alias_trgm_idx" ON "PersonAlias" USING GIN ("alias" gin_trgm_ops) WITH (fastupdate = off)',
];

/** Returns a warning per statement the database refused. */
export async function ensureOptionalIndexes(prisma: PrismaClient): Promise<string[]> {
  const warnings: string[] = [];
  for (const sql of STATEMENTS) {
    try {
      await prisma.$executeRawUnsafe(sql);
    } catch (error) {
      warnings.push(`skipped "${sql.slice(0, 60)}…": ${error instanceof Error ? error.message.split('\n').pop() : String(error)}`);
      if (sql.startsWith('CREATE EXTENSION')) break;
    }
  }
  return warnings;
}

/**
 * Drops the indexes of the search window, which searches read before they read by period (migration
 * search_periods): partial indexes named after their first day, so no migration can name them.
 */
export async function dropRetiredIndexes(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    SELECT indexname AS name FROM pg_indexes WHERE tablename = 'Article' AND indexname ~ '^Article_search_since_[0-9]{8}$'`;
  for (const { name } of rows) await prisma.$executeRawUnsafe(`DROP INDEX IF EXISTS "${name}"`);
  return rows.map((r) => r.name);
}
