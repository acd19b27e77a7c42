// A whole quarter with an injected clock, on a PGlite directory and on PostgreSQL: the meetings are
// set from the default rule, the round opens on its day, reminders go to exactly those who have not
// answered, overdue work is escalated once, the meeting moves by a week and every pending date moves
// with it, the process restarts in the middle, and two schedulers tick at once — nothing is lost and
// nothing is sent twice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reminderTick } from '../src/engine/reminders.ts';
import { tallinnDate } from '../src/workflow/holidays.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import { freshPostgres } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { FULL_FORM, ORG } from './support/org.ts';

interface Rig {
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

async function pgliteRig(): Promise<Rig> {
  const dir = await mkdtemp(path.join(tmpdir(), 'quarter-'));
  return {
    open: () => openDatabase({ kind: 'pglite', dir }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

async function postgresRig(): Promise<Rig> {
  const fresh = await freshPostgres(process.env.TEST_DATABASE_URL!);
  return { open: () => openDatabase({ kind: 'postgres', url: fresh.url }), cleanup: () => fresh.drop() };
}

const RIGS: { name: string; make: () => Promise<Rig> }[] = [
  { name: 'pglite (on disk)', make: pgliteRig },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', make: postgresRig }] : []),
];

describe.each(RIGS)('a whole quarter on $name', ({ name, make }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('meeting set → round opens → reminders → escalation → meeting moved → restart → nothing lost or doubled', async () => {
    const rig = await make();
    cleanups.push(rig.cleanup);
    let db = await rig.open();
    let h = new Harness(db);
    const tick = (at: string, on = db) => reminderTick(on.prisma, ORG, new Date(at));
    const digestsOn = async (day: string) => {
      const rows = await db.prisma.outboxMessage.findMany({ where: { kind: 'reminderDigest' } });
      return Object.fromEntries(
        rows
          .filter((r) => tallinnDate(r.createdAt) === day)
          .map((r) => [
            (r.audience as { personId: string }).personId,
            (r.payload as { items: { kind: string }[] }).items.map((i) => i.kind).sort(),
          ]),
      );
    };

    // June: the portfolio manager fills the next two quarters from the default rule
    // (second Thursday of the quarter's second month, 10:00 Tallinn).
    h.now = new Date('2027-06-01T08:00:00Z');
    const { meetingIds } = await h.ok('pm', 'planMeetings', { domainId: 'social', quarters: 2 });
    const meetings = await db.prisma.meeting.findMany({
      where: { id: { in: meetingIds } },
      orderBy: { startsAt: 'asc' },
    });
    expect(meetings.map((m) => m.startsAt.toISOString())).toEqual([
      '2027-08-12T07:00:00.000Z',
      '2027-11-11T08:00:00.000Z',
    ]);
    expect((await h.ok('pm', 'planMeetings', { domainId: 'social', quarters: 2 })).meetingIds).toEqual([]); // already planned
    const meetingId = meetings[0]!.id;

    // Two proposals on its agenda, two portfolio items of SKA in progress.
    const proposals: string[] = [];
    for (const title of ['Pensionide andmevahetus', 'Toetuste iseteenindus']) {
      const { proposalId } = await h.ok('mari', 'createDraft', {
        fields: { ...FULL_FORM, title, serviceId: 'pension' },
      });
      await h.ok('mari', 'submit', { proposalId });
      await h.ok('jaan', 'agree', { proposalId });
      await h.ok('liis', 'assess', {
        proposalId,
        expectedResult: 'strong',
        impact: 'strong',
        priorityFit: 'adequate',
        alternatives: 'adequate',
      });
      await h.ok('liis', 'boardDecide', { proposalId, decision: 'send', priority: 1 });
      await h.ok('pm', 'schedule', { proposalId, meetingId });
      proposals.push(proposalId);
    }
    await db.prisma.portfolioItem.createMany({
      data: [
        {
          id: 'item-a',
          title: 'Pensioniregister',
          domainId: 'social',
          institutionId: 'SKA',
          startQuarter: '2027Q1',
          endQuarter: '2028Q2',
          status: 'inProgress',
        },
        {
          id: 'item-b',
          title: 'Puude tuvastamine',
          domainId: 'social',
          institutionId: 'SKA',
          startQuarter: '2027Q2',
          endQuarter: '2028Q4',
          status: 'inProgress',
        },
      ],
    });

    // The round opens three weeks before (22 July), not a day earlier; status is asked the same day.
    expect(await tick('2027-07-21T08:00:00Z')).toMatchObject({ roundsOpened: 0, statusRequests: 0, digests: 0 });
    expect(await tick('2027-07-22T08:00:00Z')).toMatchObject({ roundsOpened: 1, statusRequests: 2 }); // anu (SKA), rein (TEHIK)
    const round = await db.prisma.coThinkerRound.findUniqueOrThrow({ where: { meetingId } });
    expect(round.openedById).toBe('scheduler');
    expect(round.opinionsDueAt.toISOString()).toBe('2027-07-29T07:00:00.000Z');
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'coThinkerItemPosted' } })).toBe(2);

    // Helen answers both; Anu reports item A. Eve and item B stay open.
    h.now = new Date('2027-07-23T09:00:00Z');
    for (const proposalId of proposals)
      await h.ok('helen', 'giveOpinion', { proposalId, recommendation: 'support', argumentation: 'Vajalik.' });
    await h.ok('anu', 'recordStatusUpdate', { itemId: 'item-a', status: 'inProgress', progress: 40 });

    // Reminders from two days before the deadline, only to those who have not answered.
    expect((await tick('2027-07-26T08:00:00Z')).digests).toBe(0);
    expect((await tick('2027-07-27T08:00:00Z')).digests).toBe(3);
    expect(await digestsOn('2027-07-27')).toEqual({
      eve: ['opinion', 'opinion'],
      anu: ['statusUpdate'],
      rein: ['statusUpdate'],
    });

    // At the deadline: reminded again, and one overdue summary of the four open actions.
    expect(await tick('2027-07-29T08:00:00Z')).toMatchObject({ digests: 3, summaries: 1 });
    const summary = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'overdueSummary' } });
    expect((summary.payload as { items: { personId: string }[] }).items.map((i) => i.personId).sort()).toEqual([
      'anu',
      'eve',
      'eve',
      'rein',
    ]);

