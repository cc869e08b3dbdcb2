// Limits on what one request may ask, enforced while validating, before anything executes.
// Each refusal names its limit. Defaults suit the API's own queries with room to spare; every
// one is configurable by environment (see README).
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createComplexityRule } from '@pothos/plugin-complexity';
import { GraphQLError, Kind, validate, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { perDocument } from './document-cache.js';
import { type Env, positiveInt } from './env.js';
import { errorResponse } from './http-status.js';

export interface Limits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxBatch: number;
  maxBodyBytes: number;
  fieldSuggestions: boolean;
}

export function limitsFrom(env: Env): Limits {
  const int = (name: string, fallback: number) => positiveInt(env, name, fallback);
  return {
    maxDepth: int('NEWSGRAPH_MAX_DEPTH', 12),
    maxCost: int('NEWSGRAPH_MAX_COST', 50_000),
    maxAliases: int('NEWSGRAPH_MAX_ALIASES', 15),
    maxTokens: int('NEWSGRAPH_MAX_TOKENS', 2_000),
    maxDirectives: int('NEWSGRAPH_MAX_DIRECTIVES', 20),
    maxBatch: int('NEWSGRAPH_MAX_BATCH', 5),
    // An ingest carries a page of up to 5 MB, JSON-escaped.
    maxBodyBytes: int('NEWSGRAPH_MAX_BODY_BYTES', 12 * 1024 * 1024),
    fieldSuggestions: env.NODE_ENV === 'development',
  };
}

/**
 * Every limit refuses the same way: a request error with no data, `QUERY_TOO_COMPLEX`, which
 * limit, its maximum and, where counted, the value found. The status is the GraphQL-over-HTTP
 * spec's for a request error, which Yoga applies by media type: 400 for
 * application/graphql-response+json, 200 for legacy application/json.
 */
const limitError = (message: string, limit: string, max: number, value?: number) =>
  new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, max, ...(value !== undefined ? { value } : {}), http: { status: 400 } },
  });

const LIMIT_NAMES = { depth: 'depth', aliases: 'aliases', directives: 'directives', tokens: 'tokens' } as const;

/** armor's "Syntax Error: Query depth limit of 12 exceeded, found 15." as a typed refusal. */
function typed(limit: keyof typeof LIMIT_NAMES, error: GraphQLError): GraphQLError {
  const [, max, found] = /limit of (\d+) exceeded(?:, found (\d+))?/.exec(error.message) ?? [];
  const message = error.message.replace(/^Syntax Error:\s*/, '');
  return limitError(message, LIMIT_NAMES[limit], Number(max), found === undefined ? undefined : Number(found));
}

/**
 * graphql-armor for depth, aliases, tokens, directives and field suggestions. Validation limits
 * report a typed error instead of armor's untyped throw; the token limit, counted while parsing,
 * throws one.
 */
function armor(limits: Limits): Plugin {
  const report = (limit: 'depth' | 'aliases' | 'directives') => ({
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(typed(limit, error))],
  });
  return EnvelopArmorPlugin({
    // The introspection query is deeper than any query of ours: it has its own limit below.
    maxDepth: { n: limits.maxDepth, exposeLimits: true, flattenFragments: true, ignoreIntrospection: true, ...report('depth') },
    maxAliases: { n: limits.maxAliases, exposeLimits: true, ...report('aliases') },
    maxTokens: {
      n: limits.maxTokens,
      exposeLimits: true,
      onReject: [
        (_: unknown, error: GraphQLError) => {
          throw typed('tokens', error);
        },
      ],
    },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true, ...report('directives') },
    blockFieldSuggestion: { enabled: !limits.fieldSuggestions },
    costLimit: { enabled: false }, // the cost below knows connection sizes; armor's does not
  }) as Plugin;
}

/**
 * The standard introspection query (graphql's getIntrospectionQuery, what GraphiQL, codegen and
 * gql.tada send) reaches 14 levels below __schema; one more leaves room for a tool that asks a
 * longer `ofType` chain. Deeper nesting only serves abuse.
 */
export const MAX_INTROSPECTION_DEPTH = 15;

