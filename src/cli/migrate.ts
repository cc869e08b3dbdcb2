// `npm run db:migrate`: applies pending migrations to PGlite or to DATABASE_URL's server.
import { openDb } from '../db/index.js';

const db = await openDb();
try {
  const applied = await db.migrate();
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
} finally {
  await db.close();
}
