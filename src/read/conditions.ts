// A filter condition, written once as data, from which both read paths are built: a Prisma
// `where` for the resolvers and an SQL condition for the compiled reads and the aggregates
// Prisma cannot express (search, the timeline). Values arrive already validated (ids decoded,
// ranges checked): client errors belong to the schema layer.
import { Prisma } from '../generated/prisma/client.js';
import { column, type Model, relation, table } from './tables.js';

export type Condition =
  | { op: '=' | '>=' | '<='; column: string; value: unknown; type: string }
  /** Case-insensitive substring, as Prisma's `contains` with `mode: 'insensitive'`. */
  | { op: 'contains'; column: string; value: string }
  | { op: 'null'; column: string }
  /** Through a Prisma relation: some related row (to many) or the related row (to one) meets `where`. */
  | { op: 'related'; relation: string; where: Condition }
  | { op: 'and' | 'or'; of: Condition[] };

export const related = (name: string, where: Condition): Condition => ({ op: 'related', relation: name, where });
export const eq = (col: string, value: unknown, type: string): Condition => ({ op: '=', column: col, value, type });
export const atLeast = (col: string, value: unknown, type: string): Condition => ({ op: '>=', column: col, value, type });
export const atMost = (col: string, value: unknown, type: string): Condition => ({ op: '<=', column: col, value, type });

/** Values as PostgreSQL reads them: a Date is a UTC day or a UTC timestamp, never the session's zone. */
function bound(value: unknown, type: string): unknown {
  if (!(value instanceof Date)) return value;
  return type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString().replace('Z', '');
}

/** LIKE's wildcards and its escape character, escaped: on both paths a substring is matched as written. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const PRISMA_OPS = { '>=': 'gte', '<=': 'lte' } as const;

/** Prisma's where on `model`'s rows. */
export function toWhere(c: Condition, model: Model): Record<string, unknown> {
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
    case 'related': {
      const r = relation(model, c.relation);
      const inner = toWhere(c.where, r.model);
      return { [c.relation]: r.toMany ? { some: inner } : inner };
    }
    case 'and':
      return { AND: c.of.map((part) => toWhere(part, model)) };
    case 'or':
      return { OR: c.of.map((part) => toWhere(part, model)) };
  }
}

/** The condition on row alias `t` of `model`; a related row gets an alias of its own (t_r, t_r_r, …). */
export function toSql(c: Condition, t: string, model: Model): Prisma.Sql {
  switch (c.op) {
    case '=':
    case '>=':
    case '<=':
      return Prisma.sql`${Prisma.raw(column(t, c.column))} ${Prisma.raw(c.op)} ${bound(c.value, c.type)}::${Prisma.raw(c.type)}`;
    case 'contains':
      return Prisma.sql`${Prisma.raw(column(t, c.column))} ILIKE '%' || ${likeLiteral(c.value)}::text || '%'`;
    case 'null':
      return Prisma.sql`${Prisma.raw(column(t, c.column))} IS NULL`;
    case 'related': {
      const r = relation(model, c.relation);
      const x = `${t}_r`;
      const link = r.toMany ? `${column(x, r.fk)} = ${column(t, 'id')}` : `${column(x, 'id')} = ${column(t, r.fk)}`;
      return Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(table(r.model))} ${Prisma.raw(x)} WHERE ${Prisma.raw(link)} AND ${toSql(c.where, x, r.model)})`;
    }
    case 'and':
    case 'or':
      if (!c.of.length) return Prisma.sql`${Prisma.raw(c.op === 'and' ? 'TRUE' : 'FALSE')}`;
      return Prisma.sql`(${Prisma.join(
        c.of.map((part) => toSql(part, t, model)),
        c.op === 'and' ? ' AND ' : ' OR ',
      )})`;
  }
}

/** The values a filter's fields take: each condition's argument, every field optional. */
export type FilterValues<F> = { [K in keyof F]?: F[K] extends (value: infer V) => Condition ? V | undefined : never };

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
