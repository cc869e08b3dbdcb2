// A TCP proxy to the PostgreSQL server that a test can cut, freeze and restore: the database
// "goes down" or hangs (as a SIGSTOPped server does: connections accepted, nothing answered)
// for the server under test without touching the real server other tests use.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface Proxy {
  port: number;
  up(): Promise<void>;
  down(): Promise<void>;
  /** Hold every byte both ways (new connections too) until thaw. */
  freeze(): void;
  thaw(): void;
  /** Chunks held since the freeze: more than before means a query reached the database's door. */
  held(): number;
}

export async function createProxy(target: { host: string; port: number }, port: number): Promise<Proxy> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let frozen = false;
  const held: (() => void)[] = [];
  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => {
      const send = () => !to.destroyed && to.write(chunk);
      if (frozen) held.push(send);
      else send();
    });
    from.on('end', () => (frozen ? held.push(() => to.end()) : to.end()));
  };
  const proxy: Proxy = {
    port,
    up: () =>
      new Promise((done) => {
        server = createServer((client) => {
          const upstream = connect(target.port, target.host);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('close', () => sockets.delete(s));
            s.on('error', () => s.destroy());
          }
          forward(client, upstream);
          forward(upstream, client);
        });
        server.listen(port, '127.0.0.1', () => done());
      }),
    down: () =>
      new Promise((done) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        if (!server) return done();
        server.close(() => done());
        server = undefined;
      }),
    freeze: () => {
      frozen = true;
    },
    held: () => held.length,
    thaw: () => {
      frozen = false;
      for (const send of held.splice(0)) send();
    },
  };
  return proxy;
}
