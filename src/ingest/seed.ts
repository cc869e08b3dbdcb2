// The documents shipped in corpus/: loaded by `npm run seed` and, on an empty database, by the
// server at start.
import { resolve } from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.js';
import { type LoadOptions, loadFiles, type LoadSummary } from './files.js';

export const corpusDir = resolve(import.meta.dirname, '../../corpus');

export function seed(prisma: PrismaClient, onProgress?: (line: string) => void, options?: LoadOptions): Promise<LoadSummary> {
  return loadFiles(prisma, [corpusDir], onProgress, options);
}

export async function seedIfEmpty(
  prisma: PrismaClient,
  onProgress?: (line: string) => void,
  options?: LoadOptions,
): Promise<LoadSummary | undefined> {
  if ((await prisma.document.count()) > 0) return undefined;
  return seed(prisma, onProgress, options);
}
