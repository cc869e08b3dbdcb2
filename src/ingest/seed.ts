// The documents shipped in corpus/: loaded by `npm run seed` and, on an empty database, by the
// server at start.
import { resolve } from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.js';
import { loadFiles, type LoadSummary } from './files.js';

export const corpusDir = resolve(import.meta.dirname, '../../corpus');

export function seed(prisma: PrismaClient, onProgress?: (line: string) => void): Promise<LoadSummary> {
  return loadFiles(prisma, [corpusDir], onProgress);
}

export async function seedIfEmpty(prisma: PrismaClient, onProgress?: (line: string) => void): Promise<LoadSummary | undefined> {
  if ((await prisma.document.count()) > 0) return undefined;
  return seed(prisma, onProgress);
}
