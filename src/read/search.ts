// Full-text search's statements, for both read paths (src/schema/search.ts, src/compiled): PostgreSQL's
// websearch syntax ("phrases", -exclusions, or), ranked by ts_rank over the GIN-indexed vector,
// with a highlighted snippet per hit.
import { PLANNED_ONCE, PLANNED_PER_VALUE } from '../db/statements.js';
import { Prisma } from '../generated/prisma/client.js';
import { ARTICLE_ORDERS } from './article.js';
import { type Condition, toSql } from './conditions.js';
import { order, toOrderSql } from './spec.js';

/** Best match first: ts_rank, ties by id. */
export const SEARCH_ORDER = order('rank desc', 'id desc');

// A search filtered by a person or by updatedSince goes to the planner: its tsquery is written
// inline, so the planner folds it to a constant and sees how common its words are (an index walk
// for a common word, a bitmap for a rare one), and its statement is never prepared
// (PLANNED_PER_VALUE): a generic plan, blind to the words, took 21–28 ms for a common word that a
// fresh plan finds in 0.6. Every other search takes its steps (searchCandidatesSql), which choose
// their path from the words themselves: one generic plan serves them all (PLANNED_ONCE).
//
// A Korean word of the query is looked for as its syllable pairs in a row (hangul_bigrams, a
// migration), so it is found inside the longer words Korean writes ("김정은" in "김정은동지께서는");
// the rest of the query is English as before. A query without Hangul is the statement it always was.
// "-김정은" excludes, as "-word" does in English.
const HANGUL_WORD = /(?<![\p{L}\p{N}])(-?)([\uac00-\ud7a3]+)/gu;
const hangulTerms = (text: string) => [...text.matchAll(HANGUL_WORD)].map((m) => ({ word: m[2]!, excluded: m[1] === '-' }));
/** The Korean words a query looks for (not those it excludes): the ones a snippet marks. */
const hangulWords = (text: string) => [
  ...new Set(
    hangulTerms(text)
      .filter((t) => !t.excluded)
      .map((t) => t.word),
  ),
];

function tsquery(text: string): Prisma.Sql {
  const korean = hangulTerms(text);
  if (!korean.length) return Prisma.sql`websearch_to_tsquery('english', ${text})`;
  const rest = text.replace(HANGUL_WORD, ' ');
  const parts = korean.map(({ word, excluded }) =>
    excluded
      ? Prisma.sql`!!phraseto_tsquery('simple', hangul_bigrams(${word}))`
      : Prisma.sql`phraseto_tsquery('simple', hangul_bigrams(${word}))`,
  );
  if (/[\p{L}\p{N}]/u.test(rest)) parts.push(Prisma.sql`websearch_to_tsquery('english', ${rest})`);
  return Prisma.sql`(${Prisma.join(parts, ' && ', '', '')})`;
}

/** Where a tier of candidates begins: the matches older than this article (its sortDate and id). */
export type TierStart = [day: string, id: number] | null;

/** The vector the index holds (migration search_periods): the article's words and its year and month. */
const INDEXED = Prisma.sql`(a.search || search_periods(a."sortDate"))`;

/** Undated articles sort as the first day of year 1 (src/ingest/store.ts): theirs is the last year a search reads. */
const UNDATED = '0001-01-01';
const FIRST_DATED = '0002-01-01';

/**
 * A filter the period ladder reads well: one it tests on each match found. A person's articles or
 * the rows changed since a time are better found from their own indexes: those filters go to the
 * planner, as every search did before the ladder.
 */
function testedPerMatch(c: Condition): boolean {
  if (c.op === 'related') return false;
  return 'of' in c ? c.of.every(testedPerMatch) : c.column !== 'updatedAt';
}

/** The days a filter's publication dates allow (sortDate is publishedStart, and no date range spans two years). */
function datesAllowed(c: Condition): { after?: string; before?: string; dated: boolean } {
  const out: { after?: string; before?: string; dated: boolean } = { dated: false };
  for (const part of c.op === 'and' ? c.of : [c]) {
    if (part.op !== '>=' && part.op !== '<=') continue;
    const day = part.value instanceof Date ? part.value.toISOString().slice(0, 10) : undefined;
    if (!day) continue;
    if (part.op === '>=' && part.column === 'publishedEnd') out.after = `${day.slice(0, 4)}-01-01`;
    if (part.op === '<=' && part.column === 'publishedStart') out.before = day;
    if (part.column === 'publishedEnd' || part.column === 'publishedStart') out.dated = true;
  }
  return out;
}

/** In a tsquery's text: an excluded term or group, "!" included, and a quoted lexeme ('' is a quote inside it). */
const EXCLUDED = String.raw`(!\s*(?:\([^()]*\)|'(?:[^']|'')*'))`;
const QUOTED = "'((?:[^']|'')*)'";
/** An excluded term that is one lexeme: that lexeme, as QUOTED gives it. */
const EXCLUDED_WORD = String.raw`^!\s*${QUOTED}$`;
/** The lexeme a match of QUOTED captured (`captured`), its doubled quotes made single again. */
const unquoted = (captured: Prisma.Sql) => Prisma.sql`replace(${captured}, '''''', '''')`;

