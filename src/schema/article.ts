import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../builder.js';
import { ArticleKind } from '../generated/prisma/enums.js';
import { Prisma } from '../generated/prisma/client.js';
import { badInput } from './errors.js';
import { nodeById, rowId } from './ids.js';
import { pageOptions, pairPageOptions } from './pagination.js';
import { edgesAndNodes } from './selection.js';
import { Event } from './event.js';
import { PartialDate } from './partial-date.js';
import { Person } from './person.js';

builder.enumType(ArticleKind, {
  name: 'ArticleKind',
  description: 'FULL: a whole article. TEASER: a dated, usually truncated listing entry.',
});

export const ArticleOrder = builder.enumType('ArticleOrder', {
  values: { NEWEST_FIRST: {}, OLDEST_FIRST: {} } as const,
  description: 'By publication date; undated articles come last.',
});

/** Both orders follow an index with undated articles last: sortDate (newest) or publishedStart read backwards (oldest). */
export function articleOrderBy(order: 'NEWEST_FIRST' | 'OLDEST_FIRST' | null | undefined): Prisma.ArticleOrderByWithRelationInput[] {
  return order === 'OLDEST_FIRST' ? [{ publishedStart: 'asc' }, { id: 'asc' }] : [{ sortDate: 'desc' }, { id: 'desc' }];
}

export const ArticleFilter = builder.inputType('ArticleFilter', {
  description: 'All given conditions must hold. Dates compare against the range a publication date covers.',
  fields: (t) => ({
    sourceId: t.id(),
    personId: t.id({ description: 'Articles that mention this person.' }),
    kind: t.field({ type: ArticleKind }),
    publishedAfter: t.field({ type: 'Date', description: 'Published on or after this day.' }),
    publishedBefore: t.field({ type: 'Date', description: 'Published on or before this day.' }),
  }),
});

export interface ArticleFilterShape {
  sourceId?: string | number | null | undefined;
  personId?: string | number | null | undefined;
  kind?: ArticleKind | null | undefined;
  publishedAfter?: Date | null | undefined;
  publishedBefore?: Date | null | undefined;
}

/** The filter with its IDs decoded and its dates checked: shared by `articles` and `search`. */
export function resolveArticleFilter(filter: ArticleFilterShape | null | undefined) {
  const after = filter?.publishedAfter ?? undefined;
  const before = filter?.publishedBefore ?? undefined;
  if (after && before && after > before) throw badInput('"publishedAfter" is later than "publishedBefore".');
  return {
    sourceId: filter?.sourceId != null ? rowId(filter.sourceId, 'Source', 'filter.sourceId') : undefined,
    personId: filter?.personId != null ? rowId(filter.personId, 'Person', 'filter.personId') : undefined,
    kind: filter?.kind ?? undefined,
    after,
    before,
  };
}

