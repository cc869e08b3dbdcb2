// `npm run bench:sweep -- --db postgres://…/archive`: search as an analyst tries it, on an archive
// already loaded (`npm run corpus` + `npm run ingest`), and the timeline and person page beside it.
// Queries come from the archive's own vocabulary, ranked by document frequency in a fixed 2 %
// sample (ts_stat over the articles whose id is a multiple of 50): single words by band of rank,
// hapaxes, words whose matches are mostly old or mostly new, two- and three-word queries and
// phrases mixing bands, names, exclusions. Each is measured alone (median and worst of --alone
// sequential requests) and under --connections clients for --duration seconds; the table shows the
// worst query of each band, with the CPU each of its requests cost under load (the whole machine's
// and PostgreSQL's, from /proc) and the least mean latency that CPU allows on this machine's cores.
// Every answer's totalCount and first ids are kept in the JSON, so two
// runs (old code, new code) can be compared answer by answer (--compare FILE).
// Flags: --db URL --connections 32 --duration 3 --warm 1 --alone 5 --per-band 6 --port 4310 --compare FILE
// --only PATTERN (the bands whose name matches it, for a quick look), --table FILE (print a run's table again),
// --list (print the search queries, a band and a query per line, and run nothing: for bench:plans and psql)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { load, start, stop } from './serve.js';

const { values: opts } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.BENCH_DATABASE_URL },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '3' },
    warm: { type: 'string', default: '1' },
    alone: { type: 'string', default: '5' },
    'per-band': { type: 'string', default: '6' },
    port: { type: 'string', default: '4310' },
    compare: { type: 'string' },
    only: { type: 'string' },
    table: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});
if (!opts.db && !opts.table) throw new Error('bench:sweep needs --db postgres://… (an archive already loaded)');
const perBand = Number(opts['per-band']);
const root = resolve(import.meta.dirname, '..');

interface Probe {
  band: string;
  query: string;
  body: string;
}

const searchBody = (q: string) =>
  `{ search(query: ${JSON.stringify(q)}, first: 10) { totalCount edges { rank highlight node { id title } } } }`;

/** `count` items spread evenly over `list` (its first and last included). */
const spread = <T>(list: readonly T[], count: number): T[] =>
  list.length <= count ? [...list] : Array.from({ length: count }, (_, i) => list[Math.round((i * (list.length - 1)) / (count - 1))]!);

