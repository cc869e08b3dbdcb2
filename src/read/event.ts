// Event: orders, filter, and the fields both read paths compute.
import { atLeast, atMost, type Condition, eq, filterCondition } from './conditions.js';
import { PARTICIPANTS } from './pages.js';
import type { DateRead, LinkRead, OrderKey } from './spec.js';

export const EVENT_ORDERS = {
  NEWEST_FIRST: [
    { column: 'dateStart', dir: 'desc' },
    { column: 'id', dir: 'desc' },
  ],
  OLDEST_FIRST: [
    { column: 'dateStart', dir: 'asc' },
    { column: 'id', dir: 'asc' },
  ],
} as const satisfies Record<string, readonly OrderKey[]>;

export interface EventFilterValues {
  from?: Date | undefined;
  to?: Date | undefined;
  personId?: number | undefined;
  sourceId?: number | undefined;
  kind?: string | undefined;
  updatedSince?: Date | undefined;
}

const EVENT_FILTERS = {
  // Events whose date range overlaps [from, to].
  from: (day: Date) => atLeast('dateEnd', day, 'date'),
  to: (day: Date) => atMost('dateStart', day, 'date'),
  personId: (id: number): Condition => ({
    op: 'some',
    relation: 'participants',
    table: 'EventParticipant',
    fk: 'eventId',
    where: eq('personId', id, 'int'),
  }),
  sourceId: (id: number): Condition => ({
    op: 'some',
    relation: 'reports',
    table: 'EventReport',
    fk: 'eventId',
    where: { op: 'is', relation: 'article', table: 'Article', fk: 'articleId', where: eq('sourceId', id, 'int') },
  }),
  kind: (kind: string) => eq('kind', kind, '"EventKind"'),
  updatedSince: (at: Date) => atLeast('updatedAt', at, 'timestamp'),
};

export const eventCondition = (values: EventFilterValues | null | undefined) => filterCondition(EVENT_FILTERS, values);

export const eventDate = {
  kind: 'date',
  nullable: false,
  columns: { start: 'dateStart', end: 'dateEnd', precision: 'datePrecision', inferred: 'dateInferred', text: 'dateText', evidence: null },
} as const satisfies DateRead;

/** The people an event gathers from every report of it, by id: a bounded list, never whole. */
export const eventParticipants = {
  kind: 'link',
  model: 'EventParticipant',
  relation: 'participants',
  nodeRelation: 'person',
  node: 'Person',
  from: 'eventId',
  to: 'personId',
  cursor: 'eventId_personId',
  orders: { ID: [{ column: 'personId', dir: 'asc' }] },
  defaultOrder: 'ID',
  count: { model: 'EventParticipant', relation: 'participants', fk: 'eventId' },
  list: { size: PARTICIPANTS },
} as const satisfies LinkRead;

/** The articles reporting an event, in the order they were stored, each with its sentence. */
export const eventArticles = {
  kind: 'link',
  model: 'EventReport',
  relation: 'reports',
  nodeRelation: 'article',
  node: 'Article',
  from: 'eventId',
  to: 'articleId',
  cursor: 'eventId_articleId',
  orders: { STORED: [{ column: 'articleId', dir: 'asc' }] },
  defaultOrder: 'STORED',
  count: { model: 'EventReport', relation: 'reports', fk: 'eventId' },
} as const satisfies LinkRead;
