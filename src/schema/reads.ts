// Pothos field options built from a read spec (src/read): the resolver's select and function come
// from the spec, and the spec rides along in `extensions.read` for the compiled walker. One spec,
// both paths.
import { type Condition, keepsAll, toWhere } from '../read/conditions.js';
import type { PartialDateShape } from '../read/partial-date.js';
import {
  type ArgsReader,
  type Count,
  type DateRead,
  type Derived,
  type LinkRead,
  linkTables,
  linkTotal,
  type OneRead,
  orderKeys,
  refTo,
  type TableRead,
  toOrderBy,
} from '../read/spec.js';
import type { Model } from '../read/tables.js';
import type { Context } from '../context.js';
import { PartialDate } from './partial-date.js';
import { checkPageSize, pageOptions } from './pagination.js';
import { edgesAndNodes } from './selection.js';

export const derivedField = <Row, const S extends Record<string, unknown>>(spec: Derived<Row> & { select: S }) => ({
  select: spec.select,
  // The parent is what `select` fetched: the spec's Row.
  resolve: (row: object) => spec.resolve(row as Row) as never,
  extensions: { read: spec },
});

/** A relation to one row, carried for the compiled walker. */
export const refExtensions = (parent: Model, name: string) => ({ extensions: { read: refTo(parent, name) } });

type DateRow = Record<string, unknown>;

/** A PartialDate field over the spec's columns; null when an undated row has none. */
export const dateField = <const S extends DateRead>(spec: S) => ({
  type: PartialDate,
  select: Object.fromEntries(
    Object.values(spec.columns)
      .filter((c) => c !== null)
      .map((c) => [c, true]),
  ),
  resolve: (parent: object) => {
    const row = parent as DateRow;
    const c = spec.columns;
    const [start, end, precision] = [row[c.start], row[c.end], row[c.precision]];
    if (start == null || end == null || precision == null) return null as S['nullable'] extends true ? null : never;
    return {
      start: start as Date,
      end: end as Date,
      precision: precision as PartialDateShape['precision'],
      inferred: row[c.inferred] as boolean,
      text: row[c.text] as string | null,
      evidence: c.evidence ? (row[c.evidence] as string | null) : null,
    } satisfies PartialDateShape;
  },
  extensions: { read: spec },
});

type CountSelect<C> = C extends { column: infer K extends string }
  ? { [P in K]: true }
  : C extends { relation: infer R extends string }
    ? { _count: { select: { [P in R]: true } } }
    : never;

/** What the parent row must select for a total: the kept column, or Prisma's count of the link rows. */
export const countSelect = <const C extends Count>(count: C) =>
  ('column' in count ? { [count.column]: true } : { _count: { select: { [count.relation]: true } } }) as CountSelect<C>;

/** A count field (`{ kind: 'count' }` spec): its select, its resolver, and the spec for the compiled walker. */
export const countField = <const C extends Count>(read: { kind: 'count'; count: C }) => ({
  select: countSelect(read.count),
  resolve: (row: object) => countOf(read.count, row),
  extensions: { read },
});

/** The total read from the parent row selected with countSelect. */
export function countOf(count: Count, row: object): number {
  const r = row as Record<string, unknown>;
  if ('column' in count) return r[count.column] as number;
  return (r._count as Record<string, number>)[count.relation]!;
}

export const linkExtensions = (link: LinkRead, args?: ArgsReader) => ({ extensions: { read: link, ...(args ? { args } : {}) } });

interface Delegate {
  count(args: { where: object }): Promise<number>;
  findMany(args: object): Promise<never[]>;
  findFirst(args: object): Promise<never | null>;
  findUniqueOrThrow(args: object): Promise<never>;
}

