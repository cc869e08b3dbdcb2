// The search window: a second full-text index over the newest articles only. A query of several
// words (a name, a phrase) looks for its newest matches there first (see searchCandidatesSql).
// Over the whole archive, GIN reads every posting of each common word: 13k rows for a common name
// in 100k articles. The window index holds a tenth of them. pgbench ran the name statement at
// 782/s with the window index against 282/s without it.
//
// A partial index serves a query only when the query's condition implies the index's predicate,
// so the predicate's first day is written into the index name. Searches read the day from there
// and use it as their condition. The window is rebuilt when it has grown to twice its size, by
// one call at a time per process; between processes, a build in progress elsewhere is left to
// finish, and of two that begin at once PostgreSQL ends one, which then looks again.
import type { PrismaClient } from '../generated/prisma/client.js';

const PREFIX = 'Article_search_since_';
const indexName = (day: string) => `${PREFIX}${day.replaceAll('-', '')}`;
const dayOf = (name: string) => name.slice(PREFIX.length).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');

/** The window indexes on "Article", newest day first. An index whose build failed is invalid: only a rebuild removes it. */
async function windowIndexes(prisma: PrismaClient): Promise<{ name: string; day: string; valid: boolean }[]> {
  const rows = await prisma.$queryRaw<{ name: string; valid: boolean }[]>`
    SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = '"Article"'::regclass AND starts_with(c.relname, ${PREFIX}) ORDER BY c.relname DESC`;
  return rows.map((r) => ({ ...r, day: dayOf(r.name) }));
}

// Read again each minute per database; the promise is kept, so the searches of one minute share
// one read. A stale day costs speed, never results: any day gives the same matches.
const starts = new WeakMap<object, { day: Promise<string | null>; at: number }>();

/** The window's first day, or null while there is no window (a small archive): search then reads the whole archive. */
export function searchWindowStart(prisma: PrismaClient): Promise<string | null> {
  const known = starts.get(prisma);
  if (known && Date.now() - known.at < 60_000) return known.day;
  const day = windowIndexes(prisma).then((all) => all.find((i) => i.valid)?.day ?? null);
  // A failed read is not kept: the next search tries again.
  day.catch(() => starts.delete(prisma));
  starts.set(prisma, { day, at: Date.now() });
  return day;
}

export type WindowChange = { built: string | null; dropped: string[] };

/**
 * Builds the window index when the archive has outgrown the current one (or has none), then drops
 * the indexes it replaces. Built CONCURRENTLY: loads and searches go on meanwhile. Searches use
 * the new window within a minute. Call it after a load: when nothing is due it costs four small reads.
 */
/** `size`: how many of the newest articles the window holds, at least (twice that before a rebuild). */
export function ensureSearchWindow(prisma: PrismaClient, size: number): Promise<WindowChange> {
  // One at a time per database handle (a load's and the ingest mutation's may meet): the second
  // waits for the first and then finds nothing due.
  const next = (running.get(prisma) ?? Promise.resolve()).catch(() => {}).then(() => ensureOnce(prisma, size));
  running.set(prisma, next);
  return next;
}

const running = new WeakMap<object, Promise<unknown>>();

// What PostgreSQL reports when two processes' DDL on "Article" meet: it ends one as a deadlock
// (40P01), or, when one drops an index the other is still building, as a concurrent catalog update.
const MET = /40P01|deadlock detected|tuple concurrently updated/;

async function ensureOnce(prisma: PrismaClient, size: number): Promise<WindowChange> {
  for (let attempt = 1; ; attempt += 1) {
    // Another process (a load, a server starting) building an index on "Article" will leave a
    // window that does; DDL beside its build would only meet it.
    if (await buildingElsewhere(prisma)) return { built: null, dropped: [] };
    try {
      return await rebuild(prisma, size);
    } catch (error) {
      // Two processes that began at once: once the other's build has ended, look again. The
      // second look finds its index, or finishes what neither finished.
      if (attempt === 3 || !MET.test(String(error))) throw error;
      for (let waited = 0; waited < 600 && (await buildingElsewhere(prisma)); waited += 1)
        await new Promise((wait) => setTimeout(wait, 100));
    }
  }
}

const buildingElsewhere = async (prisma: PrismaClient) =>
  (
    await prisma.$queryRaw<[{ building: boolean }]>`
    SELECT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p JOIN pg_database d ON d.oid = p.datid
                   WHERE d.datname = current_database() AND p.relid = '"Article"'::regclass) AS building`
  )[0].building;

async function rebuild(prisma: PrismaClient, size: number): Promise<WindowChange> {
  const change: WindowChange = { built: null, dropped: [] };
  const [newest] = await prisma.$queryRaw<{ day: string }[]>`
    SELECT to_char("sortDate", 'YYYY-MM-DD') AS day FROM "Article" ORDER BY "sortDate" DESC, id DESC OFFSET ${size} LIMIT 1`;
  const existing = await windowIndexes(prisma);
  let keep: string | undefined;
  const current = existing.find((i) => i.valid);
  if (newest && current) {
    const [{ n }] = await prisma.$queryRaw<
      [{ n: number }]
    >`SELECT count(*)::int AS n FROM "Article" WHERE "sortDate" >= ${current.day}::date`;
    if (n > size && n <= 2 * size) keep = current.name;
  }
  if (newest && !keep) {
    // The day comes from the database's own to_char: safe to write into the statement.
    keep = indexName(newest.day);
    if (!/^Article_search_since_\d{8}$/.test(keep)) throw new Error(`search window: unexpected day ${newest.day}`);
    const same = existing.find((i) => i.name === keep);
    if (!same?.valid) {
      // A build that failed (or was cut short) left an invalid index of that name: start again.
      // An invalid index is also one still being built: that one is left to its builder.
      if (same && (await buildingElsewhere(prisma))) return change;
      if (same) await prisma.$executeRawUnsafe(`DROP INDEX CONCURRENTLY IF EXISTS "${keep}"`);
      await prisma.$executeRawUnsafe(
        `CREATE INDEX CONCURRENTLY IF NOT EXISTS "${keep}" ON "Article" USING GIN ("search") WHERE "sortDate" >= '${newest.day}'::date`,
      );
      change.built = keep;
    }
  }
  for (const old of existing) {
    if (old.name === keep) continue;
    await prisma.$executeRawUnsafe(`DROP INDEX CONCURRENTLY IF EXISTS "${old.name}"`);
    change.dropped.push(old.name);
  }
  if (change.built || change.dropped.length) starts.delete(prisma);
  return change;
}
