// Full-text search over titles and bodies: PostgreSQL's websearch syntax ("phrases", -exclusions,
// or), ranked by ts_rank over the GIN-indexed vector, with a highlighted snippet per hit.
import { queryFromInfo } from '@pothos/plugin-prisma';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
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

// The day of the SEARCH_WINDOW-th newest article, per database, read again every minute. Any day
// gives the same results (see the candidates below), so a stale one costs only a little speed.
// The promise is kept, so the requests of one minute share one read.
const windowStarts = new WeakMap<object, { day: Promise<string | null>; at: number }>();
function windowStart(prisma: Context['prisma']): Promise<string | null> {
  const known = windowStarts.get(prisma);
  if (known && Date.now() - known.at < 60_000) return known.day;
  const day = prisma.$queryRaw<{ day: string }[]>`
    SELECT to_char("sortDate", 'YYYY-MM-DD') AS day FROM "Article" ORDER BY "sortDate" DESC, id DESC OFFSET ${SEARCH_WINDOW} LIMIT 1`.then(([row]) => row?.day ?? null);
  // A failed read is not kept: the next request tries again.
  day.catch(() => windowStarts.delete(prisma));
  windowStarts.set(prisma, { day, at: Date.now() });
  return day;
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
          // SEARCH_CANDIDATES matches so a word found in most of the archive stays fast.
          const newest = (window: Prisma.Sql) => Prisma.sql`
            SELECT a.id, a.search FROM "Article" a WHERE a.search @@ ${tsquery} AND ${where} AND ${window}
            ORDER BY a."sortDate" DESC, a.id DESC LIMIT ${SEARCH_CANDIDATES}`;
          // Looked for among the newest articles first, from the date index: the planner cannot
          // tell how many articles a several-word query matches and would read them all (13k for
          // a common name: 28 ms, against 7 ms in the window). The whole archive is searched only
          // when the window holds fewer: either way the same newest matches.
          const from = await windowStart(ctx.prisma);
          const candidates = from
            ? Prisma.sql`
              WITH recent AS MATERIALIZED (${newest(Prisma.sql`a."sortDate" >= ${from}::date`)})
              SELECT * FROM recent WHERE (SELECT count(*) FROM recent) = ${SEARCH_CANDIDATES}
              UNION ALL
              (${newest(Prisma.sql`(SELECT count(*) FROM recent) < ${SEARCH_CANDIDATES}`)})`
            : newest(Prisma.sql`TRUE`);
          hits = await ctx.prisma.$queryRaw<Hit[]>`
            WITH candidates AS MATERIALIZED (${candidates}),
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
