// Compiles a whole read operation into one SQL statement that returns the response's `data` as
// JSON, as PostGraphile does: no ORM round trip, no per-field resolvers. It covers the hot reads
// (article lists with their people and events, node(id), a person's page, search); any other
// field, a cursor, a directive or a bad argument makes it give up, and graphql-js answers as usual.
import {
  getVariableValues,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { parseGlobalId } from '../global-id.js';
import type { ReadExtension } from '../read/spec.js';
import { Prisma } from '../generated/prisma/client.js';
import type { SearchSettings } from '../config.js';
import { SEARCH_ORDER, searchCandidatesSql, searchHighlightSql, searchPageSql } from '../read/search.js';
import { toOrderSql } from '../read/spec.js';
import { searchText } from '../schema/search.js';
import { buildObject, fieldsOf, inline, key, param, Unsupported, type Compilation, type Selected } from './sql.js';
import { byId, connection, oneRow, statementRows, tableConnection } from './walk.js';

export interface CompiledRead {
  sql: string;
  params: unknown[];
  /** Every root field may be answered from the archive memo (src/db/archive-memo.ts) until the next write. */
  fromMemory: boolean;
}

function node(c: Compilation, f: Selected): string {
  // Not an id: the resolvers refuse it, with the same reading (src/global-id.ts).
  const parsed = parseGlobalId(String(f.args.id));
  if (!parsed) throw new Unsupported('node id');
  return byId(c, parsed.typename, param(c, parsed.id, 'int'), f);
}

/** Relay's nodes(ids): each id as node(id) reads it, in order; a malformed one leaves it to the resolvers. */
function nodes(c: Compilation, f: Selected): string {
  const ids = f.args.ids as unknown[];
  if (!ids.length) return `'[]'::json`;
  // json_build_array takes at most 100 arguments.
  if (ids.length > 100) throw new Unsupported('nodes');
  return `json_build_array(${ids.map((id) => node(c, { ...f, args: { id } })).join(', ')})`;
}

/** Query.search: the statements of src/schema/search.ts, the page joined to its articles. */
function search(c: Compilation, f: Selected): string {
  const text = searchText(String(f.args.query));
  const where = (f.def.extensions as Partial<ReadExtension>).args?.(f.args).where;
  if (!where) throw new Unsupported('search filter');
  // Set while the edges compile, which connection() does before it asks for the page: the
  // snippet is computed only when a client selects it.
  let highlight = false;
  return connection(c, f, {
    nodeType: 'Article',
    with: inline(c, searchCandidatesSql(text, where, c.search.candidates)),
    page: (limit, columns) => {
      const snippet = highlight ? `${inline(c, searchHighlightSql(text))} AS "_highlight",` : '';
      return `SELECT ${columns('a')} ${snippet} h.rank AS "_rank", row_number() OVER (ORDER BY ${toOrderSql(SEARCH_ORDER, 'h')}) AS _o
        FROM (${inline(c, searchPageSql(Prisma.raw(limit)))}) h JOIN "Article" a ON a.id = h.id`;
    },
    count: '(SELECT count(*) FROM candidates)',
    extra: { totalCountIsExact: () => `((SELECT count(*) FROM candidates) < ${c.search.candidates})` },
    edge: (t) => ({
      rank: () => `${t}."_rank"`,
      highlight: () => {
        highlight = true;
        return `${t}."_highlight"`;
      },
    }),
  });
}

/** A root field: Relay's node, search, or what its spec says (a table's rows, or one row). */
function root(c: Compilation, f: Selected): string {
  if (f.def.name === 'node') return node(c, f);
  if (f.def.name === 'nodes') return nodes(c, f);
  if (f.def.name === 'search') return search(c, f);
  const ext = f.def.extensions as Partial<ReadExtension>;
  const read = ext.read;
  if (read?.kind === 'table') return tableConnection(c, f, read.model, read.orders, read.defaultOrder);
  if (read?.kind === 'statement') return statementRows(c, f, read);
  if (read?.kind === 'one') {
    const where = ext.args?.(f.args).where;
    if (!where) throw new Unsupported(`Query.${f.def.name}`);
    return oneRow(c, read.model, where, read.order, f);
  }
  throw new Unsupported(`Query.${f.def.name}`);
}

function operation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
}

/** The operation as one SQL statement, or null when it is not a read this path covers. */
export function compileRead(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
  search: SearchSettings,
): CompiledRead | null {
  const op = operation(document, operationName);
  const queryType = schema.getQueryType();
  if (op?.operation !== 'query' || !queryType) return null;
  const coerced = getVariableValues(schema, op.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const c: Compilation = { schema, fragments, variables: coerced.coerced, params: [], aliases: 0, columns: new Map(), search };
  try {
    const roots = fieldsOf(c, queryType, op.selectionSet);
    const memo = (f: Selected) => {
      const read = (f.def.extensions as Partial<ReadExtension> | undefined)?.read;
      return f.def.name === '__typename' || (read?.kind === 'statement' && read.memo === true);
    };
    const data = buildObject(roots, (f) => {
      // The response cache asks every selection for its __typename, the root's too.
      if (f.def.name === '__typename') return key(queryType.name);
      return root(c, f);
    });
    return { sql: `SELECT ${data} AS data`, params: c.params, fromMemory: roots.every(memo) };
  } catch {
    // Unsupported, or an argument the resolvers will reject with a proper error.
    return null;
  }
}
