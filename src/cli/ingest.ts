// `npm run ingest -- [--watch] [--verbose] <files or folders>`: loads documents with a progress
// bar (a line per 1,000 pages when not on a terminal) and a summary; exits 1 when any document
// failed. With --watch, then keeps ingesting what appears in the folders until SIGTERM/SIGINT.
import { loadConfigOrExit } from '../config.js';
import { upkeepSettled } from '../db/after-writes.js';
import { openDb } from '../db/index.js';
import { archiveCounts } from '../ingest/counts.js';
import { loadFiles } from '../ingest/files.js';
import { suppliedDate } from '../ingest/pipeline.js';
import { watchFolder } from '../ingest/watch.js';
import { announceFromCommand } from '../live/feed.js';
import { argsOrExit } from './args.js';
import { type Progress, progress } from './progress.js';

const usage = 'usage: npm run ingest -- [--watch] [--verbose] [--published-at YYYY-MM-DD] <file or folder> [...]';
const parsed = argsOrExit({ watch: { type: 'boolean' }, verbose: { type: 'boolean' }, 'published-at': { type: 'string' } }, usage);
const publishedAt = parsed.values['published-at'];
if (publishedAt !== undefined) {
  try {
    suppliedDate(publishedAt);
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}
const paths = parsed.positionals;
if (paths.length === 0) {
  console.error(usage);
  process.exit(2);
}
const config = loadConfigOrExit();
const db = await openDb(config.db);
let closeFeed = () => {};
try {
  await db.migrate();
  closeFeed = await announceFromCommand(db.prisma, config.redisUrl);
  // Made once the loader has listed the files, which it does before anything else.
  let bar: Progress | undefined;
  const summary = await loadFiles(db.prisma, paths, (line) => bar!.line(line), {
    onListed: (total) => {
      bar = progress(total);
    },
    onCount: (done, failed) => bar!.update(done, failed),
    everyPage: parsed.values.verbose ?? false,
    ...(publishedAt ? { publishedAt } : {}),
  });
  bar?.stop();
  const counts = await archiveCounts(db.prisma);
  console.log(
    `\n${summary.documents} documents (${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged), ` +
      `${summary.articles} articles, ${summary.warnings} warnings, ${summary.failures.length} failures`,
  );
  console.log(`archive: ${counts.sources} sources, ${counts.articles} articles, ${counts.persons} persons, ${counts.events} events`);
  for (const f of summary.failures) console.error(`failed: ${f.file}: ${f.error}`);
  process.exitCode = summary.failures.length ? 1 : 0;
  if (parsed.values.watch) {
    const watching = paths.map((dir) => watchFolder(db.prisma, dir, (line) => console.log(line)));
    await Promise.all(watching.map((w) => w.ready));
    console.log(`watching ${paths.join(', ')} for new pages; Ctrl-C to stop`);
    await new Promise<void>((stop) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop());
    });
    await Promise.all(watching.map((w) => w.close()));
    await upkeepSettled(db.prisma);
    process.exitCode = 0;
  }
} finally {
  closeFeed();
  await db.close();
}