/**
 * The words of the query `q` (`words (lexeme, share)`) and the rarest (`key`), as CTEs after a
 * WITH, by the commonest words the statistics list ("SearchCommonWord", src/db/search-words.ts):
 * `share` is the share of articles holding a word, 0 when it is not listed (rare). For a query
 * whose terms are all ANDed or in phrases every match holds every word, so the rarest one's
 * share bounds the query's. Terms after "!" exclude and are not looked at. No rows for a query
 * with "|", one without lexemes, or an archive without statistics. Written into the statement,
 * not a function: it is planned with the statement, once per connection, where an SQL function
 * was planned again at every search (0.7 ms).
 */
export function searchKeySql(q: Prisma.Sql): Prisma.Sql {
  const lexeme = unquoted(Prisma.raw('m[1]'));
  return Prisma.sql`
    words AS MATERIALIZED (
      SELECT ${lexeme} AS lexeme, coalesce(w.share, 0) AS share
      FROM regexp_matches(regexp_replace(${q}::text, ${EXCLUDED}, '', 'g'), ${QUOTED}, 'g') m
      LEFT JOIN "SearchCommonWord" w ON w.lexeme = ${lexeme}
      WHERE ${q}::text !~ '[|]' AND EXISTS (SELECT 1 FROM "SearchCommonWord")),
    key AS MATERIALIZED (SELECT lexeme, share FROM words ORDER BY share, lexeme LIMIT 1)`;
}

/** In a tsquery's text: a quoted lexeme, and ` <-> ` when the next one stands right after it in a phrase. */
const PHRASED = `${QUOTED}( <-> (?='))?`;

/** The vector the index of words and years holds (migration search_year_words): each word joined to the article's year. */
const YEAR_WORDS = Prisma.sql`search_year_words(a.search, a."sortDate")`;

/** The vector the index of pairs holds (migration search_pairs): the article's pairs of words side by side, and its periods. */
const PAIRED = Prisma.sql`(search_pairs(a.search) || search_periods(a."sortDate"))`;

/**
 * `pairs (q)`, a CTE after a WITH: the pairs of words side by side that every match of the query
 * `q` holds, ANDed as the index of pairs holds them (migration search_pairs: "a§b"), or NULL:
 * those of its phrases ("a b c" gives a§b and b§c), their excluded ones left out, none of a query
 * with "|"; and `words`, the words they are made of. Each lexeme is as the tsquery's text writes
 * it, quotes and backslashes doubled, so two of them quoted again are one lexeme.
 */
export function searchPairsSql(q: Prisma.Sql): Prisma.Sql {
  const word = (m: string) => unquoted(Prisma.raw(`${m}[1]`));
  return Prisma.sql`
    pairs AS MATERIALIZED (
      SELECT string_agg(${"'"} || t.m[1] || '§' || t.next[1] || ${"'"}, ' & ')::tsquery AS q,
        array_agg(${word('t.m')}) || array_agg(${word('t.next')}) AS words
      FROM (SELECT r.m, lead(r.m) OVER (ORDER BY r.n) AS next
        FROM regexp_matches(regexp_replace(${q}::text, ${EXCLUDED}, '', 'g'), ${PHRASED}, 'g') WITH ORDINALITY r(m, n)) t
      WHERE t.m[2] IS NOT NULL AND ${q}::text !~ '[|]')`;
}

/** How many of the newest articles a search tests one by one first, per candidate it ranks, when
 *  the statistics say the query is in at least one article in as many. */
const WALK_PER_CANDIDATE = 4;

/**
 * A whole read (of a rare query's matches, or of the older dated ones after the newest year) keeps
 * up to twice what a period's read does (2 × 2 × `limit`), and after the newest year it is tried
 * when that year's count says it fits: the index finds them all, and of the years it needs, as
 * many as should hold 1.5 times the matches still needed (750 for 500). The estimate is one
 * year's, and it missed: "bungshil plaibourbrung sus" read 1,186 matches where a read kept 1,000,
 * the read overflowed and 12 yearly reads followed (16 of its 20 ms). Up to 2,000 matches the one
 * read (1.5 ms in the index, then 1.8 µs a match) is cheaper than the yearly reads it replaces
 * (0.8–0.9 ms each).
 */
const WHOLE_READS_PER_CAP = 2;
const DATED_MARGIN = Prisma.raw('1.5');

/** How many articles the archive holds, by the statistics (ANALYZE's count; 0 before the first, which says -1). */
const ARTICLES = Prisma.sql`(SELECT greatest(c.reltuples, 0) FROM pg_class c WHERE c.oid = '"Article"'::regclass)`;

/** The share of the archive the rarest word of a query must be in for its undated matches to be looked for one by one first. */
const UNDATED_WALK_SHARE = 0.05;

