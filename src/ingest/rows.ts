// Bulk inserts for the store: every row of a table in one jsonb parameter, unpacked by
// jsonb_to_recordset. One statement and one bind parameter whatever the row count, where a
// VALUES list would need a parameter per cell and hit PostgreSQL's 65,535 limit.
import type { Prisma } from '../generated/prisma/client.js';

/** Column name → SQL type ('int', 'text[]', '"ArticleKind"', …). Names are code, never input. */
export type Columns = Record<string, string>;

export interface InsertOptions {
  /** Extra columns computed in SQL from the row's columns, e.g. a tsvector. */
  computed?: Record<string, string>;
  /** ON CONFLICT … and RETURNING …. */
  tail?: string;
}

export function insertSql(table: string, columns: Columns, options: InsertOptions = {}): string {
  const names = Object.keys(columns);
  const computed = Object.entries(options.computed ?? {});
  const target = [...names, ...computed.map(([name]) => name)].map((n) => `"${n}"`).join(', ');
  const values = [...names.map((n) => `"${n}"`), ...computed.map(([, sql]) => sql)].join(', ');
  const record = names.map((n) => `"${n}" ${columns[n]}`).join(', ');
  return `INSERT INTO "${table}" AS t (${target}) SELECT ${values} FROM jsonb_to_recordset($1::jsonb) AS r(${record}) ${options.tail ?? ''}`;
}

/** Inserts `rows` (objects keyed by column; Dates become ISO strings); returns what RETURNING gives. */
export async function insertRows<T = never>(
  tx: Prisma.TransactionClient,
  table: string,
  columns: Columns,
  rows: object[],
  options: InsertOptions = {},
): Promise<T[]> {
  if (!rows.length) return [];
  const sql = insertSql(table, columns, options);
  const json = JSON.stringify(rows);
  if (/\bRETURNING\b/.test(options.tail ?? '')) return tx.$queryRawUnsafe<T[]>(sql, json);
  await tx.$executeRawUnsafe(sql, json);
  return [];
}
