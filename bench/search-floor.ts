// `npm run bench:search-floor -- --db postgres://…/archive [--word institut] [--clients 32] [--seconds 10]`:
// the least work any exact answer to `search(query: WORD, first: 10) { edges { rank highlight node { title } } }`
// must do, once the 500 newest matches are known: rank them and mark the best 10. One prepared
// statement over the ids found beforehand, run by pgbench (PostgreSQL's client tools) with no
// HTTP, GraphQL or finding step; prints req/s, p50 and p99. The search sweep's figures for the
// same word can be no better.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: opts } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.BENCH_DATABASE_URL },
    word: { type: 'string', default: 'institut' },
    clients: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '10' },
  },
});
if (!opts.db) throw new Error('bench:search-floor needs --db postgres://… (an archive already loaded)');

const client = new pg.Client({ connectionString: opts.db });
await client.connect();
const { rows } = await client.query<{ ids: number[] }>(
  `SELECT array_agg(id) AS ids FROM (SELECT id FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1)
   ORDER BY "sortDate" DESC, id DESC LIMIT 500) m`,
  [opts.word],
);
await client.end();
const ids = rows[0]?.ids ?? [];
const q = `websearch_to_tsquery('english', '${opts.word!.replace(/'/g, "''")}')`;
// The page's statement as src/read/search.ts writes its ranking and snippet.
const statement = `SELECT c.id, c.rank, a.title, ts_headline('english', CASE WHEN starts_with(a.body, a.title) THEN a.body ELSE a.title || ' — ' || a.body END,
  ${q}, 'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "')
FROM (SELECT id, ts_rank(search, ${q})::float8 AS rank FROM "Article" WHERE id = ANY('{${ids.join(',')}}'::int[])
  ORDER BY 2 DESC, 1 DESC LIMIT 10) c JOIN "Article" a USING (id);
`;
const dir = mkdtempSync(join(tmpdir(), 'search-floor-'));
writeFileSync(join(dir, 'floor.sql'), statement);
const run = spawnSync(
  'pgbench',
  [
    '-n',
    '-M',
    'prepared',
    '-c',
    opts.clients!,
    '-j',
    '2',
    '-T',
    opts.seconds!,
    '-l',
    `--log-prefix=${join(dir, 'log')}`,
    '-f',
    join(dir, 'floor.sql'),
    opts.db,
  ],
  { encoding: 'utf8' },
);
if (run.status !== 0) throw new Error(`pgbench failed: ${run.stderr || run.error}`);
// Each log line: client, transaction, latency in µs, …
const latencies = readdirSync(dir)
  .filter((f) => f.startsWith('log'))
  .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
  .map((line) => Number(line.split(' ')[2]) / 1000)
  .sort((a, b) => a - b);
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
console.log(
  `${opts.word}: ${ids.length} candidates; ${Math.round(latencies.length / Number(opts.seconds))} req/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms at ${opts.clients} clients`,
);
