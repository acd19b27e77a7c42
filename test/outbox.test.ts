// The outbox: messages written with the change are delivered after commit, retried with back-off
// (or the platform's Retry-After), and marked sent once even with two workers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/storage/database.ts';
import { backoffMs, dispatchOnce, RetryLater, type OutboxDispatcher, type OutboxRow } from '../src/storage/outbox.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { FULL_FORM } from './support/org.ts';

/** Stands in for a platform: records what it was asked to deliver, fails on demand. */
class RecordingDispatcher implements OutboxDispatcher {
  delivered: OutboxRow[] = [];
  failures: Error[] = [];
  async deliver(message: OutboxRow): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.delivered.push(message);
  }
}

describe.each(TEST_TARGETS)('outbox on $name', (target) => {
  let db: Database;
  let h: Harness;
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('delivers after commit, backs off on failure, honours Retry-After, sends once', async () => {
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: FULL_FORM });
    await h.ok('mari', 'submit', { proposalId });
    const d = new RecordingDispatcher();
    d.failures.push(new RetryLater('429 rate limited', 30_000));
    const clock = () => h.now;

    expect(await dispatchOnce(db.prisma, d, clock)).toEqual({ sent: 0, retried: 1, dead: 0 });
    const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'agreementRequested' } });
    expect(row.nextAttemptAt.getTime() - h.now.getTime()).toBe(30_000);
    expect(row.lastError).toBe('429 rate limited');
    expect(await dispatchOnce(db.prisma, d, clock)).toEqual({ sent: 0, retried: 0, dead: 0 }); // not due yet

    h.now = new Date(h.now.getTime() + 30_000);
    d.failures.push(new Error('503 from the platform'));
    expect(await dispatchOnce(db.prisma, d, clock)).toEqual({ sent: 0, retried: 1, dead: 0 });
    const again = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(again.nextAttemptAt.getTime() - h.now.getTime()).toBe(backoffMs(2));

    h.now = new Date(h.now.getTime() + backoffMs(2));
    // Two workers at once: each message goes to exactly one of them.
    const other = new RecordingDispatcher();
    const reports = await Promise.all([dispatchOnce(db.prisma, d, clock), dispatchOnce(db.prisma, other, clock)]);
    expect(reports[0]!.sent + reports[1]!.sent).toBe(1);
    const all = [...d.delivered, ...other.delivered];
    expect(all.map((m) => [m.payload.kind, m.audience])).toEqual([
      ['agreementRequested', { kind: 'person', personId: 'jaan' }],
    ]);
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'sent',
      attempts: 3,
    });
    expect(await dispatchOnce(db.prisma, d, clock)).toEqual({ sent: 0, retried: 0, dead: 0 });
  });

  it('a refused command writes no outbox message', async () => {
    const before = await db.prisma.outboxMessage.count();
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: { title: 'x' } });
    await h.refused('mari', 'submit', { proposalId });
    expect(await db.prisma.outboxMessage.count()).toBe(before);
  });

  it('a message nobody can receive yet waits without dying (a request may wait a quarter)', async () => {
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: FULL_FORM });
    await h.ok('mari', 'submit', { proposalId });
    const row = await db.prisma.outboxMessage.findFirstOrThrow({
      where: { kind: 'agreementRequested', payload: { path: ['proposalId'], equals: proposalId } },
    });
    const unreachable: OutboxDispatcher = {
      deliver: async (m) => {
        if (m.id === row.id) throw new RetryLater('Jaan has not opened a chat yet', 60_000, true);
      },
    };
    for (let i = 0; i < 20; i += 1) {
      h.now = new Date(h.now.getTime() + 61_000);
      await dispatchOnce(db.prisma, unreachable, () => h.now);
    }
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
    const d = new RecordingDispatcher();
    h.now = new Date(h.now.getTime() + 61_000);
    await dispatchOnce(db.prisma, d, () => h.now);
    expect(d.delivered.map((m) => m.id)).toContain(row.id);
  });

  it('many votes in a moment redraw the poll card once, with the last tally', async () => {
    const proposalId = await h.atBoard();
    await h.scheduled(proposalId);
    const { pollId } = await h.ok('pm', 'openPoll', { proposalId });
    const flush = new RecordingDispatcher();
    while ((await dispatchOnce(db.prisma, flush, () => h.now)).sent > 0);
    for (const [i, voter] of ['voter1', 'voter2', 'voter3', 'voter4', 'voter5'].entries())
      await h.ok(voter, 'vote', { pollId, choice: i % 2 ? 'NO' : 'YES' });
    const d = new RecordingDispatcher();
    expect(await dispatchOnce(db.prisma, d, () => h.now)).toEqual({ sent: 5, retried: 0, dead: 0 });
    expect(d.delivered.map((m) => m.payload)).toEqual([{ kind: 'pollUpdated', pollId }]);
    const last = await db.prisma.outboxMessage.findFirstOrThrow({
      where: { kind: 'pollUpdated' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    expect(d.delivered[0]!.id).toBe(last.id);
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'pollUpdated', status: 'pending' } })).toBe(0);
  });
});
