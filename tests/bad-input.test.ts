// What clients send wrong gets a typed refusal, never an INTERNAL_SERVER_ERROR, on both read
// paths (the compiled reads and the resolvers); a real internal error is logged with the request
// id the client sees.
import { capturingLogger } from './helpers/log.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../src/global-id.js';
import { createNewsgraphYoga } from '../src/yoga.js';
import { openApi, TEST_TOKEN, type Api, type GqlResult } from './helpers/api.js';
import { backends } from './helpers/db.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);

/** No 5xx, no INTERNAL_SERVER_ERROR, and every error typed: what any input, however hostile, must get. */
function typedOrAnswered(r: GqlResult, input: unknown) {
  expect(r.status, JSON.stringify(input)).toBeLessThan(500);
  expect(codes(r), JSON.stringify({ input, errors: r.errors })).not.toContain('INTERNAL_SERVER_ERROR');
  expect(
    codes(r).every((c) => c !== undefined),
    JSON.stringify(r.errors),
  ).toBe(true);
}

describe.each([
  { name: 'compiled reads', compiledReads: true },
  { name: 'resolvers', compiledReads: false },
])('bad input through the $name', ({ compiledReads }) => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi(backends[0]!, { compiledReads });
  });
  afterAll(() => api.db.close());

  const refusedAsInput = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await api.gql(query, variables);
    expect(r.status).toBeLessThan(500);
    expect(codes(r).length, JSON.stringify(r.errors)).toBeGreaterThan(0);
    expect(
      codes(r).every((c) => c === 'BAD_USER_INPUT'),
      JSON.stringify(r.errors),
    ).toBe(true);
    return r;
  };

  it('refuses ids past the int range in node and in filters', async () => {
    const big = encodeGlobalId('Person', 2_147_483_648);
    await refusedAsInput(`{ node(id: "${big}") { id } }`);
    await refusedAsInput(`{ articles(filter: { personId: "${big}" }) { totalCount } }`);
    await refusedAsInput('query($p: ID) { events(filter: { personId: $p }) { totalCount } }', { p: big });
    // The largest id is an id: of nothing here, so null.
    const r = await api.gql(`{ node(id: "${encodeGlobalId('Person', 2_147_483_647)}") { id } }`);
    expect(r).toMatchObject({ data: { node: null } });
    expect(r.errors).toBeUndefined();
  });

  it('refuses dates outside the years 0001 to 9999, as a variable and as a literal', async () => {
    const r = await refusedAsInput('query($d: Date) { events(filter: { from: $d }) { totalCount } }', { d: '0000-01-01' });
    expect(r.errors![0]!.extensions!.variable).toBe('d');
    await refusedAsInput('{ events(filter: { to: "0000-12-31" }) { totalCount } }');
    await refusedAsInput('query($d: Date) { articles(filter: { publishedAfter: $d }) { totalCount } }', { d: '2020-13-01' });
  });

  it('refuses a NUL character in any string argument', async () => {
    await refusedAsInput('query($q: String!) { search(query: $q) { totalCount } }', { q: 'peace\u0000talks' });
    await refusedAsInput('query($f: PersonFilter) { persons(filter: $f) { totalCount } }', { f: { nameContains: 'K\u0000m' } });
    await refusedAsInput('{ person(name: "Kim\\u0000Il Sung") { name } }');
  });

  it('refuses a malformed cursor and one issued by another list', async () => {
    await refusedAsInput('{ articles(first: 2, after: "garbage") { totalCount } }');
    const page = await api.gql(
      '{ articles(first: 1, filter: { kind: FULL }) { edges { node { persons(first: 1) { edges { cursor } } } } } }',
    );
    const pairCursor = page.data.articles.edges[0].node.persons.edges[0].cursor as string;
    await refusedAsInput(`{ persons(first: 2, after: "${pairCursor}") { totalCount } }`);
    const idCursor = (await api.gql('{ persons(first: 1) { edges { cursor } } }')).data.persons.edges[0].cursor as string;
    await refusedAsInput(`{ articles(first: 1) { nodes { persons(first: 1, after: "${idCursor}") { totalCount } } } }`);
    await refusedAsInput(`{ persons(first: 2, after: "${b64('GPC:S:abc')}") { totalCount } }`);
    await refusedAsInput(`{ sources(first: 2, before: "${b64('GPC:N:99999999999')}") { totalCount } }`);
  });

  it('answers nodes(ids) for the good ids, null with its own error for a bad one', async () => {
    const person = (await api.gql('{ persons(first: 1) { nodes { id name } } }')).data.persons.nodes[0];
    const r = await api.gql(
      `{ nodes(ids: ["${person.id}", "junk", "${encodeGlobalId('Article', 999_999)}"]) { id ... on Person { name } } }`,
    );
    expect(r.data.nodes).toEqual([{ id: person.id, name: person.name }, null, null]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]).toMatchObject({ path: ['nodes', 1], extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('reads an id only in the form the API writes it', async () => {
    const article = (await api.gql('{ articles(first: 1, orderBy: OLDEST_FIRST) { nodes { id } } }')).data.articles.nodes[0].id as string;
    const n = Buffer.from(article, 'base64').toString().split(':')[1]!;
    expect((await api.gql(`{ node(id: "${article}") { id } }`)).data.node.id).toBe(article);
    const spellings = [
      `Article:0x${Number(n).toString(16)}`,
      `Article:${n}.0`,
      `Article:0${n}`,
      `Article: ${n}`,
      `Article:+${n}`,
      `article:${n}`,
      `Article:${n}e0`,
      'Article:.5e1',
      'Event:50e-1',
      'Article:1e1',
    ];
    for (const text of spellings) await refusedAsInput(`{ node(id: "${b64(text)}") { id } }`);
    // The same id in other base64 spellings: without padding, with a line break, URL-safe.
    for (const variant of [
      article.replace(/=+$/, ''),
      `${article.slice(0, 4)}\\n${article.slice(4)}`,
      `${article.replace(/\+/g, '-').replace(/\//g, '_')} `,
    ]) {
      if (variant !== article) await refusedAsInput(`{ node(id: "${variant}") { id } }`);
    }
  });

  it('types variables that do not coerce, naming the variable', async () => {
    const r = await refusedAsInput('query($n: Int) { articles(first: $n) { totalCount } }', { n: 'ten' });
    expect(r.errors![0]!.extensions!.variable).toBe('n');
    expect(
      (await refusedAsInput('query($k: ArticleKind) { articles(filter: { kind: $k }) { totalCount } }', { k: 'OPINION' })).errors![0]!
        .extensions!.variable,
    ).toBe('k');
  });

  it('gives empty pages no cursors', async () => {
    for (const q of [
      '{ persons(first: 2, filter: { nameContains: "zzqqzz" }) { pageInfo { startCursor endCursor } } }',
      '{ search(query: "zzqqzzqq") { pageInfo { startCursor endCursor } } }',
    ]) {
      const r = await api.gql(q);
      expect(Object.values(r.data)[0]).toEqual({ pageInfo: { startCursor: null, endCursor: null } });
    }
  });

  it('answers random hostile arguments of every input type without an internal error or a 5xx', async () => {
    const anyScalar = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(
        '0000-01-01',
        '9999-12-31',
        '2020-02-30',
        '1e309',
        '-0',
        'NaN',
        '\u0000',
        '\'; DROP TABLE "Article"; --',
        '%_\\',
        b64('Person:2147483648'),
        b64('Article:-1'),
        b64('GPC:T:[1,2]'),
      ),
      fc.string({ maxLength: 12 }).map((s) => b64(`${['Article', 'Person', 'Event', 'Source', 'GPC'][s.length % 5]}:${s}`)),
    );
    const anyValue = fc.oneof(
      anyScalar,
      fc.array(anyScalar, { maxLength: 3 }),
      fc.dictionary(
        fc.constantFrom('kind', 'personId', 'sourceId', 'from', 'to', 'publishedAfter', 'publishedBefore', 'nameContains'),
        anyScalar,
        { maxKeys: 4 },
      ),
    );
    const queries = [
      [
        'query($a: Int, $b: String, $c: ArticleFilter, $d: ArticleOrder) { articles(first: $a, after: $b, filter: $c, orderBy: $d) { totalCount nodes { title } pageInfo { endCursor } } }',
        ['a', 'b', 'c', 'd'],
      ],
      [
        'query($a: Int, $b: String, $c: EventFilter, $d: EventOrder) { events(last: $a, before: $b, filter: $c, orderBy: $d) { totalCount nodes { summary } } }',
        ['a', 'b', 'c', 'd'],
      ],
      [
        'query($a: Int, $b: String, $c: PersonFilter, $d: PersonOrder) { persons(first: $a, after: $b, filter: $c, orderBy: $d) { totalCount nodes { name } } }',
        ['a', 'b', 'c', 'd'],
      ],
      [
        'query($a: String!, $b: Int, $c: String, $d: ArticleFilter) { search(query: $a, first: $b, after: $c, filter: $d) { totalCount edges { highlight } } }',
        ['a', 'b', 'c', 'd'],
      ],
      ['query($a: ID!, $b: [ID!]!) { node(id: $a) { id } nodes(ids: $b) { id } }', ['a', 'b']],
      [
        'query($a: String!, $b: EventFilter, $c: TimelineGranularity) { person(name: $a) { name } timeline(filter: $b, granularity: $c) { count } }',
        ['a', 'b', 'c'],
      ],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...queries), fc.array(anyValue, { minLength: 4, maxLength: 4 }), async ([query, names], values) => {
        const variables = Object.fromEntries(names.map((n, i) => [n, values[i]]));
        typedOrAnswered(await api.gql(query, variables), variables);
      }),
      { numRuns: 150, seed: 14 },
    );
    // The one input object of the mutation, with a valid token: typed refusals or a stored page.
    const ingest = 'mutation($i: IngestDocumentInput!) { ingestDocument(input: $i) { status articles { title } } }';
    const input = fc.record(
      { text: fc.oneof(anyScalar, fc.lorem({ maxCount: 30 })), url: anyScalar, sourceName: anyScalar },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        typedOrAnswered(await api.gql(ingest, { i }, { authorization: `Bearer ${TEST_TOKEN}` }), i);
      }),
      { numRuns: 40, seed: 14 },
    );
  });
});

