// Query.search: full-text search over titles and bodies, its statements in src/read/search.ts
// (shared with the compiled reads), its pages by keyset (./search-page.ts).
import { queryFromInfo } from '@pothos/plugin-prisma';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { builder } from '../builder.js';
import type { Prisma } from '../generated/prisma/client.js';
import { articleCondition } from '../read/article.js';
import { Article, ArticleFilter, articleArgs, articleFilterValues } from './article.js';
import { badInput } from './errors.js';
import { checkPageSize, DEFAULT_PAGE } from './pagination.js';
import { decodeSearchCursor, type Hit, searchPage } from './search-page.js';

const MAX_QUERY_LENGTH = 500;

/** The query text, trimmed, or the BAD_USER_INPUT error the user should see. */
export function searchText(query: string): string {
  const text = query.trim();
  if (!text) throw badInput('"query" is empty.', { argument: 'query' });
  if (text.length > MAX_QUERY_LENGTH) throw badInput(`"query" is longer than ${MAX_QUERY_LENGTH} characters.`, { argument: 'query' });
  return text;
}

/** Whether the field's selection reaches `path` (through fragments too; @skip and @include are not read, so it may say yes). */
function selects(info: GraphQLResolveInfo, path: string[]): boolean {
  const within = (set: SelectionSetNode | undefined, rest: string[]): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === rest[0] && (rest.length === 1 || within(s.selectionSet, rest.slice(1)));
      if (s.kind === Kind.INLINE_FRAGMENT) return within(s.selectionSet, rest);
      return within(info.fragments[s.name.value]?.selectionSet, rest);
    });
  return info.fieldNodes.some((f) => within(f.selectionSet, path));
}

builder.queryFields((t) => ({
  search: t.connection(
    {
      type: Article,
      description:
        'Articles matching a web-search query ("exact phrase", -excluded, a or b): the newest 500 matches best first, then the next 500, and so on, page by page.',
      args: { query: t.arg.string({ required: true }), filter: t.arg({ type: ArticleFilter }) },
      // The compiled path reads the filter as the resolver does.
      extensions: { args: articleArgs },
      resolve: async (_parent, args, ctx, info) => {
        checkPageSize(args);
        if (args.last != null || args.before != null) throw badInput('search pages forward only: use "first" and "after".');
        const text = searchText(args.query);
        const after = args.after != null ? decodeSearchCursor(args.after) : null;
        const filter = articleCondition(articleFilterValues(args.filter));
        const page = await searchPage(ctx, text, filter, args.first ?? DEFAULT_PAGE, after, selects(info, ['edges', 'highlight']));
        const query = queryFromInfo({ context: ctx, info, typeName: 'Article', paths: [['edges', 'node'], ['nodes']] });
        const found = await ctx.prisma.article.findMany({
          ...query,
          where: { id: { in: page.hits.map((h) => h.id) } },
        } as Prisma.ArticleFindManyArgs);
        const byId = new Map(found.map((r) => [r.id, r]));
        const edges = page.hits.filter((h) => byId.has(h.id)).map((h) => ({ ...h, node: byId.get(h.id)! }));
        const total = () => page.countFirstTier();
        return {
          edges,
          pageInfo: {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: after !== null,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
          totalCount: total,
          totalCountIsExact: async () => (await total()) < ctx.search.candidates,
        };
      },
    },
    {
      name: 'SearchConnection',
      fields: (c) => ({
        totalCountIsExact: c.boolean({
          description: 'False when totalCount reached the number search ranks at once: more articles may match than it counted.',
          resolve: (r) => (r as unknown as { totalCountIsExact: () => Promise<boolean> }).totalCountIsExact(),
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
