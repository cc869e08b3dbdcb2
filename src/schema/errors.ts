// Errors a client is meant to act on. Anything else is masked by Yoga.
import { GraphQLError } from 'graphql';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BACKLOG_TOO_LONG' | 'LIVE_FEED_OFF';

export function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badInput = (message: string, extensions?: Record<string, unknown>) => clientError('BAD_USER_INPUT', message, extensions);
