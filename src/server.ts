// `npm start`: opens the database (migrating and, when empty and embedded, seeding it), then
// serves GraphQL and GraphiQL at http://localhost:$PORT/graphql.
import { createServer } from 'node:http';
import { createRedisCache } from '@envelop/response-cache-redis';
import { Redis } from 'ioredis';
import { parseTokens } from './context.js';
import { configFromEnv, openDb } from './db.js';
import { seedIfEmpty } from './ingest/seed.js';
import { createNewsgraphYoga } from './yoga.js';

const port = Number(process.env.PORT ?? 4000);
const config = configFromEnv();
const db = await openDb(config);
const applied = await db.migrate();
if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
if (db.kind === 'pglite') {
  const seeded = await seedIfEmpty(db.prisma);
  if (seeded) console.log(`seeded ${seeded.documents} document(s), ${seeded.articles} articles from corpus/`);
}
const tokens = parseTokens(process.env.NEWSGRAPH_TOKENS);
const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1 }) : undefined;
const responseCache = redis ? { cache: createRedisCache({ redis }), ttlMs: Number(process.env.RESPONSE_CACHE_TTL_MS ?? 30_000) } : undefined;
const yoga = createNewsgraphYoga({ prisma: db.prisma, tokens, responseCache, exposeErrors: process.env.NODE_ENV === 'development' });
const server = createServer(yoga);
server.listen(port, () => {
  const where = db.kind === 'pglite' ? `PGlite at ${config.dataDir}` : 'PostgreSQL';
  console.log(`newsgraph on http://localhost:${port}/graphql (${where}; writes ${tokens.length ? 'enabled' : 'disabled'}; response cache ${redis ? 'Redis' : 'off'})`);
});

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database.
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining`);
    server.close(async () => {
      await db.close();
      redis?.disconnect();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}
