// Whether an error means "the database cannot answer now" (stopped, starting, restarting,
// unreachable, out of connections, timed out), so a client gets SERVICE_UNAVAILABLE and may
// retry, rather than INTERNAL_SERVER_ERROR. Read from what the error carries, by class: the
// SQLSTATE (PostgreSQL's own, or one inside a driver adapter error), the driver adapter's error
// kind, Prisma's error code, Node's socket error code. Message text is a last resort only.

/** SQLSTATE classes and codes: connection exceptions (08), operator intervention (57P01–57P05), insufficient resources (53). */
const SQLSTATE = /^(08...|57P0[1-5]|53...)$/;
/** The driver adapter's kinds for the same. */
const KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'TooManyConnections', 'SocketTimeout', 'TlsConnectionError']);
/** Prisma's: can't reach (P1001), timed out (P1002, P1008), server closed the connection (P1017), pool timeout (P2024). */
const PRISMA = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const TEXT =
  /Connection terminated|connection (?:is )?closed|Can't reach database|server closed the connection|terminating connection|the database system is (?:starting|shutting) up|not yet accepting connections|Timed out fetching a new connection|timeout exceeded when trying to connect/i;

export function isUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 6 || error == null || typeof error !== 'object') return false;
  const e = error as {
    code?: unknown;
    kind?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: unknown;
    originalError?: unknown;
    driverAdapterError?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (SQLSTATE.test(code) || PRISMA.has(code) || NODE.has(code))) return true;
  if (typeof e.kind === 'string' && KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && TEXT.test(e.message)) return true;
  const meta = e.meta as { driverAdapterError?: unknown } | undefined;
  return [e.cause, e.originalError, e.driverAdapterError, meta?.driverAdapterError].some((inner) => isUnavailable(inner, depth + 1));
}
