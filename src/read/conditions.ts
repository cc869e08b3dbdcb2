// A filter condition, written once as data, from which both read paths are built: a Prisma
// `where` for the resolvers and an SQL condition for the compiled reads and the aggregates
// Prisma cannot express (search, the timeline). Values arrive already validated (ids decoded,
// ranges checked): client errors belong to the schema layer.
import { Prisma } from '../generated/prisma/client.js';
import { column, table, type Model } from './tables.js';

export type Condition =
  | { op: '=' | '>=' | '<='; column: string; value: unknown; type: string }
  /** Case-insensitive substring, as Prisma's `contains` with `mode: 'insensitive'`. */
  | { op: 'contains'; column: string; value: string }
  | { op: 'null'; column: string }
  /** Some row of a to-many relation (`table` keyed back by `fk`) meets `where`. */
  | { op: 'some'; relation: string; table: Model; fk: string; where: Condition }
  /** The row a to-one relation (`fk` on this row) points to meets `where`. */
  | { op: 'is'; relation: string; table: Model; fk: string; where: Condition }
  | { op: 'and' | 'or'; of: Condition[] };

export const eq = (col: string, value: unknown, type: string): Condition => ({ op: '=', column: col, value, type });
export const atLeast = (col: string, value: unknown, type: string): Condition => ({ op: '>=', column: col, value, type });
export const atMost = (col: string, value: unknown, type: string): Condition => ({ op: '<=', column: col, value, type });

/** Values as PostgreSQL reads them: a Date is a UTC day or a UTC timestamp, never the session's zone. */
function bound(value: unknown, type: string): unknown {
  if (!(value instanceof Date)) return value;
  return type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString().replace('Z', '');
}

/** LIKE's wildcards and its escape character, taken literally, as Prisma's `contains` takes them. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const PRISMA_OPS = { '>=': 'gte', '<=': 'lte' } as const;

export function toWhere(c: Condition): Record<string, unknown> {
  switch (c.op) {
    case '=':
      return { [c.column]: c.value };
    case '>=':
    case '<=':
      return { [c.column]: { [PRISMA_OPS[c.op]]: c.value } };
    case 'contains':
      // Prisma writes `contains` into a LIKE pattern without escaping it: "%" matched every name.
      return { [c.column]: { contains: likeLiteral(c.value), mode: 'insensitive' } };
    case 'null':
      return { [c.column]: null };
    case 'some':
      return { [c.relation]: { some: toWhere(c.where) } };
    case 'is':
      return { [c.relation]: toWhere(c.where) };
    case 'and':
      return { AND: c.of.map(toWhere) };
    case 'or':
      return { OR: c.of.map(toWhere) };
  }
}

/** The condition on row alias `t`; nested relations get aliases of their own (t_1, t_1_1, …). */
export function toSql(c: Condition, t: string): Prisma.Sql {
  switch (c.op) {
    case '=':
    case '>=':
    case '<=':
      return Prisma.sql`${Prisma.raw(column(t, c.column))} ${Prisma.raw(c.op)} ${bound(c.value, c.type)}::${Prisma.raw(c.type)}`;
    case 'contains':
      return Prisma.sql`${Prisma.raw(column(t, c.column))} ILIKE '%' || ${likeLiteral(c.value)}::text || '%'`;
    case 'null':
      return Prisma.sql`${Prisma.raw(column(t, c.column))} IS NULL`;
    case 'some':
    case 'is': {
      const x = `${t}_r`;
      const link = c.op === 'some' ? `${column(x, c.fk)} = ${column(t, 'id')}` : `${column(x, 'id')} = ${column(t, c.fk)}`;
      return Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(table(c.table))} ${Prisma.raw(x)} WHERE ${Prisma.raw(link)} AND ${toSql(c.where, x)})`;
    }
    case 'and':
    case 'or':
      if (!c.of.length) return Prisma.sql`${Prisma.raw(c.op === 'and' ? 'TRUE' : 'FALSE')}`;
      return Prisma.sql`(${Prisma.join(
        c.of.map((part) => toSql(part, t)),
        c.op === 'and' ? ' AND ' : ' OR ',
      )})`;
  }
}

/** The conditions a filter's given fields name, joined by AND; `filters` maps a field to its condition. */
export function filterCondition<F extends object>(
  filters: { [K in keyof F]-?: (value: NonNullable<F[K]>) => Condition },
  values: F | null | undefined,
): Condition {
  const of: Condition[] = [];
  for (const name of Object.keys(filters) as (keyof F)[]) {
    const value = values?.[name];
    if (value != null) of.push(filters[name](value as NonNullable<F[typeof name]>));
  }
  return { op: 'and', of };
}

/** True when a condition keeps every row (a filter with nothing given). */
export const keepsAll = (c: Condition | undefined) => !c || (c.op === 'and' && c.of.length === 0);
