// Benchmark (not a test): how long the reminder tick takes to find what is due among 100,000 open
// deadlines. Seeds the rows, shows the query plan, and prints the time of the due-row query with its
// index next to the same query forced to a sequential scan (the baseline, measured in the same run),
// then one whole tick. Target: finding the due rows ≤ 50 ms.
//
//   npm run bench:reminders                       # embedded PGlite (in memory)
//   BENCH_DATABASE_URL=postgresql://… npm run bench:reminders   # a PostgreSQL database (emptied first!)
import { performance } from 'node:perf_hooks';
import { loadDirectory, EXAMPLE_ORGANIZATION_FILE } from '../src/directory/load.ts';
import { claimDue, reminderTick } from '../src/engine/reminders.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const DUE = Number(process.env.BENCH_DUE ?? 200);
const RUNS = 15;
const NOW = new Date('2027-03-01T08:00:00Z');

async function seed(db: Database): Promise<void> {
  const people = [
    'jaan.tamm',
    'liis.lepp',
    'anu.saar',
    'kristi.kivi',
    'siim.sepp',
    'merike.mand',
    'andres.allik',
    'helen.hein',
  ];
  await db.sql.query(`DELETE FROM "Deadline"`);
  // Open rows spread over the next year (not due), and a few hundred due now: the tick's usual day.
  await db.sql.query(
    `
    INSERT INTO "Deadline" (id, key, kind, "dueAt", "remindAt", "escalateAt", since, "personId", "proposalId", status)
    SELECT 'bench-' || g, 'bench:' || g, 'agreement',
           CASE WHEN g <= ${DUE} THEN $1::timestamptz - interval '1 hour' ELSE $1::timestamptz + (g % 365 + 1) * interval '1 day' END,
           CASE WHEN g <= ${DUE} THEN $1::timestamptz - interval '1 hour' ELSE $1::timestamptz + (g % 365 + 1) * interval '1 day' END,
           $1::timestamptz + interval '400 days',
           $1::timestamptz - interval '10 days',
           (ARRAY['${people.join("','")}'])[g % ${people.length} + 1], NULL, 'open'
    FROM generate_series(1, ${ROWS}) g`,
    [NOW.toISOString()],
  );
  // Closed rows pile up over years too; they must not slow the tick.
  await db.sql.query(
    `
    INSERT INTO "Deadline" (id, key, kind, "dueAt", since, "personId", status, "closedAt")
    SELECT 'closed-' || g, 'closed:' || g, 'opinion', $1::timestamptz - g * interval '1 minute', $1::timestamptz - interval '1 year', 'helen.hein', 'done', $1::timestamptz
    FROM generate_series(1, ${ROWS}) g`,
    [NOW.toISOString()],
  );
  await db.sql.query(`ANALYZE "Deadline"`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The tick's due-row query, as it runs: in a transaction, claiming with SKIP LOCKED. */
async function findDue(db: Database, forceSeqScan: boolean): Promise<{ ms: number; found: number }> {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    found = await db.prisma.$transaction(async (tx) => {
      if (forceSeqScan) {
        await tx.$executeRawUnsafe('SET LOCAL enable_indexscan = off');
        await tx.$executeRawUnsafe('SET LOCAL enable_bitmapscan = off');
        await tx.$executeRawUnsafe('SET LOCAL enable_indexonlyscan = off');
      }
      return (await claimDue(tx, NOW)).length;
    });
    times.push(performance.now() - started);
  }
  return { ms: median(times), found };
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dir: null });
  const dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
  try {
    const seeded = performance.now();
    await seed(db);
    console.log(
      `Database: ${db.kind}. Seeded ${ROWS.toLocaleString('en')} open deadlines (${DUE} due now) and ${ROWS.toLocaleString('en')} closed ones in ${((performance.now() - seeded) / 1000).toFixed(1)} s.`,
    );

    const plan = await db.sql.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT id FROM "Deadline" WHERE status = 'open' AND "dueAt" <= $1 AND "personId" IS NOT NULL ORDER BY "dueAt" LIMIT 2000 FOR UPDATE SKIP LOCKED`,
      [NOW.toISOString()],
    );
    console.log('\nQuery plan of the due-row query:');
    for (const row of plan) console.log(`  ${row['QUERY PLAN']}`);

    const indexed = await findDue(db, false);
    const baseline = await findDue(db, true);
    console.log(`\nFinding the due rows (median of ${RUNS}):`);
    console.log(
      `  with the (status, dueAt) index: ${indexed.ms.toFixed(1)} ms, ${indexed.found} rows   target ≤ 50 ms: ${indexed.ms <= 50 ? 'met' : 'NOT MET'}`,
    );
    console.log(`  baseline, sequential scan:      ${baseline.ms.toFixed(1)} ms, ${baseline.found} rows`);
    console.log(`  ratio index / baseline:         ${(indexed.ms / baseline.ms).toFixed(3)}`);

    const tickStarted = performance.now();
    const report = await reminderTick(db.prisma, dir, NOW);
    const tickMs = performance.now() - tickStarted;
    const again = performance.now();
    const second = await reminderTick(db.prisma, dir, NOW);
    const idleMs = performance.now() - again;
    console.log(
      `\nOne whole tick: ${tickMs.toFixed(0)} ms (${report.digests} digests for ${DUE} due rows, ${report.summaries} summaries).`,
    );
    console.log(
      `The next tick, nothing left to send: ${idleMs.toFixed(1)} ms (${second.digests} digests) — ratio to the due-row query: ${(idleMs / indexed.ms).toFixed(2)}.`,
    );
  } finally {
    await db.close();
  }
}

await main();
