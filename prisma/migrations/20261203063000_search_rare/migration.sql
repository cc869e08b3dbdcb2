-- How common a search query is, from the statistics ANALYZE keeps of "Article".search: its most
-- common lexemes (a thousand at the default statistics target) and the share of articles holding
-- each, copied here after writes (src/db/search-words.ts). Read from pg_stats for every search,
-- the question cost 0.3 to 1.5 ms. src/read/search.ts (searchKeySql) reads a query none of whose
-- words is common enough to be listed from the index at once, and tests the newest articles one
-- by one first for a query in a quarter of them.
CREATE TABLE "SearchCommonWord" (
    "lexeme" TEXT NOT NULL,
    "share" REAL NOT NULL,
    CONSTRAINT "SearchCommonWord_pkey" PRIMARY KEY ("lexeme")
);
-- The statistics an archive already has.
INSERT INTO "SearchCommonWord" (lexeme, share)
SELECT u.lexeme, u.share FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(lexeme, share)
WHERE s.schemaname = current_schema() AND s.tablename = 'Article' AND s.attname = 'search' AND u.lexeme IS NOT NULL;
