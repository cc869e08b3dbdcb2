// What a field reads, as data. The Pothos field builds its resolver from the spec and carries it
// in its extensions (`extensions.read`); the compiled walker (src/compiled) reads it from there.
// A field exposed as a column (t.exposeString and the like) needs no spec: Pothos marks it
// (`extensions.pothosExposedField`) and both paths read the column.
import type { Prisma } from '../generated/prisma/client.js';
import type { Condition } from './conditions.js';
import type { DateColumns } from './partial-date.js';
import { column, type Model, relation } from './tables.js';

/** One key of an order: a column of the row, or of the row a link points to (`via` its relation). */
export interface OrderKey {
  column: string;
  dir: 'asc' | 'desc';
  via?: string;
}

/** An order from its keys as written: "count desc", "event.dateStart asc" (a column of the row the `event` relation points to). */
export const order = (...keys: `${string} ${'asc' | 'desc'}`[]): OrderKey[] =>
  keys.map((key) => {
    const [path, dir] = key.split(' ') as [string, 'asc' | 'desc'];
    const [first, second] = path.split('.') as [string, string | undefined];
    return second ? { via: first, column: second, dir } : { column: first, dir };
  });

/** The keys of the order a list's `orderBy` names, or of its default. */
export const orderKeys = (read: { orders: Record<string, readonly OrderKey[]>; defaultOrder: string }, name?: string | null) =>
  read.orders[name ?? read.defaultOrder] ?? read.orders[read.defaultOrder]!;

/** Prisma's orderBy for `keys`. */
export const toOrderBy = (keys: readonly OrderKey[]) =>
  keys.map((k) => (k.via ? { [k.via]: { [k.column]: k.dir } } : { [k.column]: k.dir }));

/** The same order in SQL: `t` the row's alias, `node` the alias of the row a link points to. */
export const toOrderSql = (keys: readonly OrderKey[], t: string, node = t) =>
  keys.map((k) => `${column(k.via ? node : t, k.column)} ${k.dir.toUpperCase()}`).join(', ');

/** A value computed from a row: the resolver's select and function, and the same value in SQL. */
export interface Derived<Row = never> {
  kind: 'derived';
  select: Record<string, unknown>;
  resolve: (row: Row) => unknown;
  /** JSON-ready SQL; `ref(name)` is a column of the row. */
  sql: (ref: (name: string) => string) => string;
}

/** A PartialDate kept in columns: start, end, precision, inferred, text (and evidence). */
export interface DateRead {
  kind: 'date';
  columns: { start: string; end: string; precision: string; inferred: string; text: string; evidence: string | null };
  /** Null when any of start, end or precision is (an undated article). */
  nullable: boolean;
}

/** The date's parts as SQL, `ref` naming a column of the row; a part without a column is NULL. */
export function dateColumns(spec: DateRead, ref: (column: string) => string): DateColumns {
  const of = (name: string | null) => () => (name ? ref(name) : 'NULL');
  const c = spec.columns;
  return {
    start: of(c.start),
    end: of(c.end),
    precision: of(c.precision),
    inferred: of(c.inferred),
    text: of(c.text),
    evidence: of(c.evidence),
  };
}

/** `value` where the row is dated: null, for a nullable date, when its start, end or precision is. */
export function datedSql(spec: DateRead, ref: (column: string) => string, value: string): string {
  if (!spec.nullable) return value;
  const c = spec.columns;
  return `CASE WHEN ${ref(c.start)} IS NOT NULL AND ${ref(c.end)} IS NOT NULL AND ${ref(c.precision)} IS NOT NULL THEN ${value} END`;
}

/** The row a foreign key of this row points to. */
export interface RefRead {
  kind: 'ref';
  model: Model;
  fk: string;
}

/** The row a Prisma relation of `parent` points to (an article's source): table and key from Prisma's datamodel. */
export function refTo(parent: Model, name: string): RefRead {
  const r = relation(parent, name);
  return { kind: 'ref', model: r.model, fk: r.fk };
}

