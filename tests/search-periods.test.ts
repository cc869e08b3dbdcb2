// Search finds its candidates period by period (src/read/search.ts): a year at a time, the months
// one by one in a year with more than twice as many matches as it ranks, undated articles last.
// Whatever the path, it must rank exactly the newest matches: with 10 candidates on a corpus
// spread over 26 years both paths run, and every answer is checked against the plain statement
// that defines it (newest matches first, by sortDate and id), on both read paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma, type PrismaClient } from '../src/generated/prisma/client.js';
import { articleCondition } from '../src/read/article.js';
import { refreshCommonWords } from '../src/db/search-words.js';
import { searchCandidatesSql, searchKeySql, searchPairsSql, type TierStart } from '../src/read/search.js';
import { type GqlResult, loadCorpus, openApi } from './helpers/api.js';
import { backends, dropScratchDatabases } from './helpers/db.js';

const search = { candidates: 10 };
const N = search.candidates;

afterAll(dropScratchDatabases);

const gid = (id: number) => Buffer.from(`Article:${id}`).toString('base64');

// Both paths: the compiled statement (src/compiled) and the resolver.
const cases = backends.flatMap((backend) =>
  [true, false].map((compiledReads) => ({ backend, compiledReads, name: `${backend.name}${compiledReads ? '' : ', resolvers only'}` })),
);