async function probes(client: pg.Client): Promise<Probe[]> {
  const SAMPLE = `SELECT search FROM "Article" WHERE id % 50 = 0`;
  // Only words: Korean syllable pairs and anything the index holds besides words stay out.
  const { rows: vocabulary } = await client.query<{ word: string; ndoc: number }>(
    `SELECT word, ndoc FROM ts_stat($1) WHERE word ~ '^[a-z]{3,}$' ORDER BY ndoc DESC, word`,
    [SAMPLE],
  );
  const words = vocabulary.map((v) => v.word);
  const rankOf = new Map(words.map((w, i) => [w, i + 1]));
  const band = (from: number, to: number) => words.slice(from - 1, to);
  const hapaxes = vocabulary.filter((v) => v.ndoc === 1).map((v) => v.word);
  const bands: [string, string[]][] = [
    ['words ranked 1–10', band(1, 10)],
    ['words ranked 10–100', band(10, 100)],
    ['words ranked 100–1k', band(100, 1000)],
    ['words ranked 1k–10k', band(1000, 10_000)],
    ['hapaxes', hapaxes],
  ];
  const out: Probe[] = [];
  const add = (name: string, query: string) => out.push({ band: name, query, body: searchBody(query) });
  const picks = new Map<string, string[]>();
  for (const [name, list] of bands) {
    const chosen = spread(list, perBand);
    picks.set(name, chosen);
    for (const w of chosen) add(name, w);
  }
  // Mostly old, mostly new: the share of a word's sampled matches older than the archive's median day.
  const { rows: skew } = await client.query<{ word: string; old: number; total: number }>(
    `WITH median AS (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY "sortDate") AS day FROM "Article" WHERE id % 50 = 0),
     old AS (SELECT word, ndoc FROM ts_stat(format('SELECT search FROM "Article" WHERE id %% 50 = 0 AND "sortDate" < %L', (SELECT day FROM median))))
     SELECT t.word, coalesce(o.ndoc, 0)::float8 AS old, t.ndoc::float8 AS total FROM ts_stat($1) t LEFT JOIN old o USING (word)
     WHERE t.word ~ '^[a-z]{3,}$' AND t.ndoc >= 20`,
    [SAMPLE],
  );
  const byOld = skew
    .map((s) => ({ word: s.word, share: s.old / s.total, total: s.total }))
    .sort((a, b) => b.share - a.share || b.total - a.total);
  for (const s of byOld.slice(0, perBand)) add('mostly old', s.word);
  for (const s of byOld.slice(-perBand)) add('mostly new', s.word);
  const [top, second, third, fourth] = ['words ranked 1–10', 'words ranked 10–100', 'words ranked 100–1k', 'words ranked 1k–10k'].map(
    (name) => picks.get(name)!,
  ) as [string[], string[], string[], string[]];
  for (let i = 0; i < Math.min(3, perBand); i += 1) {
    add('two words', `${top[i]} ${third[i]}`);
    add('two words', `${second[i]} ${second[second.length - 1 - i]}`);
    add('two words', `${second[i]} ${fourth[i]}`);
    add('three words', `${top[i]} ${second[i]} ${third[i]}`);
    add('three words', `${second[i]} ${third[i]} ${fourth[i]}`);
    add('exclusions', `${second[i]} -${top[i]}`);
    add('exclusions', `${top[i]} -${second[i]}`);
    add('exclusions', `${third[i]} -${top[i]}`);
  }
  // Phrases: two words that stand side by side in the sampled text, by the band of the rarer one.
  const { rows: texts } = await client.query<{ body: string }>(`SELECT body FROM "Article" WHERE id % 500 = 0 ORDER BY id LIMIT 400`);
  const phrases = new Map<string, string>();
  for (const { body } of texts) {
    const tokens = body.toLowerCase().match(/[a-z]+/g) ?? [];
    for (let i = 1; i < tokens.length; i += 1) {
      const [a, b] = [rankOf.get(tokens[i - 1]!), rankOf.get(tokens[i]!)];
      if (!a || !b) continue;
      const worst = Math.max(a, b);
      const name =
        worst <= 10
          ? 'phrases, words 1–10'
          : worst <= 100
            ? 'phrases, up to 100'
            : worst <= 1000
              ? 'phrases, up to 1k'
              : 'phrases, up to 10k';
      if (worst <= 10_000 && [...phrases.values()].filter((n) => n === name).length < Math.ceil(perBand / 2))
        phrases.set(`"${tokens[i - 1]} ${tokens[i]}"`, name);
    }
  }
  for (const [query, name] of phrases) add(name, query);
  // Names: the persons named most, and further down, whole and as a phrase.
  const { rows: people } = await client.query<{ name: string }>(
    `SELECT name FROM (SELECT name, row_number() OVER (ORDER BY "mentionCount" DESC, id) AS r FROM "Person") p WHERE r IN (1, 10, 100, 1000) ORDER BY r`,
  );
  for (const { name } of people) {
    add('names', name);
    add('names', `"${name}"`);
  }
  return out;
}

interface Measured extends Probe {
  aloneMedian: number;
  aloneWorst: number;
  loaded: Awaited<ReturnType<typeof load>>;
  answer: unknown;
}

const CORES = availableParallelism();

/**
 * The least mean latency a query's CPU per request allows under the load's connections: each
 * client waits for its answer before asking again, so with every core busy the machine answers
 * at most CORES / cpu requests a second, and each waits connections / that on average. A p99
 * is under the mean only when the slowest 1 % alone lift the mean above it.
 */
const leastMean = (cpuPerRequest: number) => Math.round((Number(opts.connections) * cpuPerRequest) / CORES);

