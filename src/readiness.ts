// GET /healthz and /readyz: whether this server can answer now. Both ask the database and give up
// after 750 ms, so a frozen database is reported within a second, not waited for. /livez (Yoga's
// own health check) says only that the process answers: what an orchestrator restarts on.
import type { PrismaClient } from './generated/prisma/client.js';
import type { Logger } from './log.js';

/** How long a probe waits for the database: under a second with time left to answer. */
export const PROBE_TIMEOUT_MS = 750;

/** What a probe's body says: `{"status":"healthy"}` or `{"status":"unhealthy"}` for /healthz. */
export interface ProbeWords {
  ok: string;
  failed: string;
}

export const HEALTH: ProbeWords = { ok: 'healthy', failed: 'unhealthy' };
export const READINESS: ProbeWords = { ok: 'ready', failed: 'unavailable' };

const status = (code: number, body: string) =>
  new Response(JSON.stringify({ status: body }), { status: code, headers: { 'content-type': 'application/json' } });

/**
 * 200 when migrations are applied (isReady) and the database answers within PROBE_TIMEOUT_MS; 503
 * otherwise. The body says which in one word and nothing else: why goes to the log, as the
 * database's address must not reach an anonymous caller.
 */
export async function probe(prisma: PrismaClient, logger: Logger, words: ProbeWords, isReady?: () => boolean): Promise<Response> {
  if (isReady && !isReady()) return status(503, words.failed);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      prisma.$queryRaw`SELECT 1`,
      new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      }),
    ]);
    return status(200, words.ok);
  } catch (error) {
    logger.warn({ err: error }, `${words.failed}: the database did not answer`);
    return status(503, words.failed);
  } finally {
    clearTimeout(timer);
  }
}
