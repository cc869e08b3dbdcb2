// Serving until SIGTERM/SIGINT, then a drain: stop accepting at once (the listener closes, idle
// keep-alive sockets close, every response still to go out says `Connection: close`, a request
// that arrives on a kept-alive socket afterwards is answered 503 SHUTTING_DOWN), let what is in
// flight finish for up to the grace period, and end live feeds (their clients reconnect elsewhere
// with `after`). Exit 0 when everything in flight was answered; past the grace, what is still
// running is answered 503 rather than reset, and the exit code is 1.
//
// While serving, the same wrapper bounds the waits: at most maxInFlight requests at once (more
// are answered 503 SERVICE_UNAVAILABLE with Retry-After, not queued), and none longer than the
// deadline (then 503 too; the database call behind it is left to the pool's own timeouts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { EXPORT_PREFIX } from './export/route.js';
import { errorBody } from './http-status.js';
import type { Logger } from './log.js';

/** How long closing the database may take after the drain. */
const CLOSE_MS = 5_000;

export interface Drain {
  graceMs: number;
  /** Requests in flight at most (live feeds aside); more are answered 503 at once. */
  maxInFlight: number;
  /** A request not answered by then is answered 503: a hung database never holds a client longer. */
  deadlineMs: number;
  logger: Logger;
  /** Closes what the server holds (database, Redis), after the last response. */
  close: () => Promise<void>;
}

const refuse = (res: ServerResponse, message: string, code = 'SHUTTING_DOWN', close = true) => {
  if (res.headersSent) return res.end();
  res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5', ...(close ? { connection: 'close' } : {}) });
  res.end(errorBody(code, message));
};

export function serveUntilSignal(handler: (req: IncomingMessage, res: ServerResponse) => void, drain: Drain): Server {
  // Each response in flight, and whether it is a live feed (asked for as an event stream).
  const inFlight = new Map<ServerResponse, boolean>();
  let stopping = false;
  let working = 0;
  const server = createServer((req, res) => {
    if (stopping) return refuse(res, 'The server is shutting down; retry on another.');
    // A live feed is ended at shutdown; it and an export stream as long as their client reads,
    // so neither has a deadline or counts against the requests at once (exports have their own cap).
    const live = (req.headers.accept ?? '').includes('text/event-stream');
    const stream = live || (req.url ?? '').startsWith(EXPORT_PREFIX);
    // Shed load rather than queue it without bound behind a slow or hung database.
    if (!stream && working >= drain.maxInFlight)
      return refuse(res, `${drain.maxInFlight} requests are in progress; retry shortly.`, 'SERVICE_UNAVAILABLE', false);
    inFlight.set(res, live);
    if (!stream) working += 1;
    const deadline = stream
      ? undefined
      : setTimeout(
          () =>
            refuse(res, `No answer within ${drain.deadlineMs} ms; the database may be slow or unavailable.`, 'SERVICE_UNAVAILABLE', false),
          drain.deadlineMs,
        );
    res.once('close', () => {
      clearTimeout(deadline);
      inFlight.delete(res);
      if (!stream) working -= 1;
      if (stopping && inFlight.size === 0) finished();
    });
    handler(req, res);
  });
  let finished = () => {};
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    drain.logger.info({ inFlight: inFlight.size }, `${signal}: draining`);
    server.close();
    server.closeIdleConnections();
    for (const [res, live] of inFlight) {
      // A live feed never finishes by itself.
      if (live) res.end();
      else if (!res.headersSent) res.setHeader('connection', 'close');
    }
    const drained = await new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(false), drain.graceMs);
      finished = () => {
        clearTimeout(timer);
        done(true);
      };
      if (inFlight.size === 0) finished();
    });
    if (!drained) {
      drain.logger.warn({ cut: inFlight.size }, 'grace period over: answering what is left with 503');
      for (const res of inFlight.keys()) refuse(res, 'The server shut down before this request finished; retry it.');
    }
    server.closeAllConnections();
    // Closing the database waits for its queries: a hung database must not hang the exit too.
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      drain.close().then(
        () => true,
        (error: unknown) => {
          drain.logger.error({ err: error }, 'closing');
          return false;
        },
      ),
      new Promise<false>((done) => {
        timer = setTimeout(() => done(false), CLOSE_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!closed) drain.logger.warn(`the database did not close within ${CLOSE_MS} ms; exiting anyway`);
    process.exit(drained && closed ? 0 : 1);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));
  return server;
}
