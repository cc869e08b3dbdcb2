// Search pages by keyset, tier after tier. A tier is the newest N matches (SearchSettings.candidates)
// older than the tier before it, ranked; the first tier is what the first page ranks. A cursor
// says where its tier starts and the (rank, id) of its hit, so the next page reads the rest of
// that tier and then the next tier: a client pages through every match, best first within each
// tier, and no page reads more than the tiers it spans (an offset read every skipped hit again).
import type { Context } from '../context.js';
import { MAX_ROW_ID } from '../global-id.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Condition } from '../read/conditions.js';
import { badInput } from './errors.js';
import { SEARCH_ORDER, searchCandidatesSql, searchHighlightSql, type TierStart } from '../read/search.js';
import { toOrderSql } from '../read/spec.js';

export interface Hit {
  id: number;
  rank: number;
  highlight: string;
  cursor: string;
}

interface Position {
  tier: TierStart;
  rank: number;
  id: number;
}

const PREFIX = 'S:';

export const encodeSearchCursor = (p: Position) =>
  Buffer.from(`${PREFIX}${JSON.stringify([p.tier?.[0] ?? null, p.tier?.[1] ?? null, p.rank, p.id])}`).toString('base64');

/** A cursor this search gave, or the BAD_USER_INPUT error. */
export function decodeSearchCursor(cursor: string): Position {
  const refuse = () => badInput('"after" is not a cursor of search: pass one a search page returned.', { argument: 'after' });
  let parts: unknown;
  try {
    const text = Buffer.from(cursor, 'base64').toString('utf8');
    parts = text.startsWith(PREFIX) && cursor.length < 200 ? JSON.parse(text.slice(PREFIX.length)) : undefined;
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parts) || parts.length !== 4) throw refuse();
  const [day, tierId, rank, id] = parts as unknown[];
  const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= MAX_ROW_ID;
  const firstTier = day === null && tierId === null;
  if (!(firstTier || (typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) && isId(tierId)))) throw refuse();
  if (typeof rank !== 'number' || !Number.isFinite(rank) || !isId(id)) throw refuse();
  return { tier: firstTier ? null : [day as string, tierId as number], rank, id };
}

interface Row {
  total: bigint;
  oldestDay: Date | null;
  oldestId: number | null;
  id: number | null;
  rank: number;
  highlight: string | null;
}

/**
 * Up to `first + 1` hits after `after` (the extra one says there is a next page), and the count of
 * the first tier's matches (read only when asked: a later page does not otherwise touch that tier).
 * Snippets are marked only when `highlight` and only for the hits returned: ts_headline parses the
 * article's whole text, the most costly part of a page once its candidates are ranked.
 */
export async function searchPage(ctx: Context, text: string, filter: Condition, first: number, after: Position | null, highlight: boolean) {
  const size = ctx.search.candidates;
  const hits: Hit[] = [];
  let tier = after?.tier ?? null;
  let from = after ? { rank: after.rank, id: after.id } : null;
  let firstTierTotal: number | undefined;
  const best = Prisma.raw(toOrderSql(SEARCH_ORDER, 'c'));
  // A page of at most 101 hits spans at most 102 tiers of one candidate; in practice one or two.
  for (let round = 0; hits.length <= first && round <= first + 1; round += 1) {
    const rows = await ctx.prisma.$queryRaw<Row[]>`
      WITH ${searchCandidatesSql(text, filter, size, tier)},
      oldest AS (SELECT c."sortDate", c.id FROM candidates c ORDER BY c."sortDate", c.id LIMIT 1),
      page AS (SELECT c.id, c.rank, row_number() OVER (ORDER BY ${best}) AS n FROM candidates c
        WHERE ${from ? Prisma.sql`(c.rank, c.id) < (${from.rank}::float8, ${from.id}::int)` : Prisma.sql`TRUE`}
        ORDER BY ${best} LIMIT ${first + 1 - hits.length}::int)
      SELECT n.total, o."sortDate" AS "oldestDay", o.id AS "oldestId", page.id, page.rank,
        CASE WHEN page.n <= ${first - hits.length}::int AND ${highlight} THEN ${searchHighlightSql(text)} END AS highlight
      FROM (SELECT count(*) AS total FROM candidates) n LEFT JOIN oldest o ON TRUE LEFT JOIN (page JOIN "Article" a ON a.id = page.id) ON TRUE
      ORDER BY ${Prisma.raw(toOrderSql(SEARCH_ORDER, 'page'))}`;
    const head = rows[0]!;
    if (tier === null) firstTierTotal = Number(head.total);
    for (const r of rows)
      if (r.id !== null)
        // No snippet ('') for the extra hit that only says a next page exists, nor when the client did not ask.
        hits.push({ id: r.id, rank: r.rank, highlight: r.highlight ?? '', cursor: encodeSearchCursor({ tier, rank: r.rank, id: r.id }) });
    // A tier short of full is the last: no older match is left.
    if (Number(head.total) < size || head.oldestId === null) break;
    tier = [head.oldestDay!.toISOString().slice(0, 10), head.oldestId];
    from = null;
  }
  // Counted once however many fields ask (totalCount and totalCountIsExact both do).
  let counted: Promise<number> | undefined;
  const countFirstTier = () => {
    if (firstTierTotal !== undefined) return Promise.resolve(firstTierTotal);
    counted ??= ctx.prisma.$queryRaw<{ total: bigint }[]>`
      WITH ${searchCandidatesSql(text, filter, size)} SELECT count(*) AS total FROM candidates`.then(([row]) => Number(row!.total));
    return counted;
  };
  return { hits: hits.slice(0, first), hasNextPage: hits.length > first, countFirstTier };
}
