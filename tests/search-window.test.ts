// Search looks for its candidates among the newest articles first and widens to the whole archive
// when they hold too few matches. Either way it must rank exactly the newest matches. A small
// window and candidate count (set before the schema loads) make both paths run on a small archive,
// checked against the plain statement that defines the result.
process.env.NEWSGRAPH_SEARCH_WINDOW = '60';
process.env.NEWSGRAPH_SEARCH_CANDIDATES = '25';
const { afterAll, beforeAll, describe, expect, it } = await import('vitest');
const { generateCorpus } = await import('../bench/corpus.js');
const { loadDocuments } = await import('../src/ingest/files.js');
const { backends, dropScratchDatabases } = await import('./helpers/db.js');
const { openApi } = await import('./helpers/api.js');

afterAll(dropScratchDatabases);

// Both paths: the compiled statement (src/compiled) and the resolver.
const cases = backends.flatMap((backend) => [true, false].map((compiledReads) => ({ backend, compiledReads, name: `${backend.name}${compiledReads ? '' : ', resolvers only'}` })));

describe.each(cases)('search candidates on $name', ({ backend, compiledReads }) => {
  let api: Awaited<ReturnType<typeof openApi>>;
  // Queries of several words look in the window first; a single word goes to the whole archive.
  const words: { common: string; rare: string; single: string } = { common: '', rare: '', single: '' };

  beforeAll(async () => {
    api = await openApi(backend, { compiledReads });
    const pages = [...generateCorpus({ docs: 30, seed: 11, vocabulary: 400 })].map((p) => ({ label: p.name, input: () => ({ text: p.text, key: p.name }) }));
    expect((await loadDocuments(api.db.prisma, pages, pages.length)).failures).toEqual([]);
    const stat = (articles: string, order: string, n = 1) =>
      api.db.prisma.$queryRawUnsafe<{ word: string }[]>(`SELECT word FROM ts_stat('SELECT search FROM "Article" ${articles}') WHERE length(word) > 3 ${order} LIMIT ${n}`);
    words.common = (await stat('', 'ORDER BY ndoc DESC, word', 2)).map((r) => r.word).join(' ');
    // A rare word of the oldest articles: some of its matches lie outside the window.
    words.single = (await stat('ORDER BY "sortDate", id LIMIT 100', 'AND ndoc >= 2 ORDER BY ndoc, word'))[0]!.word;
    words.rare = `${words.single} -qqqzzx`;
  });
  afterAll(() => api.db.close());

  /** Matches among the newest 60 articles: the window. */
  async function inWindow(word: string) {
    const [row] = await api.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT search FROM "Article" ORDER BY "sortDate" DESC, id DESC LIMIT 61) a WHERE search @@ websearch_to_tsquery('english', $1)`,
      word,
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
      const [all] = await api.db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1)`, word);
      expect(all!.n).toBeGreaterThan(await inWindow(word));
    }
    const r = await api.gql(`query($q: String!) { search(query: $q, first: 10) { nodes { id } } }`, { q: word });
    expect(r.errors).toBeUndefined();
    const ids = r.data.search.nodes.map((n: { id: string }) => n.id);
    expect(ids.length).toBeGreaterThan(1);
    expect(ids).toEqual(await expected(word));
  });

  it('counts matches as far as it ranks them, and says when the count stops there', async () => {
    const count = async (word: string) => {
      const [all] = await api.db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1)`, word);
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
