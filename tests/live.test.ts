// The live feed (src/live/feed.ts, src/schema/subscription.ts): a page ingested through one
// server reaches a subscriber of another through Redis, filtered; a subscriber back from a
// dropped connection names the last id it saw and gets what it missed. Two real server
// processes on one PostgreSQL database; skipped unless PostgreSQL and Redis both answer.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Added, attachFeed, type Feed, openFeed } from '../src/live/feed.js';
import { type Api, openApi } from './helpers/api.js';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { type RunningServer, startServer } from './helpers/server.js';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
const redisUp = await probe.connect().then(
  () => true,
  () => false,
);
probe.disconnect();
const postgres = backends.find((b) => b.name === 'postgres');
const TOKEN = 'live-test-token-0123456789';

afterAll(dropScratchDatabases);

/** A page naming `guest`, in the genre's shape: a headline, one sentence stating a dated meeting (a new event each day). */
const page = (headline: string, guest: string, day: number) =>
  [headline, `Ri Chol Ho, minister of foreign affairs, met ${guest} in Pyongyang on May ${day}, 2024.`].join('\n');

/** An SSE subscription: each `next` payload's data, in order, as it arrives. */
function subscribe(server: RunningServer, query: string, variables: Record<string, unknown> = {}) {
  const controller = new AbortController();
  const received: Record<string, unknown>[] = [];
  const waiting: (() => void)[] = [];
  const opened = fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const reading = (async () => {
    const response = await opened;
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split('\n').find((l) => l.startsWith('data:'));
        if (data && /^event: next/m.test(message)) received.push(JSON.parse(data.slice(5)));
        for (const wake of waiting.splice(0)) wake();
      }
    }
  })().catch(() => {});
  return {
    received,
    /** Resolves once `n` payloads have arrived. */
    async next(n: number) {
      while (received.length < n) await new Promise<void>((wake) => waiting.push(wake));
      return received.slice(0, n);
    },
    close() {
      controller.abort();
      return reading;
    },
  };
}

