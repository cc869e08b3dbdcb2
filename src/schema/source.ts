import { builder } from '../builder.js';
import { nodeById } from './ids.js';
import { pageOptions } from './pagination.js';
import { ArticleOrder, articleOrderBy } from './article.js';

export const Source = builder.prismaNode('Source', {
  ...nodeById,
  description:
    'An outlet: one row however archives spell it ("KCNA.kp (En)", "KCNA" and "www.kcna.kp" are KCNA), named without host or language tag.',
  fields: (t) => ({
    name: t.exposeString('name'),
    slug: t.exposeString('slug'),
    language: t.exposeString('language', { description: 'ISO 639 code ("en"), or "und" when unknown.' }),
    articleCount: t.relationCount('articles'),
    articles: t.relatedConnection('articles', {
      ...pageOptions,
      cursor: 'id',
      totalCount: true,
      args: { orderBy: t.arg({ type: ArticleOrder, defaultValue: 'NEWEST_FIRST' }) },
      query: (args) => ({ orderBy: articleOrderBy(args.orderBy) }),
    }),
  }),
});

builder.queryFields((t) => ({
  sources: t.prismaConnection({
    type: 'Source',
    ...pageOptions,
    cursor: 'id',
    description: 'Every source in the archive, by name.',
    totalCount: (_parent, _args, ctx) => ctx.prisma.source.count(),
    resolve: (query, _parent, _args, ctx) => ctx.prisma.source.findMany({ ...query, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }),
}));
