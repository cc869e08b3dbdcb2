// The GraphQL-over-HTTP status of an answer whose database was unavailable: 503 (with
// Retry-After) for application/graphql-response+json when no data came back, as the spec asks
// of a request that produced none; a partial answer (some root field answered) stays 200.
// application/json always stays 200 (the error's `http.spec`), as that media type's rules say.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

type Http = { status?: number; spec?: boolean; headers?: Record<string, string> };

/** The body of a refusal made outside GraphQL execution (limits, exports, shutdown), shaped as a GraphQL error response. */
export const errorBody = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });

/** That refusal as a response. */
export const errorResponse = (
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) => new Response(errorBody(code, message, extensions), { status, headers: { 'content-type': 'application/json', ...headers } });

export function useDataKeepsOk(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in (result as object)) return;
      const single = result as { data?: Record<string, unknown> | null; errors?: readonly GraphQLError[] };
      if (!single.errors?.length || !single.data || !Object.values(single.data).some((v) => v != null)) return;
      const errors = single.errors.map((e) => {
        const http = e.extensions?.http as Http | undefined;
        if (!http?.status) return e;
        const { status: _status, ...rest } = http;
        return new GraphQLError(e.message, {
          nodes: e.nodes ?? null,
          path: e.path ?? null,
          originalError: e.originalError,
          extensions: { ...e.extensions, http: rest },
        });
      });
      setResult({ ...single, errors } as never);
    },
  };
}
