// The loading commands as a user runs them: progress, a summary, and the exit code.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/index.js';
import { root, tsx } from './helpers/server.js';

const run = promisify(execFile);

async function cli(script: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(tsx, [script, ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run ingest / seed / reextract', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsgraph-cli-'));
  const docs = mkdtempSync(join(tmpdir(), 'newsgraph-docs-'));
  writeFileSync(join(docs, 'good.txt'), 'Farm Visit\nRi Chol Ho visited a farm in Sariwon on May 3, 2024.\n');
  writeFileSync(join(docs, 'empty.txt'), '');
  writeFileSync(join(docs, 'binary.bin'), Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02]));
  const env = { PGLITE_DATA_DIR: dataDir };

  it('loads a folder, reports each file and the failures, and exits 1', async () => {
    const r = await cli('src/cli/ingest.ts', [docs], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[1\/3\] .*binary\.bin: FAILED BINARY/);
    expect(r.stdout).toMatch(/empty\.txt: FAILED EMPTY/);
    // Not on a terminal: no bar, one progress line at the end (and per 1,000 pages), no line per page stored.
    expect(r.stdout).toMatch(/^3\/3 pages \(100%\), \d+ pages\/s, 2 failed$/m);
    expect(r.stdout).not.toMatch(/good\.txt/);
    expect(r.stdout).toMatch(/3 documents \(1 new, 0 updated, 0 unchanged\), 1 articles, \d+ warnings, 2 failures/);
    expect(r.stdout).toMatch(/archive: 1 sources, 1 articles, 1 persons, 1 events/);
  }, 120_000);

  it('loads the good file alone with exit 0, unchanged the second time', async () => {
    const r = await cli('src/cli/ingest.ts', ['--verbose', join(docs, 'good.txt')], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[1\/1\] .*good\.txt: unchanged, 1 articles/);
    expect(r.stdout).toMatch(/1 documents \(0 new, 0 updated, 1 unchanged\)/);
    const bad = await cli('src/cli/ingest.ts', ['--wtach', docs], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/usage: npm run ingest/);
  }, 120_000);

  it('re-extracts stored pages without changing the counts', async () => {
    const r = await cli('src/cli/reextract.ts', [], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toMatchObject({
      documents: 1,
      failed: 0,
      archive: { articles: 1, persons: 1, events: 1 },
    });
    // Re-extraction rewrote the mentions; the co-mention lists were counted again after it.
    const db = await openDb({ dataDir });
    try {
      const people = await db.prisma.person.findMany({ select: { mentionsVersion: true, coMentionList: { select: { version: true } } } });
      expect(people.length).toBe(1);
      expect(people[0]!.mentionsVersion).toBeGreaterThan(1);
      expect(people[0]!.coMentionList?.version).toBe(people[0]!.mentionsVersion);
    } finally {
      await db.close();
    }
  }, 120_000);
});
