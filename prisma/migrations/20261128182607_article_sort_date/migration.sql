-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "sortDate" DATE NOT NULL DEFAULT '0001-01-01'::date;

-- CreateIndex
CREATE INDEX "Article_sortDate_id_idx" ON "Article"("sortDate" DESC, "id" DESC);

-- Backfill: rows stored before this column existed sort by their publication date.
UPDATE "Article" SET "sortDate" = "publishedStart" WHERE "publishedStart" IS NOT NULL;
