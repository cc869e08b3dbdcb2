// The bench's servers and load: each server in its own process (NODE_ENV=production, as `npm start`
// sets it), autocannon from the bench's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
  /** CPU ms per request, where /proc tells (Linux): the whole machine's, PostgreSQL's processes' and the load generator's (this process). */
  cpu?: { total: number; postgres: number; bench: number };
}

/** Clock ticks of /proc (USER_HZ, 100 on Linux) in ms. */
const TICK_MS = 10;

/** CPU time so far, in ms: the machine's busy time (all cores), each PostgreSQL process's (by pid), and this process's. */
interface CpuReading {
  total: number;
  postgres: Map<string, number>;
  bench: number;
}

function cpuNow(): CpuReading | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  // cpu  user nice system idle iowait irq softirq steal …: busy is all but idle and iowait.
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const postgres = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      // After "pid (comm) ": state is field 0, utime 11, stime 12.
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      postgres.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const own = process.cpuUsage();
  return { total: (user! + nice! + system! + irq! + softirq! + steal!) * TICK_MS, postgres, bench: (own.user + own.system) / 1000 };
}

/** CPU ms spent between two readings: PostgreSQL's by process, those that ended in between left out (so it is a floor). */
function cpuSpent(before: CpuReading, after: CpuReading) {
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  return { total: after.total - before.total, postgres, bench: after.bench - before.bench };
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
  const before = cpuNow();
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections,
    duration,
    ...(expect ? { verifyBody: same } : {}),
  });
  const after = cpuNow();
  const spent = before && after ? cpuSpent(before, after) : undefined;
  const per = (ms: number) => +(ms / Math.max(r.requests.total, 1)).toFixed(2);
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.mismatches,
    ...(spent ? { cpu: { total: per(spent.total), postgres: per(spent.postgres), bench: per(spent.bench) } } : {}),
  };
}
