// The generic walk from a selection to SQL. It knows no field by name: a field exposed as a column
// (Pothos marks it `pothosExposedField`) reads that column; any other field reads what its spec
// says (`extensions.read`, written in src/read and attached by the Pothos field that resolves it
// from the same spec). A field without either is Unsupported, and the request goes to the
// resolvers. Every value is built as JSON in the database, as the resolvers would serialize it.
import { getNamedType, type GraphQLField, type GraphQLObjectType, type GraphQLOutputType } from 'graphql';
import { globalIdSql, type NodeType } from '../global-id.js';
import { type Condition, keepsAll, toSql } from '../read/conditions.js';
import { DEFAULT_PAGE, MAX_PAGE } from '../read/pages.js';
import { PARTIAL_DATE_FIELDS } from '../read/partial-date.js';
import {
  type Count,
  dateColumns,
  datedSql,
  type DateRead,
  type LinkRead,
  linkTables,
  linkTotal,
  type OrderKey,
  orderKeys,
  type ReadExtension,
  type RowsRead,
  type StatementRead,
  toOrderSql,
} from '../read/spec.js';
import { column, type Model, relation, table } from '../read/tables.js';
import { alias, buildObject, columnsOf, fieldsOf, inline, key, ref, Unsupported, type Compilation, type Selected } from './sql.js';

const extensionOf = (def: GraphQLField<unknown, unknown>) =>
  def.extensions as { read?: ReadExtension['read']; args?: ReadExtension['args']; pothosExposedField?: string };

/** The list's condition and order from its arguments; a bad argument is left to the resolvers' error. */
function argsOf(f: Selected): { where?: Condition; order?: string | null } {
  const reader = extensionOf(f.def).args;
  return reader ? reader(f.args) : {};
}

