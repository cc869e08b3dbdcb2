// Loading files and folders: a failure is reported and skipped, the rest still load. Pages are
// stored in batches (one transaction each) while the next batch is read and extracted, so the
// database and the extractor work at the same time.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterWrites } from '../db/after-writes.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { DocumentError } from './errors.js';
import { knownPeople } from './ingest.js';
import { processDocument, type DocumentInput, type ProcessedDocument } from './pipeline.js';
import { removeUnnamedPeople, storeDocument, storeDocuments, type StoreResult } from './store.js';

export interface LoadSummary {
  documents: number;
  created: number;
  updated: number;
  unchanged: number;
  articles: number;
  warnings: number;
  failures: { file: string; error: string }[];
}

export interface LoadOptions {
  /** Documents per transaction (default 100). */
  batchSize?: number;
  /** Transactions in flight at once (default 2). */
  parallel?: number;
  /** Once the files are listed, before the first is read: how many there are (a progress bar's total). */
  onListed?: (total: number) => void;
  /** After each page: how many are done and how many of them failed (a progress bar). */
  onCount?: (done: number, failed: number) => void;
  /** Also a line for each page stored, not only for failures. */
  everyPage?: boolean;
  /** The date every page was published, where a page's text states no year and its NAME.meta.json says nothing. */
  publishedAt?: string;
}

export async function listFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path);
    if (info.isDirectory()) {
      // A page's sidecar (NAME.meta.json) is read with the page, never loaded as one.
      const entries = (await readdir(path)).filter((n) => !n.startsWith('.') && !n.endsWith(META)).sort();
      files.push(...(await listFiles(entries.map((n) => join(path, n)))));
    } else files.push(path);
  }
  return files;
}

/** A failed page as the loader reports it: the DocumentError's code and message, or the error's message. */
export const describeFailure = (error: unknown) =>
  error instanceof DocumentError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);

/**
 * Every batch rewrites the mention totals of the people it names, a dead row each time; where
 * autovacuum is off or slow (this project's CI server has it off) a long load would crawl
 * through them. So the loader vacuums that small table itself every few batches, and has every
 * table vacuumed at the end of a long load (see afterWrites). ArticleVersion with it: each batch
 * looks its stories up there by a thousand slots, which the planner must know to be near unique.
 */
const VACUUM_EVERY = 20;

interface Pending {
  file: string;
  doc: ProcessedDocument;
}

export async function loadFiles(
  prisma: PrismaClient,
  paths: string[],
  onProgress: (line: string) => void = () => {},
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const files = await listFiles(paths);
  options.onListed?.(files.length);
  async function* read() {
    for (const file of files) yield { label: file, input: async () => fileInput(file, options.publishedAt) };
  }
  return loadDocuments(prisma, read(), files.length, onProgress, options);
}

const META = '.meta.json';

/**
 * A file as the pipeline takes it, with what its sidecar says: NAME.meta.json beside NAME may give
 * `publishedAt` (the archive's or crawler's date), `url` and `sourceName`.
 */
async function fileInput(file: string, publishedAt?: string): Promise<DocumentInput> {
  const meta: Meta = await readFile(file.replace(/\.[^./]*$/, '') + META, 'utf8').then(
    (text) => sidecar(text, file),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return {};
      throw error;
    },
  );
  const date = meta.publishedAt ?? publishedAt;
  return {
    text: await readFile(file),
    key: `file:${basename(file)}`,
    ...(date ? { publishedAt: date } : {}),
    ...(meta.url ? { url: meta.url } : {}),
    ...(meta.sourceName ? { sourceName: meta.sourceName } : {}),
  };
}

interface Meta {
  publishedAt?: string;
  url?: string;
  sourceName?: string;
}

function sidecar(text: string, file: string): Meta {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DocumentError('BAD_META', `${basename(file)}'s ${META} sidecar is not JSON.`);
  }
  const meta = (value ?? {}) as Record<string, unknown>;
  const out: Meta = {};
  for (const key of ['publishedAt', 'url', 'sourceName'] as const) {
    if (meta[key] === undefined || meta[key] === null) continue;
    if (typeof meta[key] !== 'string')
      throw new DocumentError('BAD_META', `"${key}" in ${basename(file)}'s ${META} sidecar must be a string.`);
    out[key] = meta[key];
  }
  return out;
}

