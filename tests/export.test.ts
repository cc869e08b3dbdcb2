// Exports (src/export): every row once, by keyset pages, each record saying what the API says;
// `since` keeps what changed; bad requests are refused with a code; the CLI writes the same.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportChunks } from '../src/export/stream.js';
import { type Api, loadCorpus, openApi } from './helpers/api.js';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { root, tsx } from './helpers/server.js';

afterAll(dropScratchDatabases);

describe.each(backends)('exports on $name', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi(backend);
    expect((await loadCorpus(api, { docs: 25, seed: 5, people: 30 })).failures).toEqual([]);
  });
  afterAll(() => api.db.close());

  const ndjson = async (path: string) => {
    const r = await api.fetch(path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/x-ndjson');
    return (await r.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  };

  it('streams every article once, each as the API reads it', async () => {
    const rows = await ndjson('/export/articles.ndjson');
    const total = await api.db.prisma.article.count();
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    const sample = rows[Math.floor(rows.length / 2)];
    const q = await api.gql(
      `{ node(id: "${sample.id}") { ... on Article { title url publishedDate { iso } source { slug } persons(first: 100) { nodes { name } } } } }`,
    );
    const a = q.data.node;
    expect(sample).toMatchObject({ title: a.title, url: a.url, published: a.publishedDate?.iso ?? null, source: a.source.slug });
    expect([...sample.persons].sort()).toEqual(a.persons.nodes.map((p: { name: string }) => p.name).sort());
  });

  it('pages by id without gaps or repeats, whatever the page size', async () => {
    const whole: string[] = [];
    for await (const chunk of exportChunks(api.db.readValue, 'events', { format: 'ndjson', pageSize: 3 }))
      whole.push(...chunk.split('\n').filter(Boolean));
    const ids = whole.map((l) => JSON.parse(l).id);
    expect(ids).toHaveLength(await api.db.prisma.event.count());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual((await ndjson('/export/events.ndjson')).map((r) => r.id));
  });

  it('writes CSV a spreadsheet reads back: a header, one record per person, lists joined', async () => {
    const r = await api.fetch('/export/persons.csv');
    expect(r.headers.get('content-type')).toContain('text/csv');
    const records = parse(await r.text(), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(await api.db.prisma.person.count());
    // Bodies hold commas, quotes and line breaks: the articles' CSV must read back as the NDJSON does.
    const articles = parse(await (await api.fetch('/export/articles.csv')).text(), { columns: true }) as Record<string, string>[];
    const json = await ndjson('/export/articles.ndjson');
    expect(articles.map((a) => [a.id, a.title, a.body, a.persons])).toEqual(json.map((a) => [a.id, a.title, a.body, a.persons.join('; ')]));
    const withAliases = records.find((p) => p.aliases !== '');
    if (withAliases) {
      const q = await api.gql(`{ node(id: "${withAliases.id}") { ... on Person { aliases } } }`);
      expect(withAliases.aliases).toBe(q.data.node.aliases.join('; '));
    }
  });

  it('keeps what changed since a day or an instant, and refuses a bad one or an unknown export with a code', async () => {
    expect(await ndjson('/export/articles.ndjson?since=2999-01-01')).toEqual([]);
    expect((await ndjson('/export/persons.ndjson?since=2000-01-01T00:00:00Z')).length).toBe(await api.db.prisma.person.count());
    const bad = await api.fetch('/export/articles.ndjson?since=yesterday');
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await api.fetch('/export/secrets.ndjson');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    const post = await api.fetch('/export/articles.csv', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(405);
  });
});

describe('npm run export', () => {
  it('writes a file from the embedded database, and refuses an unknown format', async () => {
    const run = promisify(execFile);
    const dir = mkdtempSync(join(tmpdir(), 'newsgraph-export-'));
    const env = { ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: join(dir, 'db') };
    await run(tsx, ['src/cli/seed.ts'], { cwd: root, env });
    const out = join(dir, 'articles.ndjson');
    await run(tsx, ['src/cli/export.ts', 'articles', '--out', out], { cwd: root, env });
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    expect(JSON.parse(lines[0]!).title).toEqual(expect.any(String));
    const refused = await run(tsx, ['src/cli/export.ts', '--format', 'xml'], { cwd: root, env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused).toMatchObject({ code: 2 });
  }, 120_000);
});