function introspectionDepth(): Plugin {
  const depthOf = (context: ValidationContext, set: SelectionSetNode | undefined, seen: Set<string>): number => {
    let depth = 0;
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) depth = Math.max(depth, 1 + depthOf(context, s.selectionSet, seen));
      else if (s.kind === Kind.INLINE_FRAGMENT) depth = Math.max(depth, depthOf(context, s.selectionSet, seen));
      else if (!seen.has(s.name.value))
        depth = Math.max(depth, depthOf(context, context.getFragment(s.name.value)?.selectionSet, new Set([...seen, s.name.value])));
    }
    return depth;
  };
  const rule = (context: ValidationContext): ASTVisitor => ({
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return;
      const depth = depthOf(context, node.selectionSet, new Set());
      if (depth > MAX_INTROSPECTION_DEPTH) {
        context.reportError(
          limitError(
            `Introspection depth limit of ${MAX_INTROSPECTION_DEPTH} exceeded, found ${depth}.`,
            'introspectionDepth',
            MAX_INTROSPECTION_DEPTH,
            depth,
          ),
        );
      }
      return false;
    },
  });
  return { onValidate: ({ addValidationRule }) => addValidationRule(rule) };
}

/**
 * Cost from Pothos' complexity calculator, as a validation rule so it runs with the variables
 * before execution. A connection's contents cost `first`/`last` (default 20) times over.
 */
function cost(limits: Limits): Plugin {
  // Walking the document costs ~0.4 ms: a repeated query and variables reuse the result.
  const known = perDocument<GraphQLError[]>();
  return {
    onValidate({ params, context }) {
      const request = (context as { params?: { variables?: Record<string, unknown>; operationName?: string } }).params;
      // After the standard rules: only a valid document has a cost worth computing (an unknown
      // enum value would otherwise surface as a cost failure instead of its own error).
      return ({ valid, setResult }) => {
        if (!valid) return;
        const errors = known(params.documentAST, request?.operationName, request?.variables, () => {
          const rule = createComplexityRule({
            context,
            variableValues: request?.variables ?? {},
            operationName: request?.operationName ?? null,
            validate: (result, report) => {
              if (result.complexity > limits.maxCost) {
                report(
                  limitError(
                    `Query cost ${result.complexity} exceeds the maximum cost of ${limits.maxCost}: ask for smaller pages or fewer nested lists.`,
                    'cost',
                    limits.maxCost,
                    result.complexity,
                  ),
                );
              }
            },
          });
          // Variables that do not coerce get their own error at execution; cost needs them valid.
          return validate(params.schema, params.documentAST, [rule]).filter((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX');
        });
        if (errors.length) setResult([...errors]);
      };
    },
  };
}

const tooLargeMessage = (what: string, max: number) => `Request body is ${what}; the limit is ${max}.`;

/**
 * Refuses a request body over the size limit. A declared length is checked before the body is
 * read (Node's parser then delivers exactly that many bytes). A body without one (chunked) is
 * read here, counting bytes, and refused as soon as it passes the limit. Yoga's own
 * maxRequestBodySize piped every body through a TransformStream instead, which cost 40% of
 * node(id)'s throughput (README, "Speed").
 */
function bodySize(limits: Limits): Plugin {
  const max = limits.maxBodyBytes;
  return {
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > max) {
        endResponse(errorResponse(413, 'PAYLOAD_TOO_LARGE', tooLargeMessage(`${length} bytes`, max), { limit: 'body', max }));
      }
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (!requestParser || !request.body || request.headers.has('content-length')) return;
      setRequestParser(async (req) => {
        const chunks: Uint8Array[] = [];
        let size = 0;
        const reader = req.body!.getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          size += chunk.value.byteLength;
          if (size > max) {
            await reader.cancel();
            throw new GraphQLError(tooLargeMessage(`over ${max} bytes`, max), {
              extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'body', max, http: { status: 413 } },
            });
          }
          chunks.push(chunk.value);
        }
        return requestParser(
          new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks), signal: req.signal }),
        );
      });
    },
  };
}

/**
 * CSRF: a browser can send a simple cross-site POST (form or text/plain) without a preflight.
 * Only JSON and GraphQL bodies are accepted, which forces one; GET never runs a mutation.
 */
function csrf(): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type === 'application/json' || type === 'application/graphql-response+json' || type === 'application/graphql') return;
      endResponse(errorResponse(415, 'UNSUPPORTED_MEDIA_TYPE', 'POST bodies must be application/json.'));
    },
  };
}

export function limitPlugins(limits: Limits): Plugin[] {
  return [bodySize(limits), csrf(), armor(limits), introspectionDepth(), cost(limits)];
}
