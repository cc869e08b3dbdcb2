// The one Pothos SchemaBuilder: its types, its plugins, and the root types.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import { getNullableType, isListType } from 'graphql';
import { DateResolver } from 'graphql-scalars';
import type { Context } from './context.js';
import type PrismaTypes from './generated/pothos-types.js';
import { getDatamodel } from './generated/pothos-types.js';

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: Date; Output: Date };
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
      if (isListType(getNullableType(field.type))) return { field: 1, multiplier: field.name === 'edges' || field.name === 'nodes' ? 1 : 10 };
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
    // node(id) answers null for an id that decodes but names no row (Relay's contract).
    nodeQueryOptions: { nullable: true },
    nodesQueryOptions: { nullable: { list: false, items: true } },
  },
});

builder.addScalarType('Date', DateResolver);

builder.queryType({ description: 'The newsgraph archive: sources, articles, people and dated events.' });
builder.mutationType({});
