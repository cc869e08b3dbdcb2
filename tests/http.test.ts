// Over real HTTP, against the server as `npm start` runs it on a fresh embedded database.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, startServer, tsx, type RunningServer } from './helpers/server.js';

const run = promisify(execFile);

describe('the server over HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ NEWSGRAPH_TOKENS: 'http-test-token' });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('migrates and seeds a fresh embedded database by itself', async () => {
    const r = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles { totalCount } persons { totalCount } }' }),
    });
    expect(await r.json()).toEqual({ data: { articles: { totalCount: 21 }, persons: { totalCount: 8 } } });
    expect(server.output()).toMatch(/seeded 1 document/);
  });

  it('gives its schema to GraphQL Code Generator from its live URL, as it is in schema.graphql', async () => {
    const { generate } = await import('@graphql-codegen/cli');
    const [output] = await generate(
      { schema: `${server.url}/graphql`, generates: { 'live.graphql': { plugins: ['schema-ast'] } }, silent: true },
      false,
    );
    const { buildSchema, lexicographicSortSchema, printSchema } = await import('graphql');
    const { schema } = await import('../src/schema/index.js');
    // Codegen's introspection does not ask for specifiedByURL: the one difference it may show.
    const sorted = (sdl: string) => printSchema(lexicographicSortSchema(buildSchema(sdl))).replace(/ @specifiedBy\(url: "[^"]*"\)/g, '');
    expect(sorted(output!.content)).toBe(sorted(printSchema(schema)));
  });

  it('passes every MUST and SHOULD of the GraphQL-over-HTTP audit', async () => {
    const failures: string[] = [];
    const warnings: string[] = [];
    for (const audit of serverAudits({ url: `${server.url}/graphql` })) {
      const result = await audit.fn();
      if (result.status === 'error') failures.push(`${audit.name}: ${result.reason}`);
      if (result.status === 'warn') warnings.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('runs the example client on the generated SDK', async () => {
    const { stdout } = await run(tsx, ['examples/client.ts', 'diplomatic relations'], {
      cwd: root,
      env: { ...process.env, NEWSGRAPH_URL: `${server.url}/graphql` },
    });
    expect(stdout).toMatch(/^8 people; most mentioned:\n {2}Kim Il Sung \(10 mentions\)/);
    expect(stdout).toMatch(/1965-10-28 {2}Kim Il Sung warmly welcomed Kaysone Phomvihane/);
    expect(stdout).toMatch(/<mark>diplomatic<\/mark> <mark>relations<\/mark>/);
  });

  it('never accepts a mutation over GET', async () => {
    const query = encodeURIComponent('mutation { ingestDocument(input: { text: "x" }) { status } }');
    const r = await fetch(`${server.url}/graphql?query=${query}`, { headers: { authorization: 'Bearer http-test-token' } });
    expect(r.status).toBe(405);
  });

  it('drains and exits cleanly on SIGTERM', async () => {
    const code = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: draining/);
  });
});
