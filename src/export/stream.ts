// An export as a stream of text chunks, one per page of rows read by id (keyset, never offset),
// each page written by PostgreSQL as one string (src/export/records.ts): however large the
// archive, one page is in memory at a time, and the next is read only when the consumer (a
// socket, stdout) has taken the last, so a slow client holds nothing but its page.
import type { Db } from '../db/index.js';
import { type Entity, READERS, type Reader } from './records.js';

export const FORMATS = ['ndjson', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export interface ExportOptions {
  /** Only rows created or changed at or after this instant (updatedAt). */
  since?: Date | undefined;
  format: Format;
  /** Rows per page read (default 500). */
  pageSize?: number;
}

/** RFC 4180: every value quoted, quotes doubled; null is an empty field. */
const csvField = (text: string) => `CASE WHEN ${text} IS NULL THEN '' ELSE '"' || replace(${text}, '"', '""') || '"' END`;

/** One line of `reader`'s row `t`: a JSON object, or CSV fields with lists joined by "; ". */
function lineSql(reader: Reader, format: Format, t: string): string {
  const columns = Object.entries(reader.columns);
  if (format === 'ndjson') return `json_build_object(${columns.map(([name, c]) => `'${name}', ${c.sql(t)}`).join(', ')})::text`;
  return columns
    .map(([, c]) => csvField(c.list ? `(SELECT string_agg(x, '; ') FROM json_array_elements_text(${c.sql(t)}) x)` : `(${c.sql(t)})::text`))
    .join(` || ',' || `);
}

/**
 * Reads through the driver (Db.readValue), not Prisma: a page is one string from the socket to the
 * client, where Prisma's result handling copied it several times more.
 */
export async function* exportChunks(read: Db['readValue'], entity: Entity, options: ExportOptions): AsyncGenerator<string> {
  const reader = READERS[entity];
  if (options.format === 'csv') yield `${Object.keys(reader.columns).join(',')}\r\n`;
  const end = options.format === 'csv' ? '\r\n' : '\n';
  // The page's last id, a tab, then its lines. $2 is the instant `since`, or null for every row.
  const sql = `SELECT max(id)::text || E'\\t' || string_agg(line, E'${end === '\n' ? '\\n' : '\\r\\n'}' ORDER BY id) FROM (
      SELECT t.id, ${lineSql(reader, options.format, 't')} AS line FROM "${reader.table}" t
      WHERE t.id > $1 AND ($2::timestamp IS NULL OR t."updatedAt" >= $2::timestamp) ORDER BY t.id LIMIT $3) page`;
  for (let after = 0; ; ) {
    const page = (await read(sql, [after, options.since?.toISOString() ?? null, options.pageSize ?? 100])) as string | null;
    if (!page) return;
    const tab = page.indexOf('\t');
    after = Number(page.slice(0, tab));
    yield `${page.slice(tab + 1)}${end}`;
  }
}

/** `since` as a client writes it: a day ("2024-05-01") or an ISO instant; undefined when absent. */
export function parseSince(value: string | null | undefined): Date | undefined {
  if (value == null || value === '') return undefined;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime()))
    throw new RangeError(`"since" must be a date (2024-05-01) or an ISO instant, not "${value}".`);
  return d;
}
