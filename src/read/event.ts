// Event: orders, filter, and the fields both read paths compute.
import { atLeast, atMost, eq, type FilterValues, filterCondition, related } from './conditions.js';
import { PARTICIPANTS } from './pages.js';
import { type DateRead, type OrderKey, link, order } from './spec.js';

export const EVENT_ORDERS = {
  NEWEST_FIRST: order('dateStart desc', 'id desc'),
  OLDEST_FIRST: order('dateStart asc', 'id asc'),
} as const satisfies Record<string, readonly OrderKey[]>;

const EVENT_FILTERS = {
  // Events whose date range overlaps [from, to].
  from: (day: Date) => atLeast('dateEnd', day, 'date'),
  to: (day: Date) => atMost('dateStart', day, 'date'),
  personId: (id: number) => related('participants', eq('personId', id, 'int')),
  // Reported by an article of the source.
  sourceId: (id: number) => related('reports', related('article', eq('sourceId', id, 'int'))),
  kind: (kind: string) => eq('kind', kind, '"EventKind"'),
  updatedSince: (at: Date) => atLeast('updatedAt', at, 'timestamp'),
};

export type EventFilterValues = FilterValues<typeof EVENT_FILTERS>;

export const eventCondition = (values: EventFilterValues | null | undefined) => filterCondition(EVENT_FILTERS, values);

/** How many articles report the event. */
export const eventReportCount = { kind: 'count', count: { relation: 'reports' } } as const;

export const eventDate = {
  kind: 'date',
  nullable: false,
  columns: { start: 'dateStart', end: 'dateEnd', precision: 'datePrecision', inferred: 'dateInferred', text: 'dateText', evidence: null },
} as const satisfies DateRead;

/** The people an event gathers from every report of it, by id: a bounded list, never whole. */
export const eventParticipants = link('Event', 'participants', 'person', { ID: order('personId asc') }, { list: { size: PARTICIPANTS } });

/** The articles reporting an event, in the order they were stored, each with its sentence. */
export const eventArticles = link('Event', 'reports', 'article', { STORED: order('articleId asc') });
