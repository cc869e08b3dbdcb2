// The one ingest entry point, shared by the CLI, the seed and the GraphQL mutation.
import type { PrismaClient } from '../generated/prisma/client.js';
import { processDocument, type DocumentInput, type ProcessedDocument } from './pipeline.js';
import { storeDocument, type StoreResult } from './store.js';

export interface IngestResult extends StoreResult {
  document: ProcessedDocument;
}

/** Names the archive already knows, so a later page that names them bare still finds them. */
export async function knownNames(prisma: PrismaClient): Promise<string[]> {
  return (await prisma.person.findMany({ select: { name: true } })).map((p) => p.name);
}

export async function ingestDocument(prisma: PrismaClient, input: DocumentInput, known?: string[]): Promise<IngestResult> {
  const document = processDocument(input, known ?? (await knownNames(prisma)));
  const stored = await storeDocument(prisma, document);
  return { ...stored, document };
}
