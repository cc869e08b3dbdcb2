// The databases every storage and API test runs against: embedded PGlite always, and the
// PostgreSQL server when one answers at TEST_DATABASE_URL (default: the CI machines' server,
// postgres://postgres@127.0.0.1:5432/test). NEWSGRAPH_TEST_PG=off skips the server.
// Each test file gets its own scratch database on the server, dropped afterwards.
import pg from 'pg';
import { openDb, type Db, type DbConfig } from '../../src/db/index.js';

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function serverReachable(): Promise<boolean> {
  if (process.env.NEWSGRAPH_TEST_PG === 'off') return false;
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface Backend {
  name: 'pglite' | 'postgres';
  open(extra?: Pick<DbConfig, 'onQuery'>): Promise<Db>;
}

const scratch: string[] = [];

async function createScratchDatabase(): Promise<string> {
  const name = `newsgraph_test_${process.pid}_${Date.now()}_${scratch.length}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  scratch.push(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropScratchDatabases() {
  if (!scratch.length) return;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const name of scratch.splice(0)) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export const backends: Backend[] = [
  {
    name: 'pglite',
    async open(extra = {}) {
      const db = await openDb({ dataDir: ':memory:', ...extra });
      await db.migrate();
      return db;
    },
  },
];
if (await serverReachable()) {
  backends.push({
    name: 'postgres',
    async open(extra = {}) {
      const url = await createScratchDatabase();
      const db = await openDb({ url, poolSize: 4, ...extra });
      await db.migrate();
      return Object.assign(db, { url });
    },
  });
}
