// `npm run reextract`: runs the current parser and extractors again over every stored page,
// without fetching anything, and updates the rows they produce.
import { loadConfigOrExit } from '../config.js';
import { openDb } from '../db/index.js';
import { announceFromCommand } from '../live/feed.js';
import { afterWrites } from '../db/after-writes.js';
import { archiveCounts } from '../ingest/counts.js';
import { knownPeople } from '../ingest/ingest.js';
import { processDocument } from '../ingest/pipeline.js';
import { storeDocument } from '../ingest/store.js';

const config = loadConfigOrExit();
const db = await openDb(config.db);
let closeFeed = () => {};
try {
  await db.migrate();
  closeFeed = await announceFromCommand(db.prisma, config.redisUrl);
  const known = await knownPeople(db.prisma);
  const documents = await db.prisma.document.findMany({
    select: { id: true, key: true, text: true, url: true, source: { select: { name: true } } },
    orderBy: { id: 'asc' },
  });
  let failed = 0;
  for (const doc of documents) {
    try {
      const processed = processDocument(
        { text: doc.text, key: doc.key, defaultSourceName: doc.source.name, ...(doc.url ? { url: doc.url } : {}) },
        known,
      );
      const result = await storeDocument(db.prisma, processed, { force: true });
      console.log(`${doc.key}: ${result.articleIds.length} articles`);
    } catch (error) {
      failed += 1;
      console.error(`${doc.key}: FAILED ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Every row was written again: the same upkeep as after a long load, once, at the end.
  await afterWrites(db.prisma, { after: 'load', vacuum: true });
  console.log(JSON.stringify({ documents: documents.length, failed, archive: await archiveCounts(db.prisma) }));
  process.exitCode = failed ? 1 : 0;
} finally {
  closeFeed();
  await db.close();
}
