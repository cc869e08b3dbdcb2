// Random valid read queries, generated from the schema itself: root fields, nested objects and
// connections, arguments (page sizes, orders, filters) with values taken from the archive (real
// ids, names, slugs, addresses, words), aliases, inline and named fragments. A field the
// generator meets for the first time is covered without a change here: it walks the types.
import {
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

/** Values from the archive the arguments draw on. */
export interface Samples {
  ids: Record<'Article' | 'Person' | 'Event' | 'Source', string[]>;
  names: string[];
  slugs: string[];
  urls: string[];
  words: string[];
}

/** A small seeded generator (mulberry32): the same seed, the same queries. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

const PAGE_SIZES = [0, 1, 2, 3, 5, 10, 20];

/** The roots a client reads; mutations are left out, and so is nothing else. */
const skipRoot = (name: string) => name.startsWith('__');

export function generateQuery(schema: GraphQLSchema, samples: Samples, r: Rng): string {
  const fragments: string[] = [];
  const literal = (value: unknown): string => JSON.stringify(value);

  const dateIn = (from: number, to: number) => {
    const day = new Date(Date.UTC(from + r.int(to - from), r.int(12), 1 + r.int(28)));
    return day.toISOString().slice(0, 10);
  };

  /** A value for an argument or input field, by its name first (ids, names, dates), then by its type. */
  function value(name: string, type: GraphQLInputType, depth: number): string | undefined {
    const named = getNamedType(type);
    if (isListType(getNullableType(type))) {
      const items = Array.from({ length: 1 + r.int(3) }, () => value(name, getNamedType(type) as GraphQLInputType, depth));
      return `[${items.filter(Boolean).join(', ')}]`;
    }
    if (isEnumType(named)) return r.pick(named.getValues()).name;
    if (isInputObjectType(named)) return inputObject(named, depth + 1);
    switch (name) {
      case 'first':
      case 'last':
        // Now and then past the limit: both paths must refuse it alike.
        return String(r.chance(0.03) ? 101 : r.pick(PAGE_SIZES));
      case 'after':
      case 'before':
        return literal(r.chance(0.5) ? 'bm90LWEtY3Vyc29y' : Buffer.from(`GPC:N:${1 + r.int(50)}`).toString('base64'));
      case 'id':
      case 'ids':
        return literal(anyId());
      case 'personId':
        return literal(r.chance(0.9) ? r.pick(samples.ids.Person) : anyId());
      case 'sourceId':
        return literal(r.chance(0.9) ? r.pick(samples.ids.Source) : anyId());
      case 'name':
        return literal(nameVariant());
      case 'nameContains': {
        // Part of a real name, or LIKE's own characters, which must be taken literally.
        const n = r.pick(samples.names);
        const start = r.int(Math.max(1, n.length - 3));
        return literal(r.chance(0.1) ? r.pick(['%', '_', 'Kim%', 'a_b', '\\']) : n.slice(start, start + 2 + r.int(6)));
      }
      case 'slug':
        return literal(r.chance(0.8) ? r.pick(samples.slugs) : r.pick(['nosuchsource', 'KCNA', 'kc na']));
      case 'url':
        return literal(r.chance(0.8) && samples.urls.length ? r.pick(samples.urls) : r.pick(['http://nowhere.example/x', 'not a url']));
      case 'query':
        return literal(r.chance(0.3) ? `"${r.pick(samples.names)}"` : r.pick(samples.words));
    }
    if (isScalarType(named)) {
      if (named.name === 'Date') return literal(dateIn(1930, 2030));
      if (named.name === 'DateTime') return literal(r.chance(0.5) ? '2000-01-01T00:00:00Z' : new Date(Date.now() + 3600_000).toISOString());
      if (named.name === 'Int') return String(r.pick(PAGE_SIZES));
      if (named.name === 'Boolean') return String(r.chance(0.5));
      if (named.name === 'String') return literal(r.pick(samples.words));
      if (named.name === 'ID') return literal(anyId());
    }
    return undefined;
  }

  function anyId(): string {
    const type = r.pick(['Article', 'Person', 'Event', 'Source'] as const);
    return r.chance(0.95) ? r.pick(samples.ids[type]) : Buffer.from(`${type}:99999999`).toString('base64');
  }

  function nameVariant(): string {
    const n = r.pick(samples.names);
    return r.pick([n, n.toUpperCase(), n.toLowerCase(), `${n} Nobody`]);
  }

  function inputObject(type: GraphQLInputObjectType, depth: number): string | undefined {
    if (depth > 2) return undefined;
    const parts: string[] = [];
    for (const f of Object.values(type.getFields())) {
      if (!isNonNullType(f.type) && !r.chance(0.35)) continue;
      const v = value(f.name, f.type, depth);
      if (v !== undefined) parts.push(`${f.name}: ${v}`);
    }
    return `{ ${parts.join(', ')} }`;
  }

  function args(list: readonly GraphQLArgument[]): string | null {
    const parts: string[] = [];
    for (const a of list) {
      const required = isNonNullType(a.type);
      // Cursors and `last` are rare: they leave the compiled path.
      const p = ['after', 'before', 'last'].includes(a.name) ? 0.015 : 0.6;
      if (!required && !r.chance(p)) continue;
      const v = value(a.name, a.type, 0);
      if (v === undefined) {
        if (required) return null;
        continue;
      }
      parts.push(`${a.name}: ${v}`);
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  /** A selection of `type`: a few fields, some nested, some aliased or inside fragments. */
  function selection(type: GraphQLObjectType, depth: number): string {
    const fields = Object.values(type.getFields());
    const leaves = fields.filter((f) => !isObjectType(getNamedType(f.type)) && !isInterfaceType(getNamedType(f.type)));
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    const want = 1 + r.int(Math.min(5, fields.length));
    for (let i = 0; i < want * 2 && chosen.size < want; i += 1) {
      const f = r.pick(fields);
      // Deeper levels keep to leaves and the odd link: each level multiplies the rows.
      if (depth >= 3 && !leaves.includes(f)) continue;
      // Cursors and pageInfo are rare, as in the operations clients send for a first page.
      if ((f.name === 'cursor' || f.name === 'pageInfo') && !r.chance(0.15)) continue;
      chosen.add(f);
    }
    const plain = leaves.filter((f) => f.name !== 'cursor');
    if (plain.length && ![...chosen].some((f) => leaves.includes(f))) chosen.add(r.pick(plain));
    const parts: string[] = [];
    let n = 0;
    for (const f of chosen) {
      const text = field(f, depth);
      if (text === null) continue;
      const aliased = r.chance(0.12) ? `a${n++}_${f.name}: ${text}` : text;
      parts.push(aliased);
    }
    if (!parts.length) parts.push('__typename');
    if (r.chance(0.1)) parts.push('__typename');
    // Some fields travel in a fragment on the type: inline, or named and spread.
    if (parts.length > 1 && r.chance(0.2)) {
      const moved = parts.splice(r.int(parts.length), 1)[0]!;
      if (r.chance(0.5)) parts.push(`... on ${type.name} { ${moved} }`);
      else {
        const name = `F${fragments.length}`;
        fragments.push(`fragment ${name} on ${type.name} { ${moved} }`);
        parts.push(`...${name}`);
      }
    }
    return parts.join(' ');
  }

  function field(f: GraphQLField<unknown, unknown>, depth: number): string | null {
    const a = args(f.args);
    if (a === null) return null;
    const named = getNamedType(f.type);
    if (isInterfaceType(named)) {
      // node / nodes: a fragment on each type the id may name.
      const types = schema.getPossibleTypes(named);
      return `${f.name}${a} { id ${types.map((t) => `... on ${t.name} { ${selection(t, depth + 1)} }`).join(' ')} }`;
    }
    if (!isObjectType(named)) return `${f.name}${a}`;
    return `${f.name}${a} { ${selection(named, depth + 1)} }`;
  }

  const query = schema.getQueryType()!;
  const roots = Object.values(query.getFields()).filter((f) => !skipRoot(f.name));
  const parts: string[] = [];
  const count = 1 + r.int(2);
  for (let i = 0; i < count; i += 1) {
    const text = field(r.pick(roots), 0);
    if (text !== null) parts.push(`r${i}: ${text}`);
  }
  if (!parts.length) parts.push('__typename');
  return [`query Q { ${parts.join(' ')} }`, ...fragments].join('\n');
}