    // The meeting moves a week later: the opinions deadline, each open reminder and escalation move.
    h.now = new Date('2027-07-29T10:00:00Z');
    await h.ok('pm', 'moveMeeting', { meetingId, startsAt: '2027-08-19T07:00:00Z' });
    const moved = await db.prisma.deadline.findMany({ where: { meetingId, status: 'open', personId: { not: null } } });
    expect(moved).toHaveLength(4);
    for (const d of moved) {
      expect(d.deadlineAt!.toISOString()).toBe('2027-08-05T07:00:00.000Z');
      expect(d.remindAt!.toISOString()).toBe('2027-08-03T07:00:00.000Z');
    }

    // Restart in the middle: a new process on the same database.
    await db.close();
    db = await rig.open();
    h = new Harness(db);
    h.now = new Date('2027-07-30T08:00:00Z');

    expect(await tick('2027-07-30T08:00:00Z')).toMatchObject({ digests: 0, summaries: 0 }); // the reminders moved with the meeting
    expect(await tick('2027-08-02T08:00:00Z')).toMatchObject({ digests: 0, summaries: 0 });

    // Two schedulers at the same moment (on PostgreSQL, two separate connections): each digest once.
    const second = name === 'postgres' ? await rig.open() : db;
    const both = await Promise.all([tick('2027-08-03T08:00:00Z', db), tick('2027-08-03T08:00:00Z', second)]);
    if (second !== db) await second.close();
    expect(both.reduce((n, r) => n + r.digests, 0)).toBe(3);
    expect(both.reduce((n, r) => n + r.summaries, 0)).toBe(0); // escalated once already
    expect(await digestsOn('2027-08-03')).toEqual({
      eve: ['opinion', 'opinion'],
      anu: ['statusUpdate'],
      rein: ['statusUpdate'],
    });

    // Eve answers one; the next day she is reminded of the other only. Rein reports item B.
    h.now = new Date('2027-08-03T12:00:00Z');
    await h.ok('eve', 'giveOpinion', { proposalId: proposals[0], recommendation: 'support', argumentation: 'Toetan.' });
    await h.ok('rein', 'recordStatusUpdate', { itemId: 'item-b', status: 'inProgress', progress: 10 });
    await tick('2027-08-04T08:00:00Z');
    expect(await digestsOn('2027-08-04')).toEqual({ eve: ['opinion'] });

    // Nothing was doubled over the quarter: one digest per person per day, the round opened once,
    // status asked once per person.
    const all = await db.prisma.outboxMessage.findMany({ where: { kind: 'reminderDigest' } });
    const perDay = new Map<string, number>();
    for (const r of all) {
      const k = `${(r.audience as { personId: string }).personId}@${tallinnDate(r.createdAt)}`;
      perDay.set(k, (perDay.get(k) ?? 0) + 1);
    }
    expect([...perDay.values()].every((n) => n === 1)).toBe(true);
    expect(all).toHaveLength(3 + 3 + 3 + 1);
    expect(await db.prisma.coThinkerRound.count()).toBe(1);
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'statusRequested' } })).toBe(2);
    await db.close();
  });
});