export function articleWhere(filter: ArticleFilterShape | null | undefined): Prisma.ArticleWhereInput {
  const f = resolveArticleFilter(filter);
  return {
    ...(f.sourceId ? { sourceId: f.sourceId } : {}),
    ...(f.personId ? { mentions: { some: { personId: f.personId } } } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.after ? { publishedEnd: { gte: f.after } } : {}),
    ...(f.before ? { publishedStart: { lte: f.before } } : {}),
  };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The same filter as one SQL condition on "Article" a: for search and the compiled reads. */
export function articleFilterSql(filter: ArticleFilterShape | null | undefined): Prisma.Sql {
  const f = resolveArticleFilter(filter);
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.sourceId) parts.push(Prisma.sql`a."sourceId" = ${f.sourceId}::int`);
  if (f.kind) parts.push(Prisma.sql`a.kind = ${f.kind}::"ArticleKind"`);
  if (f.after) parts.push(Prisma.sql`a."publishedEnd" >= ${isoDay(f.after)}::date`);
  if (f.before) parts.push(Prisma.sql`a."publishedStart" <= ${isoDay(f.before)}::date`);
  if (f.personId)
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "Mention" m WHERE m."articleId" = a.id AND m."personId" = ${f.personId}::int)`);
  return Prisma.join(parts, ' AND ');
}

// The people an article names, through its mentions: each edge carries how often and where first.
const mentionedPeople = prismaConnectionHelpers(builder, 'Mention', {
  cursor: 'articleId_personId',
  ...pairPageOptions,
  select: (nodeSelection) => ({ count: true, firstSentence: true, person: nodeSelection({ select: { id: true } }) }),
  query: () => ({ orderBy: [{ count: 'desc' }, { personId: 'asc' }] as Prisma.MentionOrderByWithRelationInput }),
  resolveNode: (mention) => mention.person,
});

// The events an article reports, with the sentence that states each one there.
const reportedEvents = prismaConnectionHelpers(builder, 'EventReport', {
  cursor: 'eventId_articleId',
  ...pairPageOptions,
  select: (nodeSelection) => ({ evidence: true, event: nodeSelection({ select: { id: true } }) }),
  query: () => ({ orderBy: [{ event: { dateStart: 'asc' } }, { eventId: 'asc' }] as Prisma.EventReportOrderByWithRelationInput }),
  resolveNode: (report) => report.event,
});

export const Article = builder.prismaNode('Article', {
  ...nodeById,
  description: 'A full article or a listing teaser, as one page published it.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ArticleKind }),
    title: t.exposeString('title', { description: 'The headline; for pages without one, the first sentence.' }),
    lead: t.exposeString('lead', { description: 'The first paragraph.' }),
    body: t.exposeString('body', { description: 'Paragraphs separated by blank lines.' }),
    paragraphs: t.exposeStringList('paragraphs'),
    truncated: t.exposeBoolean('truncated', { description: 'True when the text stops mid-sentence (listing teasers).' }),
    url: t.string({
      nullable: true,
      select: { url: true, document: { select: { url: true } } },
      resolve: (a) => a.url ?? a.document.url,
    }),
    byline: t.exposeString('byline', { nullable: true }),
    wordCount: t.exposeInt('wordCount'),
    author: t.relation('author', { nullable: true, description: 'The person who signed the article.' }),
    source: t.relation('source'),
    publishedAt: t.field({
      type: 'Date',
      nullable: true,
      description: 'First day of the publication date; see publishedDate for its precision.',
      select: { publishedStart: true },
      resolve: (a) => a.publishedStart,
    }),
    publishedDate: t.field({
      type: PartialDate,
      nullable: true,
      select: {
        publishedStart: true,
        publishedEnd: true,
        publishedPrecision: true,
        publishedInferred: true,
        publishedText: true,
        publishedEvidence: true,
      },
      resolve: (a) =>
        a.publishedStart && a.publishedEnd && a.publishedPrecision
          ? {
              start: a.publishedStart,
              end: a.publishedEnd,
              precision: a.publishedPrecision,
              inferred: a.publishedInferred,
              text: a.publishedText,
              evidence: a.publishedEvidence,
            }
          : null,
    }),
  }),
});

// Links to other types live outside the initializer so the types do not infer each other.
builder.prismaObjectFields('Article', (t) => ({
  persons: t.connection(
    {
      type: Person,
      select: (args, ctx, nestedSelection) => ({
        mentions: mentionedPeople.getQuery(args, ctx, edgesAndNodes(nestedSelection, 'Person')),
        _count: { select: { mentions: true } },
      }),
      resolve: (a, args, ctx) => ({ ...mentionedPeople.resolve(a.mentions, args, ctx), totalCount: a._count.mentions }),
    },
    { name: 'ArticlePersonConnection', fields: (c) => ({ totalCount: c.int({ resolve: (r) => r.totalCount }) }) },
    {
      name: 'ArticlePersonEdge',
      fields: (e) => ({
        mentionCount: e.int({ description: 'Times the article names the person.', resolve: (m) => m.count }),
        firstMention: e.string({ description: 'The sentence that first names them.', resolve: (m) => m.firstSentence }),
      }),
    },
  ),
  events: t.connection(
    {
      type: Event,
      select: (args, ctx, nestedSelection) => ({
        reports: reportedEvents.getQuery(args, ctx, edgesAndNodes(nestedSelection, 'Event')),
        _count: { select: { reports: true } },
      }),
      resolve: (a, args, ctx) => ({ ...reportedEvents.resolve(a.reports, args, ctx), totalCount: a._count.reports }),
    },
    { name: 'ArticleEventConnection', fields: (c) => ({ totalCount: c.int({ resolve: (r) => r.totalCount }) }) },
    {
      name: 'ArticleEventEdge',
      fields: (e) => ({
        evidence: e.string({ description: 'The sentence of this article that states the event.', resolve: (r) => r.evidence }),
      }),
    },
  ),
}));

builder.queryFields((t) => ({
  articles: t.prismaConnection({
    type: 'Article',
    ...pageOptions,
    cursor: 'id',
    args: {
      filter: t.arg({ type: ArticleFilter }),
      orderBy: t.arg({ type: ArticleOrder, defaultValue: 'NEWEST_FIRST' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.article.count({ where: articleWhere(args.filter) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.article.findMany({ ...query, where: articleWhere(args.filter), orderBy: articleOrderBy(args.orderBy) }),
  }),
}));
