// Full-text search over titles and bodies: PostgreSQL's websearch syntax ("phrases", -exclusions,
// or), ranked by ts_rank over the GIN-indexed vector, with a highlighted snippet per hit. The SQL
// is built here once for both paths: the resolver below and the compiled reads (src/compiled).
import { queryFromInfo } from '@pothos/plugin-prisma';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import { searchWindowStart } from '../db/search-window.js';
import { PLANNED_PER_VALUE } from '../db/statements.js';
import { Prisma } from '../generated/prisma/client.js';
import { type Condition, toSql } from '../read/conditions.js';
import { articleCondition } from '../read/article.js';
import { Article, ArticleFilter, articleArgs, articleFilterValues } from './article.js';
import { badInput } from './errors.js';
import { checkPageSize, DEFAULT_PAGE } from './pagination.js';

const MAX_QUERY_LENGTH = 500;

/** The query text, trimmed, or the BAD_USER_INPUT error the user should see. */
export function searchText(query: string): string {
  const text = query.trim();
  if (!text) throw badInput('"query" is empty.', { argument: 'query' });
  if (text.length > MAX_QUERY_LENGTH) throw badInput(`"query" is longer than ${MAX_QUERY_LENGTH} characters.`, { argument: 'query' });
  return text;
}

// The tsquery is written inline wherever it is used, not in a CTE: the planner then folds it to a
// constant and sees how common its words are (an index walk for a common word, a bitmap for a
// rare one). For the same reason a search statement is never prepared (PLANNED_PER_VALUE): a
// generic plan, blind to the words, took 21–28 ms for a common word that a fresh plan finds in 0.6.
const tsquery = (text: string) => Prisma.sql`websearch_to_tsquery('english', ${text})`;

/**
 * `candidates (id, rank)`: the newest `limit` matches (SearchSettings.candidates), ranked, as CTEs after a WITH.
 * Ranking reads every candidate's vector, so bounding them keeps a word found in most of the
 * archive fast.
 * A query of several words is looked for among the articles from `windowDay` on first, through the
 * window's own index (src/db/search-window.ts): over the whole archive GIN would read every
 * posting of each word (13k articles for a common name). The whole archive is searched only when
 * the window holds fewer matches (or `windowDay` is null): either way the same newest matches.
 * A single word goes to the whole archive at once: the planner knows how common it is and walks
 * the date index for a common one.
 */
export function searchCandidatesSql(text: string, filter: Condition, windowDay: unknown, limit: number): Prisma.Sql {
  const where = toSql(filter, 'a', 'Article');
  // Ranked as they are found: the CTEs then copy two numbers per candidate, not its vector
  // (pgbench: a phrase's statement went from 680–780/s to 780–1,010/s).
  const newest = (window: Prisma.Sql) => Prisma.sql`
    SELECT a.id, ts_rank(a.search, ${tsquery(text)})::float8 AS rank FROM "Article" a WHERE a.search @@ ${tsquery(text)} AND ${where} AND ${window}
    ORDER BY a."sortDate" DESC, a.id DESC LIMIT ${limit}`;
  return Prisma.sql`${Prisma.raw(PLANNED_PER_VALUE)}
    recent AS MATERIALIZED (${newest(Prisma.sql`a."sortDate" >= ${windowDay}::date AND numnode(${tsquery(text)}) > 1`)}),
    candidates AS MATERIALIZED (
      SELECT * FROM recent WHERE (SELECT count(*) FROM recent) = ${limit}
      UNION ALL (${newest(Prisma.sql`(SELECT count(*) FROM recent) < ${limit}`)}))`;
}

/** The page of candidates (`id`, `rank`), best first: `SELECT … FROM candidates` after searchCandidatesSql. */
export const searchPageSql = (limit: unknown, offset: unknown) => Prisma.sql`
  SELECT c.id, c.rank FROM candidates c ORDER BY c.rank DESC, c.id DESC LIMIT ${limit}::int OFFSET ${offset}::int`;

