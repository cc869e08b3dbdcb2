// Which errors mean "the database cannot answer now" (SERVICE_UNAVAILABLE) and which are bugs
// (INTERNAL_SERVER_ERROR): by SQLSTATE, adapter kind, Prisma code and socket code, wrapped as
// Prisma wraps them; the 57P03 messages the old text pattern missed among them.
import pg from 'pg';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import { describe, expect, it } from 'vitest';
import { isUnavailable } from '../src/db/unavailable.js';
import { Prisma } from '../src/generated/prisma/client.js';

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
