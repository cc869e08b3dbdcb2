// One id per request, the same in the response header, in a masked error and in the log lines
// about it, so an operator can find what a client reports. The id travels with the request's
// async work (AsyncLocalStorage): Yoga's error masking has no context of its own.
//
// The same plugin writes the request's log: one JSON line (pino) per request at `debug`, one at
// `info` when the answer carries errors (their codes), one at `warn` when it took longer than
// the slow threshold, and one at `error` for an internal error, with its stack. Headers, bodies
// and variables are never logged: they may hold tokens.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

interface RequestScope {
  id: string;
  started: number;
  operationName?: string;
  codes: string[];
}

const scope = new AsyncLocalStorage<RequestScope>();

export const REQUEST_ID_HEADER = 'x-request-id';

/** The current request's id and operation, where there is a request. */
export const currentRequest = (): Readonly<RequestScope> | undefined => scope.getStore();

// A caller's own id is kept (a proxy's, a client's), if it is a plain token.
const SANE_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export interface RequestLog {
  logger: Logger;
  /** A request slower than this is logged at warn. */
  slowMs: number;
  /** Counts each error code answered (the errors metric). */
  onError?: (code: string) => void;
}

export function useRequestId({ logger, slowMs, onError }: RequestLog): Plugin {
  return {
    onRequest({ request }) {
      const given = request.headers.get(REQUEST_ID_HEADER);
      scope.enterWith({ id: given && SANE_ID.test(given) ? given : randomUUID(), started: performance.now(), codes: [] });
    },
    onExecute({ args }) {
      const store = scope.getStore();
      if (store && args.operationName) store.operationName = args.operationName;
    },
    onResultProcess({ result }) {
      const store = scope.getStore();
      if (!store) return;
      for (const r of Array.isArray(result) ? result : [result]) {
        const errors = (r as { errors?: readonly GraphQLError[] } | undefined)?.errors ?? [];
        for (const e of errors) {
          const code = String(e.extensions?.code ?? 'UNCODED');
          store.codes.push(code);
          onError?.(code);
        }
      }
    },
    onResponse({ request, response }) {
      const store = scope.getStore();
      if (!store) return;
      response.headers.set(REQUEST_ID_HEADER, store.id);
      const ms = Math.round(performance.now() - store.started);
      const [level, message] =
        ms >= slowMs
          ? (['warn', 'slow request'] as const)
          : store.codes.length
            ? (['info', 'request answered with errors'] as const)
            : (['debug', 'request'] as const);
      // Most requests write nothing (debug is off by default): their line is not even built.
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          requestId: store.id,
          method: request.method,
          path: new URL(request.url).pathname,
          status: response.status,
          operationName: store.operationName,
          ms,
          ...(store.codes.length ? { codes: [...new Set(store.codes)] } : {}),
        },
        message,
      );
    },
  };
}

/** What broke, for which request and operation: the line a client's request id leads to. */
export function logInternalError(logger: Logger, error: unknown) {
  const request = currentRequest();
  const err = error instanceof Error ? error : new Error(String(error));
  logger.error({ requestId: request?.id, operationName: request?.operationName, err }, 'internal error');
}
