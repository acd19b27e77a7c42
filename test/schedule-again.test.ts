// After JAH, KUI and resubmission the portfolio manager puts the proposal back on the agenda of the
// meeting it was on before: that works (it returns to that meeting's agenda), once, on PGlite and
// PostgreSQL — no "duplicate key" from the agenda's primary key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/storage/database.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';

describe.each(TEST_TARGETS)('scheduling again after JAH, KUI on $name', (target) => {
  let db: Database;
  let h: Harness;
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('puts a resubmitted proposal back on the meeting it was on before', async () => {
    const proposalId = await h.atBoard();
    const meetingId = await h.scheduled(proposalId);
    const other = await h.atBoard('mari', 'rehab');
    await h.scheduled(other); // another meeting; this one's agenda keeps only the first proposal
    const { pollId } = await h.ok('pm', 'openPoll', { proposalId });
    await h.ok('eve', 'vote', { pollId, choice: 'YES_IF', conditions: 'Andmekaitse mõjuhinnang' });
    await h.ok('olev', 'closePoll', { pollId });
    const [condition] = await db.prisma.condition.findMany({ where: { proposalId } });
    await h.ok('mari', 'markCondition', { proposalId, conditionId: condition!.id, met: true });
    await h.ok('mari', 'resubmitToCommittee', { proposalId });
    expect(await h.status(proposalId)).toBe('toCommittee');

    h.now = new Date(h.now.getTime() + 3600_000);
    const again = await h.run('pm', 'schedule', { proposalId, meetingId });
    expect(again).toMatchObject({ ok: true, value: { proposalId, meetingId } });
    expect(await h.status(proposalId)).toBe('scheduled');
    const agenda = await db.prisma.agendaItem.findMany({ where: { meetingId } });
    expect(agenda.map((a) => [a.proposalId, a.position])).toEqual([[proposalId, 1]]);
    expect(agenda[0]!.addedAt).toEqual(h.now); // returned to the agenda now
    // The submitter is told it is on the agenda again; a second poll opens on the same meeting.
    expect(
      await db.prisma.outboxMessage.count({
        where: { kind: 'proposalScheduled', payload: { path: ['proposalId'], equals: proposalId } },
      }),
    ).toBe(2);
    const second = await h.ok('olev', 'openPoll', { proposalId });
    expect((await db.prisma.poll.findUniqueOrThrow({ where: { id: second.pollId } })).meetingId).toBe(meetingId);
  });
});
