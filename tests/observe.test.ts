// What an operator sees: /metrics in Prometheus' format (request and root-resolver durations per
// operation, errors by code, ingest counters, the pool), JSON request lines with the request id
// the client got, a warn line for a slow request, and never a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNewsgraphYoga } from '../src/yoga.js';
import { openApi, TEST_TOKEN, type Api } from './helpers/api.js';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { capturingLogger } from './helpers/log.js';

afterAll(dropScratchDatabases);

describe.each(backends)('logs and metrics on $name', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi(backend);
  });
  afterAll(() => api.db.close());

  const serve = (slowMs: number) => {
    const { logger, lines } = capturingLogger('info');
    const yoga = createNewsgraphYoga({
      prisma: api.db.prisma,
      readValue: api.db.readValue,
      tokens: [TEST_TOKEN],
      logger,
      slowMs,
      ...(api.db.poolStats ? { poolStats: api.db.poolStats } : {}),
    });
    const post = (body: object, headers: Record<string, string> = {}) =>
      Promise.resolve(
        yoga.fetch(
          new Request('http://localhost/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify(body),
          }),
        ),
      );
    const metrics = async () => (await yoga.fetch(new Request('http://localhost/metrics'))).text();
    return { post, metrics, lines };
  };

  it('counts requests per operation, errors by code and stored articles in /metrics', async () => {
    const { post, metrics } = serve(60_000);
    expect((await post({ query: 'query People { persons(first: 2) { totalCount } }', operationName: 'People' })).status).toBe(200);
    const refused = await (await post({ query: 'mutation { ingestDocument(input: { text: "x" }) { status } }' })).json();
    expect(refused.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const stored = await (
      await post(
        {
          query:
            'mutation Store($t: String!) { ingestDocument(input: { text: $t, url: "https://example.org/metrics/1" }) { articles { id } } }',
          variables: { t: 'Metrics Page\nRi Chol Ho met Kim Yong Chol in Pyongyang on June 3, 2024.' },
        },
        { authorization: `Bearer ${TEST_TOKEN}` },
      )
    ).json();
    expect(stored.errors).toBeUndefined();
    const text = await metrics();
    expect(text).toMatch(/graphql_envelop_request_duration_count\{[^}]*operationName="People"[^}]*\} 1/);
    expect(text).toMatch(/graphql_envelop_execute_resolver_count\{operationName="Store",[^}]*fieldName="ingestDocument"[^}]*\} 1/);
    expect(text).toMatch(/newsgraph_errors_total\{code="UNAUTHENTICATED"\} 1/);
    expect(Number(/newsgraph_ingest_articles_total (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
    if (backend.name === 'postgres') expect(text).toMatch(/newsgraph_db_pool_connections\{state="idle"\} \d+/);
  });

  it('logs a slow request at warn and a refused one at info, with the id the client saw, and no token', async () => {
    const slow = serve(0);
    const response = await slow.post(
      { query: 'query Q { sources { totalCount } }', operationName: 'Q' },
      { authorization: `Bearer ${TEST_TOKEN}` },
    );
    const id = response.headers.get('x-request-id');
    expect(slow.lines.find((l) => l.requestId === id)).toMatchObject({ level: 40, msg: 'slow request', operationName: 'Q', status: 200 });
    const quick = serve(60_000);
    const refused = await quick.post({ query: '{ persons(first: -1) { totalCount } }' }, { authorization: `Bearer ${TEST_TOKEN}` });
    const refusedId = refused.headers.get('x-request-id');
    expect(quick.lines.find((l) => l.requestId === refusedId)).toMatchObject({ level: 30, codes: ['BAD_USER_INPUT'] });
    // An answer without errors and under the threshold is a debug line: not written at info.
    await quick.post({ query: '{ sources { totalCount } }' });
    expect(quick.lines).toHaveLength(1);
    expect(JSON.stringify([...slow.lines, ...quick.lines])).not.toContain(TEST_TOKEN);
  });
});
