// GraphiQL in a real browser: it loads from the server's own assets and runs its example query.
// Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH); skipped where there is none.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { freePort, startServer, type RunningServer } from './helpers/server.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const launch = () =>
  chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

/** A page served from another origin than the API's, as a third-party site would be. */
async function otherOrigin(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html)).listen(port, '127.0.0.1');
  await once(site, 'listening');
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => site.close(() => done())) };
}

describe.skipIf(!existsSync(executablePath))('GraphiQL in Chromium', () => {
  let server: RunningServer;
  let allowed: Awaited<ReturnType<typeof otherOrigin>>;
  let foreign: Awaited<ReturnType<typeof otherOrigin>>;
  beforeAll(async () => {
    allowed = await otherOrigin('<title>allowed</title>');
    foreign = await otherOrigin('<title>foreign</title>');
    server = await startServer({ NEWSGRAPH_CORS_ORIGINS: allowed.url.replace(/\/$/, '') });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await allowed?.close();
    await foreign?.close();
  });

  it('opens on the example query and runs it, with nothing fetched from outside', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const external: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(server.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) external.push(r.url());
      });
      await page.goto(`${server.url}/graphql`);
      await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
      // Monaco renders spaces as no-break spaces: compare text without any white space.
      const shows = (text: string) =>
        page.waitForFunction((t) => document.body.textContent.replace(/[\s\u00a0]/g, '').includes(t), text, { timeout: 30_000 });
      await shows('queryOverview{');
      await page.click('.graphiql-execute-button');
      await shows('"totalCount":8');
      await shows('"name":"KimIlSung"');
      expect(external).toEqual([]);
      // The Docs panel reads the schema by introspection: Query's fields, with their descriptions.
      await page.click('[aria-label="Show Documentation Explorer"]');
      await page.getByText('Query', { exact: true }).first().click();
      await shows('person(name:String!):Person');
      await shows('amissisananswer,notanerror');
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('answers pages of allowed origins, not others, and refuses a cross-site form post', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const read = (from: string) =>
        page.goto(from).then(() =>
          page.evaluate(async (api) => {
            try {
              const r = await fetch(`${api}/graphql`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: '{"query":"{ sources { totalCount } }"}',
              });
              return JSON.stringify(await r.json());
            } catch (error) {
              return `blocked: ${String(error)}`;
            }
          }, server.url),
        );
      expect(await read(allowed.url)).toBe('{"data":{"sources":{"totalCount":1}}}');
      expect(await read(foreign.url)).toMatch(/^blocked: TypeError/);
      // A form on a foreign page posts text/plain with no preflight: the API refuses to run it.
      await page.goto(foreign.url);
      await page.setContent(
        `<form method="post" enctype="text/plain" action="${server.url}/graphql"><input name='{"query":"{ sources { totalCount } }","x":"' value='"}'></form>`,
      );
      await Promise.all([page.waitForNavigation(), page.evaluate(() => document.querySelector('form')!.submit())]);
      expect(await page.evaluate(() => document.body.textContent)).toContain('UNSUPPORTED_MEDIA_TYPE');
    } finally {
      await browser.close();
    }
  }, 90_000);
});
