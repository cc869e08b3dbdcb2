import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { builder } from '../builder.js';
import { Prisma } from '../generated/prisma/client.js';
import { badInput } from './errors.js';
import { nodeById, rowId } from './ids.js';
import { checkPageSize, MAX_PAGE, pageOptions, pairPageOptions, PARTICIPANTS } from './pagination.js';
import { edgesAndNodes } from './selection.js';
import { Article } from './article.js';
import { PartialDate } from './partial-date.js';
import { Person } from './person.js';

export const EventOrder = builder.enumType('EventOrder', { values: { NEWEST_FIRST: {}, OLDEST_FIRST: {} } as const });

export const EventFilter = builder.inputType('EventFilter', {
  description: 'All given conditions must hold. from/to keep events whose date range overlaps [from, to].',
  fields: (t) => ({
    from: t.field({ type: 'Date' }),
    to: t.field({ type: 'Date' }),
    personId: t.id({ description: 'Events this person took part in.' }),
    sourceId: t.id({ description: 'Events reported by this source.' }),
  }),
});

type EventFilterShape =
  | {
      from?: Date | null | undefined;
      to?: Date | null | undefined;
      personId?: string | number | null | undefined;
      sourceId?: string | number | null | undefined;
    }
  | null
  | undefined;

function resolveEventFilter(filter: EventFilterShape) {
  if (filter?.from && filter.to && filter.from > filter.to) throw badInput('"from" is later than "to".');
  return {
    from: filter?.from ?? undefined,
    to: filter?.to ?? undefined,
    personId: filter?.personId != null ? rowId(filter.personId, 'Person', 'filter.personId') : undefined,
    sourceId: filter?.sourceId != null ? rowId(filter.sourceId, 'Source', 'filter.sourceId') : undefined,
  };
}

export function eventWhere(filter: EventFilterShape): Prisma.EventWhereInput {
  const f = resolveEventFilter(filter);
  return {
    ...(f.from ? { dateEnd: { gte: f.from } } : {}),
    ...(f.to ? { dateStart: { lte: f.to } } : {}),
    ...(f.personId ? { participants: { some: { personId: f.personId } } } : {}),
    ...(f.sourceId ? { reports: { some: { article: { sourceId: f.sourceId } } } } : {}),
  };
}

/** The same filter as SQL, for the aggregate queries Prisma cannot express (the timeline). */
export function eventFilterSql(filter: EventFilterShape): Prisma.Sql {
  const f = resolveEventFilter(filter);
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.from) parts.push(Prisma.sql`e."dateEnd" >= ${f.from}`);
  if (f.to) parts.push(Prisma.sql`e."dateStart" <= ${f.to}`);
  if (f.personId)
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "EventParticipant" p WHERE p."eventId" = e.id AND p."personId" = ${f.personId})`);
  if (f.sourceId) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "EventReport" r JOIN "Article" a ON a.id = r."articleId" WHERE r."eventId" = e.id AND a."sourceId" = ${f.sourceId})`,
    );
  }
  return Prisma.join(parts, ' AND ');
}

const eventOrderBy = (order: 'NEWEST_FIRST' | 'OLDEST_FIRST' | null | undefined): Prisma.EventOrderByWithRelationInput[] => {
  const dir = order === 'OLDEST_FIRST' ? 'asc' : 'desc';
  return [{ dateStart: dir }, { id: dir }];
};

const reportingArticles = prismaConnectionHelpers(builder, 'EventReport', {
  cursor: 'eventId_articleId',
  ...pairPageOptions,
  select: (nodeSelection) => ({ evidence: true, article: nodeSelection({ select: { id: true } }) }),
  query: () => ({ orderBy: { articleId: 'asc' as const } }),
  resolveNode: (report) => report.article,
});

export const Event = builder.prismaNode('Event', {
  ...nodeById,
  description: 'A dated happening, reported by one or more articles.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'VISIT, MEETING, STATEMENT, ADOPTION, FOUNDING, DEATH, AWARD, … or GATHERING.' }),
    summary: t.exposeString('summary'),
    evidence: t.exposeString('evidence', { description: 'The sentence that first stated the event.' }),
    location: t.exposeString('location', { nullable: true }),
    confidence: t.exposeFloat('confidence', { description: '0–1: how sure the extraction is that this is a dated happening.' }),
    date: t.field({
      type: PartialDate,
      select: { dateStart: true, dateEnd: true, datePrecision: true, dateInferred: true, dateText: true },
      resolve: (e) => ({ start: e.dateStart, end: e.dateEnd, precision: e.datePrecision, inferred: e.dateInferred, text: e.dateText }),
    }),
  }),
});

// Links to other types live outside the initializer so the types do not infer each other.
builder.prismaObjectFields('Event', (t) => ({
  participants: t.field({
    type: [Person],
    // An event gathers the people of every report of it: bounded like a page, never whole.
    args: { first: t.arg.int({ defaultValue: PARTICIPANTS, description: `At most ${MAX_PAGE}.` }) },
    select: (args, _ctx, nestedSelection) => ({
      participants: {
        select: { person: nestedSelection({ select: { id: true } }) },
        orderBy: { personId: 'asc' },
        take: args.first ?? PARTICIPANTS,
      },
    }),
    resolve: (e, args) => {
      checkPageSize({ first: args.first });
      return e.participants.map((p) => p.person);
    },
  }),
  articles: t.connection(
    {
      type: Article,
      select: (args, ctx, nestedSelection) => ({
        reports: reportingArticles.getQuery(args, ctx, edgesAndNodes(nestedSelection, 'Article')),
        _count: { select: { reports: true } },
      }),
      resolve: (e, args, ctx) => ({ ...reportingArticles.resolve(e.reports, args, ctx), totalCount: e._count.reports }),
    },
    { name: 'EventArticleConnection', fields: (c) => ({ totalCount: c.int({ resolve: (r) => r.totalCount }) }) },
    { name: 'EventArticleEdge', fields: (e) => ({ evidence: e.string({ resolve: (r) => r.evidence }) }) },
  ),
}));

builder.queryFields((t) => ({
  events: t.prismaConnection({
    type: 'Event',
    ...pageOptions,
    cursor: 'id',
    args: { filter: t.arg({ type: EventFilter }), orderBy: t.arg({ type: EventOrder, defaultValue: 'NEWEST_FIRST' }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.event.count({ where: eventWhere(args.filter) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.event.findMany({ ...query, where: eventWhere(args.filter), orderBy: eventOrderBy(args.orderBy) }),
  }),
}));
