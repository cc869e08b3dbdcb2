-- AlterTable
ALTER TABLE "PersonAlias" ADD COLUMN     "via" TEXT;
