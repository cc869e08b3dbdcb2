// A typed newsgraph client: pass a document from ./generated.js and get its typed result.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export * from './generated.js';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
}

export class NewsgraphError extends Error {
  constructor(readonly errors: GraphQLErrorShape[], readonly status: number) {
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

export function createClient({ url, token, fetch: fetchImpl = fetch }: ClientOptions) {
  return {
    async request<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables?: Variables): Promise<Result> {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
      });
      const body = (await response.json()) as { data?: Result | null; errors?: GraphQLErrorShape[] };
      if (body.errors?.length || !body.data) throw new NewsgraphError(body.errors ?? [{ message: `HTTP ${response.status}` }], response.status);
      return body.data;
    },
  };
}
