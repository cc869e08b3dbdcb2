-- A version's two slots as two columns, each with a btree index, instead of an array under GIN.
-- Every ingest batch looks up a thousand or more slots at once: "= ANY" is hashed when a table
-- is scanned and an index probe otherwise, where "&&" on arrays compared every row with every
-- slot when the planner, without statistics on a young table, chose to scan (0.5 s a batch at
-- 30k articles).
ALTER TABLE "ArticleVersion" ADD COLUMN "headlineSlot" TEXT, ADD COLUMN "openingSlot" TEXT;

UPDATE "ArticleVersion" SET "headlineSlot" = slots[1], "openingSlot" = slots[2] WHERE cardinality(slots) = 2;

DROP INDEX "ArticleVersion_slots_idx";

ALTER TABLE "ArticleVersion" DROP COLUMN "slots";

CREATE INDEX "ArticleVersion_headlineSlot_idx" ON "ArticleVersion"("headlineSlot");

CREATE INDEX "ArticleVersion_openingSlot_idx" ON "ArticleVersion"("openingSlot");
