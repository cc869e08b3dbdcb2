// Loading files and folders: each document on its own, a failure reported and skipped.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.js';
import { DocumentError } from './errors.js';
import { ingestDocument, knownPeople } from './ingest.js';

export interface LoadSummary {
  documents: number;
  created: number;
  updated: number;
  unchanged: number;
  articles: number;
  warnings: number;
  failures: { file: string; error: string }[];
}

export async function listFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path);
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
      files.push(...(await listFiles(entries.map((n) => join(path, n)))));
    } else files.push(path);
  }
  return files;
}

export async function loadFiles(
  prisma: PrismaClient,
  paths: string[],
  onProgress: (line: string) => void = () => {},
): Promise<LoadSummary> {
  const files = await listFiles(paths);
  const summary: LoadSummary = { documents: files.length, created: 0, updated: 0, unchanged: 0, articles: 0, warnings: 0, failures: [] };
  const known = await knownPeople(prisma);
  for (const [i, file] of files.entries()) {
    try {
      const result = await ingestDocument(prisma, { text: await readFile(file), key: `file:${basename(file)}` }, known);
      summary[result.status] += 1;
      summary.articles += result.articleIds.length;
      summary.warnings += result.document.warnings.length;
      for (const a of result.document.articles) for (const p of a.people) known.add(p.key);
      onProgress(`[${i + 1}/${files.length}] ${file}: ${result.status}, ${result.articleIds.length} articles, ${result.document.warnings.length} warnings`);
    } catch (error) {
      const message = error instanceof DocumentError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
      summary.failures.push({ file, error: message });
      onProgress(`[${i + 1}/${files.length}] ${file}: FAILED ${message}`);
    }
  }
  return summary;
}
