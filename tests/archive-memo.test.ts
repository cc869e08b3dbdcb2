// The timeline is answered from memory between writes (src/db/archive-memo.ts), and a write
// clears it: one made through this process at once, one made through another connection (another
// server) when its notification arrives. Tests wait on that notification, not on a clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upkeepSettled } from '../src/db/after-writes.js';
import { archiveMemo, watchArchive } from '../src/db/archive-memo.js';
import { openDb, type Db } from '../src/db/index.js';
import { processDocument } from '../src/ingest/pipeline.js';
import { storeDocument } from '../src/ingest/store.js';
import { generateCorpus } from '../bench/corpus.js';
import { type Api, loadCorpus, openApi, TEST_TOKEN } from './helpers/api.js';
import { backends, dropScratchDatabases } from './helpers/db.js';

afterAll(dropScratchDatabases);

const TIMELINE = '{ timeline(granularity: MONTH) { period count } }';
const pages = [...generateCorpus({ docs: 14, seed: 31, people: 30 })];

describe.each(backends)('the archive memo on $name', (backend) => {
  let api: Api;
  let stop: () => Promise<void>;
  const memo = () => archiveMemo(api.db.prisma);
  let compiled = 0;
  /** The timeline's answer and the number of statements it ran, through Prisma or compiled. */
  const timeline = async () => {
    const before = api.statements.length + compiled;
    const r = await api.gql(TIMELINE);
    expect(r.errors).toBeUndefined();
    return { rows: r.data.timeline as { period: string; count: number }[], statements: api.statements.length + compiled - before };
  };
  const total = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);

  beforeAll(async () => {
    api = await openApi(backend);
    const loaded = await loadCorpus(api, { docs: 10, seed: 31, people: 30 });
    expect(loaded.failures).toEqual([]);
    stop = await watchArchive(api.db);
    const readValue = api.db.readValue;
    api.db.readValue = (sql, params) => {
      compiled++;
      return readValue(sql, params);
    };
  });
  afterAll(async () => {
    await stop();
    await api.db.close();
  });

  it('answers a repeated timeline without a statement, and the same as counting', async () => {
    expect(memo().listening).toBe(true);
    const first = await timeline();
    expect(first.statements).toBe(1);
    expect(total(first.rows)).toBeGreaterThan(0);
    const again = await timeline();
    expect(again.statements).toBe(0);
    expect(again.rows).toEqual(first.rows);
    // The same question in another form (a variable, an alias) is the same statement: kept too.
    const aliased = await api.gql('query T($g: TimelineGranularity!) { t: timeline(granularity: $g) { period count } }', { g: 'MONTH' });
    expect(aliased.data.t).toEqual(first.rows);
  });

  it('sends a kept answer as the very bytes a counted one is sent as, alone, batched or as graphql-response+json', async () => {
    const post = async (body: unknown, accept = 'application/json') => {
      const response = await api.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept, 'x-request-id': 'memo-test-1' },
        body: JSON.stringify(body),
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      return {
        text: bytes.toString(),
        length: response.headers.get('content-length'),
        type: response.headers.get('content-type'),
        id: response.headers.get('x-request-id'),
      };
    };
    const asks: [unknown, string?][] = [
      [{ query: TIMELINE }],
      [[{ query: TIMELINE }, { query: '{ timeline(granularity: YEAR) { period } }' }]],
      [{ query: TIMELINE }, 'application/graphql-response+json'],
    ];
    memo().listening = false;
    const counted = [];
    for (const [body, accept] of asks) counted.push(await post(body, accept));
    memo().listening = true;
    for (const [body, accept] of asks) await post(body, accept);
    const before = compiled;
    const kept = [];
    for (const [body, accept] of asks) kept.push(await post(body, accept));
    expect(compiled).toBe(before);
    expect(kept).toEqual(counted);
    expect(JSON.parse(kept[0]!.text).data.timeline.length).toBeGreaterThan(0);
    expect(JSON.parse(kept[1]!.text).map((r: { data: object }) => Object.keys(r.data))).toEqual([['timeline'], ['timeline']]);
    expect(kept[2]!.type).toMatch(/^application\/graphql-response\+json/);
    for (const k of kept) expect(Number(k.length)).toBe(Buffer.byteLength(k.text));
  });

  it('forgets it when a page is stored through another connection, once the notification arrives', async () => {
    const before = await timeline();
    await timeline();
    // Another writer: on PostgreSQL a second client, as another server would be; PGlite has one.
    const other: Db = 'url' in api.db ? await openDb({ url: (api.db as Db & { url: string }).url, poolSize: 2 }) : api.db;
    try {
      const heard = memo().nextChange();
      const page = pages[12]!;
      const stored = await storeDocument(other.prisma, processDocument({ text: page.text, key: page.name }));
      expect(stored.status).toBe('created');
      await heard;
      const after = await timeline();
      expect(after.statements).toBe(1);
      const counted = await api.db.prisma.event.count({ where: { datePrecision: { in: ['MONTH', 'DAY'] } } });
      expect(total(after.rows)).toBe(counted);
      expect(total(after.rows)).toBeGreaterThan(total(before.rows));
    } finally {
      if (other !== api.db) await other.close();
    }
  });

  it('forgets it at once when this process writes, and keeps nothing while it cannot listen', async () => {
    await timeline();
    const page = pages[13]!;
    const r = await api.gql(
      'mutation I($text: String!, $url: String!) { ingestDocument(input: { text: $text, url: $url }) { status } }',
      { text: page.text, url: `https://example.org/${page.name}` },
      { authorization: `Bearer ${TEST_TOKEN}` },
    );
    expect(r.errors).toBeUndefined();
    // No wait for the notification: the mutation's own afterWrites cleared the memo. Its
    // background upkeep is let finish first, so that only the timeline's statements are counted.
    await upkeepSettled(api.db.prisma);
    expect((await timeline()).statements).toBe(1);
    memo().listening = false;
    try {
      await timeline();
      expect((await timeline()).statements).toBe(1);
    } finally {
      memo().listening = true;
    }
  });
});
