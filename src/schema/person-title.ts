// A person's titles as distinct texts ("President", "chairman of the …"), each with how many
// articles gave it and when, most given first; the articles behind one are a connection. One row
// per article used to be served for each title: 422 rows for a much-named person's 2 titles.
import { builder } from '../builder.js';
import { TitleKind } from '../generated/prisma/enums.js';
import { ARTICLE_ORDERS } from '../read/article.js';
import { toOrderBy } from '../read/spec.js';
import type { Prisma } from '../generated/prisma/client.js';
import { Article, ArticleConnection } from './article.js';
import { checkPageSize, pageOptions } from './pagination.js';

interface TitleRow {
  personId: number;
  kind: TitleKind;
  text: string;
  articleCount: number;
  firstSeen: Date | null;
  lastSeen: Date | null;
}

export const PersonTitle = builder.objectRef<TitleRow>('PersonTitle').implement({
  description: 'A title or role the person was given, once however many articles gave it.',
  fields: (t) => ({
    text: t.string({ resolve: (r) => r.text }),
    kind: t.field({ type: TitleKind, resolve: (r) => r.kind }),
    articleCount: t.int({ description: 'Articles that give the person this title.', resolve: (r) => r.articleCount }),
    firstSeen: t.field({
      type: 'Date',
      nullable: true,
      description: 'Publication date of the earliest dated article giving it.',
      resolve: (r) => r.firstSeen,
    }),
    lastSeen: t.field({
      type: 'Date',
      nullable: true,
      description: 'Publication date of the latest dated article giving it.',
      resolve: (r) => r.lastSeen,
    }),
    articles: t.prismaConnection(
      {
        type: Article,
        cursor: 'id',
        ...pageOptions,
        description: 'The articles that give this title, newest first.',
        totalCount: (r) => r.articleCount,
        resolve: (query, r, _args, ctx) =>
          ctx.prisma.article.findMany({
            ...query,
            where: { titles: { some: { personId: r.personId, kind: r.kind, text: r.text } } },
            orderBy: toOrderBy(ARTICLE_ORDERS.NEWEST_FIRST) as Prisma.ArticleOrderByWithRelationInput[],
          }),
      },
      ArticleConnection,
    ),
  }),
});

builder.prismaObjectFields('Person', (t) => ({
  titles: t.field({
    type: [PersonTitle],
    args: { first: t.arg.int({ defaultValue: 20, description: 'At most 100.' }) },
    description: 'Distinct titles and roles, the most given first.',
    select: { id: true },
    resolve: (p, args, ctx) => {
      const first = args.first ?? 20;
      checkPageSize({ first });
      // Two index-only range scans of the person's rows, hashed together: each title row's article
      // date comes from the person's Mention row (articleSortDate, '0001-01-01' when undated), not
      // from one Article lookup per row (43 -> 12 ms for 10k title rows).
      return ctx.prisma.$queryRaw<TitleRow[]>`
        WITH dates AS MATERIALIZED (
          SELECT m."articleId", NULLIF(m."articleSortDate", DATE '0001-01-01') AS day FROM "Mention" m WHERE m."personId" = ${p.id})
        SELECT pt."personId", pt.kind::text AS kind, pt.text, count(*)::int AS "articleCount", min(d.day) AS "firstSeen", max(d.day) AS "lastSeen"
        FROM "PersonTitle" pt LEFT JOIN dates d ON d."articleId" = pt."articleId"
        WHERE pt."personId" = ${p.id}
        GROUP BY pt."personId", pt.kind, pt.text
        ORDER BY count(*) DESC, pt.kind, pt.text
        LIMIT ${first}`;
    },
  }),
}));
