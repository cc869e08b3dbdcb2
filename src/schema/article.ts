import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../builder.js';
import { ArticleKind } from '../generated/prisma/enums.js';
import {
  ARTICLE_AT_URL_ORDER,
  ARTICLE_ORDERS,
  articleAtUrl,
  articleCondition,
  articleEvents,
  articlePersons,
  articlePublishedDate,
  articleUrl,
  type ArticleFilterValues,
} from '../read/article.js';
import type { ArgsReader } from '../read/spec.js';
import { badInput } from './errors.js';
import { nodeById, rowId } from './ids.js';
import { mentionEdge } from './mention.js';
import { pairPageOptions } from './pagination.js';
import { dateField, derivedField, linkConnection, linkQuery, lookup, refExtensions, tableList } from './reads.js';
import { Event } from './event.js';
import { Person } from './person.js';

builder.enumType(ArticleKind, {
  name: 'ArticleKind',
  description: 'FULL: a whole article. TEASER: a dated, usually truncated listing entry.',
});

export const ArticleOrder = builder.enumType('ArticleOrder', {
  values: { NEWEST_FIRST: {}, OLDEST_FIRST: {} } as const,
  description: 'By publication date; undated articles come last.',
});

export const ArticleFilter = builder.inputType('ArticleFilter', {
  description: 'All given conditions must hold. Dates compare against the range a publication date covers.',
  fields: (t) => ({
    sourceId: t.id(),
    personId: t.id({ description: 'Articles that mention this person.' }),
    kind: t.field({ type: ArticleKind }),
    language: t.string({ description: 'ISO 639-1 code of the text: "en" or "ko".' }),
    publishedAfter: t.field({ type: 'Date', description: 'Published on or after this day.' }),
    publishedBefore: t.field({ type: 'Date', description: 'Published on or before this day.' }),
    updatedSince: t.field({
      type: 'DateTime',
      description: 'Stored or changed at or after this instant: pass the largest `updatedAt` seen to fetch what changed since.',
    }),
  }),
});

export interface ArticleFilterShape {
  sourceId?: string | number | null | undefined;
  personId?: string | number | null | undefined;
  kind?: ArticleKind | null | undefined;
  language?: string | null | undefined;
  publishedAfter?: Date | null | undefined;
  publishedBefore?: Date | null | undefined;
  updatedSince?: Date | null | undefined;
}

/** The filter checked and its IDs decoded, or the BAD_USER_INPUT error: shared by every list of articles. */
export function articleFilterValues(filter: ArticleFilterShape | null | undefined): ArticleFilterValues {
  const after = filter?.publishedAfter ?? undefined;
  const before = filter?.publishedBefore ?? undefined;
  if (after && before && after > before) throw badInput('"publishedAfter" is later than "publishedBefore".');
  return {
    sourceId: filter?.sourceId != null ? rowId(filter.sourceId, 'Source', 'filter.sourceId') : undefined,
    personId: filter?.personId != null ? rowId(filter.personId, 'Person', 'filter.personId') : undefined,
    kind: filter?.kind ?? undefined,
    language: filter?.language != null ? languageCode(filter.language) : undefined,
    publishedAfter: after,
    publishedBefore: before,
    updatedSince: filter?.updatedSince ?? undefined,
  };
}

const languageCode = (code: string) => {
  if (!/^[a-z]{2,3}$/.test(code))
    throw badInput('"language" is an ISO 639 code in lower case: "en", "ko".', { argument: 'filter.language' });
  return code;
};

const checkedUrl = (url: string) => {
  if (url.length > 2048 || !/^https?:\/\/\S+$/i.test(url))
    throw badInput('"url" must be an http(s) URL of at most 2048 characters.', { argument: 'url' });
  return url;
};

/** `filter` and `orderBy` of a list of articles. */
export const articleArgs: ArgsReader = (args) => ({
  where: articleCondition(articleFilterValues((args as { filter?: ArticleFilterShape | undefined }).filter)),
  order: (args as { orderBy?: string | null }).orderBy ?? null,
});

// The people an article names, through its mentions: each edge carries how often and where first.
const mentionedPeople = prismaConnectionHelpers(builder, 'Mention', {
  cursor: 'articleId_personId',
  ...pairPageOptions,
  select: (nodeSelection) => ({ count: true, firstSentence: true, person: nodeSelection({ select: { id: true } }) }),
  query: linkQuery(articlePersons),
  resolveNode: (mention) => mention.person,
});

// The events an article reports, with the sentence that states each one there.
const reportedEvents = prismaConnectionHelpers(builder, 'EventReport', {
  cursor: 'eventId_articleId',
  ...pairPageOptions,
  select: (nodeSelection) => ({ evidence: true, event: nodeSelection({ select: { id: true } }) }),
  query: linkQuery(articleEvents),
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
    url: t.string({ nullable: true, ...derivedField(articleUrl) }),
    byline: t.exposeString('byline', { nullable: true }),
    wordCount: t.exposeInt('wordCount'),
    language: t.exposeString('language', { description: 'ISO 639-1 code of the text: "en", or "ko" for the Korean services.' }),
    author: t.relation('author', {
      nullable: true,
      description: 'The person who signed the article.',
      ...refExtensions('Article', 'author'),
    }),
    source: t.relation('source', refExtensions('Article', 'source')),
    publishedAt: t.expose('publishedStart', {
      type: 'Date',
      nullable: true,
      description: 'First day of the publication date; see publishedDate for its precision.',
    }),
    publishedDate: t.field({ nullable: true, ...dateField(articlePublishedDate) }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the article was first stored.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last stored or changed.' }),
  }),
});

// One connection type per node type for lists whose edges carry nothing of their own (the
// articles of a query, a source, a title): a client writes one fragment for all of them.
export const ArticleConnection = builder.connectionObject({ type: Article, name: 'ArticleConnection' }, { name: 'ArticleEdge' });

// Links to other types live outside the initializer so the types do not infer each other.
builder.prismaObjectFields('Article', (t) => ({
  persons: t.connection(
    linkConnection(Person, articlePersons, mentionedPeople),
    { name: 'ArticlePersonConnection' },
    mentionEdge('ArticlePersonEdge'),
  ),
  events: t.connection(
    linkConnection(Event, articleEvents, reportedEvents),
    { name: 'ArticleEventConnection' },
    {
      name: 'ArticleEventEdge',
      fields: (e) => ({ evidence: e.exposeString('evidence', { description: 'The sentence of this article that states the event.' }) }),
    },
  ),
}));

builder.queryFields((t) => ({
  articles: t.prismaConnection(
    {
      ...tableList('Article', { orders: ARTICLE_ORDERS, defaultOrder: 'NEWEST_FIRST' }, articleArgs),
      args: { filter: t.arg({ type: ArticleFilter }), orderBy: t.arg({ type: ArticleOrder, defaultValue: 'NEWEST_FIRST' }) },
    },
    ArticleConnection,
  ),
  article: t.prismaField({
    args: { url: t.arg.string({ required: true, description: "The article's address, or the address of the page it came from." }) },
    description: 'The article at an address (for a page of several articles, its first). Null when none: a miss is an answer.',
    ...lookup('Article', (args) => articleAtUrl(checkedUrl((args as { url: string }).url)), ARTICLE_AT_URL_ORDER),
  }),
}));
