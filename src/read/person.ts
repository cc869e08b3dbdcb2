// Person: orders, filter, and the fields both read paths compute.
import { Prisma } from '../generated/prisma/client.js';
import { coMentionsSql } from '../db/co-mentions.js';
import { atLeast, type Condition, type FilterValues, filterCondition, related } from './conditions.js';
import { type Derived, type OrderKey, type RefRead, type RowsRead, link, order } from './spec.js';
import { column } from './tables.js';

export const PERSON_ORDERS = {
  NAME: order('name asc', 'id asc'),
  // Most mentioned first, ties by id ascending: the (mentionCount DESC, id) index.
  MENTIONS: order('mentionCount desc', 'id asc'),
} as const satisfies Record<string, readonly OrderKey[]>;

const PERSON_FILTERS = {
  // The canonical name or any alias.
  nameContains: (text: string): Condition => ({
    op: 'or',
    of: [{ op: 'contains', column: 'name', value: text }, related('aliases', { op: 'contains', column: 'alias', value: text })],
  }),
  updatedSince: (at: Date) => atLeast('updatedAt', at, 'timestamp'),
};

export type PersonFilterValues = FilterValues<typeof PERSON_FILTERS>;

export const personCondition = (values: PersonFilterValues | null | undefined) => filterCondition(PERSON_FILTERS, values);

/** Other spellings and titled forms, alphabetical, the canonical name left out. */
export const personAliases: Derived<{ name: string; aliases: { alias: string }[] }> = {
  kind: 'derived',
  select: { name: true, aliases: { select: { alias: true }, orderBy: { alias: 'asc' } } },
  resolve: (p) => p.aliases.map((a) => a.alias).filter((a) => a !== p.name),
  sql: (ref) =>
    `COALESCE((SELECT json_agg(pa.alias ORDER BY pa.alias) FROM "PersonAlias" pa WHERE ${column('pa', 'personId')} = ${ref('id')} AND pa.alias <> ${ref('name')}), '[]'::json)`,
};

/**
 * The articles naming a person, newest first from the (personId, articleSortDate, articleId)
 * index. Their count is kept by the loader: counting a much-named person's mentions took 2.3 ms per page.
 */
export const personArticles = link(
  'Person',
  'mentions',
  'article',
  {
    NEWEST_FIRST: order('articleSortDate desc', 'articleId desc'),
    OLDEST_FIRST: order('article.publishedStart asc', 'articleId asc'),
  },
  { count: { column: 'articleCount' } },
);

/** The events a person took part in, newest first. */
export const personEvents = link('Person', 'participants', 'event', {
  NEWEST_FIRST: order('event.dateStart desc', 'eventId desc'),
  OLDEST_FIRST: order('event.dateStart asc', 'eventId asc'),
});

/** A co-mention row's person. */
export const coMentionPerson: RefRead = { kind: 'ref', model: 'Person', fk: 'personId' };

/** The people most often named in the same articles (src/db/co-mentions.ts). */
export const personCoMentions: RowsRead = {
  kind: 'rows',
  statement: (id, first) => coMentionsSql(Prisma.raw(id), first),
  order: order('count desc', 'personId asc'),
  size: 10,
};

/** How many spellings Person.spellings gives unless asked. */
export const SPELLINGS = 50;

/** Every spelling of a person, the canonical name among them, alphabetical: each with why it is theirs. */
export const personSpellings = link(
  'Person',
  'aliases',
  null,
  { ALPHABETICAL: order('alias asc', 'id asc') },
  { list: { size: SPELLINGS } },
);

/** The persons the archive's evidence links this one to across languages, the surest first (src/db/person-links.ts). */
export const personLinks = link(
  'Person',
  'links',
  null,
  { CONFIDENCE: order('confidence desc', 'otherId asc') },
  { list: { size: SPELLINGS } },
);
