-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "mentionsVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "PersonCoMentions" (
    "personId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "personIds" INTEGER[],
    "counts" INTEGER[],

    CONSTRAINT "PersonCoMentions_pkey" PRIMARY KEY ("personId")
);

-- AddForeignKey
ALTER TABLE "PersonCoMentions" ADD CONSTRAINT "PersonCoMentions_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
