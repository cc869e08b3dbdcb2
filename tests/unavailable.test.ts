// Which errors mean "the database cannot answer now" (SERVICE_UNAVAILABLE) and which are bugs
// (INTERNAL_SERVER_ERROR): by SQLSTATE, adapter kind, Prisma code and socket code, wrapped as
// Prisma wraps them; the 57P03 messages the old text pattern missed among them.
import pg from 'pg';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PLANNED_ONCE } from '../src/db/statements.js';
import { isUnavailable } from '../src/db/unavailable.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { createNewsgraphYoga } from '../src/yoga.js';
import { type Api, openApi } from './helpers/api.js';
import { backends, dropScratchDatabases } from './helpers/db.js';

const pgError = (code: string, message: string) => Object.assign(new pg.DatabaseError(message, 0, 'error'), { code, severity: 'FATAL' });
const adapter = (code: string, message: string) =>
  new DriverAdapterError({ kind: 'postgres', code, severity: 'FATAL', message, detail: undefined, column: undefined, hint: undefined });
const prisma = (cause: unknown, code = 'P2010') =>
  new Prisma.PrismaClientKnownRequestError('Raw query failed', { code, clientVersion: '7', meta: { driverAdapterError: cause } });

describe('isUnavailable', () => {
  it.each([
    ['57P03 starting up, from the driver', pgError('57P03', 'the database system is not yet accepting connections')],
    ['57P03 shutting down, inside a Prisma error', prisma(adapter('57P03', 'the database system is shutting down'))],
    [
      '57P01 admin shutdown, as a cause',
      new Error('query failed', { cause: pgError('57P01', 'terminating connection due to administrator command') }),
    ],
    ['08006 connection failure', adapter('08006', 'connection failure')],
    ['53300 too many connections', pgError('53300', 'sorry, too many clients already')],
    ['an adapter kind', new DriverAdapterError({ kind: 'DatabaseNotReachable', host: 'db', port: 5432 })],
    ['Prisma P1001', new Prisma.PrismaClientKnownRequestError("Can't reach", { code: 'P1001', clientVersion: '7' })],
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
  ])('%s: unavailable', (_name, error) => {
    expect(isUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', prisma(adapter('23505', 'duplicate key value violates unique constraint'))],
    ['a syntax error', pgError('42601', 'syntax error at or near "SELEC"')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing at all', undefined],
    [
      'a cycle of causes',
      (() => {
        const e = new Error('loop') as Error & { cause?: unknown };
        e.cause = e;
        return e;
      })(),
    ],
  ])('%s: not unavailable', (_name, error) => {
    expect(isUnavailable(error)).toBe(false);
  });
});

describe('the HTTP status of an unavailable database (src/http-status.ts)', () => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi(backends[0]!);
  });
  afterAll(() => api.db.close());

  // A client whose Source table cannot be reached: the rest of the database answers.
  const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
  const post = (query: string, accept: string) => {
    const prisma = new Proxy(api.db.prisma, {
      get: (target, prop) => (prop === 'source' ? { findMany: refused, findFirst: refused, count: refused } : Reflect.get(target, prop)),
    });
    const yoga = createNewsgraphYoga({ prisma, readValue: refused, tokens: [], compiledReads: false });
    return yoga.fetch(
      new Request('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query }),
      }),
    );
  };
  const spec = 'application/graphql-response+json';

  it('is 503 with Retry-After when no data came back, for graphql-response+json; 200 for application/json', async () => {
    const none = await post('{ sources { totalCount } }', spec);
    expect(none.status).toBe(503);
    expect(none.headers.get('retry-after')).toBe('5');
    expect(((await none.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect((await post('{ sources { totalCount } }', 'application/json')).status).toBe(200);
  });

  it('stays 200 when some data came back: a partial answer is an answer', async () => {
    const partial = await post('{ source(slug: "kcna") { name } persons(first: 1) { totalCount } }', spec);
    const body = (await partial.json()) as {
      data: { source: null; persons: { totalCount: number } };
      errors: { extensions: { code: string } }[];
    };
    expect(body.data.source).toBeNull();
    expect(body.data.persons.totalCount).toBeGreaterThan(0);
    expect(body.errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(partial.status).toBe(200);
  });
});

const server = backends.find((b) => b.name === 'postgres');

describe.skipIf(!server)('an idle connection the server ends', () => {
  afterAll(dropScratchDatabases);

  it('is logged and replaced, on either pool: the process goes on and the next read answers', async () => {
    const db = await server!.open();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // A read on the pool of generic plans leaves its connection idle there.
      const planned = `${PLANNED_ONCE} SELECT count(*)::int FROM "Article"`;
      expect(await db.readValue(planned, [])).toBe(0);
      // Two reads at once on the main pool open two connections: one ends the others below, the
      // other stays idle there.
      const plain = 'SELECT count(*)::int FROM "Source"';
      expect(await Promise.all([db.readValue(plain, []), db.readValue(plain, [])])).toEqual([0, 0]);
      await db.prisma.$executeRawUnsafe(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      // Unheard on the pool of generic plans, that error was thrown and ended the test run; on
      // the main pool, Prisma's adapter swallowed it.
      for (const pool of ['pool of generic plans', 'main pool'])
        await vi.waitFor(
          () =>
            expect(warn).toHaveBeenCalledWith(
              expect.stringMatching(new RegExp(`idle database connection was lost \\(${pool}\\): terminating connection`)),
            ),
          { timeout: 30_000 },
        );
      expect(await db.readValue(planned, [])).toBe(0);
      expect(await db.readValue(plain, [])).toBe(0);
    } finally {
      warn.mockRestore();
      await db.close();
    }
  });
});
