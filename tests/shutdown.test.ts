// SIGTERM with a live feed open and a kept-alive connection idle: the feed's stream ends cleanly
// (its client reconnects elsewhere with `after`), the listener stops accepting, the process exits
// 0 once everything in flight is answered.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startServer } from './helpers/server.js';

describe('shutdown', () => {
  it('ends live feeds, stops accepting and exits 0 after a SIGTERM', async () => {
    const server = await startServer({ NEWSGRAPH_SHUTDOWN_GRACE_MS: '60000' });
    const url = new URL(server.url);
    // A live feed, in flight until the server ends it.
    const feed = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { articleAdded { id } }' }),
    });
    expect(feed.status).toBe(200);
    const reader = feed.body!.getReader();
    const ended = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
      return 'ended';
    })().catch((error: Error) => `reset: ${error.message}`);
    // A query answered on a kept-alive socket: after the signal that idle socket is closed.
    const ask = () =>
      new Promise<number>((done, fail) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: '/graphql',
            method: 'POST',
            headers: { 'content-type': 'application/json', connection: 'keep-alive' },
          },
          (res) => {
            res.resume();
            res.on('end', () => done(res.statusCode!));
          },
        );
        req.on('error', fail);
        req.end(JSON.stringify({ query: '{ sources { totalCount } }' }));
      });
    expect(await ask()).toBe(200);
    const exit = server.stop('SIGTERM');
    expect(await ended).toBe('ended');
    expect(await exit).toBe(0);
    await expect(ask()).rejects.toThrow(/ECONNREFUSED/);
    expect(server.output()).toMatch(/SIGTERM: draining/);
  }, 120_000);
});
