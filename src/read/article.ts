// Article: its orders, its filter, and the fields both read paths compute.
import type { ArticleKind } from '../generated/prisma/enums.js';
import { atLeast, atMost, type Condition, eq, type FilterValues, filterCondition, related } from './conditions.js';
import { type DateRead, type Derived, type OrderKey, link, order } from './spec.js';
import { column } from './tables.js';

/** Both follow an index with undated articles last: sortDate (newest) or publishedStart read backwards (oldest). */
export const ARTICLE_ORDERS = {
  NEWEST_FIRST: order('sortDate desc', 'id desc'),
  OLDEST_FIRST: order('publishedStart asc', 'id asc'),
} as const satisfies Record<string, readonly OrderKey[]>;

const ARTICLE_FILTERS = {
  sourceId: (id: number) => eq('sourceId', id, 'int'),
  personId: (id: number) => related('mentions', eq('personId', id, 'int')),
  kind: (kind: ArticleKind) => eq('kind', kind, '"ArticleKind"'),
  language: (language: string) => eq('language', language, 'text'),
  // Dates compare against the range a publication date covers.
  publishedAfter: (day: Date) => atLeast('publishedEnd', day, 'date'),
  publishedBefore: (day: Date) => atMost('publishedStart', day, 'date'),
  updatedSince: (at: Date) => atLeast('updatedAt', at, 'timestamp'),
};

/** The filter's values, validated (ids decoded, ranges checked) by the schema layer. */
export type ArticleFilterValues = FilterValues<typeof ARTICLE_FILTERS>;

export const articleCondition = (values: ArticleFilterValues | null | undefined) => filterCondition(ARTICLE_FILTERS, values);

/** Articles at an address: their own, or, for those without one, their page's. First on the page first. */
export const articleAtUrl = (url: string): Condition => ({
  op: 'or',
  of: [
    eq('url', url, 'text'),
    {
      op: 'and',
      of: [{ op: 'null', column: 'url' }, related('document', eq('url', url, 'text'))],
    },
  ],
});

export const ARTICLE_AT_URL_ORDER = order('position asc', 'id asc');

/** The page's own address, or the address of the page it came from. */
export const articleUrl: Derived<{ url: string | null; document: { url: string | null } }> = {
  kind: 'derived',
  select: { url: true, document: { select: { url: true } } },
  resolve: (a) => a.url ?? a.document.url,
  sql: (ref) => `COALESCE(${ref('url')}, (SELECT d.url FROM "Document" d WHERE ${column('d', 'id')} = ${ref('documentId')}))`,
};

export const articlePublishedDate = {
  kind: 'date',
  nullable: true,
  columns: {
    start: 'publishedStart',
    end: 'publishedEnd',
    precision: 'publishedPrecision',
    inferred: 'publishedInferred',
    text: 'publishedText',
    evidence: 'publishedEvidence',
  },
} as const satisfies DateRead;

/** The people an article names, most named first: each edge says how often, and where first. */
export const articlePersons = link('Article', 'mentions', 'person', { MENTIONS: order('count desc', 'personId asc') });

/** The events an article reports, oldest first, with the sentence that states each one there. */
export const articleEvents = link('Article', 'reports', 'event', { OLDEST_FIRST: order('event.dateStart asc', 'eventId asc') });

/** How many versions Article.versions gives unless asked: a story is rarely edited more. */
export const VERSIONS = 20;

/** Every text of an article as some page carried it, oldest first: the last is the newest edition. */
export const articleVersions = link('Article', 'versions', null, { OLDEST_FIRST: order('id asc') }, { list: { size: VERSIONS } });

/** A version's paragraphs as one text, as Article.body gives its own. */
export const versionBody: Derived<{ paragraphs: string[] }> = {
  kind: 'derived',
  select: { paragraphs: true },
  resolve: (v) => v.paragraphs.join('\n\n'),
  sql: (ref) => `array_to_string(${ref('paragraphs')}, E'\\n\\n')`,
};
