import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../builder.js';
import { CO_MENTION_WINDOW, coMentionsSql, STORED_CO_MENTIONS } from '../db/co-mentions.js';
import { nodeById } from './ids.js';
import { nameKey } from '../text/names.js';
import { TitleKind } from '../generated/prisma/enums.js';
import type { Prisma } from '../generated/prisma/client.js';
import { Article } from './article.js';
import { badInput } from './errors.js';
import { Event } from './event.js';
import { pageOptions, pairPageOptions } from './pagination.js';
import { edgesAndNodes } from './selection.js';

builder.enumType(TitleKind, { name: 'TitleKind', description: 'TITLE: before the name ("President"). ROLE: after it ("chairman of …").' });

export const PersonOrder = builder.enumType('PersonOrder', {
  values: { NAME: { description: 'Alphabetical.' }, MENTIONS: { description: 'Most mentioned first.' } } as const,
});

export const PersonFilter = builder.inputType('PersonFilter', {
  fields: (t) => ({ nameContains: t.string({ description: 'Case-insensitive; matches the name or any alias.' }) }),
});

function personWhere(filter: { nameContains?: string | null | undefined } | null | undefined): Prisma.PersonWhereInput {
  const text = filter?.nameContains?.trim();
  if (filter?.nameContains != null && !text) throw badInput('"nameContains" is empty.');
  if (!text) return {};
  if (text.length > 200) throw badInput('"nameContains" is longer than 200 characters.');
  return {
    OR: [{ name: { contains: text, mode: 'insensitive' } }, { aliases: { some: { alias: { contains: text, mode: 'insensitive' } } } }],
  };
}

const personOrderBy = (order: 'NAME' | 'MENTIONS' | null | undefined): Prisma.PersonOrderByWithRelationInput[] =>
  order === 'MENTIONS' ? [{ mentionCount: 'desc' }, { id: 'asc' }] : [{ name: 'asc' }, { id: 'asc' }];

export const CoMention = builder.objectRef<{ personId: number; count: number }>('CoMention').implement({
  description: 'Another person named in the same articles, and in how many.',
  fields: (t) => ({
    person: t.prismaField({
      type: 'Person',
      resolve: (query, co, _args, ctx) => ctx.prisma.person.findUniqueOrThrow({ ...query, where: { id: co.personId } }),
    }),
    count: t.int({ description: 'Articles naming both.', resolve: (co) => co.count }),
  }),
});

// The articles naming a person, newest first, each edge with how often that article names them.
const mentioningArticles = prismaConnectionHelpers(builder, 'Mention', {
  cursor: 'articleId_personId',
  ...pairPageOptions,
  select: (nodeSelection) => ({ count: true, firstSentence: true, article: nodeSelection({ select: { id: true } }) }),
  query: () => ({ orderBy: [{ articleSortDate: 'desc' }, { articleId: 'desc' }] as Prisma.MentionOrderByWithRelationInput }),
  resolveNode: (mention) => mention.article,
});

const participatedEvents = prismaConnectionHelpers(builder, 'EventParticipant', {
  cursor: 'eventId_personId',
  ...pairPageOptions,
  select: (nodeSelection) => ({ event: nodeSelection({ select: { id: true } }) }),
  query: () => ({ orderBy: [{ event: { dateStart: 'desc' } }, { eventId: 'desc' }] as Prisma.EventParticipantOrderByWithRelationInput }),
  resolveNode: (p) => p.event,
});

export const Person = builder.prismaNode('Person', {
  ...nodeById,
  description: 'One human across the whole archive, under one canonical name.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Canonical name ("Kim Jong Un").' }),
    aliases: t.stringList({
      description: 'Other spellings and titled forms seen ("Kim Jong-un", "President Kim Il Sung").',
      select: { name: true, aliases: { select: { alias: true }, orderBy: { alias: 'asc' } } },
      resolve: (p) => p.aliases.map((a) => a.alias).filter((a) => a !== p.name),
    }),
    mentionCount: t.exposeInt('mentionCount', { description: 'Mentions across all articles.' }),
    coMentions: t.field({
      type: [CoMention],
      args: { first: t.arg.int({ defaultValue: 10 }) },
      description: `The people most often named in the same articles (the person's newest ${CO_MENTION_WINDOW}).`,
      resolve: async (p, args, ctx) => {
        const first = args.first ?? 10;
        if (first < 0 || first > STORED_CO_MENTIONS)
          throw badInput(`"first" must be between 0 and ${STORED_CO_MENTIONS}.`, { argument: 'first' });
        return ctx.prisma.$queryRaw<{ personId: number; count: number }[]>(coMentionsSql(p.id, first));
      },
    }),
  }),
});

// Links to other types live outside the initializer so the types do not infer each other.
builder.prismaObjectFields('Person', (t) => ({
  articles: t.connection(
    {
      type: Article,
      select: (args, ctx, nestedSelection) => ({
        mentions: mentioningArticles.getQuery(args, ctx, edgesAndNodes(nestedSelection, 'Article')),
        // Kept by the loader: counting a much-named person's mentions took 2.3 ms per page.
        articleCount: true,
      }),
      resolve: (p, args, ctx) => ({ ...mentioningArticles.resolve(p.mentions, args, ctx), totalCount: p.articleCount }),
    },
    { name: 'PersonArticleConnection', fields: (c) => ({ totalCount: c.int({ resolve: (r) => r.totalCount }) }) },
    {
      name: 'PersonArticleEdge',
      fields: (e) => ({
        mentionCount: e.int({ resolve: (m) => m.count }),
        firstMention: e.string({ resolve: (m) => m.firstSentence }),
      }),
    },
  ),
  events: t.connection(
    {
      type: Event,
      select: (args, ctx, nestedSelection) => ({
        participants: participatedEvents.getQuery(args, ctx, edgesAndNodes(nestedSelection, 'Event')),
        _count: { select: { participants: true } },
      }),
      resolve: (p, args, ctx) => ({ ...participatedEvents.resolve(p.participants, args, ctx), totalCount: p._count.participants }),
    },
    { name: 'PersonEventConnection', fields: (c) => ({ totalCount: c.int({ resolve: (r) => r.totalCount }) }) },
  ),
}));

builder.queryFields((t) => ({
  persons: t.prismaConnection({
    type: 'Person',
    ...pageOptions,
    cursor: 'id',
    args: { filter: t.arg({ type: PersonFilter }), orderBy: t.arg({ type: PersonOrder, defaultValue: 'NAME' }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.person.count({ where: personWhere(args.filter) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.person.findMany({ ...query, where: personWhere(args.filter), orderBy: personOrderBy(args.orderBy) }),
  }),
  person: t.prismaField({
    type: 'Person',
    nullable: true,
    args: { name: t.arg.string({ required: true, description: 'Canonical name or any alias, in any case.' }) },
    // A bare null, as Shopify's and most lookups answer: a miss is routine when searching names,
    // and an error beside it makes Apollo's default policy and graphql-request throw.
    description: 'A person by name or alias, in any case. Null when nobody has that name: a miss is an answer, not an error.',
    resolve: async (query, _parent, args, ctx) => {
      const key = nameKey(args.name);
      if (!key || args.name.length > 200) throw badInput('"name" must hold letters and be at most 200 characters.', { argument: 'name' });
      return ctx.prisma.person.findFirst({ ...query, where: { aliases: { some: { normalized: key } } } });
    },
  }),
}));
