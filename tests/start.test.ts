// `npm start` as Docker, systemd and a terminal run it: the signal goes to npm's process. The
// script execs the server, so npm hands SIGTERM to the server itself, which drains, exits 0 and
// leaves no process behind.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { freePort, root } from './helpers/server.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it('drains and exits 0 when npm start gets SIGTERM, with no server left running', { timeout: 180_000 }, async () => {
  const port = await freePort();
  const npm = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), PGLITE_DATA_DIR: mkdtempSync(join(tmpdir(), 'newsgraph-start-')), DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout!.on('data', (d) => (output += d));
  npm.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((done) => npm.once('exit', (code) => done(code)));
  // Ready: the server says its pid, and its database is prepared.
  while (!/pid (\d+)/.test(output) || !output.includes('database ready')) {
    expect(npm.exitCode, output).toBeNull();
    await new Promise((r) => setTimeout(r, 200));
  }
  const serverPid = Number(/pid (\d+)/.exec(output)![1]);
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  npm.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(output).toContain('SIGTERM: draining');
  expect(alive(serverPid)).toBe(false);
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
});
