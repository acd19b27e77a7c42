// Benchmark (not a test): click → HTTP answer of the bot's poll buttons against a bare Bolt 5.1 app
// and a bare Teams SDK 2.0.16 app, in the same run, interleaved, from this one load generator. Each
// runs in its own child process (scripts/bench-clicks/). Prints p50/p95/p99 and the ratios, checks
// that every vote was counted once, then bursts a 200-member committee at once. Issue 15.
//
//   npm run bench:clicks                                # PGlite (in memory) and PostgreSQL
//   BENCH_DB=pglite|postgres|both BENCH_ROUNDS=3 BENCH_MEMBERS=50 BENCH_BURST=200 npm run bench:clicks
//   BENCH_PG_URL=postgresql://root@127.0.0.1:5432/postgres   # the server; database bench_clicks is dropped and recreated
//
// Exits 0 whether or not the targets are met: it is a benchmark.
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  SIGNING_SECRET,
  SLACK_TEAM,
  members,
  writeOrganisation,
  type BotReady,
  type CheckResult,
  type Choice,
  type Member,
  type PollInfo,
} from './bench-clicks/common.ts';

const env = process.env;
const DBS = (env.BENCH_DB ?? 'both') === 'both' ? ['pglite', 'postgres'] : [env.BENCH_DB!];
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const MEMBERS = Number(env.BENCH_MEMBERS ?? 50);
const BURST = Number(env.BENCH_BURST ?? 200);
const CLICKS = 3; // per member per round: a vote and two changes (YES → NO → YES, or NO → YES → NO)
const SINGLES = Math.min(20, Math.floor(BURST / 2)); // single votes on an idle bot, one after the other, before the burst
const PG_URL = env.BENCH_PG_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';
const PG_DB = 'bench_clicks';
const SAID: Record<Choice, string> = { YES: 'Sinu hääl: JAH', NO: 'Sinu hääl: EI' };
const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-clicks-'));

// ---- children, over IPC

/** A child's stderr lines, without colours and without the Teams SDK's expected warning (no credentials). */
const lines = (c: Buffer) =>
  c
    .toString()
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((l) => l.trim() && !l.includes('No credentials configured'));