describe.skipIf(!postgres || !redisUp)('the live feed across two servers through Redis', () => {
  let a: RunningServer;
  let b: RunningServer;
  const gql = async (server: RunningServer, query: string, variables: Record<string, unknown> = {}) => {
    const r = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query, variables }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: each caller reads the fields it asked for.
    const body = (await r.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  const ingest = (server: RunningServer, text: string, url: string) =>
    gql(
      server,
      'mutation($text: String!, $url: String!) { ingestDocument(input: { text: $text, url: $url }) { status articles { id title } } }',
      {
        text,
        url,
      },
    );

  beforeAll(async () => {
    const db = (await postgres!.open()) as Awaited<ReturnType<NonNullable<typeof postgres>['open']>> & { url: string };
    await db.close();
    const env = { DATABASE_URL: db.url, REDIS_URL: redisUrl, NEWSGRAPH_TOKENS: TOKEN };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('pushes what is ingested on A to subscribers on B, filtered, and replays what a reconnect missed', async () => {
    const title = (payload: unknown) => (payload as { data: { articleAdded: { title: string } } }).data.articleAdded.title;
    // A first page makes the person to watch known. Subscribing `after` its article, the
    // subscriber gets every later one whether it was listening yet or not: no sleep needed.
    const first = await ingest(a, page('Minister Meets Guest', 'Kim Yong Chol', 2), 'https://example.org/live/1');
    const firstArticle = first.ingestDocument.articles[0];
    const watched = (await gql(b, '{ person(name: "Kim Yong Chol") { id } }')).person.id as string;
    const firstEvent = (await gql(b, `{ node(id: "${firstArticle.id}") { ... on Article { events { nodes { id } } } } }`)).node.events
      .nodes[0].id;
    const articles = subscribe(
      b,
      'subscription($p: ID!, $after: ID) { articleAdded(filter: { personId: $p }, after: $after) { id title persons { nodes { name } } } }',
      {
        p: watched,
        after: firstArticle.id,
      },
    );
    const meetings = subscribe(b, 'subscription($after: ID) { eventAdded(filter: { kind: MEETING }, after: $after) { id summary } }', {
      after: firstEvent,
    });
    await ingest(a, page('Another Talk', 'Pak Jong Chon', 3), 'https://example.org/live/2');
    await ingest(a, page('Talks Held Again', 'Kim Yong Chol', 4), 'https://example.org/live/3');
    expect((await articles.next(1)).map(title)).toEqual(['Talks Held Again']);
    // Now surely listening: the next page arrives live. How long it took is printed, not asserted.
    const sent = performance.now();
    const fourth = await ingest(a, page('Talks Held a Third Time', 'Kim Yong Chol', 5), 'https://example.org/live/4');
    const [, live] = await articles.next(2);
    console.log(`live feed: ingest on A to the subscriber on B in ${Math.round(performance.now() - sent)} ms`);
    expect((live as { data: { articleAdded: { id: string } } }).data.articleAdded.id).toBe(fourth.ingestDocument.articles[0].id);
    // The event feed is filtered by kind, not person: both meetings since the first.
    const summaries = (await meetings.next(2)).map((m) => (m as { data: { eventAdded: { summary: string } } }).data.eventAdded.summary);
    expect(summaries.join(' ')).toMatch(/Pak Jong Chon.*Kim Yong Chol/);
    await Promise.all([articles.close(), meetings.close()]);
    // Pak Jong Chon's page met the event filter and not the article filter.
    expect(articles.received.map(title)).toEqual(['Talks Held Again', 'Talks Held a Third Time']);

    // Away: two more pages, one about the watched person. Back with the last id seen.
    await ingest(a, page('Talks Held a Fourth Time', 'Kim Yong Chol', 6), 'https://example.org/live/5');
    await ingest(a, page('Unrelated Talks', 'Ri Son Gwon', 7), 'https://example.org/live/6');
    const back = subscribe(b, 'subscription($p: ID!, $after: ID) { articleAdded(filter: { personId: $p }, after: $after) { title } }', {
      p: watched,
      after: fourth.ingestDocument.articles[0].id,
    });
    expect((await back.next(1)).map(title)).toEqual(['Talks Held a Fourth Time']);
    await back.close();
  });
});

describe('subscription refusals, in process', () => {
  const sse = async (api: Api, query: string) => {
    const r = await api.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query }),
    });
    return r.text();
  };
  it('refuses a bad `after` with BAD_USER_INPUT and a server without a feed with LIVE_FEED_OFF, before any stream', async () => {
    const api = await openApi(backends[0]!);
    try {
      expect(await sse(api, 'subscription { articleAdded { id } }')).toMatch(/"code":"LIVE_FEED_OFF"/);
      attachFeed(api.db.prisma, openFeed(undefined, 'in-process').feed);
      const bad = await sse(api, 'subscription { articleAdded(after: "QXJ0aWNsZToweDEw") { id } }');
      expect(bad).toMatch(/"code":"BAD_USER_INPUT"/);
      expect(bad).toMatch(/"argument":"after"/);
      const other = await sse(api, `subscription { eventAdded(after: "${Buffer.from('Article:1').toString('base64')}") { id } }`);
      expect(other).toMatch(/must be the ID of a Event, not Article/);
    } finally {
      await api.db.close();
    }
  });
});

describe.skipIf(!redisUp)('archives sharing one Redis', () => {
  it('never hear each other: each feed is named by its archive', async () => {
    const one = openFeed(redisUrl, 'archive-one');
    const sameOne = openFeed(redisUrl, 'archive-one');
    const two = openFeed(redisUrl, 'archive-two');
    try {
      const heardByOne = sameOne.feed.subscribe();
      const heardByTwo = two.feed.subscribe();
      // Redis takes a subscription asynchronously: publish until the listener's first message arrives.
      const firstHeard = async (from: Feed, listener: AsyncIterator<Added>, articleIds: number[]) => {
        const first = listener.next();
        for (;;) {
          from.publish({ articleIds, eventIds: [] });
          const got = await Promise.race([first, new Promise<undefined>((r) => setTimeout(r, 200))]);
          if (got) return got.value as Added;
        }
      };
      expect((await firstHeard(one.feed, heardByOne, [1])).articleIds).toEqual([1]);
      // Redis delivers to each connection in publishing order: had archive two's subscriber heard
      // archive one's channel, those messages would reach it before its own.
      expect((await firstHeard(two.feed, heardByTwo, [2])).articleIds).toEqual([2]);
      await heardByOne.return?.();
      await heardByTwo.return?.();
    } finally {
      for (const f of [one, sameOne, two]) f.close();
    }
  });
});
