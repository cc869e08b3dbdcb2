// The floor for query Q: one hand-written SQL statement (json_agg + LATERAL) behind a bare
// node:http handler. Nothing GraphQL can beat it; the bench reports each figure against it.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const Q = `
SELECT COALESCE(json_agg(row_to_json(x)), '[]') AS articles FROM (
  SELECT a.id, a.title, a."publishedStart",
    json_build_object('name', s.name) AS source,
    (SELECT COALESCE(json_agg(json_build_object('name', p.name)), '[]') FROM (
       SELECT pe.name FROM "Mention" m JOIN "Person" pe ON pe.id = m."personId"
       WHERE m."articleId" = a.id ORDER BY m.count DESC, m."personId" LIMIT 5) p) AS persons,
    (SELECT COALESCE(json_agg(json_build_object('summary', e.summary, 'date', e."dateStart", 'participants', e.participants)), '[]') FROM (
       SELECT ev.summary, ev."dateStart",
         (SELECT COALESCE(json_agg(json_build_object('name', pp.name)), '[]') FROM "EventParticipant" ep JOIN "Person" pp ON pp.id = ep."personId" WHERE ep."eventId" = ev.id) AS participants
       FROM "EventReport" r JOIN "Event" ev ON ev.id = r."eventId"
       WHERE r."articleId" = a.id ORDER BY ev."dateStart", ev.id LIMIT 3) e) AS events
  FROM "Article" a JOIN "Source" s ON s.id = a."sourceId"
  ORDER BY a."sortDate" DESC, a.id DESC LIMIT 20) x`;

const server = createServer(async (_req, res) => {
  try {
    const { rows } = await pool.query(Q);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { articles: rows[0].articles } }));
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
});
server.listen(Number(process.env.PORT ?? 4300), () => console.log('floor ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