/** None of the requests under load came back within the run: worse than any p99. */
const unanswered = (m: Measured) => m.loaded.rps === 0 && m.loaded.p99 === 0;

/** The worst query of each band, by p99 under load; a query refused or unanswered under load is worst. */
function printTable(articles: number, measured: Measured[]) {
  console.log(`\n${articles} articles, ${opts.connections} connections, ${CORES} cores`);
  console.log(
    `| band | queries | worst query (by p99) | median alone, ms | p99 ms | req/s | CPU ms per request (PostgreSQL) | least mean ms that CPU allows | wrong or refused | worst median alone |`,
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const band of new Set(measured.map((m) => m.band))) {
    const rows = measured.filter((m) => m.band === band);
    const cost = (m: Measured) => (m.loaded.errors || unanswered(m) ? Number.POSITIVE_INFINITY : m.loaded.p99);
    const worst = rows.reduce((a, b) => (cost(b) > cost(a) ? b : a));
    const slowestAlone = Math.max(...rows.map((r) => r.aloneMedian));
    const p99 = unanswered(worst) ? 'none answered' : worst.loaded.p99;
    const cpu = worst.loaded.cpu;
    console.log(
      `| ${band} | ${rows.length} | \`${worst.query}\` | ${worst.aloneMedian} | ${p99} | ${worst.loaded.rps} | ${cpu ? `${cpu.total} (${cpu.postgres})` : '—'} | ${cpu ? leastMean(cpu.total) : '—'} | ${worst.loaded.errors} | ${slowestAlone} |`,
    );
  }
}

/** Two runs must give the same answers (count, ids in order, ranks), whatever their speed. */
function compareWith(file: string, measured: Measured[]) {
  const before = JSON.parse(readFileSync(file, 'utf8')) as { measured: Measured[] };
  const old = new Map(before.measured.map((m) => [m.body, JSON.stringify(m.answer)]));
  const differ = measured.filter((m) => old.has(m.body) && old.get(m.body) !== JSON.stringify(m.answer));
  const compared = measured.filter((m) => old.has(m.body)).length;
  console.log(`\nanswers compared with ${file}: ${compared} queries, ${differ.length} differ`);
  for (const m of differ) console.log(`  differs: ${m.band} | ${m.query}`);
}

// --table FILE: the table (and --compare) of a run already made, without running anything.
if (opts.table) {
  const run = JSON.parse(readFileSync(opts.table, 'utf8')) as { articles: number; measured: Measured[] };
  printTable(run.articles, run.measured);
  if (opts.compare) compareWith(opts.compare, run.measured);
  process.exit(0);
}

const url = new URL(opts.db!);
const client = new pg.Client({ connectionString: opts.db });
await client.connect();
const [{ articles }] = (await client.query<{ articles: number }>(`SELECT count(*)::int AS articles FROM "Article"`)).rows as [
  { articles: number },
];
const list = await probes(client);
if (opts.list) {
  for (const p of list) console.log(`${p.band}\t${p.query}`);
  await client.end();
  process.exit(0);
}
const [{ name: topPerson }] = (await client.query<{ name: string }>(`SELECT name FROM "Person" ORDER BY "mentionCount" DESC, id LIMIT 1`))
  .rows as [{ name: string }];
// A day-by-day chart as an analyst draws one: the last whole year of the archive's events.
const [{ year }] = (await client.query<{ year: number }>(`SELECT extract(year FROM max("dateStart"))::int - 1 AS year FROM "Event"`))
  .rows as [{ year: number }];
await client.end();
const others: Probe[] = [
  { band: 'timeline, MONTH', query: 'MONTH', body: '{ timeline(granularity: MONTH) { period count } }' },
  {
    band: 'timeline, DAY, a year',
    query: `DAY ${year}`,
    body: `{ timeline(granularity: DAY, filter: { from: "${year}-01-01", to: "${year}-12-31" }) { period count } }`,
  },
  {
    band: 'timeline, DAY, 26 years',
    query: 'DAY 2000–2025',
    body: '{ timeline(granularity: DAY, filter: { from: "2000-01-01", to: "2025-12-31" }) { period count } }',
  },
  {
    band: 'person page',
    query: topPerson,
    body: `{ person(name: ${JSON.stringify(topPerson)}) { name coMentions(first: 10) { count person { name } } articles(first: 10) { nodes { title } } } }`,
  },
];
console.log(`${articles} articles; ${list.length} search queries, the timeline and the person page of ${topPerson}`);

