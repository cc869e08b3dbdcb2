// An in-process API over a seeded database, with the SQL statements it runs recorded.
import { generateCorpus, type CorpusOptions } from '../../bench/corpus.js';
import { DEFAULT_SEARCH, type SearchSettings } from '../../src/config.js';
import type { Db } from '../../src/db/index.js';
import { loadDocuments } from '../../src/ingest/files.js';
import { seed } from '../../src/ingest/seed.js';
import { createNewsgraphYoga } from '../../src/yoga.js';
import type { Backend } from './db.js';

export const TEST_TOKEN = 'test-token-0123456789';

// biome-ignore lint/suspicious/noExplicitAny: tests read answers as loose JSON and assert on them.
export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown>; path?: unknown[] }[];
}

export interface Api {
  db: Db;
  search: SearchSettings;
  statements: string[];
  fetch(path: string, init?: RequestInit): Promise<Response>;
  // biome-ignore lint/suspicious/noExplicitAny: as GqlResult.
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResult<T>>;
}

/** compiledReads: false tests the resolvers alone (the server runs with compiled reads on). */
export async function openApi(backend: Backend, options: { compiledReads?: boolean; search?: SearchSettings } = {}): Promise<Api> {
  const search = options.search ?? DEFAULT_SEARCH;
  const statements: string[] = [];
  const db = await backend.open({ onQuery: (sql) => statements.push(sql) });
  await seed(db.prisma);
  // readValue is looked up per call, so a test can wrap db.readValue to watch the compiled reads.
  const yoga = createNewsgraphYoga({
    prisma: db.prisma,
    readValue: (sql, params) => db.readValue(sql, params),
    tokens: [TEST_TOKEN, 'second-token'],
    compiledReads: options.compiledReads ?? true,
    search,
  });
  const fetch = (path: string, init?: RequestInit) => Promise.resolve(yoga.fetch(new Request(`http://localhost${path}`, init)));
  return {
    db,
    search,
    statements,
    fetch,
    async gql(query, variables = {}, headers = {}) {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
  };
}

/** Loads a generated corpus (bench/corpus.ts) into the API's database, as `npm run ingest` would; returns what the load reported. */
export async function loadCorpus(api: Api, options: CorpusOptions) {
  const pages = [...generateCorpus(options)].map((p) => ({ label: p.name, input: () => ({ text: p.text, key: p.name }) }));
  return loadDocuments(api.db.prisma, pages, pages.length);
}
