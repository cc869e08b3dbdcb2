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

export async function ingestDocument(prisma: PrismaClient, input: DocumentInput, known?: ReadonlySet<string>): Promise<IngestResult> {
  const document = processDocument(input, known ?? (await knownPeople(prisma)));
  const stored = await storeDocument(prisma, document);
  return { ...stored, document };
}