/** A column as its GraphQL scalar serializes: DateTime in UTC with milliseconds, as JavaScript writes it. */
function scalar(type: GraphQLOutputType, sql: string): string {
  return getNamedType(type).name === 'DateTime' ? `to_char(${sql}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : sql;
}

/** The JSON object the selection `f` asks of `typeName`, read from row alias `t`. */
export function object(c: Compilation, typeName: string, t: string, f: Selected): string {
  const type = c.schema.getType(typeName) as GraphQLObjectType | undefined;
  if (!type) throw new Unsupported(typeName);
  const isNode = type.getInterfaces().some((i) => i.name === 'Node');
  return buildObject(fieldsOf(c, type, f.node.selectionSet), (field) => {
    if (field.def.name === '__typename') return key(typeName);
    if (field.def.name === 'id' && isNode) return globalIdSql(typeName as NodeType, ref(c, t, 'id'));
    const ext = extensionOf(field.def);
    if (typeof ext.pothosExposedField === 'string') return scalar(field.def.type, ref(c, t, ext.pothosExposedField));
    const read = ext.read;
    switch (read?.kind) {
      case 'derived':
        return read.sql((name) => ref(c, t, name));
      case 'date':
        return partialDate(c, t, field, read);
      case 'ref':
        return byId(c, read.model, ref(c, t, read.fk), field);
      case 'count':
        return countSql(c, read.count, typeName as Model, t);
      case 'link':
        return read.list ? linkList(c, t, field, read) : linkConnection(c, t, field, read);
      case 'rows':
        return rows(c, t, field, read);
      default:
        throw new Unsupported(`${typeName}.${field.def.name}`);
    }
  });
}

/** A row of `model` by id; null when none. */
export function byId(c: Compilation, model: Model, idSql: string, f: Selected): string {
  const t = alias(c);
  return `(SELECT ${object(c, model, t, f)} FROM ${table(model)} ${t} WHERE ${t}.id = ${idSql})`;
}

/** The first row of `model` meeting `where`; null when none. */
export function oneRow(c: Compilation, model: Model, where: Condition, order: readonly OrderKey[] | undefined, f: Selected): string {
  const t = alias(c);
  const orderSql = order ? ` ORDER BY ${toOrderSql(order, t)}` : '';
  return `(SELECT ${object(c, model, t, f)} FROM ${table(model)} ${t} WHERE ${inline(c, toSql(where, t, model))}${orderSql} LIMIT 1)`;
}

/** `first` of a forward page; cursors and backward pages are left to the resolvers. */
export function pageSize(args: Record<string, unknown>, fallback = DEFAULT_PAGE): number {
  if (args.after != null || args.before != null || args.last != null) throw new Unsupported('cursor paging');
  const first = (args.first as number | null | undefined) ?? fallback;
  // Out of range: the resolvers raise the proper BAD_USER_INPUT error.
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw new Unsupported('page size');
  return first;
}

/** A total of row `t` of `model`: its kept column, or a count of a relation's rows. */
function countSql(c: Compilation, count: Count, model: Model, t: string): string {
  if ('column' in count) return ref(c, t, count.column);
  const r = relation(model, count.relation);
  return `(SELECT count(*) FROM ${table(r.model)} WHERE "${r.fk}" = ${ref(c, t, 'id')})`;
}

export interface PageSql {
  nodeType: Model;
  /** A SELECT of the node rows (the `columns` the selection reads, each followed by a comma)
   *  plus an `_o` ordinal, ordered and limited by `limit`. */
  page: (limit: string, columns: (table: string) => string) => string;
  count: string;
  /** Edge fields beyond `node`, read from page row `t`. */
  edge?: (t: string) => Record<string, () => string>;
  /** An edge field exposed as a column of the link row, read from page row `t`. */
  edgeColumn?: (t: string, column: string) => string;
  /** Connection fields beyond nodes, edges and totalCount. */
  extra?: Record<string, () => string>;
  /** CTEs the page and the count read, after a WITH. */
  with?: string;
}

/** A connection: nodes, edges { node, … }, totalCount; pageInfo and cursors are not compiled. */
export function connection(c: Compilation, f: Selected, spec: PageSql): string {
  const connType = getNamedType(f.def.type) as GraphQLObjectType;
  // Written into the SQL, not bound: with a bound LIMIT PostgreSQL's generic plan guesses a page
  // of a tenth of the table, so it planned Q afresh every time (0.64 ms of its 1.3). A page size
  // is an integer from 0 to MAX_PAGE (checked by pageSize), so it is safe as text and adds at
  // most 101 statements per shape.
  const limit = String(pageSize(f.args));
  const t = alias(c);
  let paged = false;
  const aggregate = (value: string) => {
    paged = true;
    return `COALESCE(json_agg(${value} ORDER BY ${t}._o), '[]'::json)`;
  };
  const body = buildObject(fieldsOf(c, connType, f.node.selectionSet), (field) => {
    switch (field.def.name) {
      case '__typename':
        return key(connType.name);
      case 'totalCount':
        return spec.count;
      case 'nodes':
        return aggregate(object(c, spec.nodeType, t, field));
      case 'edges': {
        const edgeType = getNamedType(field.def.type) as GraphQLObjectType;
        const edgeFields: Record<string, () => string> = spec.edge?.(t) ?? {};
        return aggregate(
          buildObject(fieldsOf(c, edgeType, field.node.selectionSet), (e) => {
            if (e.def.name === '__typename') return key(edgeType.name);
            if (e.def.name === 'node') return object(c, spec.nodeType, t, e);
            const exposed = extensionOf(e.def).pothosExposedField;
            if (typeof exposed === 'string' && spec.edgeColumn) return spec.edgeColumn(t, exposed);
            const sql = edgeFields[e.def.name];
            if (!sql) throw new Unsupported(`${edgeType.name}.${e.def.name}`);
            return sql();
          }),
        );
      }
      default: {
        const extra = spec.extra?.[field.def.name];
        if (!extra) throw new Unsupported(`${connType.name}.${field.def.name}`);
        return extra();
      }
    }
  });
  const columns = (table: string) =>
    columnsOf(c, t, table)
      .map((col) => `${col},`)
      .join(' ');
  const ctes = spec.with ? `WITH ${spec.with} ` : '';
  return paged ? `(${ctes}SELECT ${body} FROM (${spec.page(limit, columns)}) ${t})` : `(${ctes}SELECT ${body})`;
}

/** The rows of a whole table, filtered and ordered by the field's arguments. */
export function tableConnection(c: Compilation, f: Selected, model: Model, orders: Record<string, readonly OrderKey[]>, fallback: string) {
  const { where, order } = argsOf(f);
  const x = 'x';
  const cond = keepsAll(where) ? 'TRUE' : inline(c, toSql(where!, x, model));
  const orderSql = toOrderSql(orderKeys({ orders, defaultOrder: fallback }, order), x);
  return connection(c, f, {
    nodeType: model,
    page: (limit, columns) =>
      `SELECT ${columns(x)} row_number() OVER (ORDER BY ${orderSql}) AS _o FROM ${table(model)} ${x} WHERE ${cond} ORDER BY ${orderSql} LIMIT ${limit}`,
    count: `(SELECT count(*) FROM ${table(model)} ${x} WHERE ${cond})`,
  });
}

/** The alias of the link rows: `n` itself when the related rows are the nodes (a source's articles). */
const linkAlias = (link: LinkRead) => (link.nodeRelation ? 'l' : 'n');

/** The link rows of row `t` joined to their nodes: the FROM and WHERE of a link's page and count. */
function linkRows(c: Compilation, t: string, link: LinkRead, where: Condition | undefined) {
  const { model, from, node, to } = linkTables(link);
  const cond = keepsAll(where) ? '' : ` AND ${inline(c, toSql(where!, 'n', node))}`;
  const l = linkAlias(link);
  const join = l === 'n' ? '' : ` JOIN ${table(node)} n ON ${column('n', 'id')} = ${column(l, to)}`;
  return `FROM ${table(model)} ${l}${join} WHERE ${column(l, from)} = ${ref(c, t, 'id')}${cond}`;
}

function linkConnection(c: Compilation, t: string, f: Selected, link: LinkRead): string {
  const { where, order } = argsOf(f);
  const orderSql = toOrderSql(orderKeys(link, order), linkAlias(link), 'n');
  const from = linkRows(c, t, link, where);
  // The link row's columns the edges expose, named apart from the node's (both may have "evidence").
  const edgeColumns = new Set<string>();
  return connection(c, f, {
    nodeType: linkTables(link).node,
    page: (limit, columns) =>
      `SELECT ${columns('n')} ${[...edgeColumns].map((col) => `${column(linkAlias(link), col)} AS "_l_${col}",`).join(' ')}
        row_number() OVER (ORDER BY ${orderSql}) AS _o ${from} ORDER BY ${orderSql} LIMIT ${limit}`,
    // A filtered list counts what the filter keeps; a whole one reads its count as the spec says.
    count: keepsAll(where) ? countSql(c, linkTotal(link), link.parent, t) : `(SELECT count(*) ${from})`,
    edgeColumn: (e, col) => {
      edgeColumns.add(col);
      return `${e}."_l_${col}"`;
    },
  });
}

/** A plain list through a link: the first `first` in the link's order. */
function linkList(c: Compilation, t: string, f: Selected, link: LinkRead): string {
  const p = alias(c);
  const keys = orderKeys(link);
  const size = pageSize(f.args, link.list?.size);
  const order = toOrderSql(keys, linkAlias(link), 'n');
  const page = `SELECT n.*, row_number() OVER (ORDER BY ${order}) AS _o ${linkRows(c, t, link, undefined)} ORDER BY ${order} LIMIT ${size}`;
  return `COALESCE((SELECT json_agg(${object(c, linkTables(link).node, p, f)} ORDER BY ${p}._o) FROM (${page}) ${p}), '[]'::json)`;
}

/** Rows a statement gives for row `t`, each an object of the spec's type. */
function rows(c: Compilation, t: string, f: Selected, spec: RowsRead): string {
  const x = alias(c);
  const statement = inline(c, spec.statement(ref(c, t, 'id'), pageSize(f.args, spec.size)));
  const type = getNamedType(f.def.type).name;
  return `COALESCE((SELECT json_agg(${object(c, type, x, f)} ORDER BY ${toOrderSql(spec.order, x)}) FROM (${statement}) ${x}), '[]'::json)`;
}

/** PartialDate from its columns (src/read/partial-date.ts); null when an undated row has none. */
function partialDate(c: Compilation, t: string, f: Selected, spec: DateRead): string {
  // Columns are referenced only when their field is selected, so a page reads no more.
  const columnRef = (name: string) => ref(c, t, name);
  const refs = dateColumns(spec, columnRef);
  const type = c.schema.getType('PartialDate') as GraphQLObjectType;
  const value = buildObject(fieldsOf(c, type, f.node.selectionSet), (field) => {
    if (field.def.name === '__typename') return key('PartialDate');
    const spec = PARTIAL_DATE_FIELDS[field.def.name];
    if (!spec) throw new Unsupported(`PartialDate.${field.def.name}`);
    return spec.sql(refs);
  });
  return datedSql(spec, columnRef, value);
}

/**
 * A root list of rows one statement gives (src/read/spec.ts StatementRead). More rows than its
 * maximum is the field's own error: the statement then fails (a cast of the count that cannot
 * succeed), and a failed statement hands the request to the resolvers, which raise that error.
 */
export function statementRows(c: Compilation, f: Selected, read: StatementRead): string {
  const x = alias(c);
  const rows = inline(c, read.statement(f.args));
  const type = getNamedType(f.def.type).name;
  const list = `COALESCE(json_agg(${object(c, type, x, f)} ORDER BY ${toOrderSql(read.order, x)}), '[]'::json)`;
  return `(SELECT CASE WHEN count(*) > ${read.max} THEN (count(*)::text || ' rows')::int::text::json ELSE ${list} END FROM (${rows}) ${x})`;
}