describe.each(cases)('search by period on $name', ({ backend, compiledReads }) => {
  let api: Awaited<ReturnType<typeof openApi>>;
  const prisma = () => api.db.prisma;
  /** Queries of every kind, from the corpus's own words. */
  const queries: string[] = [];

  beforeAll(async () => {
    api = await openApi(backend, { compiledReads, search });
    expect((await loadCorpus(api, { docs: 120, seed: 11, vocabulary: 400 })).failures).toEqual([]);
    // The statistics a loaded archive has (a long load ends with VACUUM (ANALYZE)): searchKeySql reads
    // them. Of a big archive they name the thousand commonest words, and a word outside them may
    // still be in thousands of articles. Here they name fifty, so that some words are called rare
    // and yet have more matches than a whole read keeps.
    await prisma().$executeRawUnsafe('ALTER TABLE "Article" ALTER COLUMN search SET STATISTICS 5');
    await prisma().$executeRawUnsafe('ANALYZE "Article"');
    await refreshCommonWords(prisma());
    const words = (
      await prisma().$queryRawUnsafe<{ word: string }[]>(
        `SELECT word FROM ts_stat('SELECT search FROM "Article"') WHERE word ~ '^[a-z]{4,}$' ORDER BY ndoc DESC, word`,
      )
    ).map((r) => r.word);
    const at = (share: number) => words[Math.floor(share * (words.length - 1))]!;
    const [body] = await prisma().$queryRawUnsafe<{ body: string }[]>(`SELECT body FROM "Article" WHERE kind = 'FULL' ORDER BY id LIMIT 1`);
    const phrase = body!.body.toLowerCase().match(/[a-z]{4,} [a-z]{4,}/)![0];
    queries.push(
      ...[0, 0.002, 0.01, 0.05, 0.2, 0.5, 0.9, 1].map(at),
      `${at(0)} ${at(0.05)}`,
      `${at(0.002)} ${at(0.01)} ${at(0.2)}`,
      `"${phrase}"`,
      `${at(0.01)} -${at(0)}`,
      `-${at(0.05)}`,
      `${at(0)} or ${at(0.5)}`,
      'zzqxv',
      'the',
    );
  });
  afterAll(() => api.db.close());

  /** The definition: ids of the newest `n` matches older than `tier`, meeting `where`, ranked. */
  async function expected(text: string, n = N, where = 'TRUE', tier: TierStart = null) {
    const older = tier ? `AND (a."sortDate", a.id) < ('${tier[0]}'::date, ${tier[1]})` : '';
    const rows = await prisma().$queryRawUnsafe<{ id: number }[]>(
      `SELECT c.id FROM (SELECT a.id, a.search FROM "Article" a WHERE a.search @@ websearch_to_tsquery('english', $1) AND ${where} ${older}
         ORDER BY a."sortDate" DESC, a.id DESC LIMIT ${n}) c
       ORDER BY ts_rank(c.search, websearch_to_tsquery('english', $1)) DESC, c.id DESC`,
      text,
    );
    return rows.map((r) => r.id);
  }

  /** The API's first page and count for `q` are the definition's. */
  async function answersAsDefined(q: string) {
    const r = await api.gql(`query($q: String!) { search(query: $q, first: ${N}) { totalCount nodes { id } } }`, { q });
    expect(r.errors, q).toBeUndefined();
    const ids = await expected(q);
    expect(
      r.data.search.nodes.map((n: { id: string }) => n.id),
      q,
    ).toEqual(ids.map(gid));
    expect(r.data.search.totalCount, q).toBe(ids.length);
  }

  /** The candidates of `word` among one source's articles older than `tier` are the definition's. */
  async function sourceTierAsDefined(word: string, sourceId: number, tier: TierStart) {
    const rows = await prisma().$queryRaw<{ id: number }[]>(
      Prisma.sql`WITH ${searchCandidatesSql(word, articleCondition({ sourceId }), N, tier)} SELECT id FROM candidates ORDER BY rank DESC, id DESC`,
    );
    expect(
      rows.map((r) => r.id),
      `${sourceId} after ${tier}`,
    ).toEqual(await expected(word, N, `a."sourceId" = ${sourceId}`, tier));
  }

  /** The candidates statement's `n` newest matches of `q` after `tier`, unfiltered, ranked as the definition ranks them. */
  async function tierAsDefined(q: string, n: number, tier: TierStart) {
    const rows = await prisma().$queryRaw<{ id: number }[]>(
      Prisma.sql`WITH ${searchCandidatesSql(q, { op: 'and', of: [] }, n, tier)} SELECT id FROM candidates ORDER BY rank DESC, id DESC`,
    );
    expect(
      rows.map((r) => r.id),
      `${q} after ${tier}`,
    ).toEqual(await expected(q, n, 'TRUE', tier));
  }

  /** Matches per year of the commonest word: the corpus must have busy years and quiet ones. */
  it('runs on a corpus where a year holds more than twice the candidates, and others fewer', async () => {
    const perYear = await prisma().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1) GROUP BY extract(year FROM "sortDate")`,
      queries[0],
    );
    expect(Math.max(...perYear.map((r) => r.n))).toBeGreaterThan(2 * N);
    const quiet = await prisma().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1) GROUP BY extract(year FROM "sortDate")`,
      queries[5],
    );
    expect(Math.max(...quiet.map((r) => r.n))).toBeLessThanOrEqual(2 * N);
    const [undated] = await prisma().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "Article" WHERE "sortDate" = '0001-01-01'`,
    );
    expect(undated!.n).toBeGreaterThan(0);
  });

  it('reads some queries whole (rare by the statistics), tests the newest articles first for others, and reads the rest year by year', async () => {
    const shares = await Promise.all(queries.map((q) => keyOf(prisma(), Prisma.sql`websearch_to_tsquery('english', ${q})`)));
    const rare = shares.map((k) => k?.share === 0);
    expect(rare[0], queries[0]).toBe(false);
    expect(shares[0]!.share, queries[0]).toBeGreaterThanOrEqual(0.25);
    expect(rare.filter((f) => f).length).toBeGreaterThanOrEqual(3);
    // A rare query with more matches than the whole read keeps goes on year by year: the queries
    // below must hold one, or that path is not tried.
    const counts = await Promise.all(queries.map((q) => expected(q, 1000)));
    expect(queries.some((_q, i) => rare[i] && counts[i]!.length > 2 * N)).toBe(true);
    expect(queries.some((_q, i) => rare[i] && counts[i]!.length > 0 && counts[i]!.length <= 2 * N)).toBe(true);
    // Words between: neither rare nor tested one by one.
    expect(shares.some((k) => k && k.share > 0 && k.share < 0.25)).toBe(true);
  });

  it('ranks exactly the newest matches of every kind of query, and counts them', async () => {
    for (const q of queries) {
      await answersAsDefined(q);
    }
  });

  it('finds the same candidates as the definition for a tier starting in mid-year, and in the undated articles', async () => {
    const all = { op: 'and' as const, of: [] };
    for (const q of queries.slice(0, 8)) {
      const matches = await prisma().$queryRawUnsafe<{ day: string; id: number }[]>(
        `SELECT to_char("sortDate", 'YYYY-MM-DD') AS day, id FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1) ORDER BY "sortDate" DESC, id DESC`,
        q,
      );
      const undated = matches.find((m) => m.day === '0001-01-01');
      const tiers: TierStart[] = [
        null,
        ...[matches[7], matches[Math.floor(matches.length / 2)], undated].filter((m) => m).map((m) => [m!.day, m!.id] as [string, number]),
      ];
      for (const tier of tiers) {
        const rows = await prisma().$queryRaw<{ id: number }[]>(
          Prisma.sql`WITH ${searchCandidatesSql(q, all, N, tier)} SELECT id FROM candidates ORDER BY rank DESC, id DESC`,
        );
        expect(
          rows.map((r) => r.id),
          `${q} after ${tier}`,
        ).toEqual(await expected(q, N, 'TRUE', tier));
      }
    }
  });

  it('goes on past the newest articles it tested, from the one after the last, when they hold too few matches', async () => {
    // The commonest words are tested article by article first. With one source's articles alone
    // the newest 40 hold fewer than 10 of their matches, and the rest are read year by year from
    // just past the 40th; when they hold 5 or more, the next 40 are tested too, and the rest read
    // from past the 80th: for every tier start, a match there must be neither lost nor repeated.
    const common = await prisma().$queryRawUnsafe<{ lexeme: string }[]>(
      `SELECT lexeme FROM "SearchCommonWord" WHERE share >= 0.25 AND lexeme ~ '^[a-z]{4,}$' ORDER BY share DESC, lexeme LIMIT 3`,
    );
    const sources = await prisma().source.findMany({ orderBy: { id: 'asc' } });
    let fellThrough = 0;
    const again = { found: 0, short: 0 };
    for (const [word, source] of common.flatMap(({ lexeme }) => sources.map((s) => [lexeme, s] as const))) {
      const where = `a."sourceId" = ${source.id}`;
      const all = await prisma().$queryRawUnsafe<{ day: string; id: number }[]>(
        `SELECT to_char("sortDate", 'YYYY-MM-DD') AS day, id FROM "Article" a WHERE search @@ websearch_to_tsquery('english', $1) AND ${where}
         ORDER BY "sortDate" DESC, id DESC`,
        word,
      );
      for (const at of [0, 3, 11, 25, 60, 90, 130, 180, 240].filter((i) => i < all.length)) {
        const tier: TierStart = at === 0 ? null : [all[at]!.day, all[at]!.id];
        const newest = async (tested: number) =>
          (
            await prisma().$queryRawUnsafe<{ n: number }[]>(
              `SELECT count(*) FILTER (WHERE search @@ websearch_to_tsquery('english', $1) AND ${where})::int AS n FROM (
             SELECT * FROM "Article" a ${tier ? `WHERE ("sortDate", id) < ('${tier[0]}'::date, ${tier[1]})` : ''} ORDER BY "sortDate" DESC, id DESC LIMIT ${tested}) a`,
              word,
            )
          )[0]!.n;
        const n = await newest(4 * N);
        if (n < N) fellThrough++;
        if (n >= N / 2 && n < N) again[(await newest(8 * N)) >= N ? 'found' : 'short']++;
        await sourceTierAsDefined(word, source.id, tier);
      }
    }
    expect(fellThrough).toBeGreaterThanOrEqual(3);
    expect(again.found, 'the next 40 tested hold the rest').toBeGreaterThanOrEqual(1);
    expect(again.short, 'the next 40 tested hold too few too').toBeGreaterThanOrEqual(1);
  });

  it('reads the undated articles newest first one by one, then the rest of their matches from the one after the last tested', async () => {
    // The undated articles are one day: past 2 × N matches there, the newest 4 × N of them are
    // tested one by one and the older matches read from the index. With one source's articles
    // alone and tiers starting among the undated, the tested ones hold too few: a match just
    // past them, or the last one tested, must be neither lost nor repeated. A word in 5 % of the
    // archive or more (rarer, its undated matches are read from the index at once) and under a
    // quarter (so that no walk over the newest articles ran before).
    let word = '';
    for (const q of queries.slice(0, 8)) {
      const [row] = await prisma().$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "Article" WHERE "sortDate" = '0001-01-01' AND search @@ websearch_to_tsquery('english', $1)`,
        q,
      );
      const share = (await keyOf(prisma(), Prisma.sql`websearch_to_tsquery('english', ${q})`))?.share ?? 1;
      if (share >= 0.05 && share < 0.25 && row!.n > 8 * N) {
        word = q;
        break;
      }
    }
    expect(word, 'a word under a quarter of the archive, with many undated matches').not.toBe('');
    const sources = await prisma().source.findMany({ orderBy: { id: 'asc' } });
    let atTheEdge = 0;
    for (const source of sources) {
      const where = `a."sourceId" = ${source.id}`;
      const undated = await prisma().$queryRawUnsafe<{ id: number }[]>(
        `SELECT id FROM "Article" a WHERE "sortDate" = '0001-01-01' ORDER BY id DESC`,
      );
      for (const at of [0, 1, 2, 5, 9, 17, 30].filter((i) => i < undated.length)) {
        const tier: TierStart = ['0001-01-01', undated[at]!.id];
        // The articles the walk tests: fewer than N of this source's matches, the last one of them?
        const tested = await prisma().$queryRawUnsafe<{ hit: boolean }[]>(
          `SELECT (search @@ websearch_to_tsquery('english', $1) AND ${where}) AS hit FROM "Article" a
           WHERE "sortDate" = '0001-01-01' AND id < ${undated[at]!.id} ORDER BY id DESC LIMIT ${4 * N}`,
          word,
        );
        if (tested.length === 4 * N && tested.at(-1)!.hit && tested.filter((t) => t.hit).length < N) atTheEdge++;
        await sourceTierAsDefined(word, source.id, tier);
      }
    }
    expect(atTheEdge).toBeGreaterThanOrEqual(1);
  });

  it('reads the dated matches of several uncommon words whole, then the undated ones, and a dense word’s few undated ones one by one', async () => {
    // Two words outside the commonest are read whole, the dated matches alone: when those fit a
    // whole read and the undated ones are more, the dated go first and the undated are read as
    // their own year. A word in 5–25 % of the archive never reads its undated matches as a year:
    // with at most 2 × N of them, the walk over the undated articles finds them all.
    const counted = await prisma().$queryRawUnsafe<{ word: string; share: number; undated: number }[]>(
      `SELECT w.lexeme AS word, w.share::float8 AS share,
         (SELECT count(*)::int FROM "Article" a WHERE a.search @@ to_tsquery('simple', w.lexeme) AND a."sortDate" = '0001-01-01') AS undated
       FROM "SearchCommonWord" w WHERE w.share < 0.25 AND w.lexeme ~ '^[a-z]{4,}$' ORDER BY w.share DESC`,
    );
    const count = async (q: string, undated: boolean) =>
      (
        await prisma().$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1) AND ("sortDate" = '0001-01-01') = $2`,
          q,
          undated,
        )
      )[0]!.n;
    let pairs = 0;
    for (const [i, a] of counted.entries()) {
      for (const b of counted.slice(i + 1)) {
        const q = `${a.word} ${b.word}`;
        const dated = await count(q, false);
        // Fewer dated matches than it ranks: the undated ones must follow them.
        if (dated === 0 || dated >= N || dated + (await count(q, true)) <= 2 * N) continue;
        await answersAsDefined(q);
        pairs++;
      }
      if (pairs >= 3) break;
    }
    expect(pairs, 'two words with fewer dated matches than it ranks, and more matches than a whole read keeps').toBeGreaterThanOrEqual(1);
    // Few undated matches: those older than a tier starting among the oldest undated articles.
    const dense = counted.filter((c) => c.share >= 0.05 && c.undated > 0);
    expect(dense.length, 'a word in 5–25 % of the archive with undated matches').toBeGreaterThanOrEqual(1);
    const undated = await prisma().$queryRawUnsafe<{ id: number }[]>(
      `SELECT id FROM "Article" WHERE "sortDate" = '0001-01-01' ORDER BY id`,
    );
    let few = 0;
    for (const c of dense.slice(0, 3)) {
      for (const at of [3, 10, 40, 4 * N + 5].filter((i) => i < undated.length)) {
        const tier: TierStart = ['0001-01-01', undated[at]!.id];
        const rows = await prisma().$queryRaw<{ id: number }[]>(
          Prisma.sql`WITH ${searchCandidatesSql(c.word, { op: 'and', of: [] }, N, tier)} SELECT id FROM candidates ORDER BY rank DESC, id DESC`,
        );
        const want = await expected(c.word, N, 'TRUE', tier);
        if (want.length < N) few++;
        expect(
          rows.map((r) => r.id),
          `${c.word} after ${tier}`,
        ).toEqual(want);
      }
    }
    expect(few, 'a tier with fewer undated matches left than it ranks').toBeGreaterThanOrEqual(1);
  });

  it('reads the newest year of uncommon words first, then the older dated matches whole or year by year, as that year’s count says', async () => {
    // Any query but a phrase, a rare one by the statistics, and one whose rarest word is common
    // (tested one by one): one uncommon word or several, an exclusion, with a common word or not.
    // The older dated matches are read in one read when the newest year's count, times the older
    // years, fits a whole read (4 × the candidates), and of them only the years that should hold
    // 1.5 times the matches still needed (the years below follow one by one); else year by year
    // from the one below. All must follow the newest year’s matches without repeating or losing
    // one. With 20 candidates and tiers starting at the end of a year (the newest year read is
    // then that one, whole), each happens on this corpus.
    const L = 20;
    const [oldest] = await prisma().$queryRawUnsafe<{ year: number }[]>(
      `SELECT extract(year FROM min("sortDate"))::int AS year FROM "Article" WHERE "sortDate" > '0001-01-01'`,
    );
    const bottom = oldest!.year;
    const words = (
      await prisma().$queryRawUnsafe<{ lexeme: string }[]>(
        `SELECT lexeme FROM "SearchCommonWord" WHERE share < 0.25 AND lexeme ~ '^[a-z]{4,}$' ORDER BY share DESC LIMIT 20`,
      )
    ).map((r) => r.lexeme);
    const [common] = await prisma().$queryRawUnsafe<{ lexeme: string }[]>(
      `SELECT lexeme FROM "SearchCommonWord" WHERE share >= 0.25 AND lexeme ~ '^[a-z]{4,}$' ORDER BY share LIMIT 1`,
    );
    // How often each way was taken, by several uncommon words or an exclusion, and by one uncommon word.
    const seen = { several: { whole: 0, bounded: 0, yearly: 0 }, one: { whole: 0, bounded: 0, yearly: 0 } };
    for (const [i, a] of words.entries()) {
      const queries = [`${a} ${words[(i + 1) % words.length]}`, `${a} -${words[(i + 5) % words.length]}`, a, `${a} ${common!.lexeme}`];
      for (const [k, q] of queries.entries()) {
        for (const year of [2024, 2019, 2012]) {
          const tier: TierStart = [`${year}-12-31`, 2 ** 31 - 1];
          const [counted] = await prisma().$queryRawUnsafe<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1) AND extract(year FROM "sortDate") = ${year}`,
            q,
          );
          const n = counted!.n;
          const below = year - bottom;
          const way = n * below > 4 * L ? 'yearly' : Math.ceil((1.5 * (L - n)) / n) < below ? 'bounded' : 'whole';
          if (n > 0 && n < L) seen[k < 2 ? 'several' : 'one'][way]++;
          await tierAsDefined(q, L, tier);
        }
      }
    }
    for (const [kind, ways] of Object.entries(seen)) {
      expect(ways.whole, `${kind}: a query whose newest year says its older dated matches fit a whole read`).toBeGreaterThanOrEqual(1);
      expect(ways.bounded, `${kind}: one whose read keeps the years it needs, and the older ones follow`).toBeGreaterThanOrEqual(1);
      expect(ways.yearly, `${kind}: a query whose newest year says they do not`).toBeGreaterThanOrEqual(1);
    }
  });

  it('reads the months of a newest year that holds more matches than a read keeps, without reading the year again', async () => {
    // With 3 candidates a read keeps 6: an uncommon word with more in its newest year overflows
    // the sample, and that year is read month by month, newest first, from the next step on. When
    // the statistics say the year may hold more than that, its newest month is read first and
    // judges it; the months' read then takes that month's matches from there (dropping them fails
    // this test: "grevu after 2019-12-31").
    const L = 3;
    const words = (
      await prisma().$queryRawUnsafe<{ lexeme: string }[]>(
        `SELECT lexeme FROM "SearchCommonWord" WHERE share < 0.25 AND lexeme ~ '^[a-z]{4,}$' ORDER BY share DESC LIMIT 20`,
      )
    ).map((r) => r.lexeme);
    let overflowed = 0;
    for (const word of words) {
      for (const tier of [null, ['2024-12-31', 2 ** 31 - 1], ['2019-12-31', 2 ** 31 - 1]] as TierStart[]) {
        const [top] = await prisma().$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1)
             AND date_trunc('year', "sortDate") = (SELECT date_trunc('year', max("sortDate")) FROM "Article" WHERE "sortDate" <= $2::date)`,
          word,
          tier?.[0] ?? '9999-12-31',
        );
        if (top!.n > 2 * L) overflowed++;
        await tierAsDefined(word, L, tier);
      }
    }
    expect(overflowed, 'a newest year holding more than a read keeps').toBeGreaterThanOrEqual(1);
  });

  it('leaves out the articles of the common words a query excludes, though the index is not asked for them', async () => {
    // A month's read asks the index for the query less its excluded words in a quarter of the
    // archive or more, and tests what it reads: the answers must still leave their articles out.
    const lexemes = async (where: string) =>
      (
        await prisma().$queryRawUnsafe<{ lexeme: string }[]>(
          `SELECT lexeme FROM "SearchCommonWord" WHERE ${where} AND lexeme ~ '^[a-z]{4,}$' ORDER BY share DESC, lexeme LIMIT 12`,
        )
      ).map((r) => r.lexeme);
    const uncommon = await lexemes('share < 0.25');
    const [common, commoner] = await lexemes('share >= 0.25');
    expect(common && commoner && uncommon.length, 'common and uncommon words').toBeTruthy();
    // Tiers that start at the end of the busiest years: a search's newest year is the tier's.
    const busiest = await prisma().$queryRawUnsafe<{ y: number }[]>(
      `SELECT extract(year FROM "sortDate")::int AS y FROM "Article" WHERE "sortDate" > '0001-01-01'
         GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 2`,
    );
    const tiers: TierStart[] = [null, ...busiest.map((b): TierStart => [`${b.y}-12-31`, 2 ** 31 - 1])];
    let excluded = 0;
    for (const word of uncommon) {
      for (const q of [`${word} -${common}`, `${word} -${common} -${commoner}`, `${word} -${uncommon.at(-1)} -${common}`]) {
        for (const [L, tier] of [1, 2].flatMap((n) => tiers.map((t) => [n, t] as [number, TierStart]))) {
          await tierAsDefined(q, L, tier);
          // Counted when the newest year holds more matches than a read keeps and the excluded
          // words leave out some of the word's newest articles.
          const [top] = await prisma().$queryRawUnsafe<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM "Article" WHERE search @@ websearch_to_tsquery('english', $1)
               AND date_trunc('year', "sortDate") = date_trunc('year', (SELECT least(max("sortDate"), $2::date) FROM "Article"))`,
            q,
            tier?.[0] ?? '9999-12-31',
          );
          const leftOut = (await expected(word, L, 'TRUE', tier)).join() !== (await expected(q, L, 'TRUE', tier)).join();
          if (top!.n > 2 * L && leftOut) excluded++;
        }
      }
    }
    expect(excluded, 'a busy newest year where an excluded word leaves out newest articles').toBeGreaterThan(0);
  });

  it('filters by dates, kind and source as the definition does, and by person through the planner', async () => {
    const [source] = await prisma().source.findMany({ orderBy: { id: 'asc' }, take: 1 });
    const [person] = await prisma().person.findMany({ orderBy: [{ mentionCount: 'desc' }, { id: 'asc' }], take: 1 });
    const filters: [string, string][] = [
      [
        `{ publishedAfter: "2010-06-15", publishedBefore: "2014-03-02" }`,
        `a."publishedEnd" >= '2010-06-15' AND a."publishedStart" <= '2014-03-02'`,
      ],
      [`{ publishedBefore: "2003-07-01" }`, `a."publishedStart" <= '2003-07-01'`],
      [`{ kind: TEASER }`, `a.kind = 'TEASER'`],
      [
        `{ sourceId: "${gidOf('Source', source!.id)}", publishedAfter: "2020-01-01" }`,
        `a."sourceId" = ${source!.id} AND a."publishedEnd" >= '2020-01-01'`,
      ],
      [
        `{ personId: "${gidOf('Person', person!.id)}" }`,
        `EXISTS (SELECT 1 FROM "Mention" m WHERE m."articleId" = a.id AND m."personId" = ${person!.id})`,
      ],
    ];
    for (const [filter, where] of filters)
      for (const q of [queries[0]!, queries[4]!, queries[9]!]) {
        const r = await api.gql(`query($q: String!) { search(query: $q, first: ${N}, filter: ${filter}) { totalCount nodes { id } } }`, {
          q,
        });
        expect(r.errors, filter).toBeUndefined();
        const ids = await expected(q, N, where);
        expect(
          r.data.search.nodes.map((n: { id: string }) => n.id),
          `${q} ${filter}`,
        ).toEqual(ids.map(gid));
        expect(r.data.search.totalCount, `${q} ${filter}`).toBe(ids.length);
      }
  });

  it('pages past the ranked candidates by cursor: every match once, newest 10 best first, then the next 10', async () => {
    const word = queries[1]!;
    // The definition: matches newest first cut into tiers of 10, each ranked.
    const rows = await prisma().$queryRawUnsafe<{ id: number }[]>(
      `SELECT id FROM (SELECT a.id, ts_rank(a.search, websearch_to_tsquery('english', $1))::float8 AS rank,
         (row_number() OVER (ORDER BY a."sortDate" DESC, a.id DESC) - 1) / ${N} AS tier
         FROM "Article" a WHERE a.search @@ websearch_to_tsquery('english', $1)) x ORDER BY tier, rank DESC, id DESC`,
      word,
    );
    expect(rows.length).toBeGreaterThan(6 * N);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 200; page += 1) {
      const r: GqlResult = await api.gql(
        `query($q: String!, $a: String) { search(query: $q, first: 7, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`,
        { q: word, a: after },
      );
      expect(r.errors).toBeUndefined();
      // The count stays the first tier's, on every page.
      expect(r.data.search.totalCount).toBe(N);
      seen.push(...r.data.search.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!r.data.search.pageInfo.hasNextPage) break;
      after = r.data.search.pageInfo.endCursor;
    }
    expect(seen).toEqual(rows.map((r) => gid(r.id)));
  });

  it('finds a phrase through the pairs of words its matches hold, where its words stand together far more often', async () => {
    // Side-by-side pairs of the corpus's own text, with how many articles hold both words and how many the phrase.
    const counted = await prisma().$queryRawUnsafe<{ phrase: string; both: number; together: number; share: number }[]>(
      `WITH p AS (SELECT DISTINCT m[1] || ' ' || m[2] AS phrase FROM (SELECT body FROM "Article" WHERE kind = 'FULL' ORDER BY id LIMIT 40) b,
         regexp_matches(lower(b.body), '([a-z]{4,}) ([a-z]{4,})', 'g') m)
       SELECT p.phrase, (SELECT count(*) FROM "Article" a WHERE a.search @@ plainto_tsquery('english', p.phrase))::int AS both,
         (SELECT count(*) FROM "Article" a WHERE a.search @@ phraseto_tsquery('english', p.phrase))::int AS together,
         (SELECT coalesce(min(w.share), 0) FROM "SearchCommonWord" w WHERE w.lexeme = ANY(tsvector_to_array(to_tsvector('english', p.phrase))))::float8 AS share
       FROM p`,
    );
    // The case the pairs are for: many articles hold the words, few the phrase, and the words are not tested one by one.
    const rare = counted.find((c) => c.both > 2 * N && c.together > 0 && c.together <= 2 * N && c.share < 0.25);
    // And a phrase with more matches than a read through the pairs keeps: it goes on period by period through them.
    const common = counted.find((c) => c.together > 2 * N && c.share < 0.25);
    // And one of words in a quarter of the archive or more: found through its pairs, not by testing the newest articles.
    const ofCommonWords = counted.find((c) => c.share >= 0.25 && c.together > 0);
    expect(rare, 'a phrase rarer than its words').toBeDefined();
    expect(ofCommonWords, 'a phrase of common words').toBeDefined();
    expect(common, 'a phrase with more matches than the whole read keeps').toBeDefined();
    const three = (
      await prisma().$queryRawUnsafe<{ t: string }[]>(
        `SELECT substring(lower(body) from '[a-z]{4,} [a-z]{4,} [a-z]{4,}') AS t FROM "Article" WHERE kind = 'FULL' ORDER BY id DESC LIMIT 1`,
      )
    )[0]!.t;
    const [a, b] = rare!.phrase.split(' ');
    for (const q of [
      `"${rare!.phrase}"`,
      `"${common!.phrase}"`,
      `"${ofCommonWords!.phrase}"`,
      `"${three}"`,
      `"${b} ${a}"`,
      `"${a} of the ${b}"`,
      `${a} -"${rare!.phrase}"`,
      `"${rare!.phrase}" ${queries[0]}`,
      `"${rare!.phrase}" or ${queries[7]}`,
    ]) {
      await answersAsDefined(q);
    }
  });

  it('says when the count stops at the candidates', async () => {
    const r = await api.gql(`query($q: String!) { search(query: $q) { totalCount totalCountIsExact } }`, { q: queries[0] });
    expect(r.data.search).toEqual({ totalCount: N, totalCountIsExact: false });
    const rare = await api.gql(`query($q: String!) { search(query: $q) { totalCount totalCountIsExact } }`, { q: queries[7] });
    expect(rare.data.search).toEqual({ totalCount: (await expected(queries[7]!)).length, totalCountIsExact: true });
  });
});

