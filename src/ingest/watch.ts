// `ingest --watch DIR`: pages ingested as they appear in a folder, as a scraper hands them over.
// A file is read once it has stopped growing for a second (chokidar's awaitWriteFinish), so a
// page still being written is not read half; should one be read early anyway, it is stored again
// when it changes, and the complete page replaces the half (the key is the file name). Dotfiles
// and the usual partial-download names (.tmp, .part, .crdownload) are never read. Files are
// ingested one at a time, in the order they settle; a failure is reported and the watch goes on.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { watch } from 'chokidar';
import { afterWrites } from '../db/after-writes.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { describeFailure } from './files.js';
import { ingestDocument } from './ingest.js';

const PARTIAL = /(^|\/)\.|\.(tmp|part|crdownload|swp)$/i;

export interface Watching {
  /** Resolves once the watcher sees the folder. */
  ready: Promise<void>;
  /** Stops watching, after the page being stored. */
  close(): Promise<void>;
}

export function watchFolder(prisma: PrismaClient, dir: string, onLine: (line: string) => void): Watching {
  const watcher = watch(dir, {
    ignoreInitial: true,
    ignored: (path) => PARTIAL.test(basename(path)),
    awaitWriteFinish: { stabilityThreshold: 1_000, pollInterval: 100 },
  });
  const queued = new Set<string>();
  let chain = Promise.resolve();
  const enqueue = (path: string) => {
    if (queued.has(path)) return;
    queued.add(path);
    chain = chain.then(async () => {
      queued.delete(path);
      try {
        const stored = await ingestDocument(prisma, { text: await readFile(path), key: `file:${basename(path)}` });
        onLine(`${path}: ${stored.status}, ${stored.articleIds.length} articles, ${stored.document.warnings.length} warnings`);
        if (stored.status !== 'unchanged') void afterWrites(prisma, { after: 'page', report: onLine });
      } catch (error) {
        onLine(`${path}: FAILED ${describeFailure(error)}`);
      }
    });
  };
  watcher.on('add', enqueue);
  watcher.on('change', enqueue);
  watcher.on('error', (error) => onLine(`watch error: ${(error as Error).message}`));
  return {
    ready: new Promise((done) => watcher.once('ready', () => done())),
    async close() {
      await watcher.close();
      await chain;
    },
  };
}
