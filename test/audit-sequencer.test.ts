// The audit chain off the commands' path: a command writes its events without locking the chain's
// head; they are chained right after it commits, gaplessly and each once, however many commit at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditMonitor } from '../src/engine/audit-check.ts';
import { commitUnit } from '../src/engine/engine.ts';
import { Unit } from '../src/engine/unit.ts';
import { verifyAuditLog } from '../src/storage/audit-log.ts';
import type { Database } from '../src/storage/database.ts';
import { DEVELOPMENT_AUDIT_KEY } from '../src/workflow/audit-chain.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { ORG } from './support/org.ts';

const VOTERS = Array.from({ length: 20 }, (_, i) => `voter${i + 1}`);

describe.each(TEST_TARGETS)('the audit sequencer on $name', (target) => {
  let db: Database;
  let h: Harness;
  let pollId: string;
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
    const proposalId = await h.atBoard();
    await h.scheduled(proposalId);
    pollId = (await h.ok('pm', 'openPoll', { proposalId })).pollId;
  });
  afterAll(async () => {
    await db.close();
  });

  const seqs = async () =>
    (await db.prisma.auditEvent.findMany({ select: { seq: true }, orderBy: { seq: 'asc' } })).map((e) => e.seq);

  it('twenty votes at once are each chained once, with no gap, by the time each is answered', async () => {
    await Promise.all(VOTERS.map((v) => h.ok(v, 'vote', { pollId, choice: 'YES' })));
    expect(await db.prisma.auditPending.count()).toBe(0);
    const votes = await db.prisma.auditEvent.findMany({ where: { entityType: 'vote' } });
    expect(votes.map((e) => e.actorId).sort()).toEqual([...VOTERS].sort());
    const all = await seqs();
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(await verifyAuditLog(db.prisma)).toBeNull();
  });

  it('an event committed but not chained (the process stopped in between) is chained by the next check', async () => {
    await db.prisma.$transaction(async (tx) => {
      const u = new Unit(tx, ORG, 'pm', h.now, 'system', 'test');
      u.audit('note', 'left-behind', null, { text: 'committed before a crash' });
      await commitUnit(u);
    });
    expect(await db.prisma.auditPending.count()).toBe(1);
    const monitor = new AuditMonitor(
      db.prisma,
      () => ORG,
      DEVELOPMENT_AUDIT_KEY,
      () => h.now,
      () => undefined,
    );
    expect((await monitor.check()).status).toBe('ok');
    expect(await db.prisma.auditPending.count()).toBe(0);
    const last = await db.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(last).toMatchObject({ entityType: 'note', entityId: 'left-behind' });
    expect(await verifyAuditLog(db.prisma)).toBeNull();
  });

  // One connection cannot hold a lock against itself: PGlite runs one transaction at a time.
  if (target.name === 'postgres')
    it('a vote commits while the chain head is locked; its answer waits for its events to be chained', async () => {
      let release!: () => void;
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = db.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1 AS held FROM "AuditHead" WHERE id = 1 FOR UPDATE`;
          locked();
          await new Promise<void>((r) => (release = r));
        },
        { timeout: 30_000 },
      );
      await isLocked;
      let answered = false;
      const voting = h.ok('voter1', 'vote', { pollId, choice: 'NO' }).then(() => (answered = true));
      const key = { pollId_personId: { pollId, personId: 'voter1' } };
      for (let i = 0; i < 200 && (await db.prisma.vote.findUniqueOrThrow({ where: key })).choice !== 'NO'; i += 1)
        await new Promise((r) => setTimeout(r, 25));
      expect((await db.prisma.vote.findUniqueOrThrow({ where: key })).choice).toBe('NO');
      expect(await db.prisma.auditPending.count()).toBe(1);
      expect(answered).toBe(false);
      release();
      await holder;
      await voting;
      expect(await db.prisma.auditPending.count()).toBe(0);
      expect(await verifyAuditLog(db.prisma)).toBeNull();
    });
});
