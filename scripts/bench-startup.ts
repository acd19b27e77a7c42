// Benchmark (not a test): how fast the bot starts and how much memory it holds when idle, against a
// process that only imports the same libraries and opens the same database (scripts/bench-startup/
// deps-only.mjs), in the same run, interleaved. Issue 16.
//
// Each case starts a child `node` process (no npm or shell in between, so the pid is the bot's):
//   ready    = spawn → GET /healthz answers 200
//   idle RSS = VmRSS of /proc/<pid>/status, 2 s after ready (VmHWM, the peak, is printed too)
// Cases: PostgreSQL and PGlite, compiled (`node dist/main.js`, built first with `npm run build`) and
// with the TypeScript loader (`node --import tsx src/main.ts`, what `npm start` runs); PGlite both in
// a new data folder (first start: initdb) and in a folder set up before (later start).
// The bot runs as `npm start` runs it on a fresh clone, with the Agents Playground off (PLAYGROUND=off)
// so that the bot is measured, not the Playground.
//
//   npm run bench:startup
//   BENCH_ROUNDS=5 BENCH_DB=pglite|postgres|both npm run bench:startup
//   BENCH_PG_URL=postgresql://root@127.0.0.1:5432/test   # the server; database bench_startup is dropped and recreated
//   BENCH_NO_BUILD=1                                     # use dist/ as it is
//
// Exits 0 whether or not the targets are met: it is a benchmark.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DB_CHOICE = process.env.BENCH_DB ?? 'both';
const PG_URL = process.env.BENCH_PG_URL ?? 'postgresql://root@127.0.0.1:5432/test';
const PG_DB = 'bench_startup';
const SETTLE_MS = 2000;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));

type Start = 'compiled' | 'tsx';
type Db = 'postgres' | 'pglite-new' | 'pglite-later';
type Who = 'bot' | 'deps';
interface Sample {
  readyMs: number;
  rssMb: number;
  peakMb: number;
}

const ARGS: Record<Who, Record<Start, string[]>> = {
  bot: { compiled: ['dist/main.js'], tsx: ['--import', 'tsx', 'src/main.ts'] },
  deps: {
    compiled: ['scripts/bench-startup/deps-only.mjs'],
    tsx: ['--import', 'tsx', 'scripts/bench-startup/deps-only.mjs'],
  },
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A new, empty database `name` on the server of BENCH_PG_URL (dropped first): its URL. */
async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

const statusKb = (pid: number, field: string): number => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
};

