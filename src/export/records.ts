// What an export writes per row, per entity: each column one SQL expression (JSON-ready) over
// the row `t`, so PostgreSQL writes the whole page as one string: an export of 100k articles
// makes one string per page in Node, not a million objects (whose garbage grew the server's
// RSS by 90 MB). The derived values (global id, url, the date's iso, aliases) are the read
// layer's own SQL forms, so an export says what the API says.
import { globalIdSql } from '../global-id.js';
import { articlePublishedDate, articleUrl } from '../read/article.js';
import { eventDate } from '../read/event.js';
import { PARTIAL_DATE_FIELDS } from '../read/partial-date.js';
import { personAliases } from '../read/person.js';
import { dateColumns, datedSql, type DateRead } from '../read/spec.js';
import { column } from '../read/tables.js';

export const ENTITIES = ['articles', 'events', 'persons'] as const;
export type Entity = (typeof ENTITIES)[number];

/** A column: its SQL over the row alias `t`; a list is a JSON array (joined with "; " in CSV). */
interface Column {
  sql: (t: string) => string;
  list?: boolean;
}

export interface Reader {
  table: string;
  columns: { [name: string]: Column };
}

const col = (name: string): Column => ({ sql: (t) => column(t, name) });
const instant = (name: string): Column => ({ sql: (t) => `to_char(${column(t, name)}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` });
/** A date's iso ("1992-04"), as the API's PartialDate.iso reads it; null where the API's date is. */
const isoOf = (date: DateRead): Column => ({
  sql: (t) => {
    const ref = (name: string) => column(t, name);
    return datedSql(date, ref, PARTIAL_DATE_FIELDS.iso!.sql(dateColumns(date, ref)));
  },
});
const names = (sql: (t: string) => string): Column => ({ sql, list: true });

export const READERS: { [E in Entity]: Reader } = {
  articles: {
    table: 'Article',
    columns: {
      id: { sql: (t) => globalIdSql('Article', column(t, 'id')) },
      url: { sql: (t) => articleUrl.sql((name) => column(t, name)) },
      source: { sql: (t) => `(SELECT s.slug FROM "Source" s WHERE s.id = ${column(t, 'sourceId')})` },
      kind: col('kind'),
      title: col('title'),
      published: isoOf(articlePublishedDate),
      byline: col('byline'),
      author: { sql: (t) => `(SELECT p.name FROM "Person" p WHERE p.id = ${column(t, 'authorId')})` },
      persons: names(
        (t) =>
          `COALESCE((SELECT json_agg(p.name ORDER BY m.count DESC, m."personId") FROM "Mention" m JOIN "Person" p ON p.id = m."personId" WHERE m."articleId" = ${column(t, 'id')}), '[]'::json)`,
      ),
      wordCount: col('wordCount'),
      body: col('body'),
      createdAt: instant('createdAt'),
      updatedAt: instant('updatedAt'),
    },
  },
  events: {
    table: 'Event',
    columns: {
      id: { sql: (t) => globalIdSql('Event', column(t, 'id')) },
      kind: col('kind'),
      date: isoOf(eventDate),
      precision: col(eventDate.columns.precision),
      summary: col('summary'),
      evidence: col('evidence'),
      location: col('location'),
      confidence: col('confidence'),
      participants: names(
        (t) =>
          `COALESCE((SELECT json_agg(p.name ORDER BY ep."personId") FROM "EventParticipant" ep JOIN "Person" p ON p.id = ep."personId" WHERE ep."eventId" = ${column(t, 'id')}), '[]'::json)`,
      ),
      articles: names(
        (t) =>
          `COALESCE((SELECT json_agg(${globalIdSql('Article', 'r."articleId"')} ORDER BY r."articleId") FROM "EventReport" r WHERE r."eventId" = ${column(t, 'id')}), '[]'::json)`,
      ),
      createdAt: instant('createdAt'),
      updatedAt: instant('updatedAt'),
    },
  },
  persons: {
    table: 'Person',
    columns: {
      id: { sql: (t) => globalIdSql('Person', column(t, 'id')) },
      name: col('name'),
      aliases: names((t) => personAliases.sql((name) => column(t, name))),
      mentionCount: col('mentionCount'),
      articleCount: col('articleCount'),
      createdAt: instant('createdAt'),
      updatedAt: instant('updatedAt'),
    },
  },
};
