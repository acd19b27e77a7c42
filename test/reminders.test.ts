// Reminders with an injected clock, on PGlite and PostgreSQL: only those who have not acted are
// reminded, in one digest per person per day, overdue work goes to the portfolio manager once, and
// a restart or a second scheduler sends nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationText } from '../src/bot/notifications.ts';
import { NoticeData } from '../src/engine/notice-data.ts';
import { reminderTick } from '../src/engine/reminders.ts';
import type { Database } from '../src/storage/database.ts';
import type { OutboxPayload } from '../src/workflow/outbox-messages.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { FULL_FORM, ORG } from './support/org.ts';

describe.each(TEST_TARGETS)('reminders on $name', (target) => {
  let db: Database;
  let h: Harness;
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
  });
  afterAll(async () => {
    await db.close();
  });

  const digests = (personId?: string) =>
    db.prisma.outboxMessage.findMany({
      where: { kind: 'reminderDigest', ...(personId ? { audience: { path: ['personId'], equals: personId } } : {}) },
      orderBy: { createdAt: 'asc' },
    });

  it('agreement: reminded after 3 working days, once a day, escalated after 10; nothing twice', async () => {
    h.now = new Date('2026-12-21T08:00:00Z'); // Monday before Christmas
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: FULL_FORM });
    await h.ok('mari', 'submit', { proposalId });

    // 23 Dec: 2 working days — not yet. 28 Dec: 22, 23, 28 → 3 working days (24–27 are holidays/weekend).
    expect(await reminderTick(db.prisma, ORG, new Date('2026-12-23T08:00:00Z'))).toEqual({
      digests: 0,
      summaries: 0,
      statusRequests: 0,
      roundsOpened: 0,
    });
    expect(await reminderTick(db.prisma, ORG, new Date('2026-12-28T08:00:00Z'))).toEqual({
      digests: 1,
      summaries: 0,
      statusRequests: 0,
      roundsOpened: 0,
    });
    const [first] = await digests('jaan');
    expect(first!.payload).toMatchObject({ kind: 'reminderDigest', items: [{ kind: 'agreement', proposalId }] });
    const text = await notificationText(
      new NoticeData(db.prisma),
      ORG,
      first!.payload as unknown as OutboxPayload,
      first!.audience as never,
      'et',
    );
    expect(text).toContain('kooskõlastamine (ootab alates 21.12.2026)');

    // Same day again, and a "restarted" tick, and two schedulers at once: still one digest today.
    expect(await reminderTick(db.prisma, ORG, new Date('2026-12-28T15:00:00Z'))).toEqual({
      digests: 0,
      summaries: 0,
      statusRequests: 0,
      roundsOpened: 0,
    });
    const both = await Promise.all([
      reminderTick(db.prisma, ORG, new Date('2026-12-29T08:00:00Z')),
      reminderTick(db.prisma, ORG, new Date('2026-12-29T08:00:00Z')),
    ]);
    expect(both.reduce((n, r) => n + r.digests, 0)).toBe(1);
    expect(await digests('jaan')).toHaveLength(2);

    // 10 working days later the portfolio managers get one summary of what is overdue.
    // 22, 23, 28, 29, 30, 31 Dec and 4, 5, 6, 7 Jan: the 10th working day
    const late = new Date('2027-01-07T08:00:00Z');
    const r = await reminderTick(db.prisma, ORG, late);
    expect(r.summaries).toBe(1);
    const summary = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'overdueSummary' } });
    expect(summary.audience).toEqual({ kind: 'portfolioManagers' });
    expect(await reminderTick(db.prisma, ORG, late)).toEqual({
      digests: 0,
      summaries: 0,
      statusRequests: 0,
      roundsOpened: 0,
    });

    // Once Jaan agrees, he is not reminded any more; the board is, later.
    h.now = late;
    await h.ok('jaan', 'agree', { proposalId });
    const next = await reminderTick(db.prisma, ORG, new Date('2027-01-08T08:00:00Z'));
    expect(next.digests).toBe(0);
  });

  it('opinions: only co-thinkers who have not answered, from two days before the deadline', async () => {
    h.now = new Date('2027-02-01T08:00:00Z');
    const proposalId = await h.atBoard();
    const meetingId = await h.scheduled(proposalId); // meeting 30 days later; opinions due 14 days before
    await h.ok('pm', 'openRound', { meetingId });
    const round = await db.prisma.coThinkerRound.findFirstOrThrow({ where: { meetingId } });
    await h.ok('helen', 'giveOpinion', { proposalId, recommendation: 'support', argumentation: 'Hea.' });
    await reminderTick(db.prisma, ORG, new Date(round.opinionsDueAt.getTime() - 5 * 86400_000));
    expect((await digests('eve')).filter((m) => JSON.stringify(m.payload).includes(proposalId))).toHaveLength(0);
    await reminderTick(db.prisma, ORG, new Date(round.opinionsDueAt.getTime() - 1 * 86400_000));
    const eve = (await digests('eve')).filter((m) => JSON.stringify(m.payload).includes(proposalId));
    expect(eve).toHaveLength(1);
    expect(JSON.stringify(eve[0]!.payload)).toContain('"kind":"opinion"');
    expect(
      (await digests('helen')).filter(
        (m) =>
          JSON.stringify(m.payload).includes(`"proposalId":"${proposalId}"`) &&
          JSON.stringify(m.payload).includes('opinion'),
      ),
    ).toHaveLength(0);
  });

  it('three weeks before a meeting, representatives and TEHIK are asked for the status of their items, once', async () => {
    h.now = new Date('2027-03-01T08:00:00Z');
    await db.prisma.portfolioItem.createMany({
      data: [
        {
          title: 'SKA töö',
          domainId: 'health',
          institutionId: 'SKA',
          startQuarter: '2027Q1',
          endQuarter: '2027Q4',
          status: 'inProgress',
        },
        {
          title: 'TerK töö',
          domainId: 'health',
          institutionId: 'TerK',
          startQuarter: '2027Q1',
          endQuarter: '2027Q4',
          status: 'planned',
        },
        {
          title: 'Valmis',
          domainId: 'health',
          institutionId: 'TerK',
          startQuarter: '2027Q1',
          endQuarter: '2027Q2',
          status: 'done',
        },
      ],
    });
    const { meetingId } = await h.ok('pm', 'createMeeting', { domainId: 'health', startsAt: '2027-04-15T07:00:00Z' });
    expect((await reminderTick(db.prisma, ORG, new Date('2027-03-20T08:00:00Z'))).statusRequests).toBe(0); // 26 days before
    const r = await reminderTick(db.prisma, ORG, new Date('2027-03-26T08:00:00Z')); // 20 days before
    expect(r.statusRequests).toBe(3); // anu (SKA), kati (TerK), rein (TEHIK)
    const asks = await db.prisma.outboxMessage.findMany({ where: { kind: 'statusRequested' } });
    const byPerson = Object.fromEntries(
      asks.map((a) => [
        (a.audience as { personId: string }).personId,
        (a.payload as { itemIds: string[] }).itemIds.length,
      ]),
    );
    expect(byPerson).toEqual({ anu: 1, kati: 1, rein: 2 });
    expect(asks.every((a) => (a.payload as { meetingId: string }).meetingId === meetingId)).toBe(true);
    expect((await reminderTick(db.prisma, ORG, new Date('2027-03-27T08:00:00Z'))).statusRequests).toBe(0);
  });
});
