// The timeline: events per year, month or day. Counting them live reads every event in range (17k
// index entries for 96k articles: 10 ms each, so 340 req/s at 32 connections). So the counts per
// period and kind are also kept in TimelineCount, counted again after the writes that add or
// remove events (afterWrites), and a timeline reads them for every period its range covers whole.
// The periods the range cuts (a `from` in mid-month) are counted live, from those periods alone.
//
// The stored counts are read only while current: every write that adds or removes events raises
// ArchiveState.eventsVersion in its transaction, and the counts carry the version they were
// counted at, both from one snapshot. Until the next count, a timeline counts live: the same answer.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { DatePrecision, EventKind } from '../generated/prisma/enums.js';

export type Granularity = DatePrecision;

/** An event is counted in a period only when its date is at least that precise: "1992" has no month. */
const GRANULARITIES: Record<Granularity, { unit: 'year' | 'month' | 'day'; precisions: DatePrecision[]; format: string }> = {
  YEAR: { unit: 'year', precisions: ['YEAR', 'MONTH', 'DAY'], format: 'YYYY' },
  MONTH: { unit: 'month', precisions: ['MONTH', 'DAY'], format: 'YYYY-MM' },
  DAY: { unit: 'day', precisions: ['DAY'], format: 'YYYY-MM-DD' },
};

/** The longest a count may take: 96k articles count in ~0.1 s, a million in a few. */
export const TIMELINE_COUNT_TIMEOUT_MS = 15_000;

/** Counts every period again, unless the stored counts are current; true when it counted. */
export async function refreshTimeline(prisma: PrismaClient): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      const [state] = await tx.$queryRaw<{ events: number; counted: number }[]>`
        SELECT "eventsVersion" AS events, "timelineVersion" AS counted FROM "ArchiveState" WHERE id = 1`;
      if (!state || state.events === state.counted) return false;
      await tx.$executeRaw`DELETE FROM "TimelineCount"`;
      for (const [granularity, g] of Object.entries(GRANULARITIES)) {
        await tx.$executeRaw`
          INSERT INTO "TimelineCount" (granularity, period, kind, count)
          SELECT ${granularity}::"DatePrecision", date_trunc(${g.unit}, e."dateStart"::timestamp)::date, e.kind, count(*)::int
          FROM "Event" e WHERE e."datePrecision" = ANY(${g.precisions}::text[]::"DatePrecision"[])
          GROUP BY 2, 3`;
      }
      await tx.$executeRaw`UPDATE "ArchiveState" SET "timelineVersion" = ${state.events} WHERE id = 1`;
      return true;
    },
    // One snapshot for the version and the counts. A write committed meanwhile raised the version
    // past the one recorded: the counts are then read as stale, never as current.
    //
    // Bounded: while a count is open no other runs (afterWrites) and timelines count live, at ten
    // times the cost, so a count whose connection died with the database gives way in seconds.
    { isolationLevel: 'RepeatableRead', timeout: TIMELINE_COUNT_TIMEOUT_MS, maxWait: TIMELINE_COUNT_TIMEOUT_MS },
  );
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of the period of `unit` holding `d`, and the first day of the next. */
function periodOf(d: Date, unit: 'year' | 'month' | 'day'): { start: Date; next: Date } {
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  if (unit === 'year') return { start: new Date(Date.UTC(y, 0, 1)), next: new Date(Date.UTC(y + 1, 0, 1)) };
  if (unit === 'month') return { start: new Date(Date.UTC(y, m, 1)), next: new Date(Date.UTC(y, m + 1, 1)) };
  return { start: new Date(Date.UTC(y, m, dd)), next: new Date(Date.UTC(y, m, dd + 1)) };
}

export interface TimelineQuery {
  granularity: Granularity;
  from?: Date | undefined;
  to?: Date | undefined;
  kind?: EventKind | undefined;
  /** Any other condition on "Event" e (a person, a source): the timeline is then counted live. */
  other?: Prisma.Sql | undefined;
  limit: number;
}

