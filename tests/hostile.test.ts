// Abusive requests are refused before anything executes (no SQL runs), each with an error that
// names its limit, and normal queries keep working.
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { limitsFrom, MAX_INTROSPECTION_DEPTH } from '../src/limits.js';
import { createNewsgraphYoga } from '../src/yoga.js';
import { backends } from './helpers/db.js';
import { openApi, type Api } from './helpers/api.js';

describe('hostile queries', () => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi(backends[0]!);
  });
  afterAll(() => api.db.close());

  async function refused(query: string, pattern: RegExp, variables: Record<string, unknown> = {}) {
    api.statements.length = 0;
    const r = await api.gql(query, variables);
    expect(r.data ?? null, query.slice(0, 80)).toBeNull();
    expect(r.errors?.map((e) => e.message).join(' | ')).toMatch(pattern);
    expect(api.statements, 'no SQL may run for a refused query').toEqual([]);
    return r;
  }

  /** A limit's refusal: a request error (the spec's status for each media type), typed, naming the limit and what was found. */
  async function overLimit(query: string, limit: string, max: number, value?: number, variables: Record<string, unknown> = {}) {
    for (const [accept, status] of [
      ['application/json', 200],
      ['application/graphql-response+json', 400],
    ] as const) {
      api.statements.length = 0;
      const r = await api.gql(query, variables, { accept });
      expect(r.status, `${limit} with ${accept}`).toBe(status);
      expect(r.data ?? null).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]!.message).not.toMatch(/^Syntax Error/);
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit, max, ...(value !== undefined ? { value } : {}) });
      expect(api.statements, 'no SQL may run for a refused query').toEqual([]);
    }
  }

  const nest = (levels: number) => {
    let q = 'title';
    for (let i = 0; i < levels; i += 1)
      q = i % 2 ? `articles(first: 1) { nodes { ${q} } }` : `persons(first: 1) { nodes { name ${q.startsWith('title') ? '' : q} } }`;
    return `{ articles(first: 1) { nodes { ${q} } } }`;
  };

  it('refuses deep nesting, naming the depth limit', async () => {
    await refused(nest(12), /depth limit of 12/i);
    // A valid query past the limit (2 + 6 × 3 + 1 levels): only the depth limit speaks.
    let deep = 'title';
    for (let i = 0; i < 6; i += 1) deep = `source { articles(first: 1) { nodes { ${deep} } } }`;
    await overLimit(`{ articles(first: 1) { nodes { ${deep} } } }`, 'depth', 12, 21);
  });

  it('refuses alias floods', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: sources { totalCount }`).join(' ');
    await refused(`{ ${aliases} }`, /aliases limit of 15/i);
    await overLimit(`{ ${aliases} }`, 'aliases', 15, 40);
  });

  it('refuses huge pagination products by cost, with variables too', async () => {
    const r = await refused(
      '{ articles(first: 100) { nodes { persons(first: 100) { nodes { articles(first: 100) { nodes { title } } } } } } }',
      /maximum cost of 50000/,
    );
    expect(r.errors![0]!.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    await overLimit(
      '{ articles(first: 100) { nodes { persons(first: 100) { nodes { articles(first: 100) { nodes { title } } } } } } }',
      'cost',
      50_000,
      r.errors![0]!.extensions!.value as number,
    );
    expect(r.errors![0]!.extensions!.value).toBeGreaterThan(50_000);
    const nested =
      'query($n: Int) { articles(first: $n) { nodes { persons(first: $n) { nodes { articles(first: $n) { nodes { title } } } } } } }';
    // The same document, cheap then expensive: validation caching must not let the second through.
    expect((await api.gql(nested, { n: 2 })).errors).toBeUndefined();
    await refused(nested, /maximum cost/, { n: 100 });
    expect((await api.gql(nested, { n: 2 })).errors).toBeUndefined();
  });

  it('refuses fragment cycles', async () => {
    await refused(
      'fragment A on Article { source { ...B } } fragment B on Source { articles { nodes { ...A } } } { articles { nodes { ...A } } }',
      /Cannot spread fragment "A" within itself/,
    );
  });

  it('refuses giant documents by token count', async () => {
    const fields = Array.from({ length: 2100 }, () => 'totalCount').join(' ');
    await refused(`{ sources { ${fields} } }`, /token limit of 2000/i);
    await overLimit(`{ sources { ${fields} } }`, 'tokens', 2000);
  });

  it('answers the standard introspection query, and refuses deeper or repeated introspection', async () => {
    const standard = await api.gql(getIntrospectionQuery());
    expect(standard.status).toBe(200);
    expect(standard.errors).toBeUndefined();
    expect(standard.data.__schema.queryType.name).toBe('Query');
    // One level past the limit: types, fields, type and the ofType chain below __schema.
    let inner = 'name';
    for (let i = 0; i < MAX_INTROSPECTION_DEPTH - 3; i += 1) inner = `ofType { ${inner} }`;
    await overLimit(
      `{ __schema { types { fields { type { ${inner} } } } } }`,
      'introspectionDepth',
      MAX_INTROSPECTION_DEPTH,
      MAX_INTROSPECTION_DEPTH + 1,
    );
    await overLimit(`{ ${Array.from({ length: 20 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`, 'aliases', 15, 20);
  });

  it('refuses too many directives, typed', async () => {
    await overLimit(`{ sources { ${'totalCount @include(if: true) '.repeat(25)} } }`, 'directives', 20, 25);
  });

  it('caps batched operations', async () => {
    const batch = Array.from({ length: 6 }, () => ({ query: '{ sources { totalCount } }' }));
    const r = await api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    const body = JSON.stringify(await r.json());
    expect(body).toMatch(/Batching is limited to 5 operations/);
    const ok = await api.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch.slice(0, 2)),
    });
    expect(((await ok.json()) as unknown[]).length).toBe(2);
  });

  it('gives no field suggestions', async () => {
    const r = await api.gql('{ articls { totalCount } }');
    expect(r.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('refuses oversized bodies and simple (CSRF-able) POSTs', async () => {
    const big = await api.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) },
      body: '{}',
    });
    expect(big.status).toBe(413);
    const form = await api.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ sources { totalCount } }"}',
    });
    expect(form.status).toBe(415);
  });

  /** A server whose bodies may hold 4 kB, and a small query padded to about `bytes`. */
  const smallBodies = () =>
    createNewsgraphYoga({
      prisma: api.db.prisma,
      readValue: api.db.readValue,
      tokens: [],
      limits: { ...limitsFrom({}), maxBodyBytes: 4096 },
    });
  const padded = (bytes: number) => JSON.stringify({ query: `{ sources { totalCount } }${' '.repeat(bytes)}` });

  it('refuses an oversized body sent without a length, counting its bytes as they arrive', async () => {
    const yoga = smallBodies();
    const chunked = (bytes: number) => {
      const text = padded(bytes);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          const data = new TextEncoder().encode(text);
          for (let i = 0; i < data.length; i += 1024) controller.enqueue(data.subarray(i, i + 1024));
          controller.close();
        },
      });
      return yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
    };
    const big = await chunked(64 * 1024);
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const small = await chunked(100);
    expect(small.status).toBe(200);
    expect(((await small.json()) as { data: { sources: { totalCount: number } } }).data.sources.totalCount).toBeGreaterThan(0);
  });

  it('refuses a chunked body over the limit on a real socket, and answers a declared one under it', async () => {
    const server = createServer(smallBodies()).listen(0);
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    // One request, written in pieces without a Content-Length: Node sends it chunked.
    const send = (body: string, chunked: boolean) =>
      new Promise<{ status: number; body: string }>((done, fail) => {
        const headers = { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }) };
        const req = request({ port, method: 'POST', path: '/graphql', headers }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += String(d))).on('end', () => done({ status: res.statusCode!, body: text }));
        }).on('error', fail);
        for (let i = 0; i < body.length; i += 1000) req.write(body.slice(i, i + 1000));
        req.end();
      });
    try {
      const big = await send(padded(20_000), true);
      expect(big.status).toBe(413);
      expect(big.body).toContain('PAYLOAD_TOO_LARGE');
      const declared = await send(padded(3_000), false);
      expect(declared.status).toBe(200);
      expect(JSON.parse(declared.body).data.sources.totalCount).toBeGreaterThan(0);
      const smallChunked = await send(padded(3_000), true);
      expect(smallChunked.status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('keeps answering normal queries, including the heaviest example operation', async () => {
    const r = await api.gql(`{ articles(first: 20) { nodes { id title publishedAt source { name }
      persons(first: 5) { nodes { name } } events(first: 3) { nodes { date { iso } summary participants { name } } } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.articles.nodes).toHaveLength(20);
  });
});
