// bench:startup's baseline: imports the libraries the bot loads at start-up and opens the same
// database with the library's own defaults, then answers /healthz — nothing of the bot itself.
// Plain JavaScript: run with `node` for the compiled case and `node --import tsx` for the tsx case.
import http from 'node:http';

await Promise.all([
  import('@microsoft/teams.apps'),
  import('@microsoft/teams.api'),
  import('@microsoft/teams.cards'),
  import('@prisma/client/runtime/client'),
  import('pg-copy-streams'),
  import('zod'),
  import('yaml'),
  import('node-cron'),
]);
let check;
if (process.env.DATABASE_URL) {
  const { default: pg } = await import('pg');
  await import('@prisma/adapter-pg');
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  check = () => pool.query('SELECT 1');
} else {
  const { PGlite } = await import('@electric-sql/pglite');
  await import('pglite-prisma-adapter');
  const lite = await PGlite.create(process.env.PGLITE_DIR);
  check = () => lite.query('SELECT 1');
}
await check();
http
  .createServer((req, res) => {
    check().then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
      () => res.writeHead(503).end(),
    );
  })
  .listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