const port = opts.port!;
const endpoint = `http://127.0.0.1:${port}/graphql`;
const server = await start('src/server.ts', { DATABASE_URL: url.toString(), PORT: port }, /newsgraph on/);
/** One request. A refusal (a deadline, an overload) is recorded with its code, not thrown: the
 * sweep goes on and the table shows which query was refused. */
const ask = async (body: string) => {
  const started = performance.now();
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: body }),
  });
  const text = await response.text();
  const json = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  const error = json.errors ? (json.errors[0]?.extensions?.code ?? 'ERROR') : undefined;
  return { ms: performance.now() - started, data: json.data, error, text };
};
/** What two runs must agree on: the count and the hits in order (not the timings). */
const answerOf = (data: unknown) => {
  const s = (data as { search?: { totalCount: number; edges: { rank: number; node: { id: string } }[] } }).search;
  return s ? { totalCount: s.totalCount, ids: s.edges.map((e) => e.node.id), ranks: s.edges.map((e) => +e.rank.toFixed(6)) } : data;
};
const measured: Measured[] = [];
try {
  const only = opts.only ? new RegExp(opts.only, 'i') : undefined;
  const probes = [...list, ...others].filter((p) => !only || only.test(p.band));
  // Warm up the server first: under the first load the pools open their connections, and each
  // new connection plans a search's statement (tens of ms). Unwarmed, that fell on whichever
  // query came first: `bungshil` at 200k measured p99 1,194 ms first, 73 ms once warm.
  if (probes[0]) await load(endpoint, probes[0].body, Number(opts.connections), 2);
  for (const probe of probes) {
    // And each query before it is measured (--warm seconds under load, not counted): every pooled
    // connection plans a statement of its own shape on first use, and custom plans run five times
    // before a generic one. The person page, a statement no search shares, measured p99 100 ms at
    // 200k unwarmed and 33–37 warm.
    if (Number(opts.warm) > 0) await load(endpoint, probe.body, Number(opts.connections), Number(opts.warm));
    const first = await ask(probe.body);
    const times: number[] = [];
    for (let i = 0; i < Number(opts.alone); i += 1) times.push((await ask(probe.body)).ms);
    times.sort((a, b) => a - b);
    const loaded = await load(endpoint, probe.body, Number(opts.connections), Number(opts.duration), first.error ? undefined : first.text);
    const m = {
      ...probe,
      aloneMedian: +times[Math.floor(times.length / 2)]!.toFixed(1),
      aloneWorst: +times.at(-1)!.toFixed(1),
      loaded,
      answer: first.error ? { error: first.error } : answerOf(first.data),
    };
    measured.push(m);
    const total = (m.answer as { totalCount?: number }).totalCount;
    console.log(
      `${probe.band} | ${probe.query}${total === undefined ? '' : ` (${total})`}${first.error ? ` refused: ${first.error}` : ''} | alone ${m.aloneMedian} ms | ${loaded.rps} req/s p50 ${loaded.p50} p99 ${loaded.p99} ms${loaded.cpu ? ` | CPU ${loaded.cpu.total} ms/req, PostgreSQL ${loaded.cpu.postgres}, load generator ${loaded.cpu.bench}` : ''}${loaded.errors ? `, ${loaded.errors} errors` : ''}`,
    );
  }
} finally {
  await stop(server);
}

const date = new Date().toISOString();
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `sweep-${date.replace(/:/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ date, articles, options: { ...opts, db: undefined }, measured }, null, 2));

printTable(articles, measured);
if (opts.compare) compareWith(opts.compare, measured);
console.log(`results: ${file}`);
