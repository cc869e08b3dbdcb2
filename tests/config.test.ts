// Settings are read once, at start, from the environment (src/config.ts) and passed down. A
// malformed value stops the start with a message that names its variable.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SEARCH, loadConfig } from '../src/config.js';
import { root, tsx } from './helpers/server.js';

const run = promisify(execFile);

describe('the configuration', () => {
  it('has defaults for everything, so a fresh machine needs no variable', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, tokens: [], redisUrl: undefined, compiledReads: true, search: DEFAULT_SEARCH });
    expect(config.db).toMatchObject({ url: undefined, dataDir: './data/pglite', preparedStatements: true });
    expect(config.limits.maxDepth).toBe(12);
  });

  it('reads each variable', () => {
    const config = loadConfig({
      PORT: '8080',
      NEWSGRAPH_TOKENS: ' a , ,b ',
      DATABASE_URL: 'postgres://x@h/db',
      DATABASE_POOL_SIZE: '32',
      NEWSGRAPH_SEARCH_CANDIDATES: '25',
      NEWSGRAPH_MAX_DEPTH: '20',
      NEWSGRAPH_COMPILED_READS: '0',
      NEWSGRAPH_TRUSTED_DOCUMENTS: 'only',
    });
    expect(config).toMatchObject({ port: 8080, tokens: ['a', 'b'], compiledReads: false, trustedDocuments: 'only' });
    expect(config.db).toMatchObject({ url: 'postgres://x@h/db', poolSize: 32 });
    expect(config.search).toEqual({ candidates: 25 });
    expect(config.limits.maxDepth).toBe(20);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_POOL_SIZE', '0'],
    ['NEWSGRAPH_SEARCH_CANDIDATES', '-5'],
    ['NEWSGRAPH_MAX_COST', '1.5'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('is the only module that reads process.env', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === 'generated' ? [] : files(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const readers = files(join(root, 'src'))
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '')))
      .map((f) => relative(root, f));
    expect(readers).toEqual(['src/config.ts']);
  });

  it('stops a command at start on a malformed setting, with exit code 2 and the message', async () => {
    const outcome = await run(tsx, ['src/cli/migrate.ts'], { cwd: root, env: { ...process.env, NEWSGRAPH_MAX_DEPTH: 'deep' } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('NEWSGRAPH_MAX_DEPTH must be a positive integer, not "deep".');
  });
});