/** How many rows a list holds: a column kept by the writer, or a count of a Prisma relation's rows. */
export type Count = { column: string } | { relation: string };

/**
 * The nodes a row reaches through a Prisma relation: its rows themselves (a source's articles),
 * or, through a link table, the row each link row points to by `nodeRelation` (an article's
 * mentions, each to a person). Tables and keys come from Prisma's datamodel (linkTables). Edge
 * fields are the link row's columns, exposed as such (`e.exposeInt('count')`).
 */
export interface LinkRead {
  kind: 'link';
  parent: Model;
  relation: string;
  nodeRelation?: string;
  orders: Record<string, readonly OrderKey[]>;
  defaultOrder: string;
  /** How the total is read; by default, a count of the link rows. */
  count?: Count;
  /** A plain list (no connection): its default and largest size. */
  list?: { size: number };
}

/**
 * A LinkRead: the rows of `parent`'s `relation`, and through each row's `nodeRelation` its node
 * (null: the related rows are the nodes). The first of `orders` is the default.
 */
export function link(
  parent: Model,
  relation: string,
  nodeRelation: string | null,
  orders: Record<string, OrderKey[]>,
  more: Pick<LinkRead, 'count' | 'list'> = {},
): LinkRead {
  return {
    kind: 'link',
    parent,
    relation,
    ...(nodeRelation ? { nodeRelation } : {}),
    orders,
    defaultOrder: Object.keys(orders)[0]!,
    ...more,
  };
}

/** How a link's total is read: its own Count, or a count of its rows. */
export const linkTotal = (link: LinkRead): Count => link.count ?? { relation: link.relation };

/** A link's tables and keys: its rows' table (`model`, keyed to the parent by `from`) and the nodes' (`node`, by `to`). */
export function linkTables(link: LinkRead): { model: Model; from: string; node: Model; to: string } {
  const rows = relation(link.parent, link.relation);
  if (!link.nodeRelation) return { model: rows.model, from: rows.fk, node: rows.model, to: 'id' };
  const node = relation(rows.model, link.nodeRelation);
  return { model: rows.model, from: rows.fk, node: node.model, to: node.fk };
}

/** A list of rows a statement gives for this row's id: `{ count, personId }` rows and the like,
 *  each an object of the field's type whose fields read the row as any other's do. */
export interface RowsRead {
  kind: 'rows';
  /** The rows: `id` is this row's id in SQL (a column, or a number for the resolver). */
  statement: (id: string, first: number) => Prisma.Sql;
  order: readonly OrderKey[];
  size: number;
}

/** The rows of a whole table: a root list, filtered and ordered by its arguments. */
export interface TableRead {
  kind: 'table';
  model: Model;
  orders: Record<string, readonly OrderKey[]>;
  defaultOrder: string;
}

/** At most one row of a table, found by the condition its arguments give: a root lookup. */
export interface OneRead {
  kind: 'one';
  model: Model;
  /** Which row, when several may meet the condition. */
  order?: readonly OrderKey[];
}

/**
 * A root list of rows one statement gives from the field's arguments (the timeline): each row an
 * object of the field's type, whose exposed fields are its columns. More than `max` rows is the
 * field's error, raised by its resolver.
 */
export interface StatementRead {
  kind: 'statement';
  /** The rows, at most max + 1; throws on a bad argument. */
  statement: (args: object) => Prisma.Sql;
  order: readonly OrderKey[];
  max: number;
  /** Its answer changes only with a write: the compiled read keeps it in the archive memo (src/db/archive-memo.ts). */
  memo?: boolean;
}

export type FieldRead =
  | Derived<never>
  | DateRead
  | RefRead
  | LinkRead
  | RowsRead
  | TableRead
  | OneRead
  | StatementRead
  | { kind: 'count'; count: Count };

/** A field's args turned into a condition on the listed rows and an order name; throws on a bad argument. */
export type ArgsReader = (args: object) => { where?: Condition; order?: string | null };

/** What `extensions.read` holds: the spec, and for lists the reader of their arguments. */
export interface ReadExtension {
  read: FieldRead;
  args?: ArgsReader;
}
