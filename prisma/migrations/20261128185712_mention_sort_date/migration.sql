-- AlterTable
ALTER TABLE "Mention" ADD COLUMN     "articleSortDate" DATE NOT NULL DEFAULT '0001-01-01'::date;

-- CreateIndex
CREATE INDEX "Mention_personId_articleSortDate_articleId_idx" ON "Mention"("personId", "articleSortDate" DESC, "articleId" DESC);

-- Backfill: mentions stored before this column existed sort by their article.
UPDATE "Mention" m SET "articleSortDate" = a."sortDate" FROM "Article" a WHERE a.id = m."articleId";
