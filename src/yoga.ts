// The GraphQL server as a fetch handler: tests call `yoga.fetch` in-process; server.ts listens.
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as yogaMaskError, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { createContext, type Context } from './context.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { renderLocalGraphiQL, useGraphiQLAssets } from './graphiql.js';
import { schema } from './schema/index.js';

export const EXAMPLE_QUERY = `# newsgraph: articles, people and dated events from state media.
query Overview {
  articles(first: 5, orderBy: NEWEST_FIRST) {
    totalCount
    nodes {
      title
      kind
      publishedDate { iso precision inferred }
      source { name }
      persons(first: 3) { edges { mentionCount node { name } } }
    }
  }
  events(filter: { from: "1960-01-01", to: "2000-12-31" }, orderBy: OLDEST_FIRST) {
    nodes { date { iso } summary participants { name } }
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
}

/** Client-facing messages for errors raised before resolvers run (bad cursors, bad IDs). */
function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof PothosValidationError && error instanceof GraphQLError) {
    return new GraphQLError(original.message, { nodes: error.nodes ?? null, path: error.path ?? null, extensions: { code: 'BAD_USER_INPUT' } });
  }
  return yogaMaskError(error, message, isDev);
}

export function createNewsgraphYoga(options: NewsgraphOptions): YogaServerInstance<Record<string, unknown>, Context> {
  const { prisma, tokens } = options;
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: options.logging ?? false,
    context: ({ request }) => createContext(request, prisma, tokens),
    maskedErrors: { maskError, isDev: options.exposeErrors ?? false },
    graphiql: { title: 'newsgraph', defaultQuery: EXAMPLE_QUERY },
    renderGraphiQL: renderLocalGraphiQL,
    plugins: [
      useGraphiQLAssets(),
      useReadinessCheck({
        endpoint: '/healthz',
        check: async () => {
          await prisma.$queryRaw`SELECT 1`;
        },
      }),
    ],
  });
}
