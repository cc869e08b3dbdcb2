// GET /readyz: whether this server can answer now. Liveness is Yoga's /healthz (the process
// answers); readiness asks the database too, and gives up after a second.
import type { PrismaClient } from './generated/prisma/client.js';
import type { Logger } from './log.js';

const status = (code: number, body: string) =>
  new Response(JSON.stringify({ status: body }), { status: code, headers: { 'content-type': 'application/json' } });

/**
 * Ready: migrations applied (isReady) and the database answering within a second, so a frozen
 * database is reported, not waited for. The body says ready or unavailable and nothing else: why
 * goes to the log, as the database's address must not reach an anonymous caller.
 */
export async function readiness(prisma: PrismaClient, logger: Logger, isReady?: () => boolean): Promise<Response> {
  if (isReady && !isReady()) return status(503, 'unavailable');
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      prisma.$queryRaw`SELECT 1`,
      new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error('no answer within 1 s')), 1_000);
      }),
    ]);
    return status(200, 'ready');
  } catch (error) {
    logger.warn({ err: error }, 'not ready: the database did not answer');
    return status(503, 'unavailable');
  } finally {
    clearTimeout(timer);
  }
}
