// GraphiQL in a real browser: it loads from the server's own assets and runs its example query.
// Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH); skipped where there is none.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/server.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(executablePath))('GraphiQL in Chromium', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('opens on the example query and runs it, with nothing fetched from outside', async () => {
    const browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
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
        page.waitForFunction((t) => document.body.innerText.replace(/[\s\u00a0]/g, '').includes(t), text, { timeout: 30_000 });
      await shows('queryOverview{');
      await page.click('.graphiql-execute-button');
      await shows('"totalCount":8');
      await shows('"name":"KimIlSung"');
      expect(external).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 90_000);
});