/** `period` ("1992", "1992-04", "1992-04-15"), `start` and `count` of each of `periods`' rows, oldest first. */
function named(g: { format: string }, periods: Prisma.Sql, limit: number): Prisma.Sql {
  return Prisma.sql`SELECT to_char(p.start, ${g.format}) AS period, p.start, p.count::int AS count FROM (${periods}) p ORDER BY p.start LIMIT ${limit}`;
}

/**
 * The statement: periods (`period`, `start`) and counts, oldest first. Events overlap [from, to]; every
 * event of a period lies inside it, so a period the range covers whole counts all its events.
 */
export function timelineSql(q: TimelineQuery): Prisma.Sql {
  const g = GRANULARITIES[q.granularity];
  const precise = Prisma.sql`e."datePrecision" = ANY(${g.precisions}::text[]::"DatePrecision"[])`;
  const overlap = Prisma.join(
    [
      Prisma.sql`TRUE`,
      ...(q.from ? [Prisma.sql`e."dateEnd" >= ${day(q.from)}::date`] : []),
      ...(q.to ? [Prisma.sql`e."dateStart" <= ${day(q.to)}::date`] : []),
      ...(q.kind ? [Prisma.sql`e.kind = ${q.kind}::"EventKind"`] : []),
      ...(q.other ? [q.other] : []),
    ],
    ' AND ',
  );
  const bucket = Prisma.sql`date_trunc(${g.unit}, e."dateStart"::timestamp)::date`;
  const live = (where: Prisma.Sql) => Prisma.sql`SELECT ${bucket} AS start, count(*) AS count FROM "Event" e WHERE ${where} GROUP BY 1`;
  // Read from the (datePrecision, dateStart, dateEnd) index alone; the precisions compare as the
  // enum and the day truncates as a timestamp without time zone (casting every row to text or to
  // the session's zone took 21 ms of the 40 for 17k events).
  if (q.other) return named(g, live(Prisma.sql`${overlap} AND ${precise}`), q.limit);
  // The periods the range cuts: the one `from` falls in past its first day, the one `to` falls in before its last.
  const cut: { start: Date; next: Date }[] = [];
  const first = q.from && periodOf(q.from, g.unit);
  const last = q.to && periodOf(q.to, g.unit);
  if (first && +first.start !== +q.from!) cut.push(first);
  if (last && +last.next !== +q.to! + 86_400_000 && !(first && +first.start === +last.start && cut.length)) cut.push(last);
  // The whole periods: from the first period starting on or after `from` to the last ending on or before `to`.
  const wholeFrom = first ? (+first.start === +q.from! ? first.start : first.next) : undefined;
  const wholeBefore = last ? (+last.next === +q.to! + 86_400_000 ? last.next : last.start) : undefined;
  const stored = Prisma.join(
    [
      Prisma.sql`c.granularity = ${q.granularity}::"DatePrecision"`,
      ...(wholeFrom ? [Prisma.sql`c.period >= ${day(wholeFrom)}::date`] : []),
      ...(wholeBefore ? [Prisma.sql`c.period < ${day(wholeBefore)}::date`] : []),
      ...(q.kind ? [Prisma.sql`c.kind = ${q.kind}::"EventKind"`] : []),
    ],
    ' AND ',
  );
  const inCut = cut.length
    ? Prisma.join(
        cut.map((p) => Prisma.sql`(e."dateStart" >= ${day(p.start)}::date AND e."dateStart" < ${day(p.next)}::date)`),
        ' OR ',
      )
    : Prisma.sql`FALSE`;
  // Read once per statement (an uncorrelated subquery): current or not, for every branch alike.
  const current = Prisma.sql`(SELECT "timelineVersion" = "eventsVersion" FROM "ArchiveState" WHERE id = 1)`;
  return named(
    g,
    Prisma.sql`
    SELECT start, sum(count) AS count FROM (
      SELECT c.period AS start, c.count::bigint AS count FROM "TimelineCount" c WHERE ${current} AND ${stored}
      UNION ALL
      ${live(Prisma.sql`${current} AND ${overlap} AND ${precise} AND (${inCut})`)}
      UNION ALL
      ${live(Prisma.sql`NOT ${current} AND ${overlap} AND ${precise}`)}
    ) s GROUP BY start`,
    q.limit,
  );
}