/** Starts one child, waits for /healthz, lets it settle, reads its memory and stops it. */
async function measure(who: Who, start: Start, env: Record<string, string>): Promise<Sample> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ARGS[who][start], {
    cwd: ROOT,
    env: {
      ...process.env,
      // The embedded default of a fresh clone: no platform credentials, no .env values leaking in.
      NODE_ENV: '',
      CLIENT_ID: '',
      CLIENT_SECRET: '',
      TENANT_ID: '',
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      SLACK_APP_TOKEN: '',
      PUBLIC_URL: '',
      PLAYGROUND: 'off',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLISH_DIR: path.join(tmp, 'publication'),
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  try {
    for (;;) {
      if (done) throw new Error(`${who} (${start}) exited before /healthz answered:\n${out}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (performance.now() - t0 > 120_000) throw new Error(`${who} (${start}): no /healthz after 120 s:\n${out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const readyMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return {
      readyMs,
      rssMb: statusKb(child.pid!, 'VmRSS') / 1024,
      peakMb: statusKb(child.pid!, 'VmHWM') / 1024,
    };
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

// ---- cases

interface Case {
  db: Db;
  start: Start;
  label: string;
  samples: Record<Who, Sample[]>;
}
const STARTS: Start[] = ['compiled', 'tsx'];
const DBS: Db[] = [
  ...(DB_CHOICE === 'pglite' ? [] : (['postgres'] as Db[])),
  ...(DB_CHOICE === 'postgres' ? [] : (['pglite-new', 'pglite-later'] as Db[])),
];
const DB_LABEL: Record<Db, string> = {
  postgres: 'PostgreSQL',
  'pglite-new': 'PGlite, first start (new data folder)',
  'pglite-later': 'PGlite, later start',
};
const START_LABEL: Record<Start, string> = { compiled: 'node dist/main.js', tsx: 'node --import tsx (npm start)' };
const cases: Case[] = DBS.flatMap((db) =>
  STARTS.map((start) => ({
    db,
    start,
    label: `${DB_LABEL[db]}, ${START_LABEL[start]}`,
    samples: { bot: [], deps: [] },
  })),
);

let folders = 0;
const newFolder = () => path.join(tmp, `pglite-${(folders += 1)}`);
/** Folders set up by the previous first start of the same process kind: the "later start" cases reuse them. */
const setUp: Partial<Record<`${Who}-${Start}`, string>> = {};

async function runCase(c: Case, who: Who, pgUrl: string): Promise<Sample> {
  if (c.db === 'postgres') return measure(who, c.start, { DATABASE_URL: pgUrl });
  if (c.db === 'pglite-new') {
    const dir = newFolder();
    const sample = await measure(who, c.start, { PGLITE_DIR: dir });
    const old = setUp[`${who}-${c.start}`];
    if (old) rmSync(old, { recursive: true, force: true });
    setUp[`${who}-${c.start}`] = dir;
    return sample;
  }
  let dir = setUp[`${who}-${c.start}`];
  if (!dir) {
    dir = newFolder();
    await measure(who, c.start, { PGLITE_DIR: dir }); // set it up; not measured
    setUp[`${who}-${c.start}`] = dir;
  }
  return measure(who, c.start, { PGLITE_DIR: dir });
}

// ---- report

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const mb = (x: number) => `${x.toFixed(0)} MB`;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => {
  const s = sorted(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const spread = (xs: number[], f: (x: number) => string) =>
  `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
const met = (ok: boolean) => (ok ? 'TARGET MET   ' : 'TARGET MISSED');
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

const t0 = performance.now();
console.log(`# bench:startup — ${new Date().toISOString()}`);
console.log(
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average (1/5/15 min) ${load()}`,
);
console.log(
  `${ROUNDS} rounds, cases interleaved; ready = spawn → /healthz 200; idle RSS = VmRSS ${SETTLE_MS / 1000} s after ready (median (min–max))`,
);
if (!process.env.BENCH_NO_BUILD) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}
const pgUrl = DBS.includes('postgres') ? await freshDatabase(PG_DB) : '';
try {
  if (pgUrl) {
    await measure('bot', 'compiled', { DATABASE_URL: pgUrl }); // applies the migrations; not measured
    await measure('deps', 'compiled', { DATABASE_URL: pgUrl }); // warms the server's caches alike
  }
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const c of cases)
      for (const who of ['bot', 'deps'] as Who[]) c.samples[who].push(await runCase(c, who, pgUrl));
    console.log(`  round ${r + 1}/${ROUNDS} done (${ms(performance.now() - t0)}, load ${load()})`);
  }
} finally {
  if (pgUrl) await dropDatabase(PG_DB);
  rmSync(tmp, { recursive: true, force: true });
}

const table: string[] = [];
for (const c of cases) {
  const [bot, deps] = [c.samples.bot, c.samples.deps];
  console.log(`\n## ${c.label}`);
  for (const [name, s] of [
    ['the bot      ', bot],
    ['deps only    ', deps],
  ] as const)
    console.log(
      `  ${name} ready ${spread(
        s.map((x) => x.readyMs),
        ms,
      )}; idle RSS ${spread(
        s.map((x) => x.rssMb),
        mb,
      )}; peak RSS ${spread(
        s.map((x) => x.peakMb),
        mb,
      )}`,
    );
  table.push(
    `| ${c.label} | ${ms(median(bot.map((x) => x.readyMs)))} | ${mb(median(bot.map((x) => x.rssMb)))} (${mb(Math.min(...bot.map((x) => x.rssMb)))}–${mb(Math.max(...bot.map((x) => x.rssMb)))}) | ${ms(median(deps.map((x) => x.readyMs)))} | ${mb(median(deps.map((x) => x.rssMb)))} |`,
  );
}

// Targets (issue 16), judged on the median of the rounds.
console.log('\n## targets (median of the rounds)');
const find = (db: Db, start: Start) => cases.find((c) => c.db === db && c.start === start);
const readyOf = (c: Case) => median(c.samples.bot.map((x) => x.readyMs));
const rssOf = (c: Case) => median(c.samples.bot.map((x) => x.rssMb));
const pgCompiled = find('postgres', 'compiled');
if (pgCompiled) {
  console.log(`  ${met(rssOf(pgCompiled) <= 160)} idle RSS ≤ 160 MB on PostgreSQL, compiled: ${mb(rssOf(pgCompiled))}`);
  for (const start of STARTS) {
    const c = find('postgres', start)!;
    console.log(`  ${met(readyOf(c) <= 2000)} ready ≤ 2 s on PostgreSQL, ${START_LABEL[start]}: ${ms(readyOf(c))}`);
  }
}
for (const start of STARTS) {
  const fresh = find('pglite-new', start);
  const later = find('pglite-later', start);
  if (!fresh || !later) continue;
  const worst = Math.max(rssOf(fresh), rssOf(later));
  console.log(
    `  ${met(worst <= 400)} idle RSS ≤ 400 MB on PGlite including the first start, ${START_LABEL[start]}: first ${mb(rssOf(fresh))}, later ${mb(rssOf(later))}`,
  );
  console.log(
    `  ${met(readyOf(fresh) <= 3000)} ready ≤ 3 s on a new PGlite folder, ${START_LABEL[start]}: ${ms(readyOf(fresh))}`,
  );
}

console.log(`\nload average at the end ${load()}; ${ms(performance.now() - t0)} in all`);
console.log(
  `\n| start-up (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} CPUs, load ${load()}, median of ${ROUNDS}) | the bot: ready | the bot: idle RSS | deps only: ready | deps only: idle RSS |`,
);
console.log('|---|---|---|---|---|');
for (const line of table) console.log(line);
process.exit(0);
