// The live feed: what each write added to the archive, told after the write commits, never
// before. In one process through Yoga's pub/sub; across servers, and from the CLI loader to the
// servers, through Redis pub/sub when REDIS_URL is set (Yoga's Redis event target). Its channel
// is named by the archive's own id (ArchiveState.archiveId, random at creation), so archives that
// share one Redis never hear each other. A subscriber that was away names the last id it saw and
// reads what it missed from the archive itself (src/schema/subscription.ts): the feed keeps no
// history of its own.
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { PrismaClient } from '../generated/prisma/client.js';

/** Rows new to the archive: articles and events, by id. */
export interface Added {
  articleIds: number[];
  eventIds: number[];
}

export interface Feed {
  publish(added: Added): void;
  /** What is added from now on; `return()` ends it. */
  subscribe(): AsyncIterableIterator<Added>;
}

/** The archive's id, which names its channel. */
export async function archiveIdOf(prisma: PrismaClient): Promise<string> {
  const [row] = await prisma.$queryRaw<{ id: string }[]>`SELECT "archiveId" AS id FROM "ArchiveState" WHERE id = 1`;
  if (!row) throw new Error('ArchiveState has no row: are the migrations applied?');
  return row.id;
}

/** A feed of its own in this process, or shared through Redis; close() ends its connections. */
export function openFeed(redisUrl: string | undefined, archiveId: string): { feed: Feed; close(): void } {
  const topic = `newsgraph:added:${archiveId}`;
  let close = () => {};
  let pubsub = createPubSub<Record<string, [Added]>>();
  if (redisUrl) {
    // Subscribing takes a connection of its own; publishing shares none with the response cache.
    const options = { maxRetriesPerRequest: 1 };
    const publishClient = new Redis(redisUrl, options);
    const subscribeClient = new Redis(redisUrl, options);
    pubsub = createPubSub<Record<string, [Added]>>({ eventTarget: createRedisEventTarget<never>({ publishClient, subscribeClient }) });
    close = () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    };
  }
  return { feed: { publish: (added) => pubsub.publish(topic, added), subscribe: () => pubsub.subscribe(topic) }, close };
}

const feeds = new WeakMap<object, Feed>();

/** Tells `feed` what the writes through this client add (the server, and the loader when Redis is set). */
export function attachFeed(prisma: PrismaClient, feed: Feed): void {
  feeds.set(prisma, feed);
}

/** A command's writes (the loader, reextract) reach the servers' subscribers through Redis, when set; returns a close. */
export async function announceFromCommand(prisma: PrismaClient, redisUrl: string | undefined): Promise<() => void> {
  if (!redisUrl) return () => {};
  const live = openFeed(redisUrl, await archiveIdOf(prisma));
  attachFeed(prisma, live.feed);
  return live.close;
}

export function feedOf(prisma: PrismaClient): Feed | undefined {
  return feeds.get(prisma);
}

/** Called by the store once its transaction has committed. */
export function announce(prisma: PrismaClient, results: readonly { added: Added }[]): void {
  const feed = feeds.get(prisma);
  if (!feed) return;
  const added = { articleIds: results.flatMap((r) => r.added.articleIds), eventIds: results.flatMap((r) => r.added.eventIds) };
  if (added.articleIds.length || added.eventIds.length) feed.publish(added);
}
