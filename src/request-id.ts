// One id per request, the same in the response header, in a masked error and in the log line that
// explains it, so an operator can find what a client reports. The id travels with the request's
// async work (AsyncLocalStorage): Yoga's error masking has no context of its own.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

interface RequestScope {
  id: string;
  operationName?: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

export const REQUEST_ID_HEADER = 'x-request-id';

/** The current request's id and operation, where there is a request. */
export const currentRequest = (): Readonly<RequestScope> | undefined => scope.getStore();

// A caller's own id is kept (a proxy's, a client's), if it is a plain token.
const SANE_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      const given = request.headers.get(REQUEST_ID_HEADER);
      scope.enterWith({ id: given && SANE_ID.test(given) ? given : randomUUID() });
    },
    onExecute({ args }) {
      const store = scope.getStore();
      if (store && args.operationName) store.operationName = args.operationName;
    },
    onResponse({ response }) {
      const store = scope.getStore();
      if (store) response.headers.set(REQUEST_ID_HEADER, store.id);
    },
  };
}

/** One JSON line on stderr: what broke, for which request and operation. Never the request's headers. */
export function logInternalError(error: unknown) {
  const request = currentRequest();
  const err = error instanceof Error ? error : new Error(String(error));
  console.error(
    JSON.stringify({
      level: 'error',
      time: new Date().toISOString(),
      msg: 'internal error',
      requestId: request?.id,
      operationName: request?.operationName,
      error: err.message,
      stack: err.stack,
    }),
  );
}
