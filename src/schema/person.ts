import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../builder.js';
import { CO_MENTION_WINDOW, STORED_CO_MENTIONS } from '../db/co-mentions.js';
import { nodeById } from './ids.js';
import { nameKey } from '../text/names.js';
import { TitleKind } from '../generated/prisma/enums.js';
import { eq, related } from '../read/conditions.js';
import {
  PERSON_ORDERS,
  personAliases,
  personArticles,
  coMentionPerson,
  personCoMentions,
  personCondition,
  personEvents,
  type PersonFilterValues,
} from '../read/person.js';
import type { ArgsReader } from '../read/spec.js';
import { Article, ArticleFilter, articleArgs, ArticleOrder } from './article.js';
import { badInput } from './errors.js';
import { Event, EventConnection, EventFilter, eventArgs, EventOrder } from './event.js';
import { mentionEdge } from './mention.js';
import { pairPageOptions } from './pagination.js';
import { derivedField, linkConnection, linkQuery, lookup, tableList } from './reads.js';

builder.enumType(TitleKind, { name: 'TitleKind', description: 'TITLE: before the name ("President"). ROLE: after it ("chairman of …").' });

export const PersonOrder = builder.enumType('PersonOrder', {
  values: { NAME: { description: 'Alphabetical.' }, MENTIONS: { description: 'Most mentioned first.' } } as const,
});

export const PersonFilter = builder.inputType('PersonFilter', {
  fields: (t) => ({
    nameContains: t.string({ description: 'Case-insensitive; matches the name or any alias.' }),
    updatedSince: t.field({
      type: 'DateTime',
      description: 'Stored or changed (named again, given a new alias) at or after this instant.',
    }),
  }),
});

type PersonFilterShape = { nameContains?: string | null | undefined; updatedSince?: Date | null | undefined } | null | undefined;

function personFilterValues(filter: PersonFilterShape): PersonFilterValues {
  const text = filter?.nameContains?.trim();
  if (filter?.nameContains != null && !text) throw badInput('"nameContains" is empty.');
  if (text && text.length > 200) throw badInput('"nameContains" is longer than 200 characters.');
  return { nameContains: text || undefined, updatedSince: filter?.updatedSince ?? undefined };
}

const personArgs: ArgsReader = (args) => ({
  where: personCondition(personFilterValues((args as { filter?: PersonFilterShape }).filter)),
  order: (args as { orderBy?: string | null }).orderBy ?? null,
});

export const CoMention = builder.objectRef<{ personId: number; count: number }>('CoMention').implement({
  description: 'Another person named in the same articles, and in how many.',
  fields: (t) => ({
    person: t.prismaField({
      type: 'Person',
      extensions: { read: coMentionPerson },
      resolve: (query, co, _args, ctx) => ctx.prisma.person.findUniqueOrThrow({ ...query, where: { id: co.personId } }),
    }),
    count: t.exposeInt('count', { description: 'Articles naming both.' }),
  }),
});

// The articles naming a person, each edge with how often that article names them.
const mentioningArticles = prismaConnectionHelpers(builder, 'Mention', {
  cursor: 'articleId_personId',
  ...pairPageOptions,
  args: (t) => ({ filter: t.field({ type: ArticleFilter }), orderBy: t.field({ type: ArticleOrder, defaultValue: 'NEWEST_FIRST' }) }),
  select: (nodeSelection) => ({ count: true, firstSentence: true, article: nodeSelection({ select: { id: true } }) }),
  // Read when a query runs: article.ts and this module import each other.
  query: linkQuery(personArticles, (args) => articleArgs(args)),
  resolveNode: (mention) => mention.article,
});

const participatedEvents = prismaConnectionHelpers(builder, 'EventParticipant', {
  cursor: 'eventId_personId',
  ...pairPageOptions,
  args: (t) => ({ filter: t.field({ type: EventFilter }), orderBy: t.field({ type: EventOrder, defaultValue: 'NEWEST_FIRST' }) }),
  select: (nodeSelection) => ({ event: nodeSelection({ select: { id: true } }) }),
  query: linkQuery(personEvents, (args) => eventArgs(args)),
  resolveNode: (p) => p.event,
});

export const Person = builder.prismaNode('Person', {
  ...nodeById,
  description: 'One human across the whole archive, under one canonical name.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Canonical name ("Kim Jong Un").' }),
    aliases: t.stringList({
      description: 'Other spellings and titled forms seen ("Kim Jong-un", "President Kim Il Sung").',
      ...derivedField(personAliases),
    }),
    mentionCount: t.exposeInt('mentionCount', { description: 'Mentions across all articles.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the person was first stored.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When a write last changed them: named again, a new alias.' }),
    coMentions: t.field({
      type: [CoMention],
      args: { first: t.arg.int({ defaultValue: personCoMentions.size }) },
      description: `The people most often named in the same articles (the person's newest ${CO_MENTION_WINDOW}).`,
      extensions: { read: personCoMentions },
      resolve: async (p, args, ctx) => {
        const first = args.first ?? personCoMentions.size;
        if (first < 0 || first > STORED_CO_MENTIONS)
          throw badInput(`"first" must be between 0 and ${STORED_CO_MENTIONS}.`, { argument: 'first' });
        return ctx.prisma.$queryRaw<{ personId: number; count: number }[]>(personCoMentions.statement(String(p.id), first));
      },
    }),
  }),
});

export const PersonConnection = builder.connectionObject({ type: Person, name: 'PersonConnection' }, { name: 'PersonEdge' });

// Links to other types live outside the initializer so the types do not infer each other.
builder.prismaObjectFields('Person', (t) => ({
  articles: t.connection(
    { ...linkConnection(Article, personArticles, mentioningArticles, articleArgs), args: mentioningArticles.getArgs() },
    { name: 'PersonArticleConnection' },
    mentionEdge('PersonArticleEdge'),
  ),
  events: t.connection(
    { ...linkConnection(Event, personEvents, participatedEvents, eventArgs), args: participatedEvents.getArgs() },
    EventConnection,
  ),
}));

builder.queryFields((t) => ({
  persons: t.prismaConnection(
    {
      ...tableList('Person', { orders: PERSON_ORDERS, defaultOrder: 'NAME' }, personArgs),
      args: { filter: t.arg({ type: PersonFilter }), orderBy: t.arg({ type: PersonOrder, defaultValue: 'NAME' }) },
    },
    PersonConnection,
  ),
  person: t.prismaField({
    args: { name: t.arg.string({ required: true, description: 'Canonical name or any alias, in any case.' }) },
    // A bare null, as Shopify's and most lookups answer: a miss is routine when searching names,
    // and an error beside it makes Apollo's default policy and graphql-request throw.
    description: 'A person by name or alias, in any case. Null when nobody has that name: a miss is an answer, not an error.',
    // Aliases are unique: at most one person, so no order.
    ...lookup('Person', (args) => byName((args as { name: string }).name)),
  }),
}));

/** The person any of whose aliases reads as `name` does, case and punctuation aside. */
function byName(name: string) {
  const key = nameKey(name);
  if (!key || name.length > 200) throw badInput('"name" must hold letters and be at most 200 characters.', { argument: 'name' });
  return related('aliases', eq('normalized', key, 'text'));
}
