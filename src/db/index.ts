// The one place that connects to the database. Unset DATABASE_URL: embedded PGlite in a local
// folder (PGLITE_DATA_DIR, default ./data/pglite) or in memory (":memory:"); a postgres:// URL:
// that server through node-postgres. Migrations are applied on open, so a fresh clone just works.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { type Env, positiveInt } from '../env.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { applyMigrations } from './migrate.js';
import { upkeepSettled } from './after-writes.js';
import { dropRetiredIndexes, ensureOptionalIndexes } from './optional-indexes.js';
import { plannedOnce, statementNamer } from './statements.js';

export type { PrismaClient };

export interface DbConfig {
  /** postgres:// URL of a server; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder, or ":memory:". */
  dataDir?: string | undefined;
  /** Connection pool size for a server. */
  poolSize?: number | undefined;
  /** Name read statements so each connection plans them once (off behind a pooler that cannot keep them). */
  preparedStatements?: boolean | undefined;
  /** Called with every SQL statement (tests count them). */
  onQuery?: ((sql: string) => void) | undefined;
}

/** A server pool's connections: all, idle, and requests waiting for one. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface Db {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** One read straight through the driver, bypassing Prisma: the first column of its first row
   *  (the compiled reads of src/compiled, whose statement already returns the JSON answer). */
  readValue(sql: string, params: unknown[]): Promise<unknown>;
  /** LISTENs on `channel` on a connection of its own until the returned stop; `lost` when that connection ends. */
  listen(channel: string, on: { notify: (payload: string) => void; lost: (error?: Error) => void }): Promise<() => Promise<void>>;
  /** The pool's connections (PostgreSQL; PGlite has one, in process, and no pool). */
  poolStats?: () => PoolStats;
  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

/** PGlite's adapter, with the extensions the migrations need in its shadow database too. */
export class PGliteAdapter extends PrismaPGlite {
  override async connectToShadowDb() {
    return new PrismaPGlite(new PGlite({ extensions: { pg_trgm } })).connect();
  }
}

/** DATABASE_URL, PGLITE_DATA_DIR, DATABASE_POOL_SIZE, DATABASE_PREPARED_STATEMENTS. */
export function dbConfigFrom(env: Env): DbConfig {
  return {
    url: env.DATABASE_URL || undefined,
    dataDir: env.PGLITE_DATA_DIR || './data/pglite',
    poolSize: env.DATABASE_POOL_SIZE ? positiveInt(env, 'DATABASE_POOL_SIZE', 10) : undefined,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS !== 'off',
  };
}

