// `npm run export -- [articles|events|persons] [--since DATE] [--format ndjson|csv] [--out FILE]`:
// the archive to stdout (or a file), streamed a page at a time; stdout's backpressure paces the reads.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfigOrExit } from '../config.js';
import { openDb } from '../db/index.js';
import { ENTITIES, type Entity } from '../export/records.js';
import { argsOrExit } from './args.js';
import { exportChunks, FORMATS, type Format, parseSince } from '../export/stream.js';

const usage = `usage: npm run export -- [${ENTITIES.join('|')}] [--since 2024-05-01] [--format ${FORMATS.join('|')}] [--out FILE]`;
const args = argsOrExit({ since: { type: 'string' }, format: { type: 'string', default: 'ndjson' }, out: { type: 'string' } }, usage);
const entity = (args.positionals[0] ?? 'articles') as Entity;
const format = args.values.format as Format;
let since: Date | undefined;
try {
  since = parseSince(args.values.since);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (!ENTITIES.includes(entity) || !FORMATS.includes(format) || args.positionals.length > 1) {
  console.error(usage);
  process.exit(2);
}
const config = loadConfigOrExit();
const db = await openDb(config.db);
try {
  await db.migrate();
  const out = args.values.out ? createWriteStream(args.values.out) : process.stdout;
  await pipeline(Readable.from(exportChunks(db.readValue, entity, { since, format })), out);
} finally {
  await db.close();
}
