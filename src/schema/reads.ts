// Pothos field options built from a read spec (src/read): the resolver's select and function come
// from the spec, and the spec rides along in `extensions.read` for the compiled walker. One spec,
// both paths.
import { type Condition, toWhere } from '../read/conditions.js';
import { PARTIAL_DATE_FIELDS, type PartialDateShape } from '../read/partial-date.js';
import type { ArgsReader, Count, DateRead, Derived, LinkRead } from '../read/spec.js';
import type { Model } from '../read/tables.js';
import type { Context } from '../context.js';
import { PartialDate } from './partial-date.js';

export const derivedField = <Row, const S extends Record<string, unknown>>(spec: Derived<Row> & { select: S }) => ({
  select: spec.select,
  // The parent is what `select` fetched: the spec's Row.
  resolve: (row: object) => spec.resolve(row as Row) as never,
  extensions: { read: spec },
});

export const refExtensions = (model: Model, fk: string) => ({ extensions: { read: { kind: 'ref', model, fk } } });

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

export { PARTIAL_DATE_FIELDS };

type CountSelect<C> = C extends { column: infer K extends string }
  ? { [P in K]: true }
  : C extends { relation: infer R extends string }
    ? { _count: { select: { [P in R]: true } } }
    : never;

/** What the parent row must select for a total: the kept column, or Prisma's count of the link rows. */
export const countSelect = <const C extends Count>(count: C) =>
  ('column' in count ? { [count.column]: true } : { _count: { select: { [count.relation]: true } } }) as CountSelect<C>;

export const linkCount = <const L extends LinkRead>(link: L) => countSelect(link.count as L['count']);

/** The total read from the parent row selected with countSelect. */
export function countOf(count: Count, row: object): number {
  const r = row as Record<string, unknown>;
  if ('column' in count) return r[count.column] as number;
  return (r._count as Record<string, number>)[count.relation]!;
}

export const linkExtensions = (link: LinkRead, args?: ArgsReader) => ({ extensions: { read: link, ...(args ? { args } : {}) } });

type Delegate = { count: (args: { where: Record<string, unknown> }) => Promise<number> };

/** The link rows of `id` whose node meets `where`: a filtered list's total. */
export function filteredLinkCount(ctx: Context, link: LinkRead, id: number, where: Condition): Promise<number> {
  const delegate = (ctx.prisma as unknown as Record<string, Delegate>)[link.model[0]!.toLowerCase() + link.model.slice(1)]!;
  return delegate.count({ where: { [link.from]: id, [link.nodeRelation]: toWhere(where) } });
}
