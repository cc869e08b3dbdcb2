// The building blocks of a compiled read: parameters, table aliases, and the walk over a
// selection set. Anything this walk does not understand throws Unsupported, and the request runs
// through the ordinary resolvers instead, so a compiled answer is never a guess.
import {
  getArgumentValues,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { SearchSettings } from '../config.js';

export class Unsupported extends Error {}

export interface Compilation {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  params: unknown[];
  aliases: number;
  /** Columns read through each row alias: a page selects only these, never a body it does not need. */
  columns: Map<string, Set<string>>;
  search: SearchSettings;
}

/** A bound parameter with its SQL type: values never enter the SQL text, so one shape is one
 *  prepared statement whatever the values. */
export function param(c: Compilation, value: unknown, type: string): string {
  c.params.push(value);
  return `$${c.params.length}::${type}`;
}

/** A Prisma.sql fragment (its casts written in it) as text, its values bound here. */
export function inline(c: Compilation, sql: { strings: readonly string[]; values: readonly unknown[] }): string {
  return sql.strings.reduce((text, next, i) => `${text}$${c.params.push(sql.values[i - 1])}${next}`);
}

export const alias = (c: Compilation) => `t${c.aliases++}`;

/** Column `name` of row alias `t`, remembered for the page that produces `t`. */
export function ref(c: Compilation, t: string, name: string): string {
  let used = c.columns.get(t);
  if (!used) {
    used = new Set();
    c.columns.set(t, used);
  }
  used.add(name);
  return `${t}."${name}"`;
}

/** The columns read through `t`, qualified by the page's own table alias. */
export const columnsOf = (c: Compilation, t: string, table: string) => [...(c.columns.get(t) ?? [])].map((name) => `${table}."${name}"`);

/** A GraphQL name (letters, digits, underscore) as an SQL string literal. */
export const key = (name: string) => `'${name}'`;

export interface Selected {
  key: string;
  node: FieldNode;
  def: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
}

/** The fields a selection set asks of `type`, through fragments that apply to it. */
export function fieldsOf(c: Compilation, type: GraphQLObjectType, set: SelectionSetNode | undefined): Selected[] {
  if (!set) throw new Unsupported(`${type.name} needs a selection`);
  const out: Selected[] = [];
  const seen = new Set<string>();
  const walk = (selections: SelectionSetNode['selections']) => {
    for (const s of selections) {
      // @include/@skip and the like are left to graphql-js.
      if (s.directives?.length) throw new Unsupported('directives');
      if (s.kind === Kind.FIELD) {
        const responseKey = s.alias?.value ?? s.name.value;
        if (seen.has(responseKey)) {
          // A leaf asked twice under one key is one value (validation has made them the same
          // field with the same arguments); merging two sub-selections is graphql-js' job.
          if (!s.selectionSet && out.find((o) => o.key === responseKey)?.node.selectionSet === undefined) continue;
          throw new Unsupported(`repeated ${responseKey}`);
        }
        seen.add(responseKey);
        if (s.name.value === '__typename') {
          out.push({ key: responseKey, node: s, def: { name: '__typename' } as GraphQLField<unknown, unknown>, args: {} });
          continue;
        }
        const def = type.getFields()[s.name.value];
        if (!def) throw new Unsupported(`${type.name}.${s.name.value}`);
        out.push({ key: responseKey, node: s, def, args: getArgumentValues(def, s, c.variables) });
      } else {
        const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : c.fragments[s.name.value];
        if (!fragment) throw new Unsupported('unknown fragment');
        const on = fragment.typeCondition?.name.value;
        if (on && on !== type.name && !type.getInterfaces().some((i) => i.name === on)) continue;
        walk(fragment.selectionSet.selections);
      }
    }
  };
  walk(set.selections);
  return out;
}

/** json_build_object over the selected keys; each value from `value(field)`. */
export function buildObject(fields: Selected[], value: (f: Selected) => string): string {
  if (fields.length === 0) throw new Unsupported('empty selection');
  // json_build_object takes at most 100 arguments: 50 keys.
  if (fields.length > 50) throw new Unsupported('too many fields');
  return `json_build_object(${fields.map((f) => `${key(f.key)}, ${value(f)}`).join(', ')})`;
}
