import { builder } from '../builder.js';
import type { Prisma } from '../generated/prisma/client.js';
import { eq } from '../read/conditions.js';
import { sourceArticles, SOURCE_ORDERS } from '../read/source.js';
import { linkTotal, orderKeys, toOrderBy } from '../read/spec.js';
import { ArticleConnection, ArticleOrder } from './article.js';
import { badInput } from './errors.js';
import { nodeById } from './ids.js';
import { pageOptions } from './pagination.js';
import { countField, linkExtensions, lookup, tableList } from './reads.js';

export const Source = builder.prismaNode('Source', {
  ...nodeById,
  description:
    'An outlet: one row however archives spell it ("KCNA.kp (En)", "KCNA" and "www.kcna.kp" are KCNA), named without host or language tag.',
  fields: (t) => ({
    name: t.exposeString('name'),
    slug: t.exposeString('slug', { description: 'The name in lower-case letters alone ("kcna", "rodongsinmun"): stable, for URLs.' }),
    language: t.exposeString('language', { description: 'ISO 639 code ("en"), or "und" when unknown.' }),
    articleCount: t.int(countField({ kind: 'count', count: linkTotal(sourceArticles) })),
    articles: t.relatedConnection(
      'articles',
      {
        ...pageOptions,
        cursor: 'id',
        totalCount: true,
        args: { orderBy: t.arg({ type: ArticleOrder, defaultValue: 'NEWEST_FIRST' }) },
        query: (args) => ({ orderBy: toOrderBy(orderKeys(sourceArticles, args.orderBy)) as Prisma.ArticleOrderByWithRelationInput[] }),
        ...linkExtensions(sourceArticles, (args) => ({ order: (args as { orderBy?: string | null }).orderBy ?? null })),
      },
      ArticleConnection,
    ),
  }),
});

export const SourceConnection = builder.connectionObject({ type: Source, name: 'SourceConnection' }, { name: 'SourceEdge' });

/** The source a slug names: lower-case letters and digits alone, as Source.slug gives them. */
function bySlug(slug: string) {
  if (!/^[\p{Ll}\p{Lo}\p{N}]{1,200}$/u.test(slug))
    throw badInput('"slug" is lower-case letters and digits, as Source.slug gives it ("kcna").', { argument: 'slug' });
  return eq('slug', slug, 'text');
}

builder.queryFields((t) => ({
  sources: t.prismaConnection(
    {
      ...tableList('Source', { orders: SOURCE_ORDERS, defaultOrder: 'NAME' }, () => ({})),
      description: 'Every source in the archive, by name.',
    },
    SourceConnection,
  ),
  source: t.prismaField({
    args: { slug: t.arg.string({ required: true, description: 'As Source.slug gives it: "kcna".' }) },
    description: 'The source with this slug. Null when none: a miss is an answer.',
    // Slugs are unique: at most one source.
    ...lookup('Source', (args) => bySlug((args as { slug: string }).slug)),
  }),
}));
