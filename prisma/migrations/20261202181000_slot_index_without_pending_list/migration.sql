-- Every ingest batch looks its stories up in this index with up to thousands of slots
-- (src/ingest/stories.ts). With fastupdate a GIN index keeps new entries in a pending list that
-- every scan reads whole until a vacuum merges it, and where autovacuum is slow or off that list
-- made the lookup take 1.4 s at 75k articles. New entries now go straight into the index.
ALTER INDEX "ArticleVersion_slots_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"ArticleVersion_slots_idx"'::regclass);
