-- AlterTable
ALTER TABLE "ArchiveState" ADD COLUMN     "archiveId" TEXT NOT NULL DEFAULT gen_random_uuid();