class Child<R> {
  private seq = 0;
  private waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private constructor(
    private readonly proc: ChildProcess,
    readonly ready: R,
    /** what the child wrote to stderr */
    readonly stderr: string[],
  ) {
    // A child that dies fails what was asked of it, with what it said last.
    proc.on('exit', (code) => {
      for (const w of this.waiting.values())
        w.reject(new Error(`child exited (${code}): ${this.stderr.slice(-20).join('\n')}`));
      this.waiting.clear();
    });
    proc.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error) w?.reject(new Error(m.error));
      else w?.resolve(m.result);
    });
  }

  static start<R>(file: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Child<R>> {
    const proc = fork(path.join(here, 'bench-clicks', file), args, {
      // BENCH_PROF=<dir>: a CPU profile of each child, written when it exits.
      execArgv: ['--import', 'tsx', ...(env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_PROF}`] : [])],
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const stderr: string[] = [];
    proc.stderr!.on('data', (c: Buffer) => stderr.push(...lines(c)));
    proc.stdout!.resume();
    return new Promise((resolve, reject) => {
      proc.once('exit', (code) =>
        reject(new Error(`${file} ${args.join(' ')} exited (${code}): ${stderr.join('\n')}`)),
      );
      proc.once('message', (m: { ready: R }) => {
        proc.removeAllListeners('exit');
        resolve(new Child(proc, m.ready, stderr));
      });
    });
  }

  ask<T>(op: string, extra: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      if (this.proc.exitCode !== null) return reject(new Error(`child exited (${this.proc.exitCode})`));
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.proc.send({ id, op, ...extra });
    });
  }

  kill(): void {
    this.proc.removeAllListeners('exit');
    this.proc.kill();
  }
}

type Bot = Child<BotReady>;

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

async function startBot(db: string, n: number, polls: number): Promise<Bot> {
  const url = db === 'postgres' ? await freshDatabase(PG_DB) : undefined;
  return Child.start<BotReady>('bot.ts', [], {
    BENCH_ORG: writeOrganisation(tmp, n),
    BENCH_POLLS: String(polls),
    BENCH_PUBLISH_DIR: path.join(tmp, 'publication'),
    ...(url ? { BENCH_DATABASE_URL: url } : {}),
  });
}

async function stopBot(bot: Bot): Promise<string[]> {
  const warnings = await bot.ask<string[]>('close');
  return [...warnings, ...bot.stderr];
}

// ---- the load generator

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

interface Answer {
  ms: number;
  status: number;
  body: string;
  started: number;
}

/**
 * POSTs a prepared body; the time runs from the request's start to the answer's last byte. A kept-alive
 * socket the server closed just as it was reused (ECONNRESET) is retried once on a new one, timed anew.
 */
function post(url: string, headers: Record<string, string>, body: string, retry = true): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (status: number, text: string) =>
      resolve({ ms: performance.now() - started, status, body: text, started });
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
      },
    );
    req.setTimeout(180_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (retry && req.reusedSocket && e.code === 'ECONNRESET') resolve(post(url, headers, body, false));
      else done(0, String(e));
    });
    req.end(body);
  });
}

// Where the bot answers a Slack click (response_url): the time a click's ephemeral "Sinu hääl" arrives.
const responds = new Map<string, { at: number; text: string }>();
const respondServer = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = performance.now();
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { text?: string };
    responds.set(String(req.url).split('/').pop()!, { at, text: String(body.text ?? '') });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
await new Promise<void>((r) => respondServer.listen(0, '127.0.0.1', () => r()));
const respondBase = `http://127.0.0.1:${(respondServer.address() as AddressInfo).port}/respond/`;

let clickSeq = 0;

/** A vote button click on the poll message in the committee's channel, signed as Slack signs it. */
function slackClick(url: string, poll: PollInfo, m: Member, choice: Choice, id: string) {
  const button = poll.slack.buttons[choice];
  const now = Date.now();
  const payload = {
    type: 'block_actions',
    user: { id: m.slackUserId, username: m.id, name: m.id, team_id: SLACK_TEAM },
    api_app_id: 'ABENCH',
    token: 'x',
    container: { type: 'message', message_ts: poll.slack.ts, channel_id: poll.slack.channel, is_ephemeral: false },
    trigger_id: `${now}.${id}.trigger`,
    team: { id: SLACK_TEAM, domain: 'bench' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: poll.slack.channel, name: 'juhtkomisjon' },
    message: { type: 'message', ts: poll.slack.ts, text: '', blocks: poll.slack.blocks },
    state: { values: {} },
    response_url: `${respondBase}${id}`,
    // action_ts is unique per click: the bot's delivery key is the user and action_ts.
    actions: [
      { ...button, type: 'button', block_id: 'b', action_ts: `${Math.floor(now / 1000)}.${id.padStart(6, '0')}` },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const ts = String(Math.floor(now / 1000));
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': ts,
    'x-slack-signature': signature,
  };
  return () => post(`${url}/slack/events`, headers, body);
}

/** The same click in Teams: an adaptiveCard/action invoke on the poll card in the channel. */
function teamsClick(url: string, serviceUrl: string, poll: PollInfo, m: Member, choice: Choice, id: string) {
  const data = poll.teams.data[choice];
  const body = JSON.stringify({
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    serviceUrl,
    id: `bench-${id}`,
    replyToId: poll.teams.cardId,
    timestamp: new Date().toISOString(),
    from: { id: `29:${m.id}`, aadObjectId: m.teamsObjectId, name: m.name },
    recipient: { id: '28:bot', name: 'Portfellibot' },
    conversation: { id: poll.teams.conversationId, conversationType: 'channel', tenantId: 't1' },
    channelData: { tenant: { id: 't1' } },
    value: { action: { type: 'Action.Execute', verb: data.action, data } },
  });
  return () => post(`${url}/api/messages`, { 'content-type': 'application/json' }, body);
}

type Target = 'bot-slack' | 'bare-bolt' | 'bot-teams' | 'bare-teams' | 'bare-teams-save';
/** bare-teams-save: the bare Teams SDK app saving the vote with one statement before it answers. */
const TARGETS: Target[] = ['bot-slack', 'bare-bolt', 'bot-teams', 'bare-teams', 'bare-teams-save'];

interface Sample {
  target: Target;
  ms: number;
  /** Slack, the bot: click → the ephemeral answer at response_url */
  doneMs?: number;
  bad?: string;
}

interface Run {
  bot: Bot;
  boltUrl: string;
  teamsUrl: string;
  teamsSaveUrl: string;
  poll: PollInfo;
  /** each member's last choice the bot answered */
  last: Map<string, Choice>;
  clicks: Map<string, number>;
}

/** A click by m on a target, its body made and signed, ready to leave. */
function prepare(run: Run, target: Target, m: Member, choice: Choice) {
  const id = String(++clickSeq);
  const bot = run.bot.ready;
  const send =
    target === 'bot-slack'
      ? slackClick(bot.url, run.poll, m, choice, id)
      : target === 'bare-bolt'
        ? slackClick(run.boltUrl, run.poll, m, choice, id)
        : target === 'bot-teams'
          ? teamsClick(bot.url, bot.serviceUrl, run.poll, m, choice, id)
          : teamsClick(
              target === 'bare-teams' ? run.teamsUrl : run.teamsSaveUrl,
              bot.serviceUrl,
              run.poll,
              m,
              choice,
              id,
            );
  return { id, target, m, choice, send };
}

/**
 * Sends a prepared click. `answered`: its HTTP answer; `sample`: its figures once the answer is
 * checked (status; for the bot, the vote it confirms) and, for the bot's Slack click, its ephemeral
 * answer (click → "Sinu hääl") has arrived at response_url.
 */
function fire(run: Run, c: ReturnType<typeof prepare>) {
  const answered = c.send();
  const sample = answered.then(async (a): Promise<Sample> => {
    const s: Sample = { target: c.target, ms: a.ms };
    if (a.status !== 200) s.bad = `HTTP ${a.status} ${a.body.slice(0, 200)}`;
    else if (c.target === 'bot-teams' && !a.body.includes(SAID[c.choice])) s.bad = `answer ${a.body.slice(0, 200)}`;
    // The member's last click, in the order they clicked (a Slack vote may still be running).
    if (c.target.startsWith('bot') && a.status === 200) run.last.set(c.m.id, c.choice);
    if (c.target === 'bot-slack' && a.status === 200) {
      const r = await waitRespond(c.id);
      if (!r) s.bad = 'no answer at response_url within 180 s';
      else if (!r.text.includes(SAID[c.choice])) s.bad = `ephemeral ${r.text.slice(0, 200)}`;
      else s.doneMs = r.at - a.started;
    }
    return s;
  });
  return { answered, sample };
}

const click = (run: Run, target: Target, m: Member, choice: Choice) => fire(run, prepare(run, target, m, choice));

async function waitRespond(id: string, ms = 180_000) {
  for (const end = performance.now() + ms; performance.now() < end; await new Promise((r) => setTimeout(r, 5)))
    if (responds.has(id)) return responds.get(id)!;
  return undefined;
}

/** Each member's next choice on a target: always a change from their previous click. */
function next(run: Run, target: Target, m: Member, i: number): Choice {
  const key = `${target.startsWith('bot') ? 'bot' : target}:${m.id}`;
  const n = (run.clicks.get(key) ?? 0) + 1;
  run.clicks.set(key, n);
  return (n + i) % 2 === 0 ? 'YES' : 'NO';
}

/**
 * All members at once, each clicking `clicks` times, the next click when the last one is answered.
 * The bot's Slack vote is done when its ephemeral arrives, which the member's next click does not
 * wait for (a person clicks again once the button is acknowledged). Then the bot's outbox goes quiet.
 */
async function round(run: Run, target: Target, who: Member[], clicks: number): Promise<Sample[]> {
  const all = await Promise.all(
    who.map(async (m, i) => {
      const mine: Promise<Sample>[] = [];
      for (let k = 0; k < clicks; k += 1) {
        const c = click(run, target, m, next(run, target, m, i));
        mine.push(c.sample);
        await c.answered;
      }
      return Promise.all(mine);
    }),
  );
  if (target.startsWith('bot')) await run.bot.ask('quiet');
  return all.flat();
}

// ---- figures

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const times = (xs: Sample[]) => xs.map((s) => s.ms);
const doneTimes = (xs: Sample[]) => xs.filter((s) => s.doneMs !== undefined).map((s) => s.doneMs!);
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
const met = (ok: boolean) => (ok ? 'TARGET MET   ' : 'TARGET MISSED');
const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const table: string[] = [];

function checkLines(label: string, c: CheckResult, expected: Map<string, Choice>, n: number): boolean[] {
  const want = { YES: 0, NO: 0 };
  for (const v of expected.values()) want[v] += 1;
  const counted = c.rows === n && c.missing.length === 0 && c.extra.length === 0;
  const final = c.wrong.length === 0 && c.missing.length === 0;
  const tally = (c.tally.YES ?? 0) === want.YES && (c.tally.NO ?? 0) === want.NO && c.shown.slack && c.shown.teams;
  const audit = c.audit === null;
  console.log(
    `  ${pass(counted)} ${label}: one Vote row per member (${c.rows} rows for ${n} members${c.missing.length ? `; missing ${c.missing.slice(0, 5).join(', ')}` : ''})`,
  );
  console.log(
    `  ${pass(final)} ${label}: every member's vote is their last click${c.wrong.length ? ` (${c.wrong.length} wrong: ${c.wrong.slice(0, 5).join('; ')})` : ''}`,
  );
  console.log(
    `  ${pass(tally)} ${label}: tally ${JSON.stringify(c.tally)} = expected ${JSON.stringify(want)}; poll card redrawn with it: Slack ${c.shown.slack}, Teams ${c.shown.teams}`,
  );
  console.log(
    `  ${pass(audit)} ${label}: verifyAuditLog ${audit ? 'null (the chain verifies)' : JSON.stringify(c.audit)}`,
  );
  if (c.outboxErrors.length)
    console.log(
      `  note: ${c.outboxErrors.length} failed outbox deliveries, e.g. ${c.outboxErrors.slice(0, 3).join(' | ')}`,
    );
  return [counted, final, tally, audit];
}

function bad(samples: Sample[]): void {
  const b = samples.filter((s) => s.bad);
  if (b.length)
    console.log(
      `  !! ${b.length} bad answers, e.g. ${b
        .slice(0, 3)
        .map((s) => `${s.target}: ${s.bad}`)
        .join(' | ')}`,
    );
}

// ---- the two parts

async function concurrent(db: string, boltUrl: string, teamsUrl: string): Promise<void> {
  const who = members(MEMBERS);
  console.log(`\n## ${db}: ${MEMBERS} members voting at once, ${ROUNDS} rounds × ${CLICKS} clicks each, interleaved`);
  const bot = await startBot(db, MEMBERS, 1);
  const saving = await Child.start<{ url: string }>('bare.ts', [
    'teams-save',
    ...(db === 'postgres' ? [await freshDatabase('bench_bare')] : []),
  ]);
  const run: Run = {
    bot,
    boltUrl,
    teamsUrl,
    teamsSaveUrl: saving.ready.url,
    poll: bot.ready.polls[0]!,
    last: new Map(),
    clicks: new Map(),
  };
  const samples: Sample[] = [];
  try {
    for (const t of TARGETS) await round(run, t, who, 1); // warm-up, not measured
    const started = performance.now();
    for (let r = 0; r < ROUNDS; r += 1) for (const t of TARGETS) samples.push(...(await round(run, t, who, CLICKS)));
    const of = (t: Target) => samples.filter((s) => s.target === t).map((s) => s.ms);
    console.log(`  (${samples.length} clicks in ${ms(performance.now() - started)})`);
    console.log(
      `  ${'target'.padEnd(38)} ${'n'.padStart(5)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)}`,
    );
    const row = (name: string, xs: number[]) =>
      console.log(
        `  ${name.padEnd(38)} ${String(xs.length).padStart(5)} ${ms(pct(xs, 50)).padStart(9)} ${ms(pct(xs, 95)).padStart(9)} ${ms(pct(xs, 99)).padStart(9)}`,
      );
    const slackDone = doneTimes(samples);
    row('bot, Slack block_actions', of('bot-slack'));
    row('bare Bolt 5.1', of('bare-bolt'));
    row('bot, Teams adaptiveCard/action', of('bot-teams'));
    row('bare Teams SDK 2.0.16', of('bare-teams'));
    row('bare Teams SDK + the vote saved', of('bare-teams-save'));
    row('bot, Slack: click → ephemeral answer', slackDone);
    bad(samples);
    for (const [name, b, bare] of [
      ['Slack', 'bot-slack', 'bare-bolt'],
      ['Teams', 'bot-teams', 'bare-teams'],
    ] as const) {
      const [bp50, bp99, xp50, xp99] = [pct(of(b), 50), pct(of(b), 99), pct(of(bare), 50), pct(of(bare), 99)];
      console.log(`  ${name}: bot/bare p50 ${ratio(bp50, xp50)}, p99 ${ratio(bp99, xp99)}`);
      console.log(
        `  ${met(bp99 <= 1.5 * xp99)} ${db} ${name}: p99 ${ms(bp99)} ≤ 1.5 × bare ${ms(xp99)} = ${ms(1.5 * xp99)}`,
      );
      table.push(
        `| click → HTTP answer p99, ${MEMBERS} voting at once, ${name}, ${db} | ${ms(bp99)} (p50 ${ms(bp50)}) | ${ms(xp99)} (p50 ${ms(xp50)}) | ${ratio(bp99, xp99)} |`,
      );
    }
    const [tp50, tp99, sp50, sp99] = [
      pct(of('bot-teams'), 50),
      pct(of('bot-teams'), 99),
      pct(of('bare-teams-save'), 50),
      pct(of('bare-teams-save'), 99),
    ];
    console.log(
      `  Teams: bot / (bare + the vote saved in one statement) p50 ${ratio(tp50, sp50)}, p99 ${ratio(tp99, sp99)} (info)`,
    );
    table.push(
      `| click → HTTP answer p99, ${MEMBERS} voting at once, Teams, ${db}, against a bare Teams SDK app that saves the vote in one statement | ${ms(tp99)} (p50 ${ms(tp50)}) | ${ms(sp99)} (p50 ${ms(sp50)}) | ${ratio(tp99, sp99)} |`,
    );
    table.push(
      `| click → ephemeral answer p99, ${MEMBERS} at once, Slack, ${db} | ${ms(pct(slackDone, 99))} (p50 ${ms(pct(slackDone, 50))}) | — | |`,
    );
    await bot.ask('quiet');
    const c = await bot.ask<CheckResult>('check', { pollId: run.poll.pollId, expected: Object.fromEntries(run.last) });
    checkLines(db, c, run.last, MEMBERS);
  } finally {
    saving.kill();
    const warnings = await stopBot(bot).catch((e: Error) => [`stopping the bot: ${e.message}`]);
    if (warnings.length)
      console.log(`  bot log (${warnings.length} lines), e.g.:\n    ${warnings.slice(0, 8).join('\n    ')}`);
  }
}

/** SINGLES votes one after the other on the idle target, then every member at once (a change for those who voted). */
async function burstOn(run: Run, target: Target, who: Member[]) {
  const singles: Sample[] = [];
  for (const m of who.slice(0, SINGLES)) singles.push(await click(run, target, m, 'YES').sample);
  if (target.startsWith('bot')) await run.bot.ask('quiet');
  // Everyone at once: the bodies are made and signed first, then every request leaves in the same tick.
  const ready = who.map((m, i) => prepare(run, target, m, i < SINGLES || i % 3 === 0 ? 'NO' : 'YES'));
  const started = performance.now();
  const all = await Promise.all(ready.map((c) => fire(run, c).sample));
  return { singles, all, wall: performance.now() - started };
}

async function burst(db: string, boltUrl: string, teamsUrl: string): Promise<void> {
  const who = members(BURST);
  console.log(
    `\n## ${db}: burst, a ${BURST}-member committee votes at once (after ${SINGLES} single votes on the idle bot)`,
  );
  const bot = await startBot(db, BURST, 2);
  try {
    for (const [platform, target, bare, poll] of [
      ['Slack', 'bot-slack', 'bare-bolt', bot.ready.polls[0]!],
      ['Teams', 'bot-teams', 'bare-teams', bot.ready.polls[1]!],
    ] as const) {
      const run: Run = { bot, boltUrl, teamsUrl, teamsSaveUrl: teamsUrl, poll, last: new Map(), clicks: new Map() };
      const { singles, all, wall } = await burstOn(run, target, who);
      // The same on the bare framework, for comparison (not a target).
      const b = await burstOn(run, bare, who);
      const bx = times(b.all);
      bad([...singles, ...all, ...b.singles, ...b.all]);
      const one = pct(times(singles), 50);
      const xs = times(all);
      const [p50, p99, max] = [pct(xs, 50), pct(xs, 99), Math.max(...xs)];
      const over = xs.filter((x) => x > 3000).length;
      console.log(
        `  ${platform} HTTP answer: single vote (idle, median of ${SINGLES}) ${ms(one)}; burst p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)}; over 3 s: ${over}/${BURST}; ${(BURST / (wall / 1000)).toFixed(0)} votes/s`,
      );
      console.log(
        `  bare ${platform === 'Slack' ? 'Bolt' : 'Teams SDK'} for comparison: single ${ms(pct(times(b.singles), 50))}; burst p50 ${ms(pct(bx, 50))}, p99 ${ms(pct(bx, 99))}, max ${ms(Math.max(...bx))}`,
      );
      console.log(
        `  ${met(over === 0)} ${db} ${platform}: every answer inside 3 s${db === 'postgres' ? '' : ' (the target is for PostgreSQL)'}`,
      );
      console.log(
        `  ${met(p99 <= 2 * one)} ${db} ${platform}: burst p99 ${ms(p99)} ≤ 2 × single ${ms(one)} (${ratio(p99, one)})`,
      );
      table.push(
        `| ${BURST} votes at once, ${platform}, ${db}: HTTP answer p99 / max (over 3 s) | ${ms(p99)} / ${ms(max)} (${over}) | single vote ${ms(one)}; bare burst p99 ${ms(pct(bx, 99))} | ${ratio(p99, one)} |`,
      );
      if (target === 'bot-slack') {
        const done = doneTimes(all);
        const oneDone = pct(doneTimes(singles), 50);
        const [d99, dmax] = [pct(done, 99), Math.max(...done)];
        console.log(
          `  Slack click → ephemeral answer (the vote done): single ${ms(oneDone)}; burst p50 ${ms(pct(done, 50))}, p99 ${ms(d99)}, max ${ms(dmax)}; over 3 s: ${done.filter((x) => x > 3000).length}/${done.length} (info: ${ratio(d99, oneDone)} the single)`,
        );
        table.push(
          `| ${BURST} votes at once, Slack, ${db}: click → ephemeral answer p99 / max | ${ms(d99)} / ${ms(dmax)} | single vote ${ms(oneDone)} | ${ratio(d99, oneDone)} |`,
        );
      }
      await bot.ask('quiet');
      const c = await bot.ask<CheckResult>('check', { pollId: poll.pollId, expected: Object.fromEntries(run.last) });
      const [counted, final, tally, audit] = checkLines(`${db} ${platform} burst`, c, run.last, BURST);
      console.log(`  ${met(!!(counted && final))} ${db} ${platform}: every vote counted once`);
      console.log(`  ${met(!!tally)} ${db} ${platform}: the tally correct`);
      console.log(`  ${met(!!audit)} ${db} ${platform}: the audit chain verifying`);
    }
  } finally {
    const warnings = await stopBot(bot).catch((e: Error) => [`stopping the bot: ${e.message}`]);
    if (warnings.length)
      console.log(`  bot log (${warnings.length} lines), e.g.:\n    ${warnings.slice(0, 8).join('\n    ')}`);
  }
}

// ---- main

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
const t0 = performance.now();
console.log(`# bench:clicks — ${new Date().toISOString()}`);
console.log(
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average (1/5/15 min) ${load()}`,
);
console.log(`databases: ${DBS.join(', ')}; ${MEMBERS} members × ${ROUNDS} rounds × ${CLICKS} clicks; burst ${BURST}`);
const bolt = await Child.start<{ url: string }>('bare.ts', ['bolt']);
const teams = await Child.start<{ url: string }>('bare.ts', ['teams']);
try {
  for (const db of DBS) {
    await concurrent(db, bolt.ready.url, teams.ready.url);
    await burst(db, bolt.ready.url, teams.ready.url);
  }
} finally {
  bolt.kill();
  teams.kill();
  respondServer.close();
  agent.destroy();
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`\nload average at the end ${load()}; ${ms(performance.now() - t0)} in all`);
console.log(
  `\n| measure (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} CPUs, load ${load()}) | the bot | bare framework / baseline | ratio |`,
);
console.log('|---|---|---|---|');
for (const line of table) console.log(line);
process.exit(0);
