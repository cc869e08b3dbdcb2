// `npm run soak`: a fixed mix of queries and ingests against the real server on PostgreSQL,
// bounded in time; prints requests, errors, p50/p99 and the server's memory every interval.
// Exits 1 on any error, or when the server's memory grew by more than half from the first
// interval to the last. Flags: --seconds 60 --concurrency 8 --pg postgres://…/test
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateCorpus } from './corpus.js';
import { node, personPage, Q, search, TIMELINE } from './scenarios.js';

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '8' },
    interval: { type: 'string', default: '10' },
    pg: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const root = resolve(import.meta.dirname, '..');
const admin = new pg.Client({ connectionString: opts.pg });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS newsgraph_soak WITH (FORCE)');
await admin.query('CREATE DATABASE newsgraph_soak');
await admin.end();
const url = new URL(opts.pg!);
url.pathname = '/newsgraph_soak';

const port = 4400;
const token = 'soak-token';
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: root,
  env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url.toString(), PORT: String(port), NEWSGRAPH_TOKENS: token },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((done) => server.stdout!.on('data', (d: Buffer) => /database ready/.test(String(d)) && done()));
const endpoint = `http://127.0.0.1:${port}/graphql`;
const rssMB = () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

const pages = [...generateCorpus({ docs: 400, seed: 11 })];
let nextPage = 0;
const post = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
const INGEST = 'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { status articles { id } } }';
for (let i = 0; i < 100; i += 1)
  await post(
    INGEST,
    { input: { text: pages[nextPage++]!.text, url: `https://soak.example/${nextPage}` } },
    { authorization: `Bearer ${token}` },
  );
const someone = (
  (await (await post('{ persons(first: 1, orderBy: MENTIONS) { nodes { name } } }')).json()) as {
    data: { persons: { nodes: { name: string }[] } };
  }
).data.persons.nodes[0]!.name;
const articleId = (
  (await (await post('{ articles(first: 1) { nodes { id } } }')).json()) as { data: { articles: { nodes: { id: string }[] } } }
).data.articles.nodes[0]!.id;

// The mix: weights out of 100.
const mix: [number, () => Promise<Response>][] = [
  [55, () => post(Q)],
  [12, () => post(search(['caim', '"trun caim"', someone, 'nonsean -fer'][Math.floor(Math.random() * 4)]!))],
  [12, () => post(personPage(someone))],
  [8, () => post(TIMELINE)],
  [8, () => post(node(articleId))],
  [
    5,
    () =>
      post(
        INGEST,
        { input: { text: pages[nextPage++ % pages.length]!.text, url: `https://soak.example/${nextPage}` } },
        { authorization: `Bearer ${token}` },
      ),
  ],
];
const pick = () => {
  let r = Math.random() * 100;
  for (const [w, f] of mix) {
    r -= w;
    if (r < 0) return f;
  }
  return mix[0]![1];
};

const stopAt = Date.now() + Number(opts.seconds) * 1000;
let window: number[] = [];
let errors = 0;
let total = 0;
const rows: { t: number; requests: number; errors: number; p50: number; p99: number; rssMB: number }[] = [];
const pct = (xs: number[], p: number) => (xs.length ? xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]! : 0);
const report = setInterval(() => {
  const row = {
    t: rows.length ? rows[rows.length - 1]!.t + Number(opts.interval) : Number(opts.interval),
    requests: window.length,
    errors,
    p50: Math.round(pct(window, 0.5)),
    p99: Math.round(pct(window, 0.99)),
    rssMB: rssMB(),
  };
  rows.push(row);
  console.log(`t=${row.t}s requests=${row.requests} errors=${row.errors} p50=${row.p50}ms p99=${row.p99}ms server_rss=${row.rssMB}MB`);
  window = [];
}, Number(opts.interval) * 1000);

await Promise.all(
  Array.from({ length: Number(opts.concurrency) }, async () => {
    while (Date.now() < stopAt) {
      const started = performance.now();
      try {
        const r = await pick()();
        const body = (await r.json()) as { errors?: unknown[] };
        if (!r.ok || body.errors) errors += 1;
      } catch {
        errors += 1;
      }
      window.push(performance.now() - started);
      total += 1;
    }
  }),
);
clearInterval(report);
server.kill('SIGTERM');
const first = rows[0]?.rssMB ?? 0;
const last = rows[rows.length - 1]?.rssMB ?? 0;
console.log(`\n${total} requests, ${errors} errors; server RSS ${first} MB → ${last} MB`);
process.exitCode = errors > 0 || last > first * 1.5 ? 1 : 0;