describe('an internal error', () => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi(backends[0]!);
  });
  afterAll(() => api.db.close());

  it('is masked for the client, with the request id of its response and of the log line that explains it', async () => {
    // A database client that breaks on one call: a bug as far as the API knows.
    const broken = new Proxy(api.db.prisma, {
      get: (target, prop) =>
        prop === 'source'
          ? { findMany: () => Promise.reject(new Error('disk on fire')), count: () => Promise.reject(new Error('disk on fire')) }
          : Reflect.get(target, prop),
    });
    const { logger, lines } = capturingLogger();
    const yoga = createNewsgraphYoga({
      prisma: broken,
      readValue: () => Promise.reject(new Error('no compiled read')),
      tokens: [],
      compiledReads: false,
      logger,
    });
    {
      const response = await yoga.fetch(
        new Request('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer secret-token-123456' },
          body: JSON.stringify({ query: 'query Outlets { sources { totalCount } }', operationName: 'Outlets' }),
        }),
      );
      const body = (await response.json()) as GqlResult;
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.errors![0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } });
      const line = lines.find((l) => l.requestId === requestId && l.msg === 'internal error')!;
      expect(line).toMatchObject({ level: 50, operationName: 'Outlets', err: { message: 'disk on fire' } });
      expect(line.err.stack).toMatch(/disk on fire/);
      // The request's own line carries the same id and the code the client saw.
      expect(lines.find((l) => l.requestId === requestId && l.msg !== 'internal error')).toMatchObject({
        operationName: 'Outlets',
        codes: ['INTERNAL_SERVER_ERROR'],
      });
      expect(JSON.stringify(lines)).not.toContain('secret-token');
    }
  });

  it('keeps a caller-supplied request id, and replaces one that is not a plain token', async () => {
    const ok = await api.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc-123456' },
      body: JSON.stringify({ query: '{ sources { totalCount } }' }),
    });
    expect(ok.headers.get('x-request-id')).toBe('trace-abc-123456');
    const odd = await api.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'a b <script>' },
      body: JSON.stringify({ query: '{ sources { totalCount } }' }),
    });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
