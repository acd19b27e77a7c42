// Benchmark (not a test): publishing a portfolio of 10,000 initiatives — recording the edition and
// writing the site (two HTML pages, CSV, JSON, six PNG pictures) — next to the time of
// `COPY (…) TO STDOUT` of the same rows, measured in the same run. The first publish is reported
// on its own (a fresh process: code not yet compiled, no edition before, every row rendered); then
// 1,000 items change before each of seven more publishes by the same writer (as in the running bot,
// which keeps the newest edition it wrote), and the ratio uses their median (target ≤ 5×): on a
// machine with two cores one publish in three can be slowed by something else, so three were too
// few. Prints where each publish's time goes, and the peak memory of the publishes.
//
//   npm run bench:publish                                        # embedded PGlite (in memory)
//   BENCH_DATABASE_URL=postgresql://… npm run bench:publish      # a PostgreSQL database (its portfolio and editions are emptied!)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EXAMPLE_ORGANIZATION_FILE, loadDirectory } from '../src/directory/load.ts';
import { createEdition } from '../src/engine/commands/publication.ts';
import { commitUnit } from '../src/engine/engine.ts';
import { Unit } from '../src/engine/unit.ts';
import { Publication } from '../src/publish/publish.ts';
import { openDatabase } from '../src/storage/database.ts';
import { demoItems } from '../test/support/portfolio-demo.ts';

const COUNT = Number(process.env.BENCH_ITEMS ?? 10_000);
const WARM = 7;
const NOW = new Date('2027-01-15T10:00:00Z');
const SELECT = `SELECT id, title, "domainId", "institutionId", "serviceId", "startQuarter", "endQuarter", status, progress, "moneyPerYear", "fundingSource", people, "tehikTeam" FROM "PortfolioItem" WHERE "removedAt" IS NULL`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dir: null });
  const dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
  const out = await mkdtemp(path.join(tmpdir(), 'bench-publish-'));
  let steps: [string, number][] = [];
  const publication = new Publication(db.sql, out, (step) => steps.push([step, performance.now()]));
  try {
    await db.sql.exec('TRUNCATE "PortfolioLink", "StatusUpdate", "PortfolioItem", "EditionItem", "Edition"'); // no dead rows left from an earlier run
    const items = demoItems(dir, COUNT, NOW);
    for (let i = 0; i < items.length; i += 2000)
      await db.prisma.portfolioItem.createMany({ data: items.slice(i, i + 2000) });
    await db.sql.exec('ANALYZE "PortfolioItem"');
    console.log(`Database: ${db.kind}. Seeded ${COUNT.toLocaleString('en')} initiatives.`);

    const copies: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      bytes = (await db.sql.copyCsv(SELECT)).length;
      copies.push(performance.now() - started);
    }
    const copy = median(copies);
    console.log(
      `\nBaseline: COPY (…) TO STDOUT of the same rows: ${copy.toFixed(0)} ms (median of 5, ${(bytes / 1024).toFixed(0)} KB of CSV).`,
    );

    global.gc?.();
    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 5); // rss() alone: no walk of the heap
    const runs: { total: number; recorded: number; written: number; files: number; steps: string }[] = [];
    for (let run = 0; run <= WARM; run += 1) {
      if (run > 0) {
        // between editions: 1,000 items move, are re-budgeted or finish
        await db.sql
          .exec(`UPDATE "PortfolioItem" SET "endQuarter" = CASE WHEN "endQuarter" < '2030Q4' THEN "endQuarter" ELSE '2030Q4' END,
          "moneyPerYear" = jsonb_build_object('2027', ${run * 1000}), status = CASE WHEN status = 'inProgress' THEN 'done' ELSE status END
          WHERE id IN (SELECT id FROM "PortfolioItem" ORDER BY md5(id || '${run}') LIMIT 1000)`);
      }
      const now = new Date(NOW.getTime() + run * 86_400_000);
      const started = performance.now();
      await db.prisma.$transaction(
        async (tx) => {
          const u = new Unit(tx, dir, 'bench', now, 'system', 'publishEdition');
          await createEdition(u);
          await commitUnit(u);
        },
        { timeout: 600_000, maxWait: 60_000 },
      );
      const recorded = performance.now();
      steps = [];
      const files = await publication.write();
      const done = performance.now();
      const breakdown = steps
        .map(([step, at], k) => `${step} ${(at - (k === 0 ? recorded : steps[k - 1]![1])).toFixed(0)}`)
        .join(', ');
      runs.push({
        total: done - started,
        recorded: recorded - started,
        written: done - recorded,
        files: files.length,
        steps: breakdown,
      });
    }
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());

    const line = (label: string, r: (typeof runs)[number]) =>
      console.log(
        `${label}: ${r.total.toFixed(0)} ms — recording the edition ${r.recorded.toFixed(0)} ms, writing ${r.files} files ${r.written.toFixed(0)} ms (${r.steps}).`,
      );
    console.log('');
    line('First publish (cold process, every item new)', runs[0]!);
    runs.slice(1).forEach((r, i) => line(`Publish ${i + 2} (1,000 items changed)`, r));
    const warm = median(runs.slice(1).map((r) => r.total));
    const spread = runs
      .slice(1)
      .map((r) => r.total)
      .sort((a, b) => a - b);
    console.log(
      `\nRatio publish / COPY (median of publishes 2–${WARM + 1}): ${(warm / copy).toFixed(1)}×   target ≤ 5×: ${warm / copy <= 5 ? 'met' : 'NOT MET'}   (fastest ${(spread[0]! / copy).toFixed(1)}×, slowest ${(spread[spread.length - 1]! / copy).toFixed(1)}×)`,
    );
    console.log(`First publish / COPY: ${(runs[0]!.total / copy).toFixed(1)}×`);
    console.log(
      `Peak memory (RSS) during the publishes: ${mb(peak)} (${mb(peak - rssBefore)} above the ${mb(rssBefore)} before them).`,
    );
  } finally {
    await rm(out, { recursive: true, force: true });
    await db.close();
  }
}

await main();
