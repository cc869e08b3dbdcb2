// An export as a stream of text chunks, one per page of rows read by id (keyset, never offset):
// however large the archive, one page is in memory at a time, and the next is read only when
// the consumer (a socket, stdout) has taken the last, so a slow client holds nothing but its page.
import { stringify } from 'csv-stringify/sync';
import type { PrismaClient } from '../generated/prisma/client.js';
import { type Entity, READERS, type Record } from './records.js';

export const FORMATS = ['ndjson', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export interface ExportOptions {
  /** Only rows created or changed at or after this instant (updatedAt). */
  since?: Date | undefined;
  format: Format;
  /** Rows per page read (default 500). */
  pageSize?: number;
}

/** CSV has no lists: they are joined with "; ". */
const cell = (v: Record[string]) => (Array.isArray(v) ? v.join('; ') : v);

export async function* exportChunks(prisma: PrismaClient, entity: Entity, options: ExportOptions): AsyncGenerator<string> {
  const reader = READERS[entity];
  if (options.format === 'csv') yield stringify([reader.columns as string[]]);
  for (let after = 0; ; ) {
    const rows = await reader.page(prisma, after, options.since, options.pageSize ?? 500);
    if (!rows.length) return;
    after = rows[rows.length - 1]!.key;
    yield options.format === 'csv'
      ? stringify(rows.map((r) => reader.columns.map((c) => cell(r.record[c] ?? null))))
      : rows.map((r) => `${JSON.stringify(r.record)}\n`).join('');
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
