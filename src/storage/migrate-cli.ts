// `npm run db:migrate [status|deploy]`: the same migration runner `npm start` uses, on the database
// the configuration names (DATABASE_URL, or PGlite in PGLITE_DIR). Exits when done — the Prisma
// CLI on PGlite finishes its work but keeps the process open.
import { loadDotenv } from '../config/dotenv.ts';
import { loadConfig } from '../config/env.ts';
import { openDatabase } from './database.ts';

const action = process.argv[2] ?? 'deploy';
if (action !== 'deploy' && action !== 'status') {
  console.error(`Unknown action "${action}". Use: npm run db:migrate -- deploy | status`);
  process.exit(2);
}
loadDotenv();
const config = loadConfig();
const db = await openDatabase(config.database, { migrate: action === 'deploy' });
try {
  const pending = await db.pending();
  console.log(
    pending.length === 0
      ? 'Database schema is up to date.'
      : `Pending migrations:\n${pending.map((p) => `  ${p}`).join('\n')}`,
  );
  process.exitCode = pending.length === 0 ? 0 : 1;
} finally {
  await db.close();
}
