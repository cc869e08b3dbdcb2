-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('DEATH', 'BIRTH', 'VISIT', 'MEETING', 'MILITARY', 'AWARD', 'STATEMENT', 'ADOPTION', 'FOUNDING', 'ELECTION', 'LIBERATION', 'CONFLICT', 'MESSAGE', 'COMPETITION', 'GATHERING', 'ANNIVERSARY');

-- AlterTable: the stored kinds are kept, read as the enum (written by hand: Prisma's diff drops
-- the column and adds it again, which loses every kind and fails on a table with rows).
ALTER TABLE "Event" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "kind" TYPE "EventKind" USING "kind"::"EventKind";

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "Article_updatedAt_idx" ON "Article"("updatedAt");

-- CreateIndex
CREATE INDEX "Event_updatedAt_idx" ON "Event"("updatedAt");

-- CreateIndex
CREATE INDEX "Person_updatedAt_idx" ON "Person"("updatedAt");
