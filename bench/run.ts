// `npm run bench`: ingest speed and memory, HTTP throughput and latency per query on PostgreSQL
// and PGlite against a hand-written SQL floor, and SQL statements per request. Prints a table
// and writes bench/results/bench-<time>.json. Flags: --extract 2000,10000 --ingest 1000
// --pglite 500 --duration 10 --connections 32 --light-connections 4
// --pg postgres://postgres@127.0.0.1:5432/test
// --redis redis://127.0.0.1:6379/14
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDb, type Db } from '../src/db/index.js';
import { loadFiles } from '../src/ingest/files.js';
import { processDocument } from '../src/ingest/pipeline.js';
import { createNewsgraphYoga } from '../src/yoga.js';
import { generateCorpus } from './corpus.js';
import { node, personPage, Q, search, TIMELINE } from './scenarios.js';
import { load as loadFor, start, stop } from './serve.js';

const { values: opts } = parseArgs({
  options: {
    extract: { type: 'string', default: '2000,10000' },
    ingest: { type: 'string', default: '1000' },
    pglite: { type: 'string', default: '500' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    // Latency under a light load as well: a few analysts, not a saturating crowd.
    'light-connections': { type: 'string', default: '4' },
    pg: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    redis: { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14' },
  },
});
const root = resolve(import.meta.dirname, '..');
const results: Record<string, unknown> = { date: new Date().toISOString(), options: opts };
const log = (s: string) => console.log(s);

// 1. Parse + extract alone, with peak memory while streaming the corpus.
const extract: Record<string, unknown>[] = [];
for (const size of opts.extract!.split(',').map(Number)) {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  // Only parse+extract is timed: generating the corpus page by page is not the pipeline's work.
  let busy = 0;
  let i = 0;
  for (const page of generateCorpus({ docs: size, seed: 1 })) {
    const started = performance.now();
    processDocument({ text: page.text, key: page.name });
    busy += performance.now() - started;
    if (++i % 200 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = busy / 1000;
  // Growth over the run's start, and the peak itself: runs follow each other in one process, so
  // the growth from one size to the next is the difference of their peaks.
  extract.push({
    docs: size,
    docsPerSecond: Math.round(size / seconds),
    peakRssGrowthMB: Math.round((peak - base) / 1e6),
    peakRssMB: Math.round(peak / 1e6),
  });
  log(
    `extract ${size} docs: ${Math.round(size / seconds)} docs/s, peak RSS ${Math.round(peak / 1e6)} MB (+${Math.round((peak - base) / 1e6)} MB over its start)`,
  );
}
results.extract = extract;

// 2. The whole pipeline into PostgreSQL (a fresh newsgraph_bench database) and into PGlite.
async function ingest(db: Db, docs: number, label: string) {
  await db.migrate();
  // Exactly what `npm run ingest -- <folder>` does, files read included; writing the corpus
  // beforehand is not the pipeline's work and is not timed.
  const dir = mkdtempSync(join(tmpdir(), 'newsgraph-corpus-'));
  for (const page of generateCorpus({ docs, seed: 1 })) writeFileSync(join(dir, page.name), page.text);
  const started = performance.now();
  const summary = await loadFiles(db.prisma, [dir]);
  if (summary.failures.length) throw new Error(`ingest failed: ${JSON.stringify(summary.failures.slice(0, 3))}`);
  const rate = Math.round(docs / ((performance.now() - started) / 1000));
  rmSync(dir, { recursive: true, force: true });
  log(`ingest into ${label}: ${docs} docs, ${rate} docs/s`);
  return rate;
}
const pgUrl = new URL(opts.pg!);
const admin = new pg.Client({ connectionString: opts.pg });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS newsgraph_bench WITH (FORCE)');
await admin.query('CREATE DATABASE newsgraph_bench');
await admin.end();
pgUrl.pathname = '/newsgraph_bench';
const pgDb = await openDb({ url: pgUrl.toString() });
const pgliteDir = mkdtempSync(join(tmpdir(), 'newsgraph-bench-'));
const pgliteDb = await openDb({ dataDir: pgliteDir });
results.ingest = {
  postgres: { docs: Number(opts.ingest), docsPerSecond: await ingest(pgDb, Number(opts.ingest), 'PostgreSQL') },
  pglite: { docs: Number(opts.pglite), docsPerSecond: await ingest(pgliteDb, Number(opts.pglite), 'PGlite') },
};
// Fresh statistics, as autovacuum would give a settled archive: plans must not be measured on guesses.
await pgDb.prisma.$executeRawUnsafe('ANALYZE');
await pgliteDb.prisma.$executeRawUnsafe('ANALYZE');

// 3. Request bodies, with real names and ids from the data, and SQL statements per request.
const anyPerson = await pgDb.prisma.person.findFirstOrThrow({ orderBy: { mentionCount: 'desc' }, select: { name: true } });
// The person page: the most-named person whose newest articles name five others or more (the
// generator's most-named people are named mostly in one-name teasers, with no co-mentions to show).
const [pagePerson] = await pgDb.prisma.$queryRaw<{ name: string }[]>`
  SELECT p.name FROM "Person" p JOIN "PersonCoMentions" l ON l."personId" = p.id AND l.version = p."mentionsVersion"
  WHERE cardinality(l."personIds") >= 5 ORDER BY p."mentionCount" DESC, p.id LIMIT 1`;
if (!pagePerson) throw new Error('bench: nobody in the corpus has five co-mentions');
const anyArticle = await pgDb.prisma.article.findFirstOrThrow({ select: { id: true } });
const commonWord = (
  await pgDb.prisma.$queryRaw<
    { word: string }[]
  >`SELECT word FROM ts_stat('SELECT search FROM "Article" LIMIT 2000') ORDER BY ndoc DESC LIMIT 1`
)[0]!.word;
const rareWord =
  (
    await pgDb.prisma.$queryRaw<
      { word: string }[]
    >`SELECT word FROM ts_stat('SELECT search FROM "Article" LIMIT 2000') WHERE ndoc = 2 AND word ~ '^[a-z]+$' ORDER BY word LIMIT 1`
  )[0]?.word ?? commonWord;
const scenarios: Record<string, string> = {
  Q,
  'person page': personPage(pagePerson.name),
  timeline: TIMELINE,
  'node(id)': node(Buffer.from(`Article:${anyArticle.id}`).toString('base64')),
  'search: rare word': search(rareWord),
  'search: common word': search(commonWord),
  'search: phrase': search(`"${anyPerson.name.split(' ').slice(0, 2).join(' ')}"`),
  "search: person's name": search(anyPerson.name),
};
await pgDb.close();
await pgliteDb.close();

const statements: Record<string, number> = {};
{
  let count = 0;
  const db = await openDb({ url: pgUrl.toString(), onQuery: () => (count += 1) });
  // Compiled reads go straight through the driver: counted too.
  const readValue = (sql: string, params: unknown[]) => {
    count += 1;
    return db.readValue(sql, params);
  };
  const yoga = createNewsgraphYoga({ prisma: db.prisma, readValue, tokens: [] });
  for (const [name, query] of Object.entries({
    ...scenarios,
    'Q with first: 5': Q.replace('first: 20', 'first: 5'),
    'Q with first: 50': Q.replace('first: 20', 'first: 50'),
  })) {
    count = 0;
    await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    statements[name] = count;
  }
  await db.close();
}
results.statementsPerRequest = statements;

// 4. HTTP: each server in its own process, autocannon from this one.
const load = (url: string, body: string, connections = Number(opts.connections)) => loadFor(url, body, connections, Number(opts.duration));

async function firstAnswer(url: string, since: number): Promise<number> {
  for (;;) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles(first: 1) { nodes { id } } }' }),
    }).catch(() => undefined);
    const body = (await response?.json().catch(() => undefined)) as { data?: { articles?: { nodes: unknown[] } } } | undefined;
    if (body?.data?.articles?.nodes.length) return Math.round(performance.now() - since);
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

const http: Record<string, Record<string, unknown>> = {};
const floorServer = await start('bench/floor.ts', { DATABASE_URL: pgUrl.toString(), PORT: '4300' }, /floor ready/);
const floor = await load('http://127.0.0.1:4300/', Q);
await stop(floorServer);
http['Q (SQL floor)'] = { postgres: floor };
log(`Q on the SQL floor: ${floor.rps} req/s, p50 ${floor.p50} ms, p99 ${floor.p99} ms`);
for (const [label, env] of [
  ['postgres', { DATABASE_URL: pgUrl.toString(), PORT: '4301' }],
  ['pglite', { DATABASE_URL: '', PGLITE_DATA_DIR: pgliteDir, PORT: '4302' }],
] as const) {
  const started = performance.now();
  const server = await start('src/server.ts', env, /newsgraph on/);
  // Embedded start: from spawning the server to its first answer with data, not just listening.
  if (label === 'pglite') results.pgliteStartMs = await firstAnswer(`http://127.0.0.1:${env.PORT}/graphql`, started);
  for (const [name, body] of Object.entries(scenarios)) {
    const r = await load(`http://127.0.0.1:${env.PORT}/graphql`, body);
    http[name] ??= {};
    http[name][label] = { ...r, ...(name === 'Q' && label === 'postgres' ? { ofFloor: +(r.rps / floor.rps).toFixed(2) } : {}) };
    log(`${name} on ${label}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors`);
  }
  if (label === 'postgres') {
    const light = Number(opts['light-connections']);
    for (const [name, body] of Object.entries(scenarios)) {
      const r = await load(`http://127.0.0.1:${env.PORT}/graphql`, body, light);
      http[name] ??= {};
      http[name].postgresLight = { ...r, connections: light };
      log(`${name} on ${label}, ${light} connections: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors`);
    }
  }
  await stop(server);
}
// What the compiled reads (src/compiled) are worth: Q through the resolvers alone.
{
  const server = await start(
    'src/server.ts',
    { DATABASE_URL: pgUrl.toString(), PORT: '4304', NEWSGRAPH_COMPILED_READS: '0' },
    /newsgraph on/,
  );
  const r = await load('http://127.0.0.1:4304/graphql', Q);
  http['Q (resolvers only)'] = { postgres: { ...r, ofFloor: +(r.rps / floor.rps).toFixed(2) } };
  log(`Q through the resolvers alone: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
  await stop(server);
}
// Cached figures, reported apart: the same server on PostgreSQL with the Redis response cache.
try {
  const server = await start('src/server.ts', { DATABASE_URL: pgUrl.toString(), PORT: '4303', REDIS_URL: opts.redis! }, /newsgraph on/);
  for (const name of ['Q', 'person page'] as const) {
    const r = await load('http://127.0.0.1:4303/graphql', scenarios[name]!);
    http[`${name} (Redis cache)`] = { postgres: r };
    log(`${name} with the Redis cache: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
  }
  await stop(server);
} catch (error) {
  log(`Redis cache not measured: ${String(error)}`);
}
results.http = http;

mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `bench-${results.date as string}.json`.replace(/:/g, '-'));
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(
  `\n| request | PostgreSQL req/s | p50 ms | p99 ms | p50 / p99 ms at ${opts['light-connections']} connections | PGlite req/s | p50 ms | p99 ms | SQL statements |`,
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
type Row = { rps: number; p50: number; p99: number } | undefined;
for (const [name, row] of Object.entries(http)) {
  const [p, light, l] = [row.postgres as Row, row.postgresLight as Row, row.pglite as Row];
  const lightCell = light ? `${light.p50} / ${light.p99}` : '';
  console.log(
    `| ${name} | ${p?.rps ?? ''} | ${p?.p50 ?? ''} | ${p?.p99 ?? ''} | ${lightCell} | ${l?.rps ?? ''} | ${l?.p50 ?? ''} | ${l?.p99 ?? ''} | ${statements[name] ?? ''} |`,
  );
}
console.log(
  `\nQ statements: first 5 → ${statements['Q with first: 5']}, first 50 → ${statements['Q with first: 50']}; PGlite server's first answer ${results.pgliteStartMs as number} ms after it was started`,
);
console.log(`results: ${file}`);
