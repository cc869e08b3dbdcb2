// Browsers: which origins may read, that no origin gets credentials unless configured, and that a
// cross-site form cannot reach the API (the CSRF guard), in-process. tests/graphiql.test.ts does
// the same from real pages in Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsFrom } from '../src/cors.js';
import { createNewsgraphYoga } from '../src/yoga.js';
import { backends } from './helpers/db.js';
import type { Db } from '../src/db/index.js';

describe('CORS and CSRF', () => {
  let db: Db;
  beforeAll(async () => {
    db = await backends[0]!.open();
  });
  afterAll(() => db.close());
  const yoga = (env: Record<string, string>) =>
    createNewsgraphYoga({ prisma: db.prisma, readValue: db.readValue, tokens: [], cors: corsFrom(env) });
  const preflight = (y: ReturnType<typeof yoga>, origin: string) =>
    y.fetch(
      new Request('http://localhost/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      }),
    );
  const post = (y: ReturnType<typeof yoga>, origin: string, type = 'application/json') =>
    y.fetch(
      new Request('http://localhost/graphql', {
        method: 'POST',
        headers: { origin, 'content-type': type },
        body: JSON.stringify({ query: '{ sources { totalCount } }' }),
      }),
    );

  it('lets any page read by default, without credentials', async () => {
    const y = yoga({});
    const r = await preflight(y, 'https://analyst.example');
    expect(r.headers.get('access-control-allow-origin')).toBe('https://analyst.example');
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    const answer = await post(y, 'https://analyst.example');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-expose-headers')).toMatch(/x-request-id/i);
  });

  it('with an allow-list, answers those origins only, and credentials only when asked', async () => {
    const y = yoga({ NEWSGRAPH_CORS_ORIGINS: 'https://app.example, https://desk.example' });
    expect((await preflight(y, 'https://app.example')).headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect((await preflight(y, 'https://evil.example')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    expect((await post(y, 'https://evil.example')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    expect((await preflight(y, 'https://app.example')).headers.get('access-control-allow-credentials')).toBeNull();
    const withCookies = yoga({ NEWSGRAPH_CORS_ORIGINS: 'https://app.example', NEWSGRAPH_CORS_CREDENTIALS: 'true' });
    expect((await preflight(withCookies, 'https://app.example')).headers.get('access-control-allow-credentials')).toBe('true');
    // Never credentials for every origin, whatever the flag says.
    expect(
      (await preflight(yoga({ NEWSGRAPH_CORS_CREDENTIALS: 'true' }), 'https://evil.example')).headers.get(
        'access-control-allow-credentials',
      ),
    ).toBeNull();
  });

  it('refuses the bodies a cross-site form can send without a preflight', async () => {
    const y = yoga({});
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await post(y, 'https://evil.example', type);
      expect(r.status, type).toBe(415);
      expect(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
        'UNSUPPORTED_MEDIA_TYPE',
      );
    }
  });
});
