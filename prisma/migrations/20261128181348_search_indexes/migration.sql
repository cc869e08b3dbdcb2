-- CreateIndex
CREATE INDEX "Person_mentionCount_id_idx" ON "Person"("mentionCount" DESC, "id");

-- CreateIndex
CREATE INDEX "PersonAlias_personId_idx" ON "PersonAlias"("personId");
