-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "articleCount" INTEGER NOT NULL DEFAULT 0;

-- Backfill: people stored before this column existed count their mention rows.
UPDATE "Person" p SET "articleCount" = m.n FROM (SELECT "personId", count(*)::int AS n FROM "Mention" GROUP BY "personId") m WHERE m."personId" = p.id;
