// Full-text search over titles and bodies: PostgreSQL's websearch syntax ("phrases", -exclusions,
// or), ranked by ts_rank over the GIN-indexed vector, with a highlighted snippet per hit.
import { queryFromInfo } from '@pothos/plugin-prisma';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import { Prisma } from '../generated/prisma/client.js';
import { Article, ArticleFilter, articleFilterSql } from './article.js';
import { badInput } from './errors.js';
import { checkPageSize, DEFAULT_PAGE } from './pagination.js';

const MAX_QUERY_LENGTH = 500;
/** How many of the newest matches are ranked; deeper pages end there. */
export const SEARCH_CANDIDATES = Number(process.env.NEWSGRAPH_SEARCH_CANDIDATES ?? 500);
/** How many of the newest articles are searched first (see the candidates below). */
export const SEARCH_WINDOW = Number(process.env.NEWSGRAPH_SEARCH_WINDOW ?? 10_000);
/** Where counting matches stops. */
export const SEARCH_COUNT_CAP = 1_000;

interface Hit {
  id: number;
  rank: number;
  highlight: string;
}

builder.queryFields((t) => ({
  search: t.connection(
    {
      type: Article,
      description: 'Articles matching a web-search query ("exact phrase", -excluded, a or b), best match first.',
      args: { query: t.arg.string({ required: true }), filter: t.arg({ type: ArticleFilter }) },
      resolve: async (_parent, args, ctx, info) => {
        checkPageSize(args);
        if (args.last != null || args.before != null) throw badInput('search pages forward only: use "first" and "after".');
        const text = args.query.trim();
        if (!text) throw badInput('"query" is empty.', { argument: 'query' });
        if (text.length > MAX_QUERY_LENGTH) throw badInput(`"query" is longer than ${MAX_QUERY_LENGTH} characters.`, { argument: 'query' });
        const where = articleFilterSql(args.filter);
        // The tsquery is written inline, not in a CTE: the planner then folds it to a constant
        // and sees how common its words are (an index walk for a common word, a bitmap for a rare one).
        const tsquery = Prisma.sql`websearch_to_tsquery('english', ${text})`;
        // Counting stops at SEARCH_COUNT_CAP: past it the count is a floor, flagged as such.
        let counted: Promise<number> | undefined;
        const total = () =>
          (counted ??= ctx.prisma.$queryRaw<[{ n: bigint }]>`
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM "Article" a WHERE a.search @@ ${tsquery} AND ${where} LIMIT ${SEARCH_COUNT_CAP}) t`.then(([row]) => Number(row.n)));
        let hits: Hit[] = [];
        const connection = await resolveOffsetConnection({ args: { ...args, first: args.first ?? DEFAULT_PAGE } }, async ({ offset, limit }) => {
          // Ranking reads every candidate's vector: bound the candidates to the newest
          // SEARCH_CANDIDATES matches so a word found in most of the archive stays fast. They are
          // looked for among the newest SEARCH_WINDOW articles first, from the date index: the
          // planner cannot tell how many articles a several-word query matches and would read
          // them all (13k for a common name: 28 ms, against 7 ms in the window). When the window
          // holds fewer, the whole archive is searched; either way the same newest matches.
          hits = await ctx.prisma.$queryRaw<Hit[]>`
            WITH recent AS MATERIALIZED (
              SELECT a.id, a.search FROM "Article" a WHERE a.search @@ ${tsquery} AND ${where}
                AND a."sortDate" >= (SELECT "sortDate" FROM "Article" ORDER BY "sortDate" DESC, id DESC OFFSET ${SEARCH_WINDOW} LIMIT 1)
              ORDER BY a."sortDate" DESC, a.id DESC LIMIT ${SEARCH_CANDIDATES}
            ),
            candidates AS MATERIALIZED (
              SELECT * FROM recent WHERE (SELECT count(*) FROM recent) = ${SEARCH_CANDIDATES}
              UNION ALL
              (SELECT a.id, a.search FROM "Article" a
               WHERE (SELECT count(*) FROM recent) < ${SEARCH_CANDIDATES} AND a.search @@ ${tsquery} AND ${where}
               ORDER BY a."sortDate" DESC, a.id DESC LIMIT ${SEARCH_CANDIDATES})
            ),
            page AS (
              SELECT c.id, ts_rank(c.search, ${tsquery}) AS rank FROM candidates c
              ORDER BY rank DESC, c.id DESC LIMIT ${limit} OFFSET ${offset}
            )
            SELECT page.id, page.rank::float8 AS rank,
              ts_headline('english', CASE WHEN starts_with(a.body, a.title) THEN a.body ELSE a.title || ' — ' || a.body END, ${tsquery},
                'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS highlight
            FROM page JOIN "Article" a ON a.id = page.id ORDER BY page.rank DESC, page.id DESC`;
          const query = queryFromInfo({ context: ctx, info, typeName: 'Article', paths: [['edges', 'node'], ['nodes']] });
          const rows = await ctx.prisma.article.findMany({ ...query, where: { id: { in: hits.map((h) => h.id) } } } as Prisma.ArticleFindManyArgs);
          const byId = new Map(rows.map((r) => [r.id, r]));
          return hits.map((h) => byId.get(h.id)!).filter(Boolean);
        });
        const extra = new Map(hits.map((h) => [h.id, h]));
        return {
          ...connection,
          totalCount: total,
          edges: connection.edges.map((edge) => edge && { ...edge, rank: extra.get(edge.node.id)?.rank ?? 0, highlight: extra.get(edge.node.id)?.highlight ?? '' }),
        };
      },
    },
    {
      name: 'SearchConnection',
      fields: (c) => ({
        // Counted only when asked for.
        totalCount: c.int({
          description: `Matching articles, counted up to ${SEARCH_COUNT_CAP}; see totalCountIsExact.`,
          resolve: (r) => (r as unknown as { totalCount: () => Promise<number> }).totalCount(),
        }),
        totalCountIsExact: c.boolean({
          description: `False when more than ${SEARCH_COUNT_CAP - 1} articles match and totalCount is a floor.`,
          resolve: async (r) => (await (r as unknown as { totalCount: () => Promise<number> }).totalCount()) < SEARCH_COUNT_CAP,
        }),
      }),
    },
    {
      name: 'SearchEdge',
      fields: (e) => ({
        rank: e.float({ description: 'ts_rank of the match: higher is better.', resolve: (edge) => (edge as unknown as Hit).rank }),
        highlight: e.string({ description: 'Snippet with the matched words in <mark>…</mark>.', resolve: (edge) => (edge as unknown as Hit).highlight }),
      }),
    },
  ),
}));
