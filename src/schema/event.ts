import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../builder.js';
import type { Prisma } from '../generated/prisma/client.js';
import { EVENT_KINDS } from '../extract/events.js';
import {
  EVENT_ORDERS,
  eventArticles,
  eventCondition,
  eventDate,
  eventParticipants,
  eventReportCount,
  type EventFilterValues,
} from '../read/event.js';
import { MAX_PAGE, PARTICIPANTS } from '../read/pages.js';
import { type ArgsReader, orderKeys, toOrderBy } from '../read/spec.js';
import { badInput } from './errors.js';
import { nodeById, rowId } from './ids.js';
import { checkPageSize, pairPageOptions } from './pagination.js';
import { countField, dateField, linkConnection, linkExtensions, linkQuery, tableList } from './reads.js';
import { Article } from './article.js';
import { Person } from './person.js';

export const EventOrder = builder.enumType('EventOrder', { values: { NEWEST_FIRST: {}, OLDEST_FIRST: {} } as const });

export const EventKind = builder.enumType('EventKind', {
  values: EVENT_KINDS,
  description: 'What happened, from the words of the sentence that states it; GATHERING when only a meeting of people is told.',
});

export const EventFilter = builder.inputType('EventFilter', {
  description: 'All given conditions must hold. from/to keep events whose date range overlaps [from, to].',
  fields: (t) => ({
    from: t.field({ type: 'Date' }),
    to: t.field({ type: 'Date' }),
    personId: t.id({ description: 'Events this person took part in.' }),
    sourceId: t.id({ description: 'Events reported by this source.' }),
    kind: t.field({ type: EventKind }),
    updatedSince: t.field({ type: 'DateTime', description: 'Stored or changed (reported again, more people) at or after this instant.' }),
  }),
});

type EventFilterShape =
  | {
      from?: Date | null | undefined;
      to?: Date | null | undefined;
      personId?: string | number | null | undefined;
      sourceId?: string | number | null | undefined;
      kind?: string | null | undefined;
      updatedSince?: Date | null | undefined;
    }
  | null
  | undefined;

/** The filter checked and its IDs decoded, or the BAD_USER_INPUT error. */
export function eventFilterValues(filter: EventFilterShape): EventFilterValues {
  if (filter?.from && filter.to && filter.from > filter.to) throw badInput('"from" is later than "to".');
  return {
    from: filter?.from ?? undefined,
    to: filter?.to ?? undefined,
    personId: filter?.personId != null ? rowId(filter.personId, 'Person', 'filter.personId') : undefined,
    sourceId: filter?.sourceId != null ? rowId(filter.sourceId, 'Source', 'filter.sourceId') : undefined,
    kind: filter?.kind ?? undefined,
    updatedSince: filter?.updatedSince ?? undefined,
  };
}

/** `filter` and `orderBy` of a list of events. */
export const eventArgs: ArgsReader = (args) => ({
  where: eventCondition(eventFilterValues((args as { filter?: EventFilterShape }).filter)),
  order: (args as { orderBy?: string | null }).orderBy ?? null,
});

const reportingArticles = prismaConnectionHelpers(builder, 'EventReport', {
  cursor: 'eventId_articleId',
  ...pairPageOptions,
  select: (nodeSelection) => ({ evidence: true, article: nodeSelection({ select: { id: true } }) }),
  query: linkQuery(eventArticles),
  resolveNode: (report) => report.article,
});

export const Event = builder.prismaNode('Event', {
  ...nodeById,
  description: 'A dated happening, reported by one or more articles.',
  fields: (t) => ({
    kind: t.expose('kind', { type: EventKind }),
    summary: t.exposeString('summary'),
    evidence: t.exposeString('evidence', { description: 'The sentence that first stated the event.' }),
    location: t.exposeString('location', { nullable: true }),
    confidence: t.exposeFloat('confidence', { description: '0–1: how sure the extraction is that this is a dated happening.' }),
    reportCount: t.int({ description: 'Articles that report the event.', ...countField(eventReportCount) }),
    date: t.field(dateField(eventDate)),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the event was first stored.' }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'When a write last changed it: another report, more people, more confidence.',
    }),
  }),
});

export const EventConnection = builder.connectionObject({ type: Event, name: 'EventConnection' }, { name: 'EventEdge' });

// Links to other types live outside the initializer so the types do not infer each other.
builder.prismaObjectFields('Event', (t) => ({
  participants: t.field({
    type: [Person],
    // An event gathers the people of every report of it: bounded like a page, never whole.
    args: { first: t.arg.int({ defaultValue: PARTICIPANTS, description: `At most ${MAX_PAGE}.` }) },
    select: (args, _ctx, nestedSelection) => ({
      participants: {
        select: { person: nestedSelection({ select: { id: true } }) },
        orderBy: toOrderBy(orderKeys(eventParticipants)) as unknown as Prisma.EventParticipantOrderByWithRelationInput,
        take: args.first ?? PARTICIPANTS,
      },
    }),
    ...linkExtensions(eventParticipants),
    resolve: (e, args) => {
      checkPageSize({ first: args.first });
      return e.participants.map((p) => p.person);
    },
  }),
  articles: t.connection(
    linkConnection(Article, eventArticles, reportingArticles),
    { name: 'EventArticleConnection' },
    { name: 'EventArticleEdge', fields: (e) => ({ evidence: e.exposeString('evidence') }) },
  ),
}));

builder.queryFields((t) => ({
  events: t.prismaConnection(
    {
      ...tableList('Event', { orders: EVENT_ORDERS, defaultOrder: 'NEWEST_FIRST' }, eventArgs),
      args: { filter: t.arg({ type: EventFilter }), orderBy: t.arg({ type: EventOrder, defaultValue: 'NEWEST_FIRST' }) },
    },
    EventConnection,
  ),
}));