/**
 * `candidates (id, rank, sortDate)`: the newest `limit` matches (SearchSettings.candidates) older
 * than `tier` (all, for the first tier), ranked, as CTEs after a WITH. Ranking reads every
 * candidate's vector, so bounding them keeps a word found in most of the archive fast.
 *
 * Finding the newest matches is the hard part: walking the articles newest first reads 166k rows
 * before it has 500 of a word whose matches are mostly old, and reading every match of a common
 * word from the index reads most of the archive. So, in turn, until there are `limit`:
 * - a phrase whose rarest word is in at most 4 × `limit` articles is read whole through the
 *   index of the pairs of words side by side (searchPairsSql); a phrase is otherwise read through
 *   them as the query below is, after the whole read below only when another word of the query
 *   is rare;
 * - a query the statistics call rare (searchKeySql, share 0: it needs a word outside the thousand
 *   commonest) is read whole from the index, if it has at most 4 × `limit` matches;
 * - any other query but a single common word (one in a quarter of the archive or more) reads its
 *   newest year, then its older dated matches in one read when that year's count says they fit
 *   (and they do), leaving the undated ones for last; for words ANDed that read goes a year at
 *   a time through the index of words and years, and stops at the matches it needs;
 * - a query whose rarest word is common, not a phrase, first tests the newest 4 × `limit`
 *   articles one by one (1.5 ms for 600 rows where the index took 6): it is found there unless
 *   its matches are mostly old;
 * - then the matches older than what was tested are read a period at a time, newest first, from
 *   the index of words and periods: a year at a time while a year holds at most 2 × `limit`
 *   matches, else that year's months one by one.
 * Whatever the word and wherever its matches lie, a search reads about `limit` matches, at most
 * 2 × `limit` more from one busy year or 4 × `limit` from a whole read, and the index once per
 * year and per month of a busy year.
 * Each step's rows are newest first and older than the step before, so the first `limit` rows
 * are exactly the newest `limit` matches, as ORDER BY "sortDate" DESC, id DESC would give.
 */
