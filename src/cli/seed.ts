// `npm run seed`: loads corpus/ (idempotent: a second run changes nothing).
import { loadConfigOrExit } from '../config.js';
import { openDb } from '../db/index.js';
import { archiveCounts } from '../ingest/counts.js';
import { seed } from '../ingest/seed.js';

const config = loadConfigOrExit();
const db = await openDb(config.db);
try {
  await db.migrate();
  const summary = await seed(db.prisma, (line) => console.log(line));
  console.log(JSON.stringify({ ...summary, archive: await archiveCounts(db.prisma) }));
  process.exitCode = summary.failures.length ? 1 : 0;
} finally {
  await db.close();
}