/** A document to load: `input` is called when its turn comes, so a large folder is never all in memory. */
export interface Loadable {
  label: string;
  input: () => DocumentInput | Promise<DocumentInput>;
}

export async function loadDocuments(
  prisma: PrismaClient,
  documents: AsyncIterable<Loadable> | Iterable<Loadable>,
  total: number,
  onProgress: (line: string) => void = () => {},
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const summary: LoadSummary = { documents: total, created: 0, updated: 0, unchanged: 0, articles: 0, warnings: 0, failures: [] };
  const batchSize = Math.max(1, options.batchSize ?? 100);
  const parallel = Math.max(1, options.parallel ?? 2);
  const known = await knownPeople(prisma);
  let done = 0;
  const report = (file: string, outcome: StoreResult | Error, doc?: ProcessedDocument) => {
    done += 1;
    if (outcome instanceof Error) {
      summary.failures.push({ file, error: describeFailure(outcome) });
      onProgress(`[${done}/${total}] ${file}: FAILED ${describeFailure(outcome)}`);
    } else {
      summary[outcome.status] += 1;
      summary.articles += outcome.articleIds.length;
      summary.warnings += doc!.warnings.length;
      if (options.everyPage)
        onProgress(
          `[${done}/${total}] ${file}: ${outcome.status}, ${outcome.articleIds.length} articles, ${doc!.warnings.length} warnings`,
        );
    }
    options.onCount?.(done, summary.failures.length);
  };
  const store = async (batch: Pending[]) => {
    try {
      const results = await storeDocuments(
        prisma,
        batch.map((p) => p.doc),
      );
      batch.forEach((p, i) => {
        report(p.file, results[i]!, p.doc);
      });
    } catch (error) {
      // One bad document fails its batch: store the batch one by one, so only that one is lost.
      if (batch.length === 1) return report(batch[0]!.file, error instanceof Error ? error : new Error(String(error)));
      for (const p of batch) {
        try {
          report(p.file, await storeDocument(prisma, p.doc), p.doc);
        } catch (single) {
          report(p.file, single instanceof Error ? single : new Error(String(single)));
        }
      }
    }
  };

  // Up to `parallel` batches in flight: PostgreSQL then works on one while it commits another.
  let batch: Pending[] = [];
  const inFlight = new Map<Promise<void>, Set<string>>();
  let batches = 0;
  const flush = async () => {
    while (inFlight.size >= parallel) await Promise.race(inFlight.keys());
    if (++batches % VACUUM_EVERY === 0) await prisma.$executeRawUnsafe('VACUUM (ANALYZE) "Person", "ArticleVersion"');
    const keys = new Set(batch.map((p) => p.doc.key));
    const storing = store(batch).finally(() => inFlight.delete(storing));
    inFlight.set(storing, keys);
    batch = [];
  };
  // A key already in flight (two folders may hold the same file name) waits for it, so the
  // later file is stored last.
  const clashes = (key: string) => batch.some((p) => p.doc.key === key) || [...inFlight.values()].some((keys) => keys.has(key));
  for await (const { label: file, input } of documents) {
    try {
      const doc = processDocument(await input(), known);
      for (const a of doc.articles) for (const p of a.people) known.add(p.key);
      if (clashes(doc.key)) {
        if (batch.length) await flush();
        await Promise.all(inFlight.keys());
      }
      batch.push({ file, doc });
    } catch (error) {
      report(file, error instanceof Error ? error : new Error(String(error)));
    }
    if (batch.length >= batchSize) await flush();
    // Let the batches being stored send their next statements between two pages.
    await new Promise((next) => setImmediate(next));
  }
  if (batch.length) await flush();
  await Promise.all(inFlight.keys());
  // People stored ahead of a batch that an earlier, interrupted load never finished.
  await removeUnnamedPeople(prisma);
  // Co-mentions, the timeline's counts and, after a long load, a vacuum: the load stands without them.
  await afterWrites(prisma, { after: 'load', vacuum: batches >= VACUUM_EVERY, report: onProgress });
  return summary;
}
