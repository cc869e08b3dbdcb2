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

/**
 * `candidates (id, rank, sortDate)`: the newest `limit` matches (SearchSettings.candidates) older
 * than `tier` (all, for the first tier), ranked, as CTEs after a WITH.
 * Ranking reads every candidate's vector, so bounding them keeps a word found in most of the
 * archive fast.
 * A query of several words is looked for among the articles from `windowDay` on first, through the
 * window's own index (src/db/search-window.ts): over the whole archive GIN would read every
 * posting of each word (13k articles for a common name). The whole archive is searched only when
 * the window holds fewer matches (or `windowDay` is null): either way the same newest matches.
 * A single word goes to the whole archive at once: the planner knows how common it is and walks
 * the date index for a common one.
 */
export function searchCandidatesSql(
  text: string,
  filter: Condition,
  windowDay: unknown,
  limit: number,
  tier: TierStart = null,
): Prisma.Sql {
  const older = tier ? Prisma.sql` AND (a."sortDate", a.id) < (${tier[0]}::date, ${tier[1]}::int)` : Prisma.empty;
  const where = Prisma.sql`${toSql(filter, 'a', 'Article')}${older}`;
  // Ranked as they are found: the CTEs then copy two numbers per candidate, not its vector
  // (pgbench: a phrase's statement went from 680–780/s to 780–1,010/s).
  const newest = (window: Prisma.Sql) => Prisma.sql`
    SELECT a.id, ts_rank(a.search, ${tsquery(text)})::float8 AS rank, a."sortDate" FROM "Article" a WHERE a.search @@ ${tsquery(text)} AND ${where} AND ${window}
    ORDER BY ${Prisma.raw(toOrderSql(ARTICLE_ORDERS.NEWEST_FIRST, 'a'))} LIMIT ${limit}`;
  return Prisma.sql`${Prisma.raw(PLANNED_PER_VALUE)}
    recent AS MATERIALIZED (${newest(Prisma.sql`a."sortDate" >= ${windowDay}::date AND numnode(${tsquery(text)}) > 1`)}),
    candidates AS MATERIALIZED (
      SELECT * FROM recent WHERE (SELECT count(*) FROM recent) = ${limit}
      UNION ALL (${newest(Prisma.sql`(SELECT count(*) FROM recent) < ${limit}`)}))`;
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
