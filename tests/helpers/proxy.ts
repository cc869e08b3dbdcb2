// A TCP proxy to the PostgreSQL server that a test can cut and restore: the database "goes
// down" for the server under test without touching the real server other tests use.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface Proxy {
  port: number;
  up(): Promise<void>;
  down(): Promise<void>;
}

export async function createProxy(target: { host: string; port: number }, port: number): Promise<Proxy> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
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
          client.pipe(upstream).pipe(client);
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
  };
  return proxy;
}
