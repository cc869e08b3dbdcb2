// Trusted documents: the SDK's operations by id (documentId or an APQ hash), and nothing else
// when NEWSGRAPH_TRUSTED_DOCUMENTS=only.
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from '../sdk/index.js';
import { loadManifest } from '../src/trusted-documents.js';
import { createNewsgraphYoga } from '../src/yoga.js';
import type { Db } from '../src/db/index.js';
import type { GqlResult } from './helpers/api.js';
import { backends } from './helpers/db.js';
import { seed } from '../src/ingest/seed.js';

const documents = Object.entries(sdk)
  .filter(([name]) => name.endsWith('Document'))
  .map(([name, doc]) => [name, doc as Parameters<typeof sdk.documentId>[0]] as const);

describe('trusted documents', () => {
  let db: Db;
  beforeAll(async () => {
    db = await backends[0]!.open();
    await seed(db.prisma);
  });
  afterAll(() => db.close());
  const server = (mode: 'accept' | 'only') =>
    createNewsgraphYoga({ prisma: db.prisma, readValue: db.readValue, tokens: [], trustedDocuments: mode });
  const post = async (yoga: ReturnType<typeof server>, body: unknown) => {
    const r = await yoga.fetch(
      new Request('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    return { status: r.status, ...((await r.json()) as Omit<GqlResult, 'status'>) };
  };

  it('has every SDK operation in the manifest, under the id the SDK computes, with the text it would send', async () => {
    const manifest = loadManifest();
    expect(documents.length).toBeGreaterThan(5);
    expect(Object.keys(manifest)).toHaveLength(documents.length);
    for (const [name, doc] of documents) expect(manifest[await sdk.documentId(doc)], name).toBe(print(doc));
  });

  it('runs a document by its id, and by the APQ hash of its text', async () => {
    const id = await sdk.documentId(sdk.PersonsDocument);
    const byId = await post(server('only'), { documentId: id, variables: { first: 2, orderBy: 'MENTIONS' } });
    expect(byId.errors).toBeUndefined();
    expect(byId.data.persons.nodes).toHaveLength(2);
    const apq = await post(server('only'), {
      variables: { first: 2 },
      extensions: { persistedQuery: { version: 1, sha256Hash: id.slice('sha256:'.length) } },
    });
    expect(apq.data.persons.totalCount).toBe(8);
    const get = await server('only').fetch(
      new Request(`http://localhost/graphql?documentId=${encodeURIComponent(id)}&variables=${encodeURIComponent('{"first":1}')}`),
    );
    expect(((await get.json()) as { data: { persons: { nodes: unknown[] } } }).data.persons.nodes).toHaveLength(1);
  });

  it('in "only" mode refuses any other document, and answers an unknown id as not found', async () => {
    const other = await post(server('only'), { query: '{ sources { totalCount } }' });
    expect(other.status).toBe(400);
    expect(other.data ?? null).toBeNull();
    expect(other.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_ONLY');
    const unknown = await post(server('only'), { documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknown.errors![0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect((await post(server('only'), { variables: {} })).errors![0]!.extensions!.code).toBe('BAD_REQUEST');
  });

  it('by default runs other documents too, and the SDK client works in both modes', async () => {
    expect((await post(server('accept'), { query: '{ sources { totalCount } }' })).data).toEqual({ sources: { totalCount: 1 } });
    for (const mode of ['accept', 'only'] as const) {
      const yoga = server(mode);
      const sent: unknown[] = [];
      const fetch = async (url: string | URL | Request, init?: RequestInit) => {
        sent.push(JSON.parse(String(init!.body)));
        return yoga.fetch(new Request(url, init));
      };
      const client = sdk.createClient({ url: 'http://localhost/graphql', fetch: fetch as typeof globalThis.fetch });
      const { persons } = await client.request(sdk.PersonsDocument, { first: 3, orderBy: 'MENTIONS' });
      expect(persons.nodes).toHaveLength(3);
      expect(sent).toEqual([{ documentId: await sdk.documentId(sdk.PersonsDocument), variables: { first: 3, orderBy: 'MENTIONS' } }]);
    }
  });
});
