// Search looks for its candidates among the newest articles first, through the window's own index,
// and widens to the whole archive when they hold too few matches. Either way it must rank exactly
// the newest matches. A small window and candidate count make both paths run on a small archive,
// checked against the plain statement that defines the result. The window index itself is
// built, kept, rebuilt and dropped as the archive changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upkeepSettled } from '../src/db/after-writes.js';
import { openDb } from '../src/db/index.js';
import { ensureSearchWindow, searchWindowStart } from '../src/db/search-window.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { searchCandidatesSql } from '../src/read/search.js';
import { type GqlResult, loadCorpus, openApi, TEST_TOKEN } from './helpers/api.js';
import { backends, dropScratchDatabases } from './helpers/db.js';

const search = { window: 60, candidates: 25 };

afterAll(dropScratchDatabases);

// Both paths: the compiled statement (src/compiled) and the resolver.
const cases = backends.flatMap((backend) =>
  [true, false].map((compiledReads) => ({ backend, compiledReads, name: `${backend.name}${compiledReads ? '' : ', resolvers only'}` })),
);

describe.each(cases)('search candidates on $name', ({ backend, compiledReads }) => {
  let api: Awaited<ReturnType<typeof openApi>>;
  // Queries of several words look in the window first; a single word goes to the whole archive.
  const words: { common: string; rare: string; single: string } = { common: '', rare: '', single: '' };

  beforeAll(async () => {
    api = await openApi(backend, { compiledReads, search });
    expect((await loadCorpus(api, { docs: 30, seed: 11, vocabulary: 400 })).failures).toEqual([]);
    const stat = (articles: string, order: string, n = 1) =>
      api.db.prisma.$queryRawUnsafe<{ word: string }[]>(
        `SELECT word FROM ts_stat('SELECT search FROM "Article" ${articles}') WHERE length(word) > 3 ${order} LIMIT ${n}`,
      );
    words.common = (await stat('', 'ORDER BY ndoc DESC, word', 2)).map((r) => r.word).join(' ');
    // A rare word of the oldest articles: some of its matches lie outside the window.
    words.single = (await stat('ORDER BY "sortDate", id LIMIT 100', 'AND ndoc >= 2 ORDER BY ndoc, word'))[0]!.word;
    words.rare = `${words.single} -qqqzzx`;
  });
  afterAll(() => api.db.close());

  /** Matches in the window: the articles from its first day on. */
  async function inWindow(word: string) {
    const day = await searchWindowStart(api.db.prisma);
    expect(day).not.toBeNull();
    const [row] = await api.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "Article" WHERE "sortDate" >= $2::date AND search @@ websearch_to_tsquery('english', $1)`,
      word,
      day,
    );
    return row!.n;
  }

  /** The definition: the 25 newest matches, best ranked first. */
  async function expected(word: string) {
    const rows = await api.db.prisma.$queryRawUnsafe<{ id: number }[]>(
      `SELECT c.id FROM (SELECT a.id, a.search FROM "Article" a WHERE a.search @@ websearch_to_tsquery('english', $1)
         ORDER BY a."sortDate" DESC, a.id DESC LIMIT 25) c
       ORDER BY ts_rank(c.search, websearch_to_tsquery('english', $1)) DESC, c.id DESC LIMIT 10`,
      word,
    );
    return rows.map((r) => Buffer.from(`Article:${r.id}`).toString('base64'));
  }

  it.each(['common', 'rare', 'single'] as const)('ranks the newest matches of a %s query', async (which) => {
    const word = words[which];
    // The common query fills the window; the rare one makes search widen to the whole archive.
    if (which === 'common') expect(await inWindow(word)).toBeGreaterThanOrEqual(25);
    else if (which === 'single') expect(word).toMatch(/^\S+$/);
    else {
      expect(await inWindow(word)).toBeLessThan(25);
      const [all] = await api.db.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1)`,
        word,
      );
      expect(all!.n).toBeGreaterThan(await inWindow(word));
    }
    const r = await api.gql(`query($q: String!) { search(query: $q, first: 10) { nodes { id } } }`, { q: word });
    expect(r.errors).toBeUndefined();
    const ids = r.data.search.nodes.map((n: { id: string }) => n.id);
    expect(ids.length).toBeGreaterThan(1);
    expect(ids).toEqual(await expected(word));
  });

  it('pages past the ranked candidates by cursor: every match once, newest 25 best first, then the next 25', async () => {
    const word = words.common.split(' ')[0]!;
    // The definition: matches newest first cut into tiers of 25, each ranked.
    const rows = await api.db.prisma.$queryRawUnsafe<{ id: number }[]>(
      `SELECT id FROM (SELECT a.id, ts_rank(a.search, websearch_to_tsquery('english', $1))::float8 AS rank,
         (row_number() OVER (ORDER BY a."sortDate" DESC, a.id DESC) - 1) / 25 AS tier
         FROM "Article" a WHERE a.search @@ websearch_to_tsquery('english', $1)) x ORDER BY tier, rank DESC, id DESC`,
      word,
    );
    expect(rows.length).toBeGreaterThan(60);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const r: GqlResult = await api.gql(
        `query($q: String!, $a: String) { search(query: $q, first: 7, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`,
        { q: word, a: after },
      );
      expect(r.errors).toBeUndefined();
      // The count stays the first tier's, on every page.
      expect(r.data.search.totalCount).toBe(25);
      seen.push(...r.data.search.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!r.data.search.pageInfo.hasNextPage) break;
      after = r.data.search.pageInfo.endCursor;
    }
    expect(seen).toEqual(rows.map((r) => Buffer.from(`Article:${r.id}`).toString('base64')));
    const bad = await api.gql('{ search(query: "x", after: "T2Zmc2V0Q29ubmVjdGlvbjox") { totalCount } }');
    expect(bad.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'after']]);
  });

  it('counts matches as far as it ranks them, and says when the count stops there', async () => {
    const count = async (word: string) => {
      const [all] = await api.db.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1)`,
        word,
      );
      const r = await api.gql(`query($q: String!) { search(query: $q) { totalCount totalCountIsExact } }`, { q: word });
      expect(r.errors).toBeUndefined();
      return { all: all!.n, ...r.data.search };
    };
    const common = await count(words.common);
    expect(common.all).toBeGreaterThan(25);
    expect(common).toMatchObject({ totalCount: 25, totalCountIsExact: false });
    const rare = await count(words.rare);
    expect(rare.all).toBeLessThan(25);
    expect(rare).toMatchObject({ totalCount: rare.all, totalCountIsExact: true });
  });
});

describe.each(backends)('the search window index on $name', (backend) => {
  let api: Awaited<ReturnType<typeof openApi>>;
  const prisma = () => api.db.prisma;

  beforeAll(async () => {
    api = await openApi(backend, { search });
    expect((await loadCorpus(api, { docs: 30, seed: 12, vocabulary: 400 })).failures).toEqual([]);
  });
  afterAll(() => api.db.close());

  /** The window indexes as the catalog has them: name, predicate, validity. */
  const indexes = () =>
    prisma().$queryRawUnsafe<{ name: string; predicate: string; valid: boolean }[]>(
      `SELECT c.relname AS name, pg_get_expr(i.indpred, i.indrelid) AS predicate, i.indisvalid AS valid
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = '"Article"'::regclass AND c.relname LIKE 'Article_search_since_%' ORDER BY 1`,
    );
  /** The day of the (n+1)-th newest article: a window of n starts there. */
  const dayAfter = async (n: number) =>
    (
      await prisma().$queryRawUnsafe<{ day: string }[]>(
        `SELECT to_char("sortDate", 'YYYY-MM-DD') AS day FROM "Article" ORDER BY "sortDate" DESC, id DESC OFFSET ${n} LIMIT 1`,
      )
    )[0]!.day;
  /** The name of the index over a window of the n newest articles. */
  const windowOf = async (n: number) => `Article_search_since_${(await dayAfter(n)).replaceAll('-', '')}`;
  const articleCount = async () => (await prisma().$queryRawUnsafe<[{ n: number }]>(`SELECT count(*)::int AS n FROM "Article"`))[0].n;

  it('is built by the load over the newest articles, and search reads its first day', async () => {
    const day = await dayAfter(60);
    expect(await indexes()).toEqual([
      { name: `Article_search_since_${day.replaceAll('-', '')}`, predicate: `("sortDate" >= '${day}'::date)`, valid: true },
    ]);
    expect(await searchWindowStart(prisma())).toBe(day);
    // Nothing is due while the window holds between one and two windows of articles.
    expect(await ensureSearchWindow(prisma(), 60)).toEqual({ built: null, dropped: [] });
  });

  it("serves a search's window condition as the statement is sent", async () => {
    const day = await searchWindowStart(prisma());
    const [word] = await prisma().$queryRawUnsafe<{ word: string }[]>(
      `SELECT word FROM ts_stat('SELECT search FROM "Article"') WHERE length(word) > 3 ORDER BY ndoc DESC, word LIMIT 2`,
    );
    const text = `${word!.word} zzqx`;
    // A tiny table is read whole whatever the indexes: only the choice among indexes is asked here.
    const [, plan] = await prisma().$transaction([
      prisma().$executeRawUnsafe('SET LOCAL enable_seqscan = off'),
      prisma().$queryRaw<{ 'QUERY PLAN': string }[]>(
        Prisma.sql`EXPLAIN WITH ${searchCandidatesSql(text, { op: 'and', of: [] }, day, search.candidates)} SELECT id FROM candidates`,
      ),
    ]);
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain(`Article_search_since_${day!.replaceAll('-', '')}`);
  });

  it('is rebuilt when the archive outgrows it, and dropped when the archive is smaller than a window', async () => {
    const before = (await indexes())[0]!.name;
    // A window of 20 is a third of the current one: rebuilt from a later day, the old one dropped.
    const smaller = await ensureSearchWindow(prisma(), 20);
    expect(smaller).toEqual({ built: await windowOf(20), dropped: [before] });
    expect(await searchWindowStart(prisma())).toBe(await dayAfter(20));
    const n = await articleCount();
    expect(await ensureSearchWindow(prisma(), n)).toEqual({ built: null, dropped: [smaller.built] });
    expect(await indexes()).toEqual([]);
    expect(await searchWindowStart(prisma())).toBeNull();
    await ensureSearchWindow(prisma(), 60);
    expect((await indexes()).map((i) => i.name)).toEqual([before]);
  });

  it('is rebuilt in the background after an ingestDocument mutation finds it missing', async () => {
    const n = await articleCount();
    await ensureSearchWindow(prisma(), n);
    expect(await indexes()).toEqual([]);
    const r = await api.gql(
      'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { status } }',
      { input: { text: 'Pyongyang, May 25 (KCNA) -- Premier Pak Pong Ju visited the Kangson Complex on May 24, 2026.\n' } },
      { authorization: `Bearer ${TEST_TOKEN}` },
    );
    expect(r.data.ingestDocument.status).toBe('CREATED');
    // The mutation answers first; the build it started is awaited, not polled for (on PostgreSQL
    // an index built CONCURRENTLY is listed, invalid, before it is done).
    await upkeepSettled(prisma());
    expect(await indexes()).toMatchObject([{ name: await windowOf(60), valid: true }]);
  });

  it('is built once when two loads, or two processes, set out to build it at the same moment', async () => {
    const n = await articleCount();
    // On PostgreSQL a second pool on the same database stands for a second process.
    const url = (api.db as { url?: string }).url;
    const other = url ? await openDb({ url, poolSize: 2 }) : undefined;
    try {
      for (const second of [prisma(), other?.prisma].filter((p) => p !== undefined)) {
        for (let round = 0; round < 3; round += 1) {
          await ensureSearchWindow(prisma(), n);
          // Neither fails (PostgreSQL may stop one of two concurrent builds, which then looks again).
          const both = await Promise.all([ensureSearchWindow(prisma(), 60), ensureSearchWindow(second, 60)]);
          // In one process the second waits for the first and finds nothing to do; two
          // processes cannot tell whose CREATE … IF NOT EXISTS made the index.
          if (second === prisma()) expect(both.filter((c) => c.built !== null)).toHaveLength(1);
          else expect(both.some((c) => c.built !== null)).toBe(true);
          expect(await indexes()).toMatchObject([{ name: await windowOf(60), valid: true }]);
        }
      }
    } finally {
      await other?.close();
    }
  });

  it('replaces an index whose build did not finish', async () => {
    const name = (await indexes())[0]!.name;
    // What an interrupted CREATE INDEX CONCURRENTLY leaves behind: the index, marked invalid.
    await prisma().$executeRawUnsafe(`UPDATE pg_index SET indisvalid = false WHERE indexrelid = '"${name}"'::regclass`);
    expect(await ensureSearchWindow(prisma(), 60)).toEqual({ built: name, dropped: [] });
    expect(await indexes()).toMatchObject([{ name, valid: true }]);
  });
});
