// The one Pothos SchemaBuilder: its types, its plugins, and the root types.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import { getNullableType, isListType } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { DateScalar } from './date-scalar.js';
import { encodeGlobalId, parseGlobalId } from './global-id.js';
import { badInput } from './schema/errors.js';
import type { Context } from './context.js';
import type PrismaTypes from './generated/pothos-types.js';
import { getDatamodel } from './generated/pothos-types.js';

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  // Every list says how long it is: a number, or a function that counts only when asked.
  Connection: { totalCount: number | (() => number | Promise<number>) };
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
  };
}>({
  plugins: [ComplexityPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  complexity: {
    // Costs only (the limit is checked while validating, in src/limits.ts): a connection's
    // contents count `first`/`last` times (20 by default), `nodes(ids)` once per id, and its
    // edges/nodes lists once, so they are not counted twice; other lists ten times.
    fieldComplexity: (args, _ctx, field) => {
      const a = args as { first?: number | null; last?: number | null; ids?: unknown[] };
      if (Array.isArray(a.ids)) return { field: 1, multiplier: Math.max(1, a.ids.length) };
      if (field.args.some((arg) => arg.name === 'first')) return { field: 1, multiplier: Math.max(1, a.first ?? a.last ?? 20) };
      if (isListType(getNullableType(field.type)))
        return { field: 1, multiplier: field.name === 'edges' || field.name === 'nodes' ? 1 : 10 };
      return 1;
    },
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: true,
    // One reading of ids for every path (src/global-id.ts). A malformed id decodes to no type
    // here, so node and nodes can refuse it themselves: nodes(ids) answers the good ones.
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, id),
    decodeGlobalID: (globalID) => {
      const parsed = parseGlobalId(globalID);
      return parsed ? { typename: parsed.typename, id: String(parsed.id) } : { typename: '', id: globalID };
    },
    // node(id) answers null for an id that names no row (Relay's contract); an id that is not
    // one is an error, for that id alone.
    nodeQueryOptions: {
      nullable: true,
      resolve: (_root, args, _ctx, _info, resolveNode) => {
        if (!args.id.typename) throw notAnId(args.id.id);
        return resolveNode(args.id);
      },
    },
    nodesQueryOptions: {
      nullable: { list: false, items: true },
      resolve: async (_root, args, _ctx, _info, resolveNodes) => {
        const raw = args.ids.map((id) => (id.typename ? undefined : id.id));
        // resolveNodes reads args.ids: a malformed entry is emptied there so it loads nothing.
        raw.forEach((r, i) => {
          if (r !== undefined) (args.ids as unknown[])[i] = null;
        });
        const nodes = await resolveNodes(args.ids);
        // An Error in a list is that item's error: null for it alone, with its path.
        return nodes.map((node, i) => (raw[i] !== undefined ? notAnId(raw[i]) : node)) as typeof nodes;
      },
    },
  },
});

const notAnId = (raw: string) =>
  badInput(`"${raw.slice(0, 80)}" is not an ID of this API: IDs are returned by it, never built.`, { argument: 'id' });

builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeResolver);

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'Items in the whole list, on every page. For search: counted as far as it ranks (see totalCountIsExact).',
    resolve: (parent) => (typeof parent.totalCount === 'function' ? parent.totalCount() : parent.totalCount),
  }),
);

builder.queryType({ description: 'The newsgraph archive: sources, articles, people and dated events.' });
builder.mutationType({});
