// Linking a channel releases the messages already waiting for it: they become due at once instead of
// waiting out the 15 minutes a message waits when nobody can receive it yet. Others keep waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/storage/database.ts';
import { CompositeDispatcher, dispatchOnce, type OutboxDispatcher, type OutboxRow } from '../src/storage/outbox.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';

describe.each(TEST_TARGETS)('linking a channel wakes the outbox on $name', (target) => {
  let db: Database;
  let h: Harness;
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('the rows waiting for that channel become due now; the rest keep waiting', async () => {
    const social = await h.ok('pm', 'createMeeting', {
      domainId: 'social',
      startsAt: new Date(h.now.getTime() + 40 * 86400_000).toISOString(),
    });
    const health = await h.ok('pm', 'createMeeting', {
      domainId: 'health',
      startsAt: new Date(h.now.getTime() + 40 * 86400_000).toISOString(),
    });
    const rowOf = (meetingId: string) =>
      db.prisma.outboxMessage.findFirstOrThrow({
        where: { kind: 'meetingScheduled', payload: { path: ['meetingId'], equals: meetingId } },
      });

    // No platform reaches either committee's channel yet: both wait 15 minutes.
    await dispatchOnce(db.prisma, new CompositeDispatcher(db.prisma, []), () => h.now);
    for (const id of [social.meetingId, health.meetingId]) {
      const row = await rowOf(id);
      expect(row).toMatchObject({ status: 'pending', attempts: 0 });
      expect(row.nextAttemptAt.getTime() - h.now.getTime()).toBe(15 * 60_000);
    }

    h.now = new Date(h.now.getTime() + 60_000);
    await h.ok('pm', 'linkChannel', {
      platform: 'slack',
      roles: ['committee:social'],
      reference: { channel: 'C0SOCIAL' },
    });
    expect((await rowOf(social.meetingId)).nextAttemptAt).toEqual(h.now);
    expect((await rowOf(health.meetingId)).nextAttemptAt.getTime()).toBeGreaterThan(h.now.getTime());

    // The next pass delivers it at once.
    const delivered: OutboxRow[] = [];
    const platform: OutboxDispatcher = {
      deliver: async (row) => {
        delivered.push(row);
      },
    };
    await dispatchOnce(db.prisma, platform, () => h.now);
    expect(delivered.map((r) => (r.payload as { meetingId?: string }).meetingId)).toContain(social.meetingId);
    expect(delivered.map((r) => (r.payload as { meetingId?: string }).meetingId)).not.toContain(health.meetingId);
  });
});
