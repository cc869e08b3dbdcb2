// Every setting, read from the environment once, at start, by loadConfig, and passed down from
// there: nothing else in src/ reads process.env. Each module keeps the meaning of its own
// variables (dbConfigFrom, limitsFrom, corsFrom, trustedModeFrom); the README lists them all.
// A value that is set but malformed stops the start with a message naming the variable: a typo
// in PORT must not become port 4000 in silence.
import type { CORSOptions } from 'graphql-yoga';
import { corsFrom } from './cors.js';
import { type DbConfig, dbConfigFrom } from './db/index.js';
import { type Limits, limitsFrom } from './limits.js';
import { type TrustedMode, trustedModeFrom } from './trusted-documents.js';
import { ConfigError, type Env, list, positiveInt } from './env.js';

export { ConfigError };

export interface SearchSettings {
  /** How many of the newest matches a search ranks and counts (NEWSGRAPH_SEARCH_CANDIDATES). */
  candidates: number;
}

export const DEFAULT_SEARCH: SearchSettings = { candidates: 500 };

export interface Config {
  port: number;
  db: DbConfig;
  /** Bearer tokens allowed to write (NEWSGRAPH_TOKENS, comma-separated). None: writes disabled. */
  tokens: string[];
  redisUrl: string | undefined;
  responseCacheTtlMs: number;
  /** NODE_ENV=development: internal error messages shown, field suggestions on. */
  development: boolean;
  compiledReads: boolean;
  limits: Limits;
  cors: CORSOptions;
  trustedDocuments: TrustedMode;
  search: SearchSettings;
  /** LOG_LEVEL: pino's level (trace, debug, info, warn, error, fatal, silent). */
  logLevel: string;
  /** NEWSGRAPH_SLOW_MS: a request slower than this is logged at warn. */
  slowMs: number;
  /** NEWSGRAPH_SHUTDOWN_GRACE_MS: how long a SIGTERM waits for requests in flight. */
  shutdownGraceMs: number;
  /** NEWSGRAPH_MAX_IN_FLIGHT: requests at once; more are shed with 503. */
  maxInFlight: number;
  /** NEWSGRAPH_REQUEST_TIMEOUT_MS: a request not answered by then gets 503. */
  requestTimeoutMs: number;
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export function loadConfig(env: Env = process.env): Config {
  const port = positiveInt(env, 'PORT', 4000);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}".`);
  if (port > 65_535) throw new ConfigError(`PORT must be at most 65535, not ${port}.`);
  return {
    port,
    db: dbConfigFrom(env),
    tokens: list(env.NEWSGRAPH_TOKENS),
    redisUrl: env.REDIS_URL || undefined,
    responseCacheTtlMs: positiveInt(env, 'RESPONSE_CACHE_TTL_MS', 30_000),
    development: env.NODE_ENV === 'development',
    compiledReads: env.NEWSGRAPH_COMPILED_READS !== '0',
    limits: limitsFrom(env),
    cors: corsFrom(env),
    trustedDocuments: trustedModeFrom(env),
    search: {
      candidates: positiveInt(env, 'NEWSGRAPH_SEARCH_CANDIDATES', DEFAULT_SEARCH.candidates),
    },
    logLevel,
    slowMs: positiveInt(env, 'NEWSGRAPH_SLOW_MS', 1_000),
    shutdownGraceMs: positiveInt(env, 'NEWSGRAPH_SHUTDOWN_GRACE_MS', 10_000),
    maxInFlight: positiveInt(env, 'NEWSGRAPH_MAX_IN_FLIGHT', 512),
    requestTimeoutMs: positiveInt(env, 'NEWSGRAPH_REQUEST_TIMEOUT_MS', 30_000),
  };
}

/** loadConfig for an entry point: a malformed setting ends the process with its message, exit code 2. */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`newsgraph: ${error.message}`);
    process.exit(2);
  }
}
