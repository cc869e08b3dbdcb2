// `npm start`: serves GraphQL and GraphiQL at http://localhost:$PORT/graphql at once, and
// prepares the database beside it (migrations; the seed, when embedded and empty). A database
// that is down delays readiness (/readyz answers 503) instead of stopping the server.
import { createRedisCache } from '@envelop/response-cache-redis';
import { Redis } from 'ioredis';
import { loadConfigOrExit } from './config.js';
import { openDb } from './db/index.js';
import { afterWrites } from './db/after-writes.js';
import { watchArchive } from './db/archive-memo.js';
import { archiveIdOf, attachFeed, openFeed } from './live/feed.js';
import { createLogger } from './log.js';
import { serveUntilSignal } from './shutdown.js';
import { createNewsgraphYoga } from './yoga.js';

const config = loadConfigOrExit();
const { port, tokens } = config;
const logger = createLogger(config.logLevel);
const db = await openDb(config.db);
const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
const responseCache = redis ? { cache: createRedisCache({ redis }), ttlMs: config.responseCacheTtlMs } : undefined;
// The live feed, opened once the archive is known: through Redis when set, so that other
// servers and the loader reach our subscribers.
let live: ReturnType<typeof openFeed> | undefined;
let ready = false;
const yoga = createNewsgraphYoga({
  prisma: db.prisma,
  readValue: db.readValue,
  tokens,
  responseCache,
  isReady: () => ready,
  exposeErrors: config.development,
  limits: config.limits,
  cors: config.cors,
  trustedDocuments: config.trustedDocuments,
  compiledReads: config.compiledReads,
  search: config.search,
  logger,
  slowMs: config.slowMs,
  ...(db.poolStats ? { poolStats: db.poolStats } : {}),
});
// SIGTERM/SIGINT: stop accepting, drain for up to the grace period, close (src/shutdown.ts).
let stopping = false;
let stopWatching: (() => Promise<void>) | undefined;
const server = serveUntilSignal(yoga, {
  graceMs: config.shutdownGraceMs,
  maxInFlight: config.maxInFlight,
  deadlineMs: config.requestTimeoutMs,
  logger,
  close: async () => {
    stopping = true;
    await stopWatching?.();
    await db.close();
    redis?.disconnect();
    live?.close();
  },
});
server.listen(port, () => {
  const where = db.kind === 'pglite' ? `PGlite at ${config.db.dataDir}` : 'PostgreSQL';
  logger.info(
    `newsgraph on http://localhost:${port}/graphql (${where}; writes ${tokens.length ? 'enabled' : 'disabled'}; response cache ${redis ? 'Redis' : 'off'}; pid ${process.pid})`,
  );
});

/** Migrates (and seeds an empty embedded database), retrying with backoff while the database is down. */
async function prepare() {
  for (let attempt = 1; !stopping; attempt += 1) {
    try {
      const applied = await db.migrate();
      if (applied.length) logger.info(`migrations applied: ${applied.join(', ')}`);
      if (db.kind === 'pglite') {
        // Loaded here, not at start: the extraction pipeline is needed only to seed.
        const { seedIfEmpty } = await import('./ingest/seed.js');
        const seeded = await seedIfEmpty(db.prisma);
        if (seeded) logger.info(`seeded ${seeded.documents} document(s), ${seeded.articles} articles from corpus/`);
      }
      live = openFeed(config.redisUrl, await archiveIdOf(db.prisma));
      attachFeed(db.prisma, live.feed);
      // Before readiness, so the timeline is answered from memory from the first request on.
      stopWatching = await watchArchive(db, (line) => logger.warn(line));
      ready = true;
      logger.info('database ready');
      // A database from before the stored co-mentions or timeline counts, or grown by other
      // servers' writes.
      void afterWrites(db.prisma, { after: 'page', report: (line) => logger.info(line) });
      return;
    } catch (error) {
      const wait = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
      logger.error(
        `database not ready (attempt ${attempt}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; retrying in ${wait} ms`,
      );
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

void prepare();
