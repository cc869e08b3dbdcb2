// The commonest words of the archive and the share of articles holding each, as the planner's
// statistics list them, copied where a search reads them cheaply ("SearchCommonWord", the
// migration search_rare): src/read/search.ts reads the matches of a word not among them at once,
// and tests the newest articles one by one first for a word in a quarter of them. Only what
// changed is written, so an upkeep after an ANALYZE that moved nothing writes nothing.
import type { PrismaClient } from '../generated/prisma/client.js';

const LISTED = `SELECT u.lexeme, u.share FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(lexeme, share)
  WHERE s.schemaname = current_schema() AND s.tablename = 'Article' AND s.attname = 'search' AND u.lexeme IS NOT NULL`;

/** Copies the statistics' commonest lexemes of "Article".search, and their shares, into "SearchCommonWord". */
export async function refreshCommonWords(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction([
    prisma.$executeRawUnsafe(`DELETE FROM "SearchCommonWord" WHERE lexeme NOT IN (SELECT lexeme FROM (${LISTED}) l)`),
    prisma.$executeRawUnsafe(`INSERT INTO "SearchCommonWord" (lexeme, share) ${LISTED}
      ON CONFLICT (lexeme) DO UPDATE SET share = EXCLUDED.share WHERE "SearchCommonWord".share IS DISTINCT FROM EXCLUDED.share`),
  ]);
}
