// Benchmark (not a test): publishing a portfolio of 10,000 initiatives — recording the edition and
// writing the site (two HTML pages, CSV, JSON, six PNG pictures) — next to the time of
// `COPY (…) TO STDOUT` of the same rows, measured in the same run. Prints the times, their ratio
// (target ≤ 5×) and the peak memory of the publish.
//
//   npm run bench:publish                                        # embedded PGlite (in memory)
//   BENCH_DATABASE_URL=postgresql://… npm run bench:publish      # a PostgreSQL database (emptied first!)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { EXAMPLE_ORGANIZATION_FILE, loadDirectory } from '../src/directory/load.ts';
import { createEdition } from '../src/engine/commands/publication.ts';
import { commitUnit } from '../src/engine/engine.ts';
import { Unit } from '../src/engine/unit.ts';
import { writePublication } from '../src/publish/publish.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import { demoItems } from '../test/support/portfolio-demo.ts';

const COUNT = Number(process.env.BENCH_ITEMS ?? 10_000);
const NOW = new Date('2027-01-15T10:00:00Z');
const SELECT = `SELECT id, title, "domainId", "institutionId", "serviceId", "startQuarter", "endQuarter", status, progress, "moneyPerYear", "fundingSource", people, "tehikTeam" FROM "PortfolioItem" WHERE "removedAt" IS NULL`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function copyOut(db: Database, url: string | undefined): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    if (url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      bytes = await new Promise<number>((resolve, reject) => {
        let n = 0;
        const stream = client.query(copyTo(`COPY (${SELECT}) TO STDOUT WITH (FORMAT csv, HEADER)`));
        stream.on('data', (chunk: Buffer) => { n += chunk.length; });
        stream.on('end', () => resolve(n));
        stream.on('error', reject);
      });
      await client.end();
    } else {
      bytes = await db.sql.copyCsv!(SELECT);
    }
    times.push(performance.now() - started);
  }
  return { ms: median(times), bytes };
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dir: null });
  const dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
  const out = await mkdtemp(path.join(tmpdir(), 'bench-publish-'));
  try {
    await db.sql.exec('DELETE FROM "PortfolioLink"; DELETE FROM "StatusUpdate"; DELETE FROM "PortfolioItem"; DELETE FROM "Edition";');
    const items = demoItems(dir, COUNT, NOW);
    for (let i = 0; i < items.length; i += 2000) await db.prisma.portfolioItem.createMany({ data: items.slice(i, i + 2000) });
    await db.sql.exec('ANALYZE "PortfolioItem"');
    console.log(`Database: ${db.kind}. Seeded ${COUNT.toLocaleString('en')} initiatives.`);

    const copy = await copyOut(db, url);
    console.log(`\nBaseline: COPY (…) TO STDOUT of the same rows: ${copy.ms.toFixed(0)} ms (median of 5, ${(copy.bytes / 1024).toFixed(0)} KB of CSV).`);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
    const started = performance.now();
    await db.prisma.$transaction(async (tx) => {
      const u = new Unit(tx, dir, 'bench', NOW, 'system', 'publishEdition');
      await createEdition(u);
      await commitUnit(u);
    }, { timeout: 600_000, maxWait: 60_000 });
    const recorded = performance.now();
    const files = await writePublication(db.prisma, out);
    const done = performance.now();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    const total = done - started;
    console.log(`\nPublish: ${total.toFixed(0)} ms — recording the edition ${(recorded - started).toFixed(0)} ms, writing ${files.length} files ${(done - recorded).toFixed(0)} ms.`);
    console.log(`Ratio publish / COPY: ${(total / copy.ms).toFixed(1)}×   target ≤ 5×: ${total / copy.ms <= 5 ? 'met' : 'NOT MET'}`);
    console.log(`Peak memory (RSS) during the publish: ${mb(peak)} (${mb(peak - rssBefore)} above the ${mb(rssBefore)} before it).`);
  } finally {
    await rm(out, { recursive: true, force: true });
    await db.close();
  }
}

await main();
