-- DropIndex
DROP INDEX "Mention_personId_articleSortDate_articleId_idx";

-- DropIndex
DROP INDEX "Mention_personId_idx";

-- AlterTable
ALTER TABLE "Mention" ADD COLUMN     "coPersonIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- Backfill, before the index is built: each mention lists the article's other people, the most
-- named first, at most 400 (as the loader writes them).
UPDATE "Mention" m SET "coPersonIds" = o.ids
FROM (SELECT a."articleId", a."personId", (array_agg(b."personId" ORDER BY b.count DESC, b."personId"))[1:400] AS ids
      FROM "Mention" a JOIN "Mention" b ON b."articleId" = a."articleId" AND b."personId" <> a."personId" GROUP BY 1, 2) o
WHERE o."articleId" = m."articleId" AND o."personId" = m."personId";

-- CreateIndex
CREATE INDEX "Mention_personId_articleSortDate_articleId_coPersonIds_idx" ON "Mention"("personId", "articleSortDate" DESC, "articleId" DESC, "coPersonIds");
