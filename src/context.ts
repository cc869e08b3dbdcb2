// What every resolver gets: the database client and what the request is allowed to do.
// Built once per request from its headers; resolvers read nothing global.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { SearchSettings } from './config.js';
import type { PrismaClient } from './generated/prisma/client.js';

export interface Context {
  prisma: PrismaClient;
  /** True when the request carried a bearer token from NEWSGRAPH_TOKENS. */
  canWrite: boolean;
  /** Whether writes are enabled at all (NEWSGRAPH_TOKENS set), for a clearer error. */
  writesEnabled: boolean;
  search: SearchSettings;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time: compares digests, so neither length nor content leaks through timing. */
export function tokenMatches(presented: string, tokens: string[]): boolean {
  const given = digest(presented);
  let ok = false;
  for (const token of tokens) ok = timingSafeEqual(given, digest(token)) || ok;
  return ok;
}

export function createContext(request: Request, prisma: PrismaClient, tokens: string[], search: SearchSettings): Context {
  const header = request.headers.get('authorization') ?? '';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  return { prisma, canWrite: bearer !== undefined && tokenMatches(bearer, tokens), writesEnabled: tokens.length > 0, search };
}
