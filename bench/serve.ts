// The bench's servers and load: each server in its own process (NODE_ENV=production, as `npm start`
// sets it), autocannon from the bench's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';

const root = resolve(import.meta.dirname, '..');

/** Starts `script` (relative to the project) and resolves once its output matches `ready`. */
export function start(script: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    // NODE_ENV=production as `npm start` sets it: graphql-js skips its development checks.
    const child = spawn(join(root, 'node_modules/.bin/tsx'), [script], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (d: Buffer) => ready.test(String(d)) && done(child));
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code}`)));
  });
}

export const stop = (child: ChildProcess) =>
  new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/**
 * Comparing an answer's whole text costs autocannon about 1.2 ms per 280 kB (the body arrives as
 * a string of pieces, made whole in a fresh large allocation to compare): at 500 req/s that is more
 * of the machine than the server's own work, so a large answer under load is checked by its length
 * every time and by its whole text one time in this many. A refusal or a cut answer has another length.
 */
const WHOLE_CHECK_EVERY = 16;
const SMALL_ANSWER = 16_384;

/** `query` POSTed by `connections` clients for `duration` seconds. With `expect` (the answer's body
 * as served alone), an answer that differs under load (a refusal, a deadline) counts as an error. */
export async function load(url: string, query: string, connections: number, duration: number, expect?: string): Promise<Load> {
  let answers = 0;
  const same = (body: unknown) => {
    if (typeof body !== 'string' || body.length !== expect!.length) return false;
    const whole = expect!.length < SMALL_ANSWER || answers++ % WHOLE_CHECK_EVERY === 0;
    return !whole || body === expect;
  };
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections,
    duration,
    ...(expect ? { verifyBody: same } : {}),
  });
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.mismatches,
  };
}
