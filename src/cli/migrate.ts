// `npm run db:migrate`: applies pending migrations to PGlite or to DATABASE_URL's server.
import { loadConfigOrExit } from '../config.js';
import { openDb } from '../db/index.js';

const config = loadConfigOrExit();
const db = await openDb(config.db);
try {
  const applied = await db.migrate();
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
} finally {
  await db.close();
}
