// The one ingest entry point, shared by the CLI, the seed and the GraphQL mutation.
import type { PrismaClient } from '../generated/prisma/client.js';
import { processDocument, type DocumentInput, type ProcessedDocument } from './pipeline.js';
import { storeDocument, type StoreResult } from './store.js';

export interface IngestResult extends StoreResult {
  document: ProcessedDocument;
}

/** Every spelling the archive knows (as name keys), so a later page that names a person bare still finds them. */
export async function knownPeople(prisma: PrismaClient): Promise<Set<string>> {
  return new Set((await prisma.personAlias.findMany({ select: { normalized: true } })).map((a) => a.normalized));
}

/**
 * `known`: name keys a batch loader already holds. Without it (one document, as the mutation
 * sends), only the bare names this page leaves unconfirmed are looked up, not every alias in the
 * archive, and the page is read again if the archive knows any of them.
 */
export async function ingestDocument(prisma: PrismaClient, input: DocumentInput, known?: ReadonlySet<string>): Promise<IngestResult> {
  let document = processDocument(input, known);
  const unconfirmed = known ? [] : [...new Set(document.articles.flatMap((a) => a.unconfirmed))];
  if (unconfirmed.length) {
    const hits = await prisma.personAlias.findMany({ where: { normalized: { in: unconfirmed } }, select: { normalized: true } });
    if (hits.length) document = processDocument(input, new Set(hits.map((h) => h.normalized)));
  }
  const stored = await storeDocument(prisma, document);
  return { ...stored, document };
}
