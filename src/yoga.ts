// The GraphQL server as a fetch handler: tests call `yoga.fetch` in-process; server.ts listens.
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import {
  createYoga,
  maskError as yogaMaskError,
  useReadinessCheck,
  type CORSOptions,
  type GraphiQLOptions,
  type YogaServerInstance,
} from 'graphql-yoga';
import { useCompiledReads, type ReadValue } from './compiled/plugin.js';
import { createContext, type Context } from './context.js';
import { useTrustedDocuments, type TrustedMode } from './trusted-documents.js';
import { loadConfig, type SearchSettings } from './config.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { renderLocalGraphiQL, useGraphiQLAssets } from './graphiql.js';
import { useInputErrors } from './input-errors.js';
import { currentRequest, logInternalError, useRequestId } from './request-id.js';
import { errorsOnly, type Logger } from './log.js';
import { createMetrics } from './metrics.js';
import { isUnavailable } from './db/unavailable.js';
import { useDataKeepsOk } from './http-status.js';
import { useExport } from './export/route.js';
import { HEALTH, probe, READINESS } from './readiness.js';
import type { PoolStats } from './db/index.js';
import { limitPlugins, type Limits } from './limits.js';
import { schema } from './schema/index.js';

export const EXAMPLE_QUERY = `# newsgraph: people, articles and dated events from state media.
# Press the run button; hover a field for its documentation.
query Overview {
  persons(first: 5, orderBy: MENTIONS) {
    totalCount
    nodes { name aliases mentionCount }
  }
  articles(first: 2, filter: { kind: FULL }) {
    nodes {
      title
      author { name }
      publishedDate { iso precision inferred evidence }
      persons(first: 3) { edges { mentionCount node { name } } }
    }
  }
  events(filter: { from: "1960-01-01", to: "2000-12-31" }, orderBy: OLDEST_FIRST) {
    nodes { date { iso precision inferred } summary participants { name } }
  }
  search(query: "diplomatic relations", first: 3) {
    edges { rank highlight node { title } }
  }
}
`;

export interface NewsgraphOptions {
  prisma: PrismaClient;
  /** Bearer tokens allowed to write (NEWSGRAPH_TOKENS). Empty: writes disabled. */
  tokens: string[];
  /** Show internal error messages (development only). */
  exposeErrors?: boolean;
  logging?: boolean;
  /** False while the database is being prepared (migrations): /readyz answers 503. */
  isReady?: () => boolean;
  /** Query and request limits (src/limits.ts). Unset here and below: the defaults of src/config.ts. */
  limits?: Limits;
  /** Browser origins allowed to call the API (src/cors.ts). */
  cors?: CORSOptions;
  /** 'only': run trusted documents alone (src/trusted-documents.ts). */
  trustedDocuments?: TrustedMode;
  /** The search window and how many matches a search ranks. */
  search?: SearchSettings;
  /** Shared response cache (Redis when REDIS_URL is set); absent: every request hits the database. */
  responseCache?: { cache: Cache; ttlMs: number } | undefined;
  /** Answer reads with one compiled SQL statement (default: on). */
  compiledReads?: boolean;
  /** The driver's direct read (Db.readValue), which runs the compiled reads. */
  readValue: ReadValue;
  /** Where request lines go (src/request-id.ts); absent: internal errors alone, on stderr. */
  logger?: Logger;
  /** A request slower than this many ms is logged at warn (default 1000). */
  slowMs?: number;
  /** The database pool's state, for /metrics (Db.poolStats). */
  poolStats?: () => PoolStats;
}

/** Client-facing messages for errors raised outside our resolvers' own checks; a bug is logged to `logger`. */
const maskErrorTo =
  (logger: Logger) =>
  (error: unknown, message: string, isDev?: boolean): Error => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    const at = error instanceof GraphQLError ? { nodes: error.nodes ?? null, path: error.path ?? null } : {};
    if (original instanceof PothosValidationError) {
      return new GraphQLError(original.message, { ...at, extensions: { code: 'BAD_USER_INPUT' } });
    }
    if (isUnavailable(original)) {
      // 503 and Retry-After for application/graphql-response+json (the spec's non-200 when no
      // data came back; useDataKeepsOk below); application/json keeps 200 (`spec`), with the header.
      return new GraphQLError('The database is unavailable; try again shortly.', {
        ...at,
        extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, spec: true, headers: { 'retry-after': '5' } } },
      });
    }
    const masked = yogaMaskError(error, message, isDev);
    if (!(masked instanceof GraphQLError) || masked.extensions.code !== 'INTERNAL_SERVER_ERROR') return masked;
    // A bug: the client sees the masked message and the request's id; the log says what broke.
    logInternalError(logger, original);
    const requestId = currentRequest()?.id;
    return requestId ? new GraphQLError(masked.message, { ...at, extensions: { ...masked.extensions, requestId } }) : masked;
  };

/** The settings with no variable set: what tests and embedders get unless they say otherwise. */
const DEFAULTS = loadConfig({});

export function createNewsgraphYoga(options: NewsgraphOptions): YogaServerInstance<Record<string, unknown>, Context> {
  const { prisma, tokens } = options;
  const limits = options.limits ?? DEFAULTS.limits;
  const search = options.search ?? DEFAULTS.search;
  const logger = options.logger ?? errorsOnly();
  const metrics = createMetrics(options.poolStats);
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    batching: { limit: limits.maxBatch },
    // Off: src/limits.ts caps bodies itself, without a stream per request.
    maxRequestBodySize: false,
    landingPage: false,
    cors: options.cors ?? DEFAULTS.cors,
    logging: options.logging ?? false,
    context: ({ request }) => createContext(request, prisma, tokens, search),
    maskedErrors: { maskError: maskErrorTo(logger), isDev: options.exposeErrors ?? false },
    // Liveness: the process answers. Health and readiness (/healthz, /readyz) ask the database, below.
    healthCheckEndpoint: '/livez',
    // initialQuery (read by the bundled GraphiQL, unknown to Yoga's type): defaultQuery alone
    // leaves GraphiQL's welcome text in the editor on a first visit.
    graphiql: { title: 'newsgraph', defaultQuery: EXAMPLE_QUERY, initialQuery: EXAMPLE_QUERY } as GraphiQLOptions,
    renderGraphiQL: renderLocalGraphiQL,
    plugins: [
      useDataKeepsOk(),
      useRequestId({ logger, slowMs: options.slowMs ?? DEFAULTS.slowMs, onError: metrics.onError }),
      metrics.plugin,
      useTrustedDocuments(options.trustedDocuments ?? DEFAULTS.trustedDocuments),
      ...limitPlugins(limits),
      // Before the compiled reads, which answer without graphql-js's execute.
      useInputErrors(),
      useGraphiQLAssets(),
      useExport(options.readValue),
      // Before the cache, so the cache wraps it (see src/compiled/plugin.ts).
      ...((options.compiledReads ?? DEFAULTS.compiledReads) ? [useCompiledReads(options.readValue, search)] : []),
      // The archive is public: one cache entry per query for everyone. A mutation evicts the
      // entities it returns; lists expire with the TTL.
      ...(options.responseCache
        ? [useResponseCache({ session: () => null, cache: options.responseCache.cache, ttl: options.responseCache.ttlMs })]
        : []),
      // Healthy and ready: migrations applied (isReady) and the database answering.
      useReadinessCheck({ endpoint: '/healthz', check: () => probe(prisma, logger, HEALTH, options.isReady) }),
      useReadinessCheck({ endpoint: '/readyz', check: () => probe(prisma, logger, READINESS, options.isReady) }),
    ],
  });
}
