// Trusted documents: the operations in operations/, known by id (sdk/persisted-documents.json,
// written by `npm run codegen`). A client may send `documentId` ("sha256:<hex>", GET or POST) or an
// APQ hash of the same text instead of the query. NEWSGRAPH_TRUSTED_DOCUMENTS=only refuses every
// other document, as production GraphQL APIs do; by default other documents are run as well.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { Env } from './env.js';

export type TrustedMode = 'accept' | 'only';

export const trustedModeFrom = (env: Env): TrustedMode => (env.NEWSGRAPH_TRUSTED_DOCUMENTS === 'only' ? 'only' : 'accept');

const MANIFEST = resolve(import.meta.dirname, '../sdk/persisted-documents.json');

/** The manifest: document id → document text. */
export const loadManifest = (): Record<string, string> => JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;

function documentIdOf(params: Record<string, unknown>, request: Request): string | null {
  const given = params.documentId ?? new URL(request.url).searchParams.get('documentId');
  if (typeof given === 'string') return given;
  const apq = (params.extensions as { persistedQuery?: { version?: number; sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return apq?.version === 1 && typeof apq.sha256Hash === 'string' ? `sha256:${apq.sha256Hash}` : null;
}

export function useTrustedDocuments(mode: TrustedMode, manifest: Record<string, string> = loadManifest()): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: mode !== 'only',
    extractPersistedOperationId: (params, request) => documentIdOf(params as unknown as Record<string, unknown>, request),
    getPersistedOperation: (id) => manifest[id] ?? null,
    customErrors: {
      // APQ clients read this message to send the full query next.
      notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } },
      keyNotFound: {
        message: 'Send a query, or a documentId from the trusted documents.',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: 'This server runs trusted documents only: send the documentId of an operation in its manifest.',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
    },
  }) as Plugin;
}
