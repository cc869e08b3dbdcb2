// `npm run ingest -- <files or folders>`: loads documents, prints progress and a summary,
// exits 1 when any document failed.
import { loadConfigOrExit } from '../config.js';
import { openDb } from '../db/index.js';
import { announceFromCommand } from '../live/feed.js';
import { loadFiles } from '../ingest/files.js';
import { archiveCounts } from '../ingest/counts.js';

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: npm run ingest -- <file or folder> [...]');
  process.exit(2);
}
const config = loadConfigOrExit();
const db = await openDb(config.db);
const closeFeed = announceFromCommand(db.prisma, config.redisUrl);
try {
  await db.migrate();
  const summary = await loadFiles(db.prisma, paths, (line) => console.log(line), { searchWindow: config.search.window });
  const counts = await archiveCounts(db.prisma);
  console.log(
    `\n${summary.documents} documents (${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged), ` +
      `${summary.articles} articles, ${summary.warnings} warnings, ${summary.failures.length} failures`,
  );
  console.log(`archive: ${counts.sources} sources, ${counts.articles} articles, ${counts.persons} persons, ${counts.events} events`);
  for (const f of summary.failures) console.error(`failed: ${f.file}: ${f.error}`);
  process.exitCode = summary.failures.length ? 1 : 0;
} finally {
  closeFeed();
  await db.close();
}
