// Foreign names reach the archive twice: in English ("Sergei Lavrov") and in the Korean service's
// transcription ("쎄르게이 라브로브"). No rule turns one into the other, so they are linked only by
// the archive's own evidence: a Korean report and an English report of the same day whose events
// share another participant (a person both languages already name alike), where the English
// event has exactly one person more who could be the Korean one. Linked, never merged: each link
// carries its confidence and the evidence, in words.
import type { PrismaClient } from '../generated/prisma/client.js';

/** Each shared event-day adds evidence: one gives 0.5, two 0.67, three 0.75. */
const confidenceSql = (days: string) => `round((${days}::numeric / (${days} + 1)), 2)::float8`;

/**
 * Links every Hangul-named person not linked yet to the English-named person the evidence points
 * at, when it points at one alone. Returns how many were linked.
 */
export async function linkAcrossLanguages(prisma: PrismaClient): Promise<number> {
  return prisma.$executeRawUnsafe(`
    WITH korean AS (
      SELECT p.id, p.name FROM "Person" p
      WHERE p.name ~ '[가-힣]' AND NOT EXISTS (SELECT 1 FROM "PersonLink" l WHERE l."personId" = p.id)),
    -- A day on which an event of a Korean report names the person beside someone an event of an
    -- English report that day names too, with the English event's other people as candidates.
    evidence AS (
      SELECT k.id AS korean, q.id AS english, ek."dateStart" AS day, min(x.name) AS shared
      FROM korean k
      JOIN "EventParticipant" pk ON pk."personId" = k.id
      JOIN "Event" ek ON ek.id = pk."eventId" AND ek."datePrecision" = 'DAY'
      JOIN "EventParticipant" xk ON xk."eventId" = ek.id AND xk."personId" <> k.id
      JOIN "Person" x ON x.id = xk."personId" AND x.name !~ '[가-힣]'
      JOIN "Event" ee ON ee."dateStart" = ek."dateStart" AND ee."datePrecision" = 'DAY' AND ee.id <> ek.id
      JOIN "EventParticipant" xe ON xe."eventId" = ee.id AND xe."personId" = xk."personId"
      JOIN "EventParticipant" pe ON pe."eventId" = ee.id AND pe."personId" <> xk."personId"
      JOIN "Person" q ON q.id = pe."personId" AND q.name !~ '[가-힣]'
      WHERE EXISTS (SELECT 1 FROM "EventReport" r JOIN "Article" a ON a.id = r."articleId" WHERE r."eventId" = ek.id AND a.language = 'ko')
        AND EXISTS (SELECT 1 FROM "EventReport" r JOIN "Article" a ON a.id = r."articleId" WHERE r."eventId" = ee.id AND a.language = 'en')
        -- Whom the Korean event names already is no candidate: the link is to the one it does not.
        AND NOT EXISTS (SELECT 1 FROM "EventParticipant" o WHERE o."eventId" = ek.id AND o."personId" = q.id)
      GROUP BY 1, 2, 3),
    support AS (
      SELECT korean, english, count(*)::int AS days, min(day) AS first, min(shared) AS shared FROM evidence GROUP BY 1, 2),
    -- The candidate with the most days of evidence, when no other has as many.
    chosen AS (
      SELECT s.* FROM support s
      WHERE s.days = (SELECT max(days) FROM support t WHERE t.korean = s.korean)
        AND (SELECT count(*) FROM support t WHERE t.korean = s.korean AND t.days = s.days) = 1),
    links AS (
      SELECT c.korean, c.english, ${confidenceSql('c.days')} AS confidence,
        k.name || ' and ' || e.name || ': reported with ' || c.shared || ' on ' || to_char(c.first, 'YYYY-MM-DD')
          || CASE WHEN c.days > 1 THEN ' and ' || (c.days - 1) || ' other day(s)' ELSE '' END
          || ', in Korean and in English' AS via
      FROM chosen c JOIN "Person" k ON k.id = c.korean JOIN "Person" e ON e.id = c.english)
    INSERT INTO "PersonLink" ("personId", "otherId", confidence, via)
    SELECT korean, english, confidence, via FROM links
    UNION ALL SELECT english, korean, confidence, via FROM links
    ON CONFLICT DO NOTHING`);
}
