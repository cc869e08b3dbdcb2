// `npm run bench:export [-- --pg URL] [--slow MS]`: exports the bench archive over HTTP from a
// server process and reports rows, seconds and the server's RSS (start, peak) per export. With
// --slow the client waits MS after each chunk: a slow reader must cost the server nothing more.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    pg: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/newsgraph_bench' },
    slow: { type: 'string', default: '0' },
    port: { type: 'string', default: '4320' },
  },
});
const root = resolve(import.meta.dirname, '..');
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: root,
  env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: opts.pg, PORT: opts.port },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((done) => server.stdout!.on('data', (d: Buffer) => String(d).includes('database ready') && done()));
const rssMB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;

for (const path of (process.env.ONLY ?? 'articles.ndjson,articles.csv,events.ndjson,persons.csv').split(',')) {
  const start = rssMB();
  let peak = start;
  const heap = { used: 0, external: 0 };
  const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? 0) / 1e6;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMB());
    void fetch(`http://127.0.0.1:${opts.port}/metrics`)
      .then((r) => r.text())
      .then((t) => {
        heap.used = Math.max(heap.used, metric(t, 'nodejs_heap_size_used_bytes'));
        heap.external = Math.max(heap.external, metric(t, 'nodejs_external_memory_bytes'));
      });
  }, 100);
  const began = performance.now();
  const response = await fetch(`http://127.0.0.1:${opts.port}/export/${path}`);
  const reader = response.body!.getReader();
  let bytes = 0;
  let lines = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.length;
    for (const b of chunk.value) if (b === 10) lines += 1;
    if (Number(opts.slow)) await new Promise((r) => setTimeout(r, Number(opts.slow)));
  }
  clearInterval(sampler);
  const seconds = (performance.now() - began) / 1000;
  console.log(
    `${path}: ${lines} lines, ${Math.round(bytes / 1e6)} MB in ${seconds.toFixed(1)} s; server RSS ${Math.round(start)} MB at start, peak ${Math.round(peak)} MB (+${Math.round(peak - start)} MB); peak heap used ${Math.round(heap.used)} MB, external ${Math.round(heap.external)} MB`,
  );
}
server.kill('SIGTERM');
