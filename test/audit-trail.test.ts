// The audit trail can be trusted, on PGlite and PostgreSQL: the chain is keyed (HMAC-SHA256 with
// AUDIT_KEY), so rewriting a row and recomputing the hashes without the key is found; the chain head
// is printed in every meeting's minutes and every published edition, and a database is checked
// against such a printed head (a cut tail with the head rolled back, or every row wiped, is found);
// the chain is verified at start-up and daily, a broken one shows on /healthz as degraded and the
// portfolio managers are told in their language on both platforms.
import { ChatStore } from '../src/engine/chat-store.ts';
import { NoticeData } from '../src/engine/notice-data.ts';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import JSZip from 'jszip';
import cron from 'node-cron';
import pg from 'pg';
import type { WebClient } from '@slack/web-api';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.ts';
import { SlackDispatcher } from '../src/bot/slack/dispatcher.ts';
import { TeamsDispatcher, type TeamsSender } from '../src/bot/teams/dispatcher.ts';
import { loadConfig } from '../src/config/env.ts';
import { Queries } from '../src/engine/queries.ts';
import { loadMinutes } from '../src/files/minutes.ts';
import { minutesDocx, minutesMarkdown } from '../src/files/minutes-render.ts';
import { Publication } from '../src/publish/publish.ts';
import { startScheduler } from '../src/scheduler.ts';
import { verifyAuditLog } from '../src/storage/audit-log.ts';
import { saveReference } from '../src/storage/conversation-refs.ts';
import { openDatabase, type Database, type DatabaseTarget } from '../src/storage/database.ts';
import { pgClientDriver, pgliteDriver, type SqlDriver } from '../src/storage/driver.ts';
import { migrate, readMigrations } from '../src/storage/migrate.ts';
import type { OutboxRow } from '../src/storage/outbox.ts';
import { auditHash, type AuditContent } from '../src/workflow/audit-chain.ts';
import type { Directory, Person } from '../src/workflow/directory.ts';
import type { Audience, OutboxPayload } from '../src/workflow/outbox-messages.ts';
import { blockKitProblems } from './support/block-kit.ts';
import { cardProblems } from './support/card-validation.ts';
import { freshPostgres, TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { ORG } from './support/org.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const scratch: string[] = [];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of scratch) await rm(d, { recursive: true, force: true });
  for (const drop of drops) await drop();
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'audit-trail-'));
  scratch.push(d);
  return d;
}

interface Head {
  seq: number;
  hash: string;
}

async function headOf(sql: SqlDriver): Promise<Head> {
  const [h] = await sql.query<{ lastSeq: number; hash: string }>(
    'SELECT "lastSeq", hash FROM "AuditHead" WHERE id = 1',
  );
  return { seq: Number(h!.lastSeq), hash: h!.hash };
}

const contentOf = (r: {
  seq: number;
  at: Date;
  actorId: string;
  onBehalfOf: string | null;
  platform: string;
  command: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}): AuditContent => ({
  seq: r.seq,
  at: r.at.toISOString(),
  actorId: r.actorId,
  onBehalfOf: r.onBehalfOf,
  platform: r.platform,
  command: r.command,
  entityType: r.entityType,
  entityId: r.entityId,
  before: r.before ?? null,
  after: r.after ?? null,
});

/**
 * What someone who can write to the database and knows the (unkeyed) algorithm does: changes the
 * actor of event `seq`, recomputes every hash from there on with plain SHA-256 and moves the head.
 */
async function rewriteUnkeyed(db: Database, seq: number, actorId = 'mallory'): Promise<void> {
  const rows = await db.prisma.auditEvent.findMany({ where: { seq: { gte: seq } }, orderBy: { seq: 'asc' } });
  let prev = seq === 1 ? 'genesis' : (await db.prisma.auditEvent.findUniqueOrThrow({ where: { seq: seq - 1 } })).hash;
  for (const r of rows) {
    const content = { ...contentOf(r), ...(r.seq === seq ? { actorId } : {}) };
    const hash = auditHash(prev, content);
    await db.sql.query('UPDATE "AuditEvent" SET "actorId" = $1, "prevHash" = $2, hash = $3 WHERE seq = $4', [
      content.actorId,
      prev,
      hash,
      r.seq,
    ]);
    prev = hash;
  }
  await db.sql.query('UPDATE "AuditHead" SET hash = $1 WHERE id = 1', [prev]);
}

