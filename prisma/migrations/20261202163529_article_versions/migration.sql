-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "dateline" TEXT;

-- CreateTable
CREATE TABLE "ArticleVersion" (
    "id" SERIAL NOT NULL,
    "articleId" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "slots" TEXT[],
    "kind" "ArticleKind" NOT NULL,
    "title" TEXT NOT NULL,
    "paragraphs" TEXT[],
    "truncated" BOOLEAN NOT NULL,
    "dateline" TEXT,
    "documentId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ArticleVersion_slots_idx" ON "ArticleVersion" USING GIN ("slots");

-- CreateIndex
CREATE INDEX "ArticleVersion_documentId_idx" ON "ArticleVersion"("documentId");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleVersion_articleId_fingerprint_key" ON "ArticleVersion"("articleId", "fingerprint");

-- AddForeignKey
ALTER TABLE "ArticleVersion" ADD CONSTRAINT "ArticleVersion_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleVersion" ADD CONSTRAINT "ArticleVersion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every article stored before versions has its text as its first version. The fingerprint is
-- fingerprintOf (src/ingest/identity.ts) in SQL. Its slots, hashes of a folding SQL cannot repeat
-- exactly, stay empty until the story is stored again.
INSERT INTO "ArticleVersion" ("articleId", "fingerprint", "slots", "kind", "title", "paragraphs", "truncated", "documentId", "createdAt")
SELECT a.id,
  md5(array_to_string(ARRAY(SELECT btrim(regexp_replace(p, '\s+', ' ', 'g')) FROM unnest(a.paragraphs) WITH ORDINALITY AS u(p, n) ORDER BY n), E'\n')),
  '{}', a.kind, a.title, a.paragraphs, a.truncated, a."documentId", a."createdAt"
FROM "Article" a;
