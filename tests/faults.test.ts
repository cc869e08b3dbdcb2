// Database faults against the real server process: down at start, lost mid-flight, back again;
// and a SIGKILL in the middle of a large ingest. Needs the PostgreSQL server (see README).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/corpus.js';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { createProxy, type Proxy as TcpProxy } from '../bench/proxy.js';
import { freePort, root, startServer, tsx, type RunningServer } from './helpers/server.js';

const postgres = backends.find((b) => b.name === 'postgres');
const run = promisify(execFile);
afterAll(dropScratchDatabases);

async function scratchUrl(port?: number): Promise<string> {
  const db = await postgres!.open(); // creates and migrates a scratch database
  const url = new URL((db as { url?: string }).url!);
  await db.close();
  if (port) url.port = String(port);
  return url.toString();
}

const ask = (server: RunningServer, query: string) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } }),
  );

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe.skipIf(!postgres)('database faults', () => {
  let proxy: TcpProxy;
  let server: RunningServer;
  beforeAll(async () => {
    proxy = await createProxy({ host: '127.0.0.1', port: 5432 }, await freePort());
    const url = await scratchUrl(proxy.port);
    // The database is down when the server starts.
    server = await startServer(
      { DATABASE_URL: url, NEWSGRAPH_REQUEST_TIMEOUT_MS: '10000', NEWSGRAPH_MAX_IN_FLIGHT: '4' },
      { waitForHealth: false },
    );
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await proxy?.down();
  });

  it('starts while the database is down, reports not-ready, and becomes ready when it returns', async () => {
    expect(await until(async () => (await fetch(`${server.url}/readyz`)).status === 503, 20_000)).toBe(true);
    // Unhealthy, but alive all the while: a liveness probe must not restart a server waiting for its database.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    expect((await fetch(`${server.url}/livez`)).status).toBe(200);
    const down = await ask(server, '{ sources { totalCount } }');
    expect(down.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    await proxy.up();
    expect(await until(async () => (await fetch(`${server.url}/readyz`)).status === 200, 60_000)).toBe(true);
    expect((await ask(server, '{ sources { totalCount } }')).body).toEqual({ data: { sources: { totalCount: 0 } } });
  }, 90_000);

  it('gives a clear error while the database is lost, and recovers by itself', async () => {
    await proxy.down();
    const lost = await ask(server, '{ articles { totalCount } }');
    expect(lost.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    // application/json: 200 with the error (its media type's rule), and Retry-After.
    expect(lost.status).toBe(200);
    // application/graphql-response+json and no data: 503, as GraphQL over HTTP asks.
    const spec = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ articles { totalCount } }' }),
    });
    expect(spec.status).toBe(503);
    expect(spec.headers.get('retry-after')).toBe('5');
    expect(((await spec.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    // Not ready, and saying nothing of where the database is.
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable' });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'unhealthy' });
    await proxy.up();
    expect(await until(async () => (await ask(server, '{ articles { totalCount } }')).body.data !== undefined, 30_000)).toBe(true);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  }, 90_000);

  it('while the database hangs: answers by the deadline, sheds what is over the cap, reports not ready, and recovers', async () => {
    expect((await ask(server, '{ articles { totalCount } }')).body.data).toBeDefined();
    proxy.freeze();
    try {
      // Ten at once against a cap of four: six are shed at once, four wait for the 10 s deadline (long enough that all ten overlap on a busy machine).
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(server, `{ a${i}: articles { totalCount } }`)));
      const messages = answers.map((a) => (a.body.errors?.[0] as { message?: string } | undefined)?.message ?? '');
      for (const a of answers) expect(a.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(messages.filter((m) => /requests are in progress/.test(m)).length).toBe(6);
      expect(messages.filter((m) => /No answer within 10000 ms/.test(m)).length).toBe(4);
      // Health and readiness give up on the database instead of waiting with it; liveness needs no database.
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
      expect((await fetch(`${server.url}/livez`)).status).toBe(200);
    } finally {
      proxy.thaw();
    }
    expect(await until(async () => (await ask(server, '{ articles { totalCount } }')).body.data !== undefined, 60_000)).toBe(true);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'healthy' });
  }, 120_000);
});

describe.skipIf(!postgres)('a shutdown whose grace period runs out', () => {
  it('answers the request still waiting on the database with 503, not a reset, and exits 1', async () => {
    const proxy = await createProxy({ host: '127.0.0.1', port: 5432 }, await freePort());
    await proxy.up();
    const server = await startServer({ DATABASE_URL: await scratchUrl(proxy.port), NEWSGRAPH_SHUTDOWN_GRACE_MS: '1000' });
    try {
      proxy.freeze();
      const before = proxy.held();
      const waiting = ask(server, '{ articles { totalCount } }');
      // In flight for sure once its statement is held at the frozen database's door.
      while (proxy.held() === before) await new Promise((r) => setTimeout(r, 50));
      const exit = server.stop('SIGTERM');
      const answer = await waiting;
      expect(answer.status).toBe(503);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('SHUTTING_DOWN');
      expect(await exit).toBe(1);
    } finally {
      proxy.thaw();
      await server.stop();
      await proxy.down();
    }
  }, 120_000);
});

describe.skipIf(!postgres)('SIGKILL during a large ingest', () => {
  it('leaves a consistent database, and the same ingest run again completes it', async () => {
    const url = await scratchUrl();
    const dir = mkdtempSync(join(tmpdir(), 'newsgraph-kill-'));
    let count = 0;
    // Six batches of 100 (the loader's default): the kill, after the first commit, must land while
    // pages are left. With 120 the second, short batch sometimes committed before the kill.
    for (const page of generateCorpus({ docs: 600, seed: 5 })) {
      writeFileSync(join(dir, page.name), page.text);
      count += 1;
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const docs = async () => Number((await client.query('SELECT COUNT(*) AS n FROM "Document"')).rows[0].n);
      // node itself, not the tsx wrapper: SIGKILL must reach the process doing the work.
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', dir], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url },
        stdio: 'ignore',
      });
      expect(await until(async () => (await docs()) >= 10, 90_000)).toBe(true);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, 500)); // let the server notice the dropped connection
      const partial = await docs();
      expect(partial).toBeLessThan(count);
      // Consistent: every stored page has its articles, every event a report, every count its mentions.
      const orphans = await client.query(`SELECT
        (SELECT COUNT(*) FROM "Document" d WHERE NOT EXISTS (SELECT 1 FROM "Article" a WHERE a."documentId" = d.id)) AS empty_documents,
        (SELECT COUNT(*) FROM "Event" e WHERE NOT EXISTS (SELECT 1 FROM "EventReport" r WHERE r."eventId" = e.id)) AS unreported_events,
        (SELECT COUNT(*) FROM "Person" p WHERE ("mentionCount", "articleCount") <> (SELECT COALESCE(SUM(m.count), 0), count(*) FROM "Mention" m WHERE m."personId" = p.id)) AS wrong_counts`);
      expect(orphans.rows[0]).toEqual({ empty_documents: '0', unreported_events: '0', wrong_counts: '0' });
      const rerun = await run(tsx, ['src/cli/ingest.ts', dir], { cwd: root, env: { ...process.env, DATABASE_URL: url } });
      expect(rerun.stdout).toMatch(
        new RegExp(`${count} documents \\(${count - partial} new, 0 updated, ${partial} unchanged\\).*0 failures`),
      );
      expect(await docs()).toBe(count);
    } finally {
      await client.end();
    }
  }, 240_000);
});