export function searchCandidatesSql(text: string, filter: Condition, limit: number, tier: TierStart = null): Prisma.Sql {
  const older = tier ? Prisma.sql` AND (a."sortDate", a.id) < (${tier[0]}::date, ${tier[1]}::int)` : Prisma.empty;
  const where = toSql(filter, 'a', 'Article');
  // Every step hands on the vector it tested, and the candidates are ranked on it: fetching the
  // 500 articles again by id was the larger part of ranking them (`bungshil` at 200k, PostgreSQL
  // alone under 32 clients: 361 → 504 statements/s).
  const ranked = (q: Prisma.Sql, found: Prisma.Sql) => Prisma.sql`
    candidates AS MATERIALIZED (
      SELECT f.id, ts_rank(f.search, ${q})::float8 AS rank, f."sortDate" FROM (${found}) f)`;
  if (!testedPerMatch(filter)) {
    const inline = tsquery(text);
    return Prisma.sql`${Prisma.raw(PLANNED_PER_VALUE)} ${ranked(
      inline,
      Prisma.sql`
      SELECT a.id, a."sortDate", a.search FROM "Article" a WHERE ${INDEXED} @@ ${inline} AND ${where}${older}
      ORDER BY ${Prisma.raw(toOrderSql(ARTICLE_ORDERS.NEWEST_FIRST, 'a'))} LIMIT ${limit}`,
    )}`;
  }
  // The steps' statement keeps one generic plan (PLANNED_ONCE), which folds no function of a
  // parameter: the query, parsed once here, would otherwise be parsed again for every row tested
  // (70 against 88 ms for a person's three names, a custom plan against a generic one).
  const q = Prisma.sql`(SELECT t.q FROM search_query t)`;
  const dates = datesAllowed(filter);
  const cap = 2 * limit;
  const wholeCap = WHOLE_READS_PER_CAP * cap;
  const walk = WALK_PER_CANDIDATE * limit;
  const newest = Prisma.raw(toOrderSql(ARTICLE_ORDERS.NEWEST_FIRST, 'a'));
  const before = dates.before ? Prisma.sql` AND a."sortDate" <= ${dates.before}::date` : Prisma.empty;
  // Past what the walk tested, when it ran.
  const untested = Prisma.sql` AND (NOT (SELECT walks FROM flag) OR (a."sortDate", a.id) < (SELECT l.day, l.id FROM last l))`;
  // The newest `walk` articles meeting `among`, tested one by one: those that match.
  const walked = (among: Prisma.Sql) => Prisma.sql`SELECT w.id, w."sortDate", w.search FROM (
        SELECT a.id, a."sortDate", a.search, (a.search @@ ${q} AND ${where}) AS hit FROM "Article" a
        WHERE ${among} ORDER BY ${newest} LIMIT ${walk}) w
      WHERE w.hit`;
  // The last article such a walk tests (day, id).
  const lastWalked = (among: Prisma.Sql, tested: Prisma.Sql = Prisma.sql`${walk}::int`) => Prisma.sql`
      SELECT a."sortDate" AS day, a.id FROM "Article" a WHERE ${among} ORDER BY ${newest} OFFSET ${tested} - 1 LIMIT 1`;
  const undatedAmong = Prisma.sql`a."sortDate" = ${UNDATED}::date${older}${untested}`;
  // What the walk of a common word tests, newest first.
  const walkAmong = Prisma.sql`(SELECT walks FROM flag) AND numnode(${q}) > 0${older}${before}`;
  // Whether an article the index read finds matches the query: tested only when the index was
  // asked for less than the query (its common words left out, a phrase's order). When it was asked
  // the query itself its answer is exact, and testing the vector again was 45 % of a read's time
  // (1,001 matches of "watsendja met" at 200k: 3.7 ms read, 6.9 tested).
  const matched = Prisma.sql`((SELECT p.exact FROM probe p) OR a.search @@ ${q})`;
  // A period's matches: through the pairs when the query has some (they are rarer than any of
  // their words), else through the words. The other read is given NULL: the index reads nothing.
  const periodRead = (
    period: Prisma.Sql,
  ) => Prisma.sql`(${INDEXED} @@ ((SELECT CASE WHEN p.pairs IS NULL THEN p.coarse END FROM probe p) && ${period})
          OR ${PAIRED} @@ ((SELECT p.pairs FROM probe p) && ${period}))`;
  // A year's matches (the undated articles are year 1): words ANDed through the index of words
  // joined to their years (migration search_year_words), which reads that year's short lists
  // alone where the index of words and periods intersected each word's whole list with the
  // year's ("Hong Il Hwa": 1.6 ms a year, now 0.13). It asks for every word, common ones too, so
  // no match is tested again (1,246 undated matches of "mour chengtrildoul" asked "chengtrildoul"
  // and tested for "mour": 9.0 ms, asked both: 2.3). Other queries (an exclusion, "or", a phrase)
  // as periodRead does.
  const yearRead = (
    day: Prisma.Sql,
  ) => Prisma.sql`(${YEAR_WORDS} @@ (SELECT CASE WHEN p.yearly THEN search_year_query(${q}, ${day}) END FROM probe p)
          OR ${INDEXED} @@ ((SELECT CASE WHEN p.pairs IS NULL AND NOT p.yearly THEN p.q END FROM probe p) && search_year(${day}))
          OR ${PAIRED} @@ ((SELECT p.pairs FROM probe p) && search_year(${day})))`;
  // Exact whenever the index of words and years answered (yearly; exact implies it).
  const yearMatched = Prisma.sql`((SELECT p.yearly FROM probe p) OR a.search @@ ${q})`;
  // The share of the archive from which a word counts as common: tested one by one, not looked up.
  const common = Prisma.raw(String(1 / WALK_PER_CANDIDATE));
  // The years from the newest allowed down to the oldest dated article's, then the undated ones'.
  const top = Prisma.sql`least((SELECT max(a."sortDate") FROM "Article" a), ${tier?.[0] ?? null}::date, ${dates.before ?? null}::date,
    (SELECT day FROM last))`;
  const bottom = Prisma.sql`greatest((SELECT min(a."sortDate") FROM "Article" a WHERE a."sortDate" >= ${FIRST_DATED}::date),
    ${dates.after ?? null}::date, ${FIRST_DATED}::date)`;
  const steps = Prisma.sql`
    ${searchKeySql(q)},
    -- The excluded terms, and those of them a month's read asks the index for (kept): not a word in
    -- a quarter of the archive or more, whose whole list GIN read at every month to leave out its
    -- articles ("plaibourbrung -bungshil" at 1M: 8.8 ms a month, 4.7 when the month's 427
    -- articles of "plaibourbrung" are tested instead). Such a read is tested against the query.
    negated AS MATERIALIZED (SELECT string_agg(m[1], ' & ')::tsquery AS q,
        (string_agg(m[1], ' & ') FILTER (WHERE coalesce(w.share, 0) < ${common}))::tsquery AS kept,
        -- The share of articles the excluded words leave, as if they were independent.
        coalesce(exp(sum(ln(1 - least(coalesce(w.share, 0), 0.999)))), 1) AS leaves
      FROM regexp_matches(${q}::text, ${EXCLUDED}, 'g') m
      LEFT JOIN "SearchCommonWord" w ON w.lexeme = ${unquoted(Prisma.sql`substring(m[1] FROM ${EXCLUDED_WORD})`)}),
    ${searchPairsSql(q)},
    -- A phrase, first, when the rarest word of its pairs is in at most as many articles as a
    -- whole read keeps: its matches through the index of pairs (migration search_pairs), where
    -- the index of words finds every article holding its words and each must be read. No more of
    -- them than of that word, so the read cannot overflow. A phrase of commoner words may be as
    -- common as they are ("Jang Sung Mi": 22,239 of 192,773 articles, a read of 1,001 of them
    -- overflowed, 10 of its 15 ms): it samples its newest year first, as other queries do.
    phrasing AS MATERIALIZED (SELECT (SELECT p.q FROM pairs p) IS NOT NULL AND coalesce((
      SELECT min(coalesce(w.share, 0)) * ${ARTICLES}
      FROM unnest((SELECT p.words FROM pairs p)) part LEFT JOIN words w ON w.lexeme = part), 0) <= ${wholeCap} AS whole),
    phrased AS MATERIALIZED (
      SELECT a.id, a."sortDate", a.search, (${where}) AS ok FROM "Article" a
      WHERE (SELECT whole FROM phrasing) AND ${PAIRED} @@ (SELECT p.q FROM pairs p) AND a.search @@ ${q}${older} LIMIT ${wholeCap + 1}),
    -- Read whole first too: a query that excludes a word (the index leaves its articles out in
    -- one read: "institut -bungshil" has 25 matches of institut's 12k), and one that needs two
    -- words or more outside the commonest (the index intersects them once, where year by year it
    -- did so 27 times: 1.8 ms each for a person's three names).
    -- A phrase is neither tested one by one nor read whole by its words: it is often rarer than
    -- they are, and its pairs find it period by period ("col naitresjet", 5 % of the archive, of
    -- words in 40 and 60 %: 59 matches in the newest 2,000 articles, 3.9 ms spent testing them;
    -- "Jang Sung Mi" at 1M: 137,902 articles hold its words, 40 ms to read 1,001 of them).
    flag AS MATERIALIZED (SELECT f.common AND NOT f.paired AS walks, f.phrased,
      f.dense AND NOT f.paired AND (SELECT q FROM negated) IS NULL AS dense, f.rare,
      NOT f.common AND NOT f.phrased AND (f.rare OR NOT f.paired AND ((SELECT q FROM negated) IS NOT NULL
      OR (SELECT count(*) FROM words WHERE share < ${common}) >= 2)) AS readall,
      NOT f.rare AND NOT f.phrased AND (f.paired OR NOT f.common) AS samples FROM (
      SELECT coalesce(k.share = 0, FALSE) AS rare, coalesce(k.share >= ${common}, FALSE) AS common,
        coalesce(k.share >= ${UNDATED_WALK_SHARE}, FALSE) AS dense,
        (SELECT p.q FROM pairs p) IS NOT NULL AS paired, (SELECT whole FROM phrasing) AND (SELECT count(*) FROM phrased) <= ${wholeCap} AS phrased
      FROM (SELECT 1) one LEFT JOIN key k ON TRUE) f),
    -- The words the index is asked for: all but those in a quarter of the archive or more (the
    -- rarest stays), and the excluded ones. GIN read a word in 84% of the archive at every read
    -- (1.9 ms a year for a phrase with one), and the articles it matched are tested anyway.
    probe AS MATERIALIZED (
      SELECT p.*, p.yearly AND ${q}::text !~ '!' AND NOT EXISTS (SELECT 1 FROM words w WHERE w.share >= ${common}
          AND w.lexeme <> (SELECT lexeme FROM key)) AS exact FROM (
        SELECT coalesce(k.q && n.q, k.q, ${q}) AS q, coalesce(k.q && n.kept, k.q, ${q}) AS coarse, (SELECT pr.q FROM pairs pr) AS pairs,
          -- Words ANDed, some excluded (no "|" or "<->" in its text, a word not excluded): a
          -- year's read through the index of words and years asks for all of them, and its answer
          -- is exact (an article of another year holds none of that year's words). So is the
          -- index of words and periods when no word was left out nor excluded. Not a query of stop
          -- words alone: with a period's word it would match the period. An excluded word is
          -- asked for as the year's too: the index of words and periods read the list of
          -- "bungshil" (84 % of 968,154 articles) for "institut -bungshil", 9 ms a read.
          numnode(${q}) > 0 AND ${q}::text !~ '[|<]' AND ${q}::text ~ '^''|& ''' AS yearly FROM (SELECT 1) one
      LEFT JOIN (
        SELECT string_agg(${"'"} || replace(replace(w.lexeme, ${'\\'}, ${'\\\\'}), ${"'"}, ${"''"}) || ${"'"}, ' & ')::tsquery AS q FROM words w
        WHERE w.share < ${common} OR w.lexeme = (SELECT lexeme FROM key)) k ON TRUE
      LEFT JOIN negated n ON TRUE) p),
    -- Stops at the limit-th match, or after testing as many articles as it may.
    walk AS MATERIALIZED (${walked(walkAmong)} LIMIT ${limit}),
    -- When the tested articles held half the matches needed or more, as many again are tested,
    -- until the rest is found: they are where it is ("houlonf", 452 of 500 in the newest 2,000,
    -- then read a year of 1,001 matches to find 48 more, 12 ms in all).
    onward AS MATERIALIZED (SELECT c.n >= ${Math.ceil(limit / 2)} AND c.n < ${limit} AS goes, ${limit}::int - c.n AS wanted
      FROM (SELECT count(*) AS n FROM walk) c),
    walked AS MATERIALIZED (${walked(Prisma.sql`${walkAmong} AND (SELECT goes FROM onward)
      AND (a."sortDate", a.id) < (SELECT l.day, l.id FROM (${lastWalked(walkAmong)}) l)`)} LIMIT (SELECT wanted FROM onward)),
    rest AS MATERIALIZED (SELECT NOT (SELECT walks FROM flag) OR (SELECT count(*) FROM walk) + (SELECT count(*) FROM walked) < ${limit} AS needed),
    -- The last article the walks tested; none when they tested every article they could.
    last AS MATERIALIZED (${lastWalked(
      Prisma.sql`${walkAmong} AND (SELECT needed FROM rest)`,
      Prisma.sql`(SELECT CASE WHEN goes THEN ${2 * walk}::int ELSE ${walk}::int END FROM onward)`,
    )}),
    -- The years a search reads, and whether it samples the newest (below): only a dated one.
    -- Also the newest year's days up to the newest day, its newest month, and the years below it.
    span AS MATERIALIZED (SELECT s.*, s.day - s.top + 1 AS days, extract(year FROM s.top) - extract(year FROM s.bottom) AS years,
        (SELECT samples FROM flag) AND s.top >= ${FIRST_DATED}::date AS samples FROM (
      SELECT t.day, date_trunc('year', t.day)::date AS top, date_trunc('month', t.day)::date AS month,
        date_trunc('year', ${bottom})::date AS bottom
      FROM (SELECT ${top}::date AS day) t) s),
    -- A query of uncommon words (one or several, with common ones or not, or an exclusion) reads
    -- its newest year first, and the older dated matches whole only when that year's count, per
    -- day of it read, times the days of the older years, fits a whole read: the statistics count
    -- a word's articles, not when they were written, and several words are not independent. A
    -- read that overflowed was wasted ("plaibourbrung -bungshil": 5,047 dated matches, 8 ms in
    -- the index), and 26 yearly reads of a few matches each are slower than one ("plea", 1 in 6,800
    -- articles a year: 6.8 ms, now 3.0).
    -- How many matches the newest year may hold, by the statistics: the rarest word's share of
    -- the articles (a bound: the other words and a phrase's order leave some out) less what the
    -- excluded words leave out, of the year's days, with the years taken as even.
    bound AS MATERIALIZED (
      SELECT coalesce((SELECT k.share FROM key k), 0) * (SELECT n.leaves FROM negated n) * ${ARTICLES}
        * s.days / 365.0 / (s.years + 2) AS n
      FROM span s),
    -- A newest year that may hold more than a read keeps is first judged by its newest month,
    -- read as the months of a busy year are: when the month's matches per day, over the year's
    -- days, fit a read, the year is read whole, up to a whole read's size; else it is read by its
    -- months from the start, that month's matches being these. A sample of 1,001 that overflowed
    -- was read and dropped ("Jang Sung Mi" at 1M: 8.9 of its 17 ms), and a year of 1,001 to 2,000
    -- matches was read month by month ("plaibourbrung -bungshil", 1,027: six months of 2.2 ms each).
    monthly AS MATERIALIZED (
      SELECT a.id, a."sortDate", a.search, (${where}) AS ok FROM "Article" a
      WHERE (SELECT s.samples FROM span s) AND (SELECT b.n FROM bound b) > ${cap}
        AND ${periodRead(Prisma.sql`search_month((SELECT s.month FROM span s))`)} AND ${matched}${older}
      LIMIT ${cap + 1}),
    room AS MATERIALIZED (
      SELECT CASE WHEN coalesce((SELECT b.n FROM bound b), 0) <= ${cap} THEN ${cap}
        WHEN m.n * s.days <= ${DATED_MARGIN} * ${cap} * (s.day - s.month + 1) THEN ${wholeCap}
        ELSE 0 END AS size,
        -- The newest month the months' read takes from "monthly": the month after it when that overflowed.
        CASE WHEN m.n <= ${cap} THEN s.month ELSE (s.month + interval '1 month')::date END AS month
      FROM (SELECT count(*) AS n FROM monthly) m CROSS JOIN span s),
    sample AS MATERIALIZED (
      SELECT a.id, a."sortDate", a.search, (${where}) AS ok FROM "Article" a
      WHERE (SELECT s.samples FROM span s) AND (SELECT r.size FROM room r) > 0
        AND ${yearRead(Prisma.sql`(SELECT s.top FROM span s)`)} AND ${yearMatched}${older} LIMIT (SELECT r.size FROM room r) + 1),
    sampled AS MATERIALIZED (SELECT x.used, x.samples AND NOT x.used AS over,
        x.readall AND (x.rare OR NOT x.samples) OR x.used AND x.n * x.years * 365 / x.days <= ${wholeCap} AS reads,
        CASE WHEN x.used THEN (x.top - make_interval(years =>
          least(x.years, ceil(${DATED_MARGIN} * greatest(${limit} - x.n, 1) / greatest(x.n * 365.0 / x.days, 0.001)))::int))::date END AS below
      FROM (SELECT f.readall, f.rare, s.samples, s.samples AND r.size > 0 AND c.n <= r.size AS used, c.n, s.top, s.years, s.days
        FROM flag f CROSS JOIN span s CROSS JOIN room r CROSS JOIN (SELECT count(*) AS n FROM sample) c) x),
    -- When a year's read is exact (words ANDed, some excluded: probe's yearly), that read goes
    -- through the index of words and years instead, a year at a time, newest first, each year's
    -- matches sorted, and stops at the matches still needed after the newest year's: no more
    -- years than that, however many the estimate gave. The index of words and periods handed
    -- over every dated match of the query's uncommon words, and those of other years, or without
    -- its common words, were read and dropped: "bungshil parti" read 1,683 articles, tested each
    -- for "bungshil", and kept 780 (14.5 ms of CPU per statement, now 4.3). One read of the years
    -- ORed ("parti§2024 | parti§2023 | …") was tried: the index tested that long query on every
    -- article any of its words' lists held (8.1 ms for the 645 matches of "Paek Chan Nam").
    windowed AS MATERIALIZED (SELECT s.reads AND s.used AND p.yearly AS used,
        greatest(${limit}::int - (SELECT count(*) FROM sample WHERE ok), 0) AS wanted FROM sampled s CROSS JOIN probe p),
    everything AS MATERIALIZED (
      (SELECT a.id, a."sortDate", a.search, (${where}) AS ok FROM "Article" a
      WHERE (SELECT reads FROM sampled) AND NOT (SELECT used FROM windowed) AND (
        ${INDEXED} @@ (SELECT CASE WHEN f.rare THEN p.q WHEN p.pairs IS NULL THEN p.q && !!search_month(${UNDATED}::date) END FROM flag f, probe p)
        OR ${PAIRED} @@ (SELECT CASE WHEN NOT f.rare THEN p.pairs && !!search_month(${UNDATED}::date) END FROM flag f, probe p))
        AND ${matched}${older} AND (NOT (SELECT used FROM sampled)
          OR a."sortDate" >= (SELECT below FROM sampled) AND a."sortDate" < (SELECT s.top FROM span s))
      LIMIT ${wholeCap + 1})
      UNION ALL
      (SELECT e.id, e."sortDate", e.search, TRUE FROM generate_series((SELECT s.top FROM span s) - interval '1 year',
          (SELECT s.bottom FROM span s), interval '-1 year') yr
        CROSS JOIN LATERAL (SELECT a.id, a."sortDate", a.search FROM "Article" a
          WHERE ${YEAR_WORDS} @@ search_year_query(${q}, yr::date) AND ${where}${older} ORDER BY ${newest}) e
        WHERE (SELECT used FROM windowed) LIMIT (SELECT wanted FROM windowed))),
    read AS MATERIALIZED (SELECT (SELECT reads FROM sampled) AND (SELECT count(*) FROM everything) <= ${wholeCap} AS whole),
    whole AS MATERIALIZED (SELECT (SELECT phrased FROM flag) OR (SELECT whole FROM read) AND (SELECT rare FROM flag) AS found,
      (SELECT whole FROM read) AND NOT (SELECT rare FROM flag) AS dated)`;
  const years = Prisma.sql`
    SELECT y::date AS y FROM generate_series((SELECT s.top FROM span s), (SELECT s.bottom FROM span s), interval '-1 year') y
    ${dates.dated ? Prisma.empty : Prisma.sql`UNION ALL SELECT ${UNDATED}::date`}`;
  // The loop's year is the newest one, whose sample overflowed (it is read by its months).
  const overflowedTop = Prisma.sql`(SELECT over AND yr.y = (SELECT s.top FROM span s) FROM sampled)`;
  // A query of stop words alone has no lexeme, and with a period's it would match the whole period.
  const periods = Prisma.sql`
    SELECT y FROM (${years}) p WHERE numnode(${q}) > 0 AND (SELECT needed FROM rest) AND NOT (SELECT found FROM whole)
      AND (NOT (SELECT walks FROM flag) OR EXISTS (SELECT 1 FROM last))
      AND (NOT (SELECT dated FROM whole) OR p.y < (SELECT CASE WHEN w.used THEN ${FIRST_DATED}::date
        ELSE coalesce(s.below, ${FIRST_DATED}::date) END FROM windowed w, sampled s))
      AND NOT ((SELECT used FROM sampled) AND p.y = (SELECT s.top FROM span s))`;
  const found = Prisma.sql`
    WITH ${steps}
    (SELECT w.id, w."sortDate", w.search FROM walk w ORDER BY w."sortDate" DESC, w.id DESC)
    UNION ALL
    (SELECT w.id, w."sortDate", w.search FROM walked w ORDER BY w."sortDate" DESC, w.id DESC)
    UNION ALL
    (SELECT p.id, p."sortDate", p.search FROM phrased p WHERE p.ok AND (SELECT phrased FROM flag) ORDER BY p."sortDate" DESC, p.id DESC)
    UNION ALL
    (SELECT s.id, s."sortDate", s.search FROM sample s WHERE s.ok AND (SELECT used FROM sampled) ORDER BY s."sortDate" DESC, s.id DESC)
    UNION ALL
    (SELECT e.id, e."sortDate", e.search FROM everything e WHERE e.ok AND (SELECT whole FROM read) ORDER BY e."sortDate" DESC, e.id DESC)
    UNION ALL
    (SELECT m.id, m."sortDate", m.search FROM monthly m
      WHERE m.ok AND (SELECT r.size = 0 AND r.month <= m."sortDate" FROM room r) ORDER BY m."sortDate" DESC, m.id DESC)
    UNION ALL
    (SELECT f.id, f."sortDate", f.search FROM (${periods}) yr CROSS JOIN LATERAL (
      WITH y AS MATERIALIZED (
        SELECT a.id, a."sortDate", a.search, (${where}) AS ok FROM "Article" a
        WHERE ${yearRead(Prisma.sql`yr.y`)} AND ${yearMatched}${older}${untested}
          AND yr.y <> ${UNDATED}::date AND NOT ${overflowedTop} LIMIT ${cap + 1}),
      -- The undated matches, from the index alone: with the id's bound inside, the planner walked
      -- the undated articles by the date index instead (a generic plan, 269 ms at 1M).
      undated AS MATERIALIZED (
        SELECT a.id, a."sortDate", a.search FROM "Article" a
        WHERE ${yearRead(Prisma.sql`${UNDATED}::date`)} AND ${yearMatched} AND ${where}${older}${untested})
      (SELECT y.id, y."sortDate", y.search FROM y WHERE y.ok AND (SELECT count(*) FROM y) <= ${cap} ORDER BY y."sortDate" DESC, y.id DESC)
      UNION ALL
      (SELECT m.id, m."sortDate", m.search FROM generate_series(yr.y + interval '11 months', yr.y, interval '-1 month') mo
        -- The newest year's newest month when "monthly" holds it.
        CROSS JOIN LATERAL (SELECT NOT (${overflowedTop} AND (SELECT r.size = 0 AND mo >= r.month FROM room r)) AS due) d
        CROSS JOIN LATERAL (
          SELECT a.id, a."sortDate", a.search FROM "Article" a
          WHERE d.due AND ${periodRead(Prisma.sql`search_month(mo::date)`)} AND ${matched} AND ${where}${older}${untested}
          ORDER BY ${newest}) m
        -- A busy year, or the newest year whose sample overflowed: it is not read whole again.
        WHERE (SELECT count(*) FROM y) > ${cap} OR ${overflowedTop})
      UNION ALL
      -- The undated articles are one day, so no month splits them, and they are not read as a year
      -- first: that read is exact only up to 1,000 matches, where the one below is exact at any
      -- count ("mour chengtrildoul", 1,246 undated matches, read 1,001 of them, then all of them
      -- again in January: 10.5 of its 16 ms). When the rarest word is in 5 % of the archive or
      -- more, the newest of them are tested one by one first (4,533 of the 18,633 hold "Sin Myong
      -- Ryong"), then, past those, the rest of its undated matches are read from the index and
      -- sorted. A rarer query's tested articles hold too few to pay for the
      -- test ("plaibourbrung brus" at 1M: 1,401 of 93k undated, 12 ms more), and so do a phrase's,
      -- which the pairs find at once: testing 2,000 undated articles for "luchul treatdong" at 1M
      -- took 25 of its 38 ms. Nor are those of a query that excludes a word, whose matches are
      -- fewer than its rarest word's by as much as the excluded word is common ("histori
      -- -bungshil": 11 undated matches, 2,000 articles tested for them, 5 → 21 ms).
      (${walked(undatedAmong)} AND yr.y = ${UNDATED}::date AND (SELECT dense FROM flag)
        ORDER BY w.id DESC)
      UNION ALL
      (SELECT u.id, u."sortDate", u.search FROM undated u
        WHERE yr.y = ${UNDATED}::date
          AND (NOT (SELECT dense FROM flag) OR u.id < (SELECT l.id FROM (${lastWalked(undatedAmong)}) l))
        ORDER BY u.id DESC)
    ) f) LIMIT ${limit}`;
  return Prisma.sql`${Prisma.raw(PLANNED_ONCE)} search_query AS MATERIALIZED (SELECT ${tsquery(text)} AS q), ${ranked(q, found)}`;
}

