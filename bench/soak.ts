// `npm run soak`: a fixed mix of queries and ingests against the real server on PostgreSQL,
// bounded in time; prints requests, errors, p50/p99 and the server's memory every interval.
// Exits 1 on any error, or when the server's memory grew by more than half from the first
// interval to the last. Flags: --seconds 60 --concurrency 8 --pg postgres://…/test
//
// --faults: the server reaches the database through a TCP proxy that, every --fault-every
// seconds (30), freezes it for 5 s (as SIGSTOP does) or cuts it for 3 s, in turn. Errors are then
// expected, but only SERVICE_UNAVAILABLE: the run fails on any other code (INTERNAL_SERVER_ERROR
// above all), on a wait longer than the request deadline (10 s here) plus a second, on /healthz
// taking more than 1 s to say 503 after a freeze, and on any acknowledged ingest missing from
// the database at the end.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateCorpus } from './corpus.js';
import { createProxy } from './proxy.js';
import { node, personPage, Q, search, TIMELINE } from './scenarios.js';

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '8' },
    interval: { type: 'string', default: '10' },
    pg: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    faults: { type: 'boolean', default: false },
    'fault-every': { type: 'string', default: '30' },
    /** Where the server's log (JSON lines) goes; by default it is read for readiness and dropped. */
    'server-log': { type: 'string' },
  },
});
const DEADLINE_MS = 10_000;
const root = resolve(import.meta.dirname, '..');
const admin = new pg.Client({ connectionString: opts.pg });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS newsgraph_soak WITH (FORCE)');
await admin.query('CREATE DATABASE newsgraph_soak');
await admin.end();
const url = new URL(opts.pg!);
url.pathname = '/newsgraph_soak';
const direct = url.toString();
const proxy = opts.faults ? await createProxy({ host: url.hostname, port: Number(url.port || 5432) }, 4401) : undefined;
if (proxy) {
  await proxy.up();
  url.host = `127.0.0.1:${proxy.port}`;
}

const port = 4400;
const token = 'soak-token';
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url.toString(),
    PORT: String(port),
    NEWSGRAPH_TOKENS: token,
    NEWSGRAPH_REQUEST_TIMEOUT_MS: String(DEADLINE_MS),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const serverLog = opts['server-log'] ? createWriteStream(opts['server-log']) : undefined;
if (serverLog) server.stdout!.pipe(serverLog);
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
/** Ingests the server acknowledged, by URL: each must be in the database at the end. */
const acknowledged = new Set<string>();
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
    () => {
      const page = pages[nextPage++ % pages.length]!;
      const soakUrl = `https://soak.example/${nextPage}`;
      return post(INGEST, { input: { text: page.text, url: soakUrl } }, { authorization: `Bearer ${token}` }).then((r) =>
        Object.assign(r, { soakUrl }),
      );
    },
  ],
];
const codes = new Map<string, number>();
let longest = 0;
const healthDelays: number[] = [];
let faults = 0;
async function injectFaults() {
  while (proxy && Date.now() < stopAt - 10_000) {
    await new Promise((r) => setTimeout(r, Number(opts['fault-every']) * 1000));
    if (Date.now() >= stopAt - 10_000) break;
    faults += 1;
    if (faults % 2) {
      proxy.freeze();
      const frozen = performance.now();
      // How long /healthz takes to say 503 once the database hangs.
      for (;;) {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (r?.status === 503) break;
        await new Promise((done) => setTimeout(done, 100));
      }
      healthDelays.push(Math.round(performance.now() - frozen));
      await new Promise((r) => setTimeout(r, 5_000));
      proxy.thaw();
    } else {
      await proxy.down();
      await new Promise((r) => setTimeout(r, 3_000));
      await proxy.up();
    }
  }
}
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

const injecting = injectFaults();
await Promise.all(
  Array.from({ length: Number(opts.concurrency) }, async () => {
    while (Date.now() < stopAt) {
      const started = performance.now();
      try {
        const r = await pick()();
        const body = (await r.json()) as { data?: { ingestDocument?: { status: string } }; errors?: { extensions?: { code?: string } }[] };
        if (!r.ok || body.errors) errors += 1;
        for (const e of body.errors ?? [])
          codes.set(e.extensions?.code ?? 'UNCODED', (codes.get(e.extensions?.code ?? 'UNCODED') ?? 0) + 1);
        if (!body.errors && !r.ok) codes.set(`HTTP ${r.status}`, (codes.get(`HTTP ${r.status}`) ?? 0) + 1);
        const soakUrl = (r as Response & { soakUrl?: string }).soakUrl;
        if (body.data?.ingestDocument && soakUrl) acknowledged.add(soakUrl);
      } catch {
        errors += 1;
        codes.set('NO RESPONSE', (codes.get('NO RESPONSE') ?? 0) + 1);
      }
      const took = performance.now() - started;
      longest = Math.max(longest, took);
      window.push(took);
      total += 1;
    }
  }),
);
await injecting;
clearInterval(report);
server.kill('SIGTERM');
const first = rows[0]?.rssMB ?? 0;
const last = rows[rows.length - 1]?.rssMB ?? 0;
console.log(`\n${total} requests, ${errors} errors; server RSS ${first} MB → ${last} MB`);
if (!opts.faults) process.exitCode = errors > 0 || last > first * 1.5 ? 1 : 0;
else {
  // Every acknowledged ingest must be stored: read straight from the database.
  const check = new pg.Client({ connectionString: direct });
  await check.connect();
  const urls = [...acknowledged];
  const { rows: found } = await check.query<{ n: number }>('SELECT count(*)::int AS n FROM "Document" WHERE url = ANY($1)', [urls]);
  await check.end();
  const lost = urls.length - found[0]!.n;
  const others = [...codes].filter(([code]) => code !== 'SERVICE_UNAVAILABLE');
  console.log(`faults: ${faults} (${Math.ceil(faults / 2)} freezes of 5 s, ${Math.floor(faults / 2)} cuts of 3 s)`);
  console.log(`errors by code: ${JSON.stringify(Object.fromEntries(codes))}`);
  console.log(
    `longest wait: ${Math.round(longest)} ms (deadline ${DEADLINE_MS} ms); /healthz 503 after a freeze in ${healthDelays.join(', ')} ms`,
  );
  console.log(`acknowledged ingests: ${urls.length}, lost: ${lost}`);
  process.exitCode = others.length || lost || longest > DEADLINE_MS + 1_000 || healthDelays.some((d) => d > 1_000) ? 1 : 0;
}
await proxy?.down();
