// `npm run ingest -- --watch DIR` as a scraper would feed it: a page written in two parts, a new
// page, a partial download that must be ignored, then SIGTERM. What counts is the outcome (the
// complete page stored, the partial never), not when the watcher happened to look.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/server.js';

describe('npm run ingest -- --watch', () => {
  it('ingests pages as they appear, a page written in parts as its whole, ignores partial downloads, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsgraph-watch-'));
    writeFileSync(join(dir, 'first.txt'), 'Farm Visit\nRi Chol Ho visited a farm in Sariwon on May 3, 2024.\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', '--watch', '--verbose', dir], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: join(dir, '.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const waiters: (() => void)[] = [];
    child.stdout!.on('data', (d) => {
      out += d;
      for (const w of waiters.splice(0)) w();
    });
    child.stderr!.on('data', (d) => (out += d));
    const until = async (pattern: RegExp) => {
      while (!pattern.test(out)) {
        if (child.exitCode !== null) throw new Error(`exited early:\n${out}`);
        await new Promise<void>((w) => waiters.push(w));
      }
    };
    await until(/watching .* for new pages/);
    expect(out).toMatch(/first\.txt: created, 1 articles/);

    // A page arriving in two writes: stored whole in the end, whatever the watcher saw between.
    const second = join(dir, 'second.txt');
    writeFileSync(second, 'Talks Held\nKim Yong Chol met the delegation of');
    appendFileSync(second, ' Laos in Pyongyang on June 4, 2024, and talks were held.\n');
    writeFileSync(join(dir, 'third.txt.part'), 'Never Read\nPak Jong Chon opened a school in Wonsan on July 1, 2024.\n');
    await until(/second\.txt: (created|updated), 1 articles/);
    // Pages are stored in the order they settle: once a page written after the append is in, so is the append.
    writeFileSync(join(dir, 'fourth.txt'), 'School Opened\nPak Jong Chon opened a school in Wonsan on July 1, 2024.\n');
    await until(/fourth\.txt: created, 1 articles/);
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).not.toMatch(/third\.txt\.part/);

    // The archive holds the complete page and nothing of the partial download.
    const { openDb } = await import('../src/db/index.js');
    const db = await openDb({ dataDir: join(dir, '.db') });
    try {
      const titles = (await db.prisma.article.findMany({ select: { title: true, body: true } })).map((a) => a.title);
      expect(titles.sort()).toEqual(['Farm Visit', 'School Opened', 'Talks Held']);
      const talk = await db.prisma.article.findFirstOrThrow({ where: { title: 'Talks Held' } });
      expect(talk.body).toContain('talks were held');
    } finally {
      await db.close();
    }
  }, 180_000);
});