/** Some history: two proposals through agreement and the board, one on a meeting. */
async function someHistory(h: Harness): Promise<{ meetingId: string }> {
  const a = await h.atBoard();
  await h.atBoard('tiit', 'ehealth');
  const meetingId = await h.scheduled(a);
  return { meetingId };
}

describe.each(TEST_TARGETS)('the keyed audit chain on $name', (target) => {
  it('finds a row rewritten with every later hash recomputed without the key', async () => {
    const db = await target.open();
    try {
      const h = new Harness(db);
      await someHistory(h);
      expect(await verifyAuditLog(db.prisma)).toBeNull();
      const { seq: last } = await headOf(db.sql);
      const middle = Math.floor(last / 2);
      await rewriteUnkeyed(db, middle);
      expect(await verifyAuditLog(db.prisma)).toEqual({ kind: 'changed', seq: middle });
    } finally {
      await db.close();
    }
  });

  it('does not verify with another key', async () => {
    const db = await target.open();
    try {
      await someHistory(new Harness(db));
      expect(await verifyAuditLog(db.prisma, { key: 'another key, not the one the chain was written with' })).toEqual({
        kind: 'changed',
        seq: 1,
      });
    } finally {
      await db.close();
    }
  });

  it('finds a cut tail with the head rolled back, against a printed head', async () => {
    const db = await target.open();
    try {
      const h = new Harness(db);
      await someHistory(h);
      const printed = await headOf(db.sql);
      await h.atBoard('mari', 'rehab');
      expect(await verifyAuditLog(db.prisma, { anchors: [printed] })).toBeNull();

      const keep = printed.seq - 3;
      const kept = await db.prisma.auditEvent.findUniqueOrThrow({ where: { seq: keep } });
      await db.sql.query('DELETE FROM "AuditEvent" WHERE seq > $1', [keep]);
      await db.sql.query('UPDATE "AuditHead" SET "lastSeq" = $1, hash = $2 WHERE id = 1', [keep, kept.hash]);
      expect(await verifyAuditLog(db.prisma, { anchors: [printed] })).toEqual({
        kind: 'endsBeforeAnchor',
        seq: printed.seq,
        lastSeq: keep,
      });
    } finally {
      await db.close();
    }
  });

  it('finds every row wiped, against a printed head', async () => {
    const db = await target.open();
    try {
      await someHistory(new Harness(db));
      const printed = await headOf(db.sql);
      await db.sql.query('DELETE FROM "AuditEvent"');
      await db.sql.query(`UPDATE "AuditHead" SET "lastSeq" = 0, hash = 'genesis' WHERE id = 1`);
      expect(await verifyAuditLog(db.prisma, { anchors: [printed] })).toEqual({
        kind: 'endsBeforeAnchor',
        seq: printed.seq,
        lastSeq: 0,
      });
    } finally {
      await db.close();
    }
  });

  it('prints the chain head in the minutes (Markdown and .docx), and the head verifies', async () => {
    const db = await target.open();
    try {
      const h = new Harness(db);
      const { meetingId } = await someHistory(h);
      const head = await headOf(db.sql);
      const model = (await loadMinutes(db.prisma, new Queries(db.prisma, () => ORG), ORG, 'pm', meetingId))!;
      for (const locale of ['et', 'en'] as const) {
        const md = minutesMarkdown(model, locale);
        expect(md).toContain(head.hash);
        expect(md).toContain(`--seq ${head.seq} --hash ${head.hash}`);
        const xml = await (
          await JSZip.loadAsync(await minutesDocx(model, locale))
        )
          .file('word/document.xml')!
          .async('string');
        expect(xml.replace(/<[^>]+>/g, '')).toContain(`--seq ${head.seq} --hash ${head.hash}`);
      }
      expect(minutesMarkdown(model, 'et')).toMatch(/Auditilogi/);
      expect(minutesMarkdown(model, 'en')).toMatch(/Audit trail/);
      expect(await verifyAuditLog(db.prisma, { anchors: [head] })).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('records the chain head with every edition and prints it on its pages and in portfolio.json', async () => {
    const db = await target.open();
    const out = await tempDir();
    try {
      const h = new Harness(db);
      await someHistory(h);
      await db.prisma.portfolioItem.create({
        data: {
          id: 'a-1',
          title: 'Auditeeritav töö',
          domainId: 'social',
          institutionId: 'SKA',
          startQuarter: '2027Q1',
          endQuarter: '2027Q4',
          status: 'planned',
        },
      });
      const before = await headOf(db.sql);
      expect((await h.ok('pm', 'publishEdition')).number).toBe(1);
      await new Publication(db.sql, out).write();
      const json = JSON.parse(await readFile(path.join(out, 'editions/1/portfolio.json'), 'utf8'));
      expect(json.auditChainHead).toEqual(before);
      for (const page of ['index.html', 'en.html']) {
        const html = await readFile(path.join(out, 'editions/1', page), 'utf8');
        expect(html).toContain(before.hash);
        expect(html).toContain(`--seq ${before.seq} --hash ${before.hash}`);
      }
      expect(await verifyAuditLog(db.prisma, { anchors: [json.auditChainHead] })).toBeNull();
    } finally {
      await db.close();
    }
  });
});

/** Where a database lives, so that it can be closed and opened again (the CLI and restarts open it themselves). */
interface Place {
  env: Record<string, string>;
  target: DatabaseTarget;
  session(): Promise<{ sql: SqlDriver; close(): Promise<void> }>;
}

const PLACES: [string, () => Promise<Place>][] = [
  [
    'PGlite in a folder',
    async () => {
      const dir = path.join(await tempDir(), 'pglite');
      return {
        env: { PGLITE_DIR: dir, DATABASE_URL: '' },
        target: { kind: 'pglite', dir },
        async session() {
          const lite = new PGlite(dir);
          await lite.waitReady;
          return { sql: pgliteDriver(lite), close: () => lite.close() };
        },
      };
    },
  ],
  ...(process.env.TEST_DATABASE_URL
    ? [
        [
          'a PostgreSQL database',
          async () => {
            const fresh = await freshPostgres(process.env.TEST_DATABASE_URL!);
            drops.push(fresh.drop);
            return {
              env: { DATABASE_URL: fresh.url },
              target: { kind: 'postgres', url: fresh.url },
              async session() {
                const client = new pg.Client({ connectionString: fresh.url });
                await client.connect();
                return { sql: pgClientDriver(client), close: () => client.end() };
              },
            };
          },
        ] as [string, () => Promise<Place>],
      ]
    : []),
];

function runCli(env: Record<string, string>, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/storage/audit-verify-cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: '', AUDIT_KEY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.each(PLACES)('checking %s against a printed head', (_name, placeFor) => {
  it('`npm run audit:verify -- --seq N --hash H` finds the head, and reports a cut tail or a wiped log', async () => {
    const place = await placeFor();
    let db = await openDatabase(place.target);
    let printed: Head;
    try {
      const h = new Harness(db);
      await someHistory(h);
      printed = await headOf(db.sql);
      await h.atBoard('mari', 'rehab');
    } finally {
      await db.close();
    }
    const found = await runCli(place.env, ['--seq', String(printed.seq), '--hash', printed.hash]);
    expect(found.output).toMatch(new RegExp(`printed head ${printed.seq} ${printed.hash} is in the chain`));
    expect(found.code).toBe(0);

    const wrong = await runCli(place.env, ['--seq', String(printed.seq), '--hash', 'f'.repeat(64)]);
    expect(wrong.output).toMatch(new RegExp(`event ${printed.seq} .*does not have the printed hash`));
    expect(wrong.code).toBe(1);

    db = await openDatabase(place.target);
    try {
      const keep = printed.seq - 2;
      const kept = await db.prisma.auditEvent.findUniqueOrThrow({ where: { seq: keep } });
      await db.sql.query('DELETE FROM "AuditEvent" WHERE seq > $1', [keep]);
      await db.sql.query('UPDATE "AuditHead" SET "lastSeq" = $1, hash = $2 WHERE id = 1', [keep, kept.hash]);
    } finally {
      await db.close();
    }
    const cut = await runCli(place.env, ['--seq', String(printed.seq), '--hash', printed.hash]);
    expect(cut.output).toMatch(
      new RegExp(`chain ends at event ${printed.seq - 2}, before the printed head ${printed.seq}`),
    );
    expect(cut.code).toBe(1);

    const usage = await runCli(place.env, ['--seq', 'x']);
    expect(usage.output).toMatch(/Usage: npm run audit:verify -- --seq N --hash H/);
    expect(usage.code).toBe(2);
  }, 120_000);
});

describe.each(PLACES)('a database written before the key, on %s', (_name, placeFor) => {
  it('verifies the rows written before the key as before, keys the rows after it, and finds a rewritten old row', async () => {
    const place = await placeFor();
    const all = await readMigrations();
    const keyMigration = all.find((m) => /audit_key/.test(m.name));
    expect(keyMigration, 'the migration that records where the keyed chain begins').toBeDefined();
    // The database as it was before: every migration before the key's, and five events hashed without a key.
    const dir = await tempDir();
    for (const m of all.filter((x) => x.name < keyMigration!.name))
      await cp(path.join(ROOT, 'prisma/migrations', m.name), path.join(dir, m.name), { recursive: true });
    const old = await place.session();
    try {
      await migrate(old.sql, dir);
      let prev = 'genesis';
      for (let seq = 1; seq <= 5; seq += 1) {
        const content: AuditContent = {
          seq,
          at: `2026-11-0${seq}T10:00:00.000Z`,
          actorId: 'mari',
          onBehalfOf: null,
          platform: 'teams',
          command: 'saveDraft',
          entityType: 'proposal',
          entityId: `p${seq}`,
          before: null,
          after: { n: seq },
        };
        const hash = auditHash(prev, content);
        await old.sql.query(
          `INSERT INTO "AuditEvent" (seq, at, "actorId", "onBehalfOf", platform, command, "entityType", "entityId", before, after, "prevHash", hash)
          VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, NULL, $8::jsonb, $9, $10)`,
          [
            seq,
            content.at,
            content.actorId,
            content.platform,
            content.command,
            content.entityType,
            content.entityId,
            JSON.stringify(content.after),
            prev,
            hash,
          ],
        );
        prev = hash;
      }
      await old.sql.query('UPDATE "AuditHead" SET "lastSeq" = 5, hash = $1 WHERE id = 1', [prev]);
    } finally {
      await old.close();
    }

    const db = await openDatabase(place.target); // applies the key's migration: keyed from event 6
    try {
      const [head] = await db.sql.query<{ keyedFrom: number }>('SELECT "keyedFrom" FROM "AuditHead" WHERE id = 1');
      expect(Number(head!.keyedFrom)).toBe(6);
      expect(await verifyAuditLog(db.prisma)).toBeNull();
      await someHistory(new Harness(db));
      expect(await verifyAuditLog(db.prisma)).toBeNull();
      const six = await db.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 6 } });
      expect(six.hash).not.toBe(auditHash(six.prevHash, contentOf(six))); // keyed: not plain SHA-256

      // An old row rewritten, and every old hash after it recomputed: the first keyed row no longer follows.
      await db.sql.query(`UPDATE "AuditEvent" SET "actorId" = 'mallory' WHERE seq = 3`);
      let prev = (await db.prisma.auditEvent.findUniqueOrThrow({ where: { seq: 2 } })).hash;
      for (const r of await db.prisma.auditEvent.findMany({
        where: { seq: { gte: 3, lte: 5 } },
        orderBy: { seq: 'asc' },
      })) {
        const hash = auditHash(prev, contentOf(r));
        await db.sql.query('UPDATE "AuditEvent" SET "prevHash" = $1, hash = $2 WHERE seq = $3', [prev, hash, r.seq]);
        prev = hash;
      }
      expect(await verifyAuditLog(db.prisma)).toEqual({ kind: 'brokenLink', seq: 6 });

      // Moving the switch-over past the end and recomputing everything without the key passes in the
      // database alone (it then looks like a database never keyed), but not against a printed head.
      const printed = await headOf(db.sql);
      const rows = await db.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
      prev = 'genesis';
      for (const r of rows) {
        const hash = auditHash(prev, contentOf(r));
        await db.sql.query('UPDATE "AuditEvent" SET "prevHash" = $1, hash = $2 WHERE seq = $3', [prev, hash, r.seq]);
        prev = hash;
      }
      await db.sql.query('UPDATE "AuditHead" SET hash = $1, "keyedFrom" = "lastSeq" + 1 WHERE id = 1', [prev]);
      expect(await verifyAuditLog(db.prisma)).toBeNull();
      expect(await verifyAuditLog(db.prisma, { anchors: [printed] })).toEqual({
        kind: 'anchorMismatch',
        seq: printed.seq,
      });
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe('the chain checked at start-up and daily', () => {
  it('shows a broken chain on /healthz as degraded, logs it and tells each portfolio manager once, in their language, on Teams and Slack', async () => {
    const dir = path.join(await tempDir(), 'pglite');
    const target: DatabaseTarget = { kind: 'pglite', dir };
    const db = await openDatabase(target);
    try {
      await someHistory(new Harness(db));
      await db.sql.query(`UPDATE "AuditEvent" SET "actorId" = 'mallory' WHERE seq = 2`);
    } finally {
      await db.close();
    }

    const config = { ...loadConfig({ PLAYGROUND: 'off' }), port: 0, database: target };
    const lines: string[] = [];
    const sent: { conversation: string; activity: Record<string, unknown> }[] = [];
    const sender: TeamsSender = {
      async create(ref, activity) {
        sent.push({ conversation: ref.conversation.id, activity });
        return `a${sent.length}`;
      },
      async update() {
        /* not used */
      },
    };
    const now = () => new Date('2027-03-04T04:30:00Z'); // 06:30 in Tallinn
    let app = await startApp(config, {
      log: (l) => lines.push(l),
      teamsSender: sender,
      outboxIntervalMs: 3_600_000,
      now,
    });
    try {
      const res = await fetch(`${app.url}/healthz`);
      expect(res.status).toBe(200); // it still serves
      const body = (await res.json()) as {
        status: string;
        migrations: string;
        audit: { status: string; problem: { kind: string; seq: number }; next: string };
      };
      expect(body.status).toBe('degraded');
      expect(body.migrations).toBe('current');
      expect(body.audit.status).toBe('broken');
      expect(body.audit.problem).toEqual({ kind: 'changed', seq: 2 });
      expect(body.audit).toMatchObject({ checkedAt: '2027-03-04T04:30:00.000Z' });
      expect(body.audit.next).toMatch(/npm run audit:verify -- --seq N --hash H/);
      expect(lines.join('\n')).toMatch(
        /Audit chain broken: Audit event no\. 2 was changed after it was written.*What to do: /,
      );

      const managers = app.engine.dir.portfolioManagerIds;
      const notices = async () =>
        app.db.prisma.outboxMessage.findMany({ where: { kind: 'auditChainBroken' }, orderBy: { createdAt: 'asc' } });
      expect((await notices()).map((n) => (n.audience as { personId?: string }).personId).sort()).toEqual(
        [...managers].sort(),
      );

      // The daily run: a node-cron task in Tallinn time; the same problem is not told twice.
      const scheduler = startScheduler(app, config, (l) => lines.push(l));
      try {
        const task = [...cron.getTasks().values()].find((t) => t.name === 'audit-chain');
        expect(task?.getPattern()).toBe('30 6 * * *');
        await task!.execute();
      } finally {
        await scheduler.stop();
      }
      expect(await notices()).toHaveLength(managers.length);

      // Delivered: each manager in their language (one of them reads English), as a Teams card and in Slack.
      const [first, second] = managers as [string, string];
      const base = app.engine.dir;
      const people = new Map(base.people);
      people.set(second, { ...people.get(second)!, locale: 'en', slackUserId: 'U0SECOND' } as Person);
      people.set(first, { ...people.get(first)!, locale: 'et', slackUserId: 'U0FIRST' } as Person);
      const dir2: Directory = { ...base, people };
      for (const id of managers)
        await saveReference(app.db.prisma, 'teams', `person:${id}`, {
          serviceUrl: 'http://127.0.0.1:9/',
          conversation: { id: `chat-${id}` },
        });
      const rows: OutboxRow[] = (await notices()).map((m) => ({
        id: m.id,
        audience: m.audience as unknown as Audience,
        payload: m.payload as unknown as OutboxPayload,
        attempts: 0,
        deliveredTo: [],
      }));
      const teams = new TeamsDispatcher(
        new ChatStore(app.db.prisma, 'teams'),
        new NoticeData(app.db.prisma),
        app.queries,
        () => dir2,
        sender,
      );
      for (const row of rows) await teams.deliver(row);
      const cardOf = (id: string) =>
        JSON.stringify(sent.find((s) => s.conversation === `chat-${id}`)?.activity ?? null);
      expect(cardOf(first)).toMatch(/Auditilogi/);
      expect(cardOf(second)).toMatch(/audit trail/i);
      for (const s of sent) {
        const card = (s.activity.attachments as { content: unknown }[] | undefined)?.[0]?.content;
        expect(card, 'an Adaptive Card').toBeDefined();
        expect(cardProblems(card)).toEqual([]);
      }
      const posted: { channel: string; text: string; blocks?: unknown[] }[] = [];
      const client = {
        chat: {
          async postMessage(args: { channel: string; text: string; blocks?: unknown[] }) {
            posted.push(args);
            return { ok: true, ts: String(posted.length), channel: args.channel };
          },
        },
      } as unknown as WebClient;
      const slack = new SlackDispatcher(
        new ChatStore(app.db.prisma, 'slack'),
        new NoticeData(app.db.prisma),
        app.queries,
        () => dir2,
        client,
      );
      for (const row of rows) await slack.deliver(row);
      expect(posted.find((p) => p.channel === 'U0FIRST')?.text).toMatch(/Auditilogi/);
      expect(posted.find((p) => p.channel === 'U0SECOND')?.text).toMatch(/audit trail/i);
      expect(JSON.stringify(posted.find((p) => p.channel === 'U0FIRST')?.blocks)).toContain(
        'Kontrollitud 04.03.2027 kell 06:30.',
      );
      expect(JSON.stringify(posted.find((p) => p.channel === 'U0SECOND')?.blocks)).toContain(
        'Checked 04.03.2027 at 06:30.',
      );
      for (const p of posted) {
        expect(p.blocks?.length).toBeGreaterThan(0);
        expect(blockKitProblems(p.blocks!)).toEqual([]);
        expect(JSON.stringify(p.blocks)).toMatch(/npm run audit:verify/);
      }
    } finally {
      await app.close();
    }

    // A restart checks again, and tells nobody twice.
    app = await startApp(config, { log: (l) => lines.push(l), teamsSender: sender, outboxIntervalMs: 3_600_000, now });
    try {
      expect(await app.db.prisma.outboxMessage.count({ where: { kind: 'auditChainBroken' } })).toBe(
        app.engine.dir.portfolioManagerIds.length,
      );
      expect(((await (await fetch(`${app.url}/healthz`)).json()) as { status: string }).status).toBe('degraded');
    } finally {
      await app.close();
    }
  }, 120_000);

  it('answers ok with a sound chain', async () => {
    const config = { ...loadConfig({ PLAYGROUND: 'off' }), port: 0, database: { kind: 'pglite' as const, dir: null } };
    const app = await startApp(config, {
      log: () => undefined,
      outboxIntervalMs: 3_600_000,
      now: () => new Date('2027-03-04T04:30:00Z'),
    });
    try {
      const res = await fetch(`${app.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', migrations: 'current', audit: { status: 'ok' } });
    } finally {
      await app.close();
    }
  }, 60_000);
});
