// The optional Redis response cache: a repeated query is answered without the database.
// Runs when Redis answers at TEST_REDIS_URL (default redis://127.0.0.1:6379/15, flushed first).
import { createRedisCache } from '@envelop/response-cache-redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.js';
import { seed } from '../src/ingest/seed.js';
import { createNewsgraphYoga } from '../src/yoga.js';
import { backends } from './helpers/db.js';

const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
const reachable = await redis.connect().then(
  () => true,
  () => false,
);

describe.skipIf(!reachable)('the Redis response cache', () => {
  let db: Db;
  let statements = 0;
  beforeAll(async () => {
    await redis.flushdb();
    db = await backends[0]!.open({ onQuery: () => (statements += 1) });
    await seed(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    redis.disconnect();
  });

  it('answers a repeated query from Redis, and expires it after the TTL', async () => {
    const yoga = createNewsgraphYoga({
      prisma: db.prisma,
      // A compiled read is one statement too.
      readValue: (sql, params) => {
        statements += 1;
        return db.readValue(sql, params);
      },
      tokens: [],
      responseCache: { cache: createRedisCache({ redis }), ttlMs: 400 },
    });
    const ask = async () =>
      (
        await yoga.fetch('http://x/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ persons { totalCount nodes { id name } } }"}',
        })
      ).json();
    statements = 0;
    const first = await ask();
    const afterFirst = statements;
    const second = await ask();
    expect(afterFirst).toBeGreaterThan(0);
    expect(statements).toBe(afterFirst);
    expect(second.data).toEqual(first.data);
    expect(second.data.persons.totalCount).toBe(8);
    await new Promise((r) => setTimeout(r, 600));
    await ask();
    expect(statements).toBeGreaterThan(afterFirst);
  });

  it('caches compiled reads too: a hit runs no statement, and the entry is tagged with its entities', async () => {
    await redis.flushdb();
    let reads = 0;
    const readValue = (sql: string, params: unknown[]) => {
      reads += 1;
      return db.readValue(sql, params);
    };
    const yoga = createNewsgraphYoga({
      prisma: db.prisma,
      readValue,
      tokens: [],
      responseCache: { cache: createRedisCache({ redis }), ttlMs: 60_000 },
    });
    const query = '{ articles(first: 2) { nodes { id title source { name } } } }';
    const ask = async () =>
      (
        await yoga.fetch('http://x/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        })
      ).json();
    const first = await ask();
    expect(reads).toBe(1);
    expect(first.data.articles.nodes).toHaveLength(2);
    // The cache's bookkeeping fields never reach the client.
    expect(JSON.stringify(first)).not.toMatch(/__responseCache/);
    const second = await ask();
    expect(reads).toBe(1);
    expect(second).toEqual(first);
    // Tagged by entity, so a mutation returning one of these articles evicts the entry.
    const keys = await redis.keys('*');
    expect(keys.some((k) => /^Article:/.test(k))).toBe(true);
  });
});
