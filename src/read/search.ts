// Full-text search's statements, for both read paths (src/schema/search.ts, src/compiled): PostgreSQL's
// websearch syntax ("phrases", -exclusions, or), ranked by ts_rank over the GIN-indexed vector,
// with a highlighted snippet per hit.
import { PLANNED_PER_VALUE } from '../db/statements.js';
import { Prisma } from '../generated/prisma/client.js';
import { ARTICLE_ORDERS } from './article.js';
import { type Condition, toSql } from './conditions.js';
import { order, toOrderSql } from './spec.js';

/** Best match first: ts_rank, ties by id. */
export const SEARCH_ORDER = order('rank desc', 'id desc');

// The tsquery is written inline wherever it is used, not in a CTE: the planner then folds it to a
// constant and sees how common its words are (an index walk for a common word, a bitmap for a
// rare one). For the same reason a search statement is never prepared (PLANNED_PER_VALUE): a
// generic plan, blind to the words, took 21–28 ms for a common word that a fresh plan finds in 0.6.
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

/**
 * `candidates (id, rank, sortDate)`: the newest `limit` matches (SearchSettings.candidates) older
 * than `tier` (all, for the first tier), ranked, as CTEs after a WITH. Ranking reads every
 * candidate's vector, so bounding them keeps a word found in most of the archive fast.
 *
 * Finding the newest matches is the hard part: walking the articles newest first reads 52k rows
 * before it has 500 of a word whose matches are mostly old, and reading every match of a common
 * word from the index reads most of the archive. So the matches are read a period at a time,
 * newest first, from the index of words and periods, until there are `limit`: a year at a time
 * while a year holds at most 2 × `limit` matches, else that year's months one by one. Whatever the
 * word and wherever its matches lie, a search reads about `limit` matches, at most 2 × `limit`
 * more from one busy year, and the index once per year and per month of a busy year.
 * The periods come newest first and each period's matches newest first, so the first `limit` rows
 * are exactly the newest `limit` matches, as ORDER BY "sortDate" DESC, id DESC would give.
 */
export function searchCandidatesSql(text: string, filter: Condition, limit: number, tier: TierStart = null): Prisma.Sql {
  const q = tsquery(text);
  const older = tier ? Prisma.sql` AND (a."sortDate", a.id) < (${tier[0]}::date, ${tier[1]}::int)` : Prisma.empty;
  const where = toSql(filter, 'a', 'Article');
  const ranked = (found: Prisma.Sql) => Prisma.sql`
    candidates AS MATERIALIZED (
      SELECT f.id, ts_rank(x.search, ${q})::float8 AS rank, f."sortDate" FROM (${found}) f JOIN "Article" x ON x.id = f.id)`;
  if (!testedPerMatch(filter))
    return Prisma.sql`${Prisma.raw(PLANNED_PER_VALUE)} ${ranked(Prisma.sql`
      SELECT a.id, a."sortDate" FROM "Article" a WHERE ${INDEXED} @@ ${q} AND ${where}${older}
      ORDER BY ${Prisma.raw(toOrderSql(ARTICLE_ORDERS.NEWEST_FIRST, 'a'))} LIMIT ${limit}`)}`;
  const dates = datesAllowed(filter);
  const cap = 2 * limit;
  const newest = Prisma.raw(toOrderSql(ARTICLE_ORDERS.NEWEST_FIRST, 'a'));
  // The years from the newest allowed down to the oldest dated article's, then the undated ones'.
  const top = Prisma.sql`least((SELECT max(a."sortDate") FROM "Article" a), ${tier?.[0] ?? null}::date, ${dates.before ?? null}::date)`;
  const bottom = Prisma.sql`greatest((SELECT min(a."sortDate") FROM "Article" a WHERE a."sortDate" >= ${FIRST_DATED}::date),
    ${dates.after ?? null}::date, ${FIRST_DATED}::date)`;
  const years = Prisma.sql`
    SELECT y::date AS y FROM generate_series(date_trunc('year', ${top}), date_trunc('year', ${bottom}), interval '-1 year') y
    ${dates.dated ? Prisma.empty : Prisma.sql`UNION ALL SELECT ${UNDATED}::date`}`;
  // A query the statistics call rare (search_rare) is first read whole: one read of the index finds
  // all its matches where the ladder would read it once per year. At most 2 × `limit` are kept.
  const rare = Prisma.sql`
    flag AS MATERIALIZED (SELECT search_rare(${q}) AS rare),
    rare AS MATERIALIZED (
      SELECT a.id, a."sortDate", (${where}) AS ok FROM "Article" a
      WHERE (SELECT rare FROM flag) AND ${INDEXED} @@ ${q}${older} LIMIT ${cap + 1}),
    whole AS MATERIALIZED (SELECT (SELECT rare FROM flag) AND (SELECT count(*) FROM rare) <= ${cap} AS found)`;
  // A query of stop words alone has no lexeme, and with a period's it would match the whole period.
  const periods = Prisma.sql`SELECT y FROM (${years}) p WHERE numnode(${q}) > 0 AND NOT (SELECT found FROM whole)`;
  const found = Prisma.sql`
    WITH ${rare}
    (SELECT r.id, r."sortDate" FROM rare r WHERE r.ok AND (SELECT found FROM whole) ORDER BY r."sortDate" DESC, r.id DESC)
    UNION ALL
    (SELECT f.id, f."sortDate" FROM (${periods}) yr CROSS JOIN LATERAL (
      WITH y AS MATERIALIZED (
        SELECT a.id, a."sortDate", (${where}) AS ok FROM "Article" a
        WHERE ${INDEXED} @@ (${q} && search_year(yr.y))${older} LIMIT ${cap + 1})
      (SELECT y.id, y."sortDate" FROM y WHERE y.ok AND (SELECT count(*) FROM y) <= ${cap} ORDER BY y."sortDate" DESC, y.id DESC)
      UNION ALL
      (SELECT m.id, m."sortDate" FROM generate_series(yr.y + interval '11 months', yr.y, interval '-1 month') mo
        CROSS JOIN LATERAL (
          SELECT a.id, a."sortDate" FROM "Article" a WHERE ${INDEXED} @@ (${q} && search_month(mo::date)) AND ${where}${older}
          ORDER BY ${newest}) m
        WHERE (SELECT count(*) FROM y) > ${cap})
    ) f) LIMIT ${limit}`;
  return ranked(found);
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