/** The highlighted snippet of "Article" a. */
export const searchHighlightSql = (text: string) => Prisma.sql`
  ts_headline('english', CASE WHEN starts_with(a.body, a.title) THEN a.body ELSE a.title || ' — ' || a.body END, ${tsquery(text)},
    'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "')`;

interface Hit {
  id: number | null;
  rank: number;
  highlight: string;
  total: bigint;
}

builder.queryFields((t) => ({
  search: t.connection(
    {
      type: Article,
      description: 'Articles matching a web-search query ("exact phrase", -excluded, a or b), best match first.',
      args: { query: t.arg.string({ required: true }), filter: t.arg({ type: ArticleFilter }) },
      // The compiled path reads the filter as the resolver does.
      extensions: { args: articleArgs },
      resolve: async (_parent, args, ctx, info) => {
        checkPageSize(args);
        if (args.last != null || args.before != null) throw badInput('search pages forward only: use "first" and "after".');
        const text = searchText(args.query);
        const candidates = searchCandidatesSql(
          text,
          articleCondition(articleFilterValues(args.filter)),
          await searchWindowStart(ctx.prisma),
          ctx.search.candidates,
        );
        let total = 0;
        let hits: Hit[] = [];
        const connection = await resolveOffsetConnection(
          { args: { ...args, first: args.first ?? DEFAULT_PAGE } },
          async ({ offset, limit }) => {
            // One statement: the count of the candidates, joined to the page (none past its end).
            const rows = await ctx.prisma.$queryRaw<Hit[]>`
            WITH ${candidates}, page AS (${searchPageSql(limit, offset)})
            SELECT n.total, page.id, page.rank, ${searchHighlightSql(text)} AS highlight
            FROM (SELECT count(*) AS total FROM candidates) n LEFT JOIN (page JOIN "Article" a ON a.id = page.id) ON TRUE
            ORDER BY page.rank DESC, page.id DESC`;
            total = Number(rows[0]?.total ?? 0);
            hits = rows.filter((h) => h.id !== null);
            const query = queryFromInfo({ context: ctx, info, typeName: 'Article', paths: [['edges', 'node'], ['nodes']] });
            const found = await ctx.prisma.article.findMany({
              ...query,
              where: { id: { in: hits.map((h) => h.id!) } },
            } as Prisma.ArticleFindManyArgs);
            const byId = new Map(found.map((r) => [r.id, r]));
            return hits.map((h) => byId.get(h.id!)!).filter(Boolean);
          },
        );
        const extra = new Map(hits.map((h) => [h.id, h]));
        // An empty page has no first or last edge, so no cursors (Pothos' offset pages would name offsets).
        const empty = connection.edges.length === 0;
        return {
          ...connection,
          ...(empty ? { pageInfo: { ...connection.pageInfo, startCursor: null, endCursor: null } } : {}),
          totalCount: total,
          totalCountIsExact: total < ctx.search.candidates,
          edges: connection.edges.map(
            (edge) => edge && { ...edge, rank: extra.get(edge.node.id)?.rank ?? 0, highlight: extra.get(edge.node.id)?.highlight ?? '' },
          ),
        };
      },
    },
    {
      name: 'SearchConnection',
      fields: (c) => ({
        totalCountIsExact: c.boolean({
          description: 'False when totalCount reached the number search ranks: more articles may match than it counted.',
          resolve: (r) => (r as unknown as { totalCountIsExact: boolean }).totalCountIsExact,
        }),
      }),
    },
    {
      name: 'SearchEdge',
      fields: (e) => ({
        rank: e.float({ description: 'ts_rank of the match: higher is better.', resolve: (edge) => (edge as unknown as Hit).rank }),
        highlight: e.string({
          description: 'Snippet with the matched words in <mark>…</mark>.',
          resolve: (edge) => (edge as unknown as Hit).highlight,
        }),
      }),
    },
  ),
}));
