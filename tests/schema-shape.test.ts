// Every list a client can ask for is bounded: a connection, a list with a capped `first`, a list
// of scalars, or one of the few lists named below with what bounds it. A new unbounded list of
// objects fails here before it can amplify a query (Person.titles once returned 35 MB).
import { getNamedType, getNullableType, isListType, isObjectType, isScalarType, isEnumType, type GraphQLField } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';

const BOUNDED_BY_REASON: Record<string, string> = {
  'Query.nodes': 'one entry per id asked for, and the cost limit prices each id',
  'Query.timeline': 'at most MAX_BUCKETS periods, refused beyond',
  'IngestDocumentPayload.articles': 'the articles of the one page just ingested (a page is at most 5 MB)',
};

function listFields() {
  const out: { name: string; field: GraphQLField<unknown, unknown>; parent: string }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (isListType(getNullableType(field.type))) out.push({ name: `${type.name}.${field.name}`, field, parent: type.name });
    }
  }
  return out;
}

describe('the schema', () => {
  it('has no unbounded list of objects', () => {
    const unbounded = listFields().filter(({ name, field, parent }) => {
      const item = getNamedType(field.type);
      if (isScalarType(item) || isEnumType(item)) return false; // leaves: nothing nests below them
      if ((field.name === 'edges' || field.name === 'nodes') && parent.endsWith('Connection')) return false; // paged by the connection
      if (field.args.some((a) => a.name === 'first')) return false; // capped below
      return !(name in BOUNDED_BY_REASON);
    });
    expect(unbounded.map((f) => f.name)).toEqual([]);
  });

  it('names only lists that exist among its reasons', () => {
    const names = new Set(listFields().map((f) => f.name));
    expect(Object.keys(BOUNDED_BY_REASON).filter((n) => !names.has(n))).toEqual([]);
  });

  it('gives every list with a `first` a default, so the cost limit prices what it returns', () => {
    const capped = listFields().filter(({ field, parent }) => !parent.endsWith('Connection') && field.args.some((a) => a.name === 'first'));
    expect(capped.map((f) => f.name).sort()).toEqual([
      'Article.versions',
      'Event.participants',
      'Person.coMentions',
      'Person.sameAs',
      'Person.spellings',
      'Person.titles',
    ]);
    for (const { field } of capped) expect(field.args.find((a) => a.name === 'first')!.defaultValue).toBeGreaterThan(0);
  });

  it('declares what the Date scalar is', () => {
    expect(schema.getType('Date')).toMatchObject({ specifiedByURL: 'https://datatracker.ietf.org/doc/html/rfc3339#section-5.6' });
  });
});