/** Prisma's client for a model's table: prisma.article for "Article". */
export const delegateOf = (ctx: Context, model: Model) =>
  (ctx.prisma as unknown as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;

/** A link row's condition on its node: through its node relation, or on itself when it is the node. */
const nodeWhere = (link: LinkRead, node: Model, where: Condition) =>
  link.nodeRelation ? { [link.nodeRelation]: toWhere(where, node) } : toWhere(where, node);

/** The link rows of `id` whose node meets `where`: a filtered list's total. */
export function filteredLinkCount(ctx: Context, link: LinkRead, id: number, where: Condition): Promise<number> {
  const { model, from, node } = linkTables(link);
  return delegateOf(ctx, model).count({ where: { [from]: id, ...nodeWhere(link, node, where) } });
}

/** Prisma's where and orderBy for a root list, from its arguments. */
function tableQuery(read: TableRead, args: ArgsReader, given: object) {
  const { where, order } = args(given);
  return { where: keepsAll(where) ? {} : toWhere(where!, read.model), orderBy: toOrderBy(orderKeys(read, order)) };
}

/** t.prismaConnection's options for a root list of `model`: its rows and total from the spec, the spec carried along. */
export const tableList = <M extends Model>(model: M, orders: Omit<TableRead, 'kind' | 'model'>, args: ArgsReader) => {
  const read: TableRead = { kind: 'table', model, ...orders };
  return { type: model, ...pageOptions, cursor: 'id' as const, ...tableFields(read, args) };
};

const tableFields = (read: TableRead, args: ArgsReader) => ({
  extensions: { read, args },
  totalCount: (_parent: unknown, given: object, ctx: Context) =>
    delegateOf(ctx, read.model).count({ where: tableQuery(read, args, given).where }),
  resolve: (query: object, _parent: unknown, given: object, ctx: Context) =>
    delegateOf(ctx, read.model).findMany({ ...query, ...tableQuery(read, args, given) }),
});

/** A connection helper's query over a link: the link's order, and the filter on its nodes. */
export const linkQuery =
  (link: LinkRead, args?: ArgsReader) =>
  (given: object): { where: never; orderBy: never } => {
    const { where, order } = args?.(given) ?? {};
    return {
      where: (keepsAll(where) ? {} : nodeWhere(link, linkTables(link).node, where!)) as never,
      orderBy: toOrderBy(orderKeys(link, order)) as never,
    };
  };

interface LinkHelper<Row, Result> {
  getQuery: (args: never, ctx: Context, nested: never) => unknown;
  resolve: (rows: Row[], args: never, ctx: Context) => Result;
}

/**
 * t.connection's options for a link (src/read/spec.ts LinkRead) paged by a Pothos connection
 * helper: the link rows selected under the link's relation, the total counted as the spec says
 * (or as the filter keeps), and the spec carried for the compiled walker.
 */
export function linkConnection<T, Row, Result>(type: T, link: LinkRead, helper: LinkHelper<Row, Result>, args?: ArgsReader) {
  return {
    type,
    select: (given: object, ctx: Context, nested: unknown) => ({
      [link.relation]: helper.getQuery(given as never, ctx, edgesAndNodes(nested, linkTables(link).node) as never),
      ...countSelect(linkTotal(link)),
    }),
    resolve: (parent: { id: number }, given: object, ctx: Context) => {
      const where = args?.(given).where;
      const rows = (parent as unknown as Record<string, Row[]>)[link.relation]!;
      return {
        ...helper.resolve(rows, given as never, ctx),
        totalCount: () => (keepsAll(where) ? countOf(linkTotal(link), parent) : filteredLinkCount(ctx, link, parent.id, where!)),
      };
    },
    ...linkExtensions(link, args),
  };
}

/** t.prismaField's options for a root lookup of `model`: the first row meeting the condition its arguments give, or null. */
export const lookup = <M extends Model>(model: M, where: (args: object) => Condition, order?: OneRead['order']) => {
  const read: OneRead = { kind: 'one', model, ...(order ? { order } : {}) };
  return { type: model, nullable: true as const, ...lookupFields(read, where) };
};

const lookupFields = (read: OneRead, where: (args: object) => Condition) => ({
  extensions: { read, args: (args: object) => ({ where: where(args) }) },
  resolve: (query: object, _parent: unknown, args: object, ctx: Context) =>
    delegateOf(ctx, read.model).findFirst({
      ...query,
      where: toWhere(where(args), read.model),
      ...(read.order ? { orderBy: toOrderBy(read.order) } : {}),
    }),
});

/**
 * A plain list of a link's own rows (each row is the node: a version, a spelling, a link): the
 * first `first` (default `size`, checked against the page bound) in the link's order, selected
 * through the parent and answered from it.
 */
export function rowsList(link: LinkRead, size: number) {
  return {
    select: (args: { first?: number | null | undefined }, _ctx: unknown, nestedSelection: (query: object) => unknown) => ({
      [link.relation]: nestedSelection({ orderBy: toOrderBy(orderKeys(link)), take: args.first ?? size }),
    }),
    ...linkExtensions(link),
    resolve: (parent: object, args: { first?: number | null | undefined }) => {
      checkPageSize({ first: args.first });
      return (parent as Record<string, never[]>)[link.relation]!;
    },
  };
}