export async function openDb(config: DbConfig): Promise<Db> {
  let adapter: SqlMigrationAwareDriverAdapterFactory;
  let closeDriver = async () => {};
  let kind: Db['kind'];
  let readValue: Db['readValue'];
  let listen: Db['listen'];
  let poolStats: Db['poolStats'];
  if (config.url) {
    if (!/^postgres(?:ql)?:\/\//.test(config.url)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
    // One pool for Prisma and for the direct reads; Prisma ends it on $disconnect.
    // A connection that cannot be had in 10 s is an error (SERVICE_UNAVAILABLE), not an endless wait.
    // No JIT: every statement here is short, and a search's plan (loops over years and months,
    // costed as if each ran in full) passed the JIT's cost thresholds, which then spent 1.6 s
    // compiling a statement that runs in 3 ms. No parallel workers either: starting them took 38
    // of the 44 ms of a search at 1M articles whose reads took 3 (a generic plan gathered the
    // undated matches of "luchul treatdong" with two), and on two cores serving many clients
    // they only take a core from another request. (Options in DATABASE_URL take precedence.)
    const SESSION = '-c jit=off -c max_parallel_workers_per_gather=0';
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      options: SESSION,
    });
    // The statements marked PLANNED_ONCE (a search's steps) on connections of their own that keep
    // one generic plan per statement: PostgreSQL otherwise planned each search afresh. At 200k
    // articles (`npm run bench:plans`, median of 11), generic against fresh: 1.9 against 4.3 ms
    // for a rare word, 1.0 against 2.9 for a phrase, 6.8 against 8.8 for a word in 6 % of them.
    const planOnce = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      options: `${SESSION} -c plan_cache_mode=force_generic_plan`,
    });
    // An idle connection the server ends (a restart, pg_terminate_backend, a dropped database) is
    // an 'error' on its pool: with no listener, pg-pool's emit threw it and the process died.
    // The pool has already dropped that connection and opens another when one is needed. Prisma's
    // adapter listens on its own pool and, unless told (onPoolError), says nothing.
    const lost = (pool: string) => (error: Error) =>
      console.warn(`newsgraph: an idle database connection was lost (${pool}): ${error.message}`);
    planOnce.on('error', lost('pool of generic plans'));
    closeDriver = () => planOnce.end();
    const name = config.preparedStatements === false ? () => undefined : statementNamer();
    adapter = new PrismaPg(pool, {
      // Typed as string, but pg treats an undefined name as an unnamed statement, as it should.
      statementNameGenerator: name as (query: { sql: string }) => string,
      disposeExternalPool: true,
      onPoolError: lost('main pool'),
    });
    readValue = async (sql, params) => {
      const { rows } = await (plannedOnce(sql) ? planOnce : pool).query({
        name: name({ sql }),
        text: sql,
        values: params,
        rowMode: 'array',
      });
      return (rows[0] as unknown[] | undefined)?.[0];
    };
    listen = async (channel, on) => {
      // TCP keep-alive: a listener whose peer vanished without a word must notice, or the memo it keeps on would go stale.
      const client = new pg.Client({ connectionString: config.url, keepAlive: true });
      let open = true;
      const lost = (error?: Error) => {
        if (open) on.lost(error);
        open = false;
      };
      client.on('notification', (m) => m.channel === channel && on.notify(m.payload ?? ''));
      client.on('error', lost);
      client.on('end', () => lost());
      try {
        await client.connect();
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      } catch (error) {
        open = false;
        await client.end().catch(() => {});
        throw error;
      }
      return async () => {
        open = false;
        await client.end();
      };
    };
    poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
    kind = 'postgres';
  } else {
    const dir = config.dataDir ?? ':memory:';
    if (dir !== ':memory:') mkdirSync(dir, { recursive: true });
    // The options form: `new PGlite(undefined, options)` silently drops the extensions.
    const pglite = new PGlite({ ...(dir === ':memory:' ? {} : { dataDir: dir }), extensions: { pg_trgm } });
    adapter = new PGliteAdapter(pglite);
    readValue = async (sql, params) => {
      const { rows } = await pglite.query<unknown[]>(sql, params, { rowMode: 'array' });
      return rows[0]?.[0];
    };
    // The same database in the same process: its notifications cannot be lost while it is open.
    listen = async (channel, on) => pglite.listen(channel, on.notify);
    closeDriver = () => pglite.close();
    kind = 'pglite';
  }
  const prisma = new PrismaClient({
    adapter,
    ...(config.onQuery ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
  });
  if (config.onQuery) {
    const onQuery = config.onQuery;
    (prisma as unknown as { $on(e: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => onQuery(e.query));
  }
  return {
    prisma,
    kind,
    readValue,
    listen,
    ...(poolStats ? { poolStats } : {}),
    async migrate() {
      const applied = await applyMigrations(adapter);
      for (const warning of await ensureOptionalIndexes(prisma)) console.warn(`newsgraph: ${warning}`);
      await dropRetiredIndexes(prisma);
      return applied;
    },
    async close() {
      // Upkeep a write started in the background (afterWrites) ends first: cut mid-query, its
      // connection would be torn down under it, and a server dropping the database then (tests do)
      // sends an error to a client nobody listens to any more.
      await upkeepSettled(prisma);
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
