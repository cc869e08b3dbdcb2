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
import { nameKey } from '../text/names.js';
import { parseGlobalId } from '../global-id.js';
import { articleFilterSql, type ArticleFilterShape } from '../schema/article.js';
import { Prisma } from '../generated/prisma/client.js';
import { searchWindowStart } from '../db/search-window.js';
import { SEARCH_CANDIDATES, searchCandidatesSql, searchHighlightSql, searchPageSql, searchText } from '../schema/search.js';
import { buildObject, fieldsOf, inline, key, LateParam, param, Unsupported, type Compilation, type Selected } from './sql.js';
import { byId, connection } from './types.js';

export interface CompiledRead {
  sql: string;
  params: unknown[];
}

/** Query.articles: the filter and orders of src/schema/article.ts. */
function articles(c: Compilation, f: Selected): string {
  const conditions = inline(c, articleFilterSql(f.args.filter as ArticleFilterShape | undefined));
  const order = f.args.orderBy === 'OLDEST_FIRST' ? 'a."publishedStart" ASC, a.id ASC' : 'a."sortDate" DESC, a.id DESC';
  return connection(c, f, {
    nodeType: 'Article',
    page: (limit, columns) =>
      `SELECT ${columns('a')} row_number() OVER (ORDER BY ${order}) AS _o FROM "Article" a WHERE ${conditions} ORDER BY ${order} LIMIT ${limit}`,
    count: `(SELECT count(*) FROM "Article" a WHERE ${conditions})`,
  });
}

function node(c: Compilation, f: Selected): string {
  // Not an id: the resolvers refuse it, with the same reading (src/global-id.ts).
  const parsed = parseGlobalId(String(f.args.id));
  if (!parsed) throw new Unsupported('node id');
  return byId(c, parsed.typename, param(c, parsed.id, 'int'), f);
}

function person(c: Compilation, f: Selected): string {
  const name = String(f.args.name);
  const normalized = nameKey(name);
  if (!normalized || name.length > 200) throw new Unsupported('person name');
  return byId(c, 'Person', `(SELECT pa."personId" FROM "PersonAlias" pa WHERE pa.normalized = ${param(c, normalized, 'text')})`, f);
}

/** Query.search: the statements of src/schema/search.ts, the page joined to its articles. */
function search(c: Compilation, f: Selected): string {
  const text = searchText(String(f.args.query));
  const windowDay = new LateParam((prisma) => searchWindowStart(prisma));
  // Set while the edges compile, which connection() does before it asks for the page: the
  // snippet is computed only when a client selects it.
  let highlight = false;
  return connection(c, f, {
    nodeType: 'Article',
    with: inline(c, searchCandidatesSql(text, f.args.filter as ArticleFilterShape | undefined, windowDay)),
    page: (limit, columns) => {
      const snippet = highlight ? `${inline(c, searchHighlightSql(text))} AS "_highlight",` : '';
      return `SELECT ${columns('a')} ${snippet} h.rank AS "_rank", row_number() OVER (ORDER BY h.rank DESC, h.id DESC) AS _o
        FROM (${inline(c, searchPageSql(Prisma.raw(limit), 0))}) h JOIN "Article" a ON a.id = h.id`;
    },
    count: '(SELECT count(*) FROM candidates)',
    extra: { totalCountIsExact: () => `((SELECT count(*) FROM candidates) < ${SEARCH_CANDIDATES})` },
    edge: (t) => ({
      rank: () => `${t}."_rank"`,
      highlight: () => {
        highlight = true;
        return `${t}."_highlight"`;
      },
    }),
  });
}

const ROOTS: Record<string, (c: Compilation, f: Selected) => string> = { articles, node, person, search };

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
): CompiledRead | null {
  const op = operation(document, operationName);
  const queryType = schema.getQueryType();
  if (op?.operation !== 'query' || !queryType) return null;
  const coerced = getVariableValues(schema, op.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const c: Compilation = { schema, fragments, variables: coerced.coerced, params: [], aliases: 0, columns: new Map() };
  try {
    const data = buildObject(fieldsOf(c, queryType, op.selectionSet), (f) => {
      // The response cache asks every selection for its __typename, the root's too.
      if (f.def.name === '__typename') return key(queryType.name);
      const root = ROOTS[f.def.name];
      if (!root) throw new Unsupported(`Query.${f.def.name}`);
      return root(c, f);
    });
    return { sql: `SELECT ${data} AS data`, params: c.params };
  } catch {
    // Unsupported, or an argument the resolvers will reject with a proper error.
    return null;
  }
}
