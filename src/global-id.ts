// Relay global IDs: base64 of "Type:id", as @pothos/plugin-relay writes them. One reading for
// every path (node, nodes, ID filters, the compiled reads): an id is exactly the form the API
// writes, or it is not an id. "Article:0x10", "Article:1e1", "Article:010", base64 without
// padding or with stray characters, and ids past PostgreSQL's int range all fail.

export const NODE_TYPES = ['Article', 'Person', 'Event', 'Source'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** The largest row id: every table is keyed by a PostgreSQL int. */
export const MAX_ROW_ID = 2_147_483_647;

const CANONICAL = new RegExp(`^(${NODE_TYPES.join('|')}):([1-9][0-9]{0,9})$`);

export function encodeGlobalId(typename: string, id: number | string | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

/** The same id computed in SQL from an id column (ids are short: PostgreSQL's base64 never wraps them). */
export const globalIdSql = (typename: NodeType, idSql: string) => `encode(convert_to('${typename}:' || ${idSql}, 'UTF8'), 'base64')`;

/** `{ typename, id }` of a canonical global ID; undefined for anything else. */
export function parseGlobalId(globalId: string): { typename: NodeType; id: number } | undefined {
  if (globalId.length > 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(globalId)) return undefined;
  const text = Buffer.from(globalId, 'base64').toString('utf8');
  // Base64 that does not round-trip (bad padding, bits past the end) is another spelling: refused.
  if (Buffer.from(text, 'utf8').toString('base64') !== globalId) return undefined;
  const m = CANONICAL.exec(text);
  const id = m ? Number(m[2]) : 0;
  return m && id <= MAX_ROW_ID ? { typename: m[1] as NodeType, id } : undefined;
}
