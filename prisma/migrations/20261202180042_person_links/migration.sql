-- CreateTable
CREATE TABLE "PersonLink" (
    "personId" INTEGER NOT NULL,
    "otherId" INTEGER NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "via" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonLink_pkey" PRIMARY KEY ("personId","otherId")
);

-- CreateIndex
CREATE INDEX "PersonLink_otherId_idx" ON "PersonLink"("otherId");

-- AddForeignKey
ALTER TABLE "PersonLink" ADD CONSTRAINT "PersonLink_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonLink" ADD CONSTRAINT "PersonLink_otherId_fkey" FOREIGN KEY ("otherId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