/** The pairs of words side by side the tsquery `q` needs, as a search asks the index of pairs for them; null when none. */
async function pairsOf(prisma: PrismaClient, q: Prisma.Sql) {
  const [row] = await prisma.$queryRaw<{ q: string | null }[]>(Prisma.sql`WITH ${searchPairsSql(q)} SELECT q::text AS q FROM pairs`);
  return row!.q;
}

/** The rarest word the tsquery `q` needs and its share, as a search sees them; undefined when nothing is known. */
async function keyOf(prisma: PrismaClient, q: Prisma.Sql) {
  const [row] = await prisma.$queryRaw<{ lexeme: string; share: number }[]>(
    Prisma.sql`WITH ${searchKeySql(q)} SELECT lexeme, share FROM key`,
  );
  return row && { lexeme: row.lexeme, share: Number(row.share) };
}

const gidOf = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');

describe.each(backends)('the index of words and periods on $name', (backend) => {
  let api: Awaited<ReturnType<typeof openApi>>;
  beforeAll(async () => {
    api = await openApi(backend, { search });
  });
  afterAll(() => api.db.close());

  it('finds the rarest word a query needs by the statistics: rare when they do not list it', async () => {
    const key = (q: string) => keyOf(api.db.prisma, Prisma.sql`${q}::tsquery`);
    // No statistics yet (an empty archive): nothing is known, every search goes year by year.
    expect(await key(`'zzqxv'`)).toBeUndefined();
    expect((await loadCorpus(api, { docs: 20, seed: 3, vocabulary: 60 })).failures).toEqual([]);
    await api.db.prisma.$executeRawUnsafe('ANALYZE "Article"');
    await refreshCommonWords(api.db.prisma);
    const [{ c, d }] = (await api.db.prisma.$queryRawUnsafe<{ c: string; d: string }[]>(
      `SELECT (array_agg(word ORDER BY ndoc DESC, word))[1] AS c, (array_agg(word ORDER BY ndoc DESC, word))[2] AS d
       FROM ts_stat('SELECT search FROM "Article"') WHERE word ~ '^[a-z]{4,}$'`,
    )) as [{ c: string; d: string }];
    const common = (await key(`'${c}'`))!;
    expect(common.lexeme).toBe(c);
    expect(common.share).toBeGreaterThan(0.25);
    expect(await key(`'zzqxv'`)).toEqual({ lexeme: 'zzqxv', share: 0 });
    const both = (await key(`'${c}' & '${d}'`))!;
    expect(both.share).toBeLessThanOrEqual(common.share);
    expect(both.share).toBeGreaterThan(0);
    expect(await key(`'${c}' & 'zzqxv'`)).toEqual({ lexeme: 'zzqxv', share: 0 });
    expect(await key(`'${c}' <-> 'zzqxv'`)).toEqual({ lexeme: 'zzqxv', share: 0 });
    // Excluded terms are not looked at, and nothing is known of a query with an "or".
    expect(await key(`'${c}' & !'zzqxv'`)).toEqual(common);
    expect(await key(`'${c}' & !( 'zzqxv' <-> '${d}' )`)).toEqual(common);
    expect(await key(`'${c}' | 'zzqxv'`)).toBeUndefined();
    expect(await key(`'zzq''xv'`)).toEqual({ lexeme: "zzq'xv", share: 0 });
  });

  it('asks the index of pairs for the pairs of words side by side every match holds, and every article holding a phrase holds its pairs', async () => {
    const pairs = (q: string) => pairsOf(api.db.prisma, Prisma.sql`${q}::tsquery`);
    expect(await pairs(`'kim' <-> 'jong' <-> 'un'`)).toBe(`'kim§jong' & 'jong§un'`);
    expect(await pairs(`'zz' & 'a' <-> 'b' & 'c' <-> 'd'`)).toBe(`'a§b' & 'c§d'`);
    expect(await pairs(`'parti' <2> 'korea'`)).toBeNull();
    expect(await pairs(`'parti' <2> 'korea' <-> 'worker'`)).toBe(`'korea§worker'`);
    expect(await pairs(`'zz' & !( 'kim' <-> 'jong' )`)).toBeNull();
    expect(await pairs(`'kim' <-> 'jong' | 'zz'`)).toBeNull();
    expect(await pairs(`'o''neil' <-> 'x'`)).toBe(`'o''neil§x'`);
    // Phrases of three words of the corpus's own text: no article holding one may lack its pairs.
    const phrases = await api.db.prisma.$queryRawUnsafe<{ phrase: string }[]>(
      `SELECT DISTINCT m[1] AS phrase FROM (SELECT body FROM "Article" ORDER BY id LIMIT 12) b,
         regexp_matches(b.body, '((?:[[:alpha:]]+[^[:alpha:]]+){2}[[:alpha:]]+)', 'g') m`,
    );
    expect(phrases.length).toBeGreaterThan(50);
    let matches = 0;
    for (const { phrase } of phrases) {
      const q = Prisma.sql`phraseto_tsquery('english', ${phrase})`;
      const [row] = await api.db.prisma.$queryRaw<{ matches: number; missed: number }[]>(
        Prisma.sql`WITH ${searchPairsSql(q)} SELECT count(*)::int AS matches,
          count(*) FILTER (WHERE (SELECT p.q FROM pairs p) IS NOT NULL AND NOT search_pairs(a.search) @@ (SELECT p.q FROM pairs p))::int AS missed
          FROM "Article" a WHERE a.search @@ ${q}`,
      );
      expect(row!.missed, phrase).toBe(0);
      matches += row!.matches;
    }
    expect(matches).toBeGreaterThan(phrases.length);
  });

  it('serves every read of a search: the statement is written as the index is', async () => {
    const [, plan] = await api.db.prisma.$transaction([
      // A tiny table is read whole whatever the indexes: only whether the index fits is asked here.
      api.db.prisma.$executeRawUnsafe('SET LOCAL enable_seqscan = off'),
      api.db.prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(
        Prisma.sql`EXPLAIN WITH ${searchCandidatesSql('diplomatic relations', articleCondition({}), N)} SELECT id FROM candidates`,
      ),
    ]);
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    // The year's reads (the newest year's, the loop's and the undated articles') through the
    // words joined to their years, and the month's read and the whole read through the periods.
    expect(text.match(/Bitmap Index Scan on "?Article_search_year_words_idx/g)?.length).toBeGreaterThanOrEqual(3);
    expect(text.match(/Bitmap Index Scan on "?Article_search_periods_idx/g)?.length).toBeGreaterThanOrEqual(2);
    expect(text).not.toMatch(/Seq Scan on "Article"/);
    const [, phrased] = await api.db.prisma.$transaction([
      api.db.prisma.$executeRawUnsafe('SET LOCAL enable_seqscan = off'),
      api.db.prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(
        Prisma.sql`EXPLAIN WITH ${searchCandidatesSql('"diplomatic relations"', articleCondition({}), N)} SELECT id FROM candidates`,
      ),
    ]);
    expect(phrased.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on "?Article_search_pairs_idx/);
  });

  it("drops the search window's indexes left by an older version when it migrates", async () => {
    await api.db.prisma.$executeRawUnsafe(
      `CREATE INDEX "Article_search_since_20240101" ON "Article" USING GIN ("search") WHERE "sortDate" >= '2024-01-01'`,
    );
    await api.db.migrate();
    const left = await api.db.prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pg_indexes WHERE indexname LIKE 'Article_search_since_%'`);
    expect(left).toEqual([]);
  });
});
