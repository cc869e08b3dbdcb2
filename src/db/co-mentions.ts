// A person's co-mentions: the people most often named in the same articles, over the person's
// newest CO_MENTION_WINDOW articles. Counting them reads up to 1,000 mention rows (0.2 ms of
// PostgreSQL per person page, most of the page's cost), so each person's list is also stored,
// counted once after the writes that change it, in PersonCoMentions.
//
// A stored list is read only while it is current: every write that changes a person's mention
// rows raises Person.mentionsVersion in the same transaction, and a list carries the version it
// was counted from. Both come from one snapshot, so a list never claims a version whose mentions
// it has not counted; until it is counted again, readers count live, with the same answer.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

/** Co-mentions are counted over a person's newest this-many articles (all of them, for nearly everyone). */
export const CO_MENTION_WINDOW = 1000;
/** How many co-mentions a stored list holds: the largest page the API serves. */
export const STORED_CO_MENTIONS = 100;

const limit = (n: number) => {
  // Written into the SQL: bound, a prepared statement's generic plan guesses, and PostgreSQL
  // plans it afresh each time.
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`co-mentions: bad page size ${n}`);
  return Prisma.raw(String(n));
};

/**
 * Counts live. Each mention row lists the article's other people (coPersonIds, a key of the
 * index it is read from): no join back to each article's mentions, which cost 1,000 index probes.
 * `only` gates the count: PostgreSQL checks it once and skips the scan when it is false.
 */
function countSql(personId: Prisma.Sql, first: number, only: Prisma.Sql = Prisma.sql`true`): Prisma.Sql {
  return Prisma.sql`
    SELECT other AS "personId", count(*)::int AS count
    FROM (SELECT "coPersonIds" FROM "Mention" WHERE "personId" = ${personId} AND ${only}
          ORDER BY "articleSortDate" DESC, "articleId" DESC LIMIT ${limit(CO_MENTION_WINDOW)}) own,
         unnest(own."coPersonIds") other
    GROUP BY other ORDER BY count DESC, other LIMIT ${limit(first)}`;
}

/**
 * The first `first` co-mentions of `personId` (a value, or a column of the enclosing query), most
 * named first, ties by id: from the stored list when it is current, else counted. The resolver and
 * the compiled reads run this same statement.
 */
export function coMentionsSql(personId: number | Prisma.Sql, first: number): Prisma.Sql {
  if (first > STORED_CO_MENTIONS) throw new RangeError(`co-mentions: at most ${STORED_CO_MENTIONS}, not ${first}`);
  return Prisma.sql`
  SELECT c."personId", c.count FROM "Person" s
  LEFT JOIN "PersonCoMentions" l ON l."personId" = s.id AND l.version = s."mentionsVersion"
  CROSS JOIN LATERAL (
    (SELECT u."personId", u.count FROM unnest(l."personIds", l.counts) WITH ORDINALITY AS u("personId", count, n)
     WHERE l."personId" IS NOT NULL ORDER BY u.n LIMIT ${limit(first)})
    UNION ALL
    (${countSql(Prisma.sql`s.id`, first, Prisma.sql`l."personId" IS NULL`)})
  ) c
  WHERE s.id = ${personId} ORDER BY c.count DESC, c."personId"`;
}

/**
 * Counts and stores the lists of the people whose mentions changed since their list was counted,
 * 500 per statement. Returns how many lists it stored. Safe beside writers and other refreshes: a
 * list only replaces one counted from an older version.
 */
export async function refreshCoMentions(prisma: PrismaClient): Promise<number> {
  const stale = (
    await prisma.$queryRaw<{ id: number }[]>`
      SELECT p.id FROM "Person" p LEFT JOIN "PersonCoMentions" l ON l."personId" = p.id
      WHERE l.version IS DISTINCT FROM p."mentionsVersion" ORDER BY p.id`
  ).map((r) => r.id);
  let stored = 0;
  for (let i = 0; i < stale.length; i += 500) {
    const chunk = stale.slice(i, i + 500);
    for (let attempt = 1; ; attempt += 1) {
      try {
        stored += await prisma.$executeRaw`
          INSERT INTO "PersonCoMentions" ("personId", version, "personIds", counts)
          SELECT p.id, p."mentionsVersion",
                 COALESCE(array_agg(c."personId" ORDER BY c.count DESC, c."personId") FILTER (WHERE c."personId" IS NOT NULL), '{}'),
                 COALESCE(array_agg(c.count ORDER BY c.count DESC, c."personId") FILTER (WHERE c."personId" IS NOT NULL), '{}')
          FROM "Person" p LEFT JOIN LATERAL (${countSql(Prisma.sql`p.id`, STORED_CO_MENTIONS)}) c ON true
          WHERE p.id = ANY(${chunk}::int[])
          GROUP BY p.id ORDER BY p.id
          ON CONFLICT ("personId") DO UPDATE SET version = EXCLUDED.version, "personIds" = EXCLUDED."personIds", counts = EXCLUDED.counts
          WHERE "PersonCoMentions".version < EXCLUDED.version`;
        break;
      } catch (error) {
        // A writer removed one of these people since the statement began (a foreign key
        // violation, 23503): the next statement no longer sees them.
        if (attempt === 3 || !/23503|foreign key/i.test(String(error))) throw error;
      }
    }
  }
  return stored;
}
