// A typed newsgraph client: pass a document from ./generated.js and get its typed result. It sends
// the document's id (a trusted document, see persisted-documents.json), and the text only when a
// server does not know the id.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

export * from './generated.js';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
}

export class NewsgraphError extends Error {
  constructor(
    readonly errors: GraphQLErrorShape[],
    readonly status: number,
  ) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
    this.name = 'NewsgraphError';
  }
  get codes(): string[] {
    return this.errors.map((e) => e.extensions?.code ?? 'ERROR');
  }
}

export interface ClientOptions {
  /** e.g. http://localhost:4000/graphql */
  url: string;
  /** Bearer token, needed only for ingestDocument. */
  token?: string;
  fetch?: typeof fetch;
}

const ids = new WeakMap<object, Promise<string>>();

/** "sha256:<hex>" of the document's printed text: its id in the trusted-documents manifest. */
export function documentId(document: DocumentNode): Promise<string> {
  let id = ids.get(document);
  if (!id) {
    // Web Crypto: the same in Node and in a browser.
    id = crypto.subtle
      .digest('SHA-256', new TextEncoder().encode(print(document)))
      .then((hash) => `sha256:${Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('')}`);
    ids.set(document, id);
  }
  return id;
}

export function createClient({ url, token, fetch: fetchImpl = fetch }: ClientOptions) {
  const send = (payload: Record<string, unknown>) =>
    fetchImpl(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(payload),
    });
  return {
    async request<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables?: Variables): Promise<Result> {
      let response = await send({ documentId: await documentId(document), variables: variables ?? {} });
      let body = (await response.json()) as { data?: Result | null; errors?: GraphQLErrorShape[] };
      if (body.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
        response = await send({ query: print(document), variables: variables ?? {} });
        body = (await response.json()) as typeof body;
      }
      if (body.errors?.length || !body.data)
        throw new NewsgraphError(body.errors ?? [{ message: `HTTP ${response.status}` }], response.status);
      return body.data;
    },
  };
}