/** The first page of candidates (`id`, `rank`), best first: `SELECT … FROM candidates` after searchCandidatesSql. */
export const searchPageSql = (limit: Prisma.Sql) => Prisma.sql`
  SELECT c.id, c.rank FROM candidates c ORDER BY ${Prisma.raw(toOrderSql(SEARCH_ORDER, 'c'))} LIMIT ${limit}`;

const HIGHLIGHTED = Prisma.sql`CASE WHEN starts_with(a.body, a.title) THEN a.body ELSE a.title || ' — ' || a.body END`;

/**
 * The highlighted snippet of "Article" a. ts_headline marks the words of an English query; the
 * Korean words of a query, which it cannot see in Hangul text, are marked where they stand, in
 * the 160 characters from just before the first.
 */
export function searchHighlightSql(text: string): Prisma.Sql {
  const korean = hangulWords(text);
  if (!hangulTerms(text).length)
    return Prisma.sql`ts_headline('english', ${HIGHLIGHTED}, ${tsquery(text)},
      'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "')`;
  if (!korean.length) return Prisma.sql`substr(${HIGHLIGHTED}, 1, 160)`;
  // Hangul words hold no character a pattern gives meaning to: they are their own pattern.
  const first = Prisma.sql`coalesce(least(${Prisma.join(
    korean.map((w) => Prisma.sql`nullif(strpos(${HIGHLIGHTED}, ${w}), 0)`),
    ',',
    '',
    '',
  )}), 1)`;
  return Prisma.sql`regexp_replace(substr(${HIGHLIGHTED}, greatest(${first} - 40, 1), 160), ${`(${korean.join('|')})`}, '<mark>\\1</mark>', 'g')`;
}
