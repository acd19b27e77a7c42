// The whole process through the engine, from a draft to a portfolio item, on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/storage/database.ts';
import { verifyAuditLog } from '../src/storage/audit-log.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { FULL_FORM, ORG } from './support/org.ts';

describe.each(TEST_TARGETS)('process on $name', (target) => {
  let db: Database;
  let h: Harness;
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('social domain: draft → agreement → board → co-thinkers → JAH → portfolio item → status → taken out', async () => {
    const { proposalId, number } = await h.ok('mari', 'createDraft', { fields: { title: 'Pensionide automaatika' } });
    expect(number).toBeGreaterThan(0);
    await h.ok('mari', 'saveDraft', { proposalId, fields: { ...FULL_FORM } });
    await h.ok('mari', 'submit', { proposalId });
    expect(await h.status(proposalId)).toBe('agreement');
    const ask = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'agreementRequested' } });
    expect(ask.audience).toEqual({ kind: 'person', personId: 'jaan' });

    await h.ok('jaan', 'agree', { proposalId });
    expect(await h.status(proposalId)).toBe('board');
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'boardReviewRequested' } })).toBe(1);

    const meetingId = await h.scheduled(proposalId);
    expect(await h.status(proposalId)).toBe('scheduled');
    const p = await db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    expect(p.priority).toBe(2);

    const { roundId } = await h.ok('pm', 'openRound', { meetingId });
    const posts = await db.prisma.outboxMessage.findMany({ where: { kind: 'coThinkerItemPosted' } });
    expect(posts.map((m) => (m.payload as { proposalId: string }).proposalId)).toEqual([proposalId]);
    await h.ok('helen', 'giveOpinion', {
      proposalId,
      legislation: 'Ei',
      risks: 'Andmekvaliteet',
      recommendation: 'support',
      argumentation: 'Vajalik.',
    });
    await h.ok('helen', 'giveOpinion', {
      proposalId,
      recommendation: 'supportWithConditions',
      argumentation: 'Vajalik, kui andmed on korras.',
    });
    await h.ok('eve', 'replyOpinion', { proposalId, text: 'Toetan, kuid vaadake riske.' });
    const opinions = await db.prisma.opinion.findMany({ where: { roundId }, orderBy: { personId: 'asc' } });
    expect(opinions.map((o) => [o.personId, o.recommendation])).toEqual([
      ['eve', null],
      ['helen', 'supportWithConditions'],
    ]);
    expect((opinions[0]!.replies as { text: string }[]).map((r) => r.text)).toEqual(['Toetan, kuid vaadake riske.']);
    await h.ok('pm', 'closeRound', { meetingId });
    expect(await h.refused('helen', 'replyOpinion', { proposalId, text: 'hiljaks jäin' })).toBe('refusal.roundNotOpen');

    const { pollId } = await h.ok('olev', 'openPoll', { proposalId });
    await h.ok('eve', 'vote', { pollId, choice: 'NO' });
    await h.ok('eve', 'vote', { pollId, choice: 'YES' }); // changes her vote
    await h.ok('toomas', 'vote', { pollId, choice: 'YES' });
    await h.ok('olev', 'vote', { pollId, choice: 'YES_IF', conditions: 'Andmekaitse mõjuhinnang' });
    expect(await db.prisma.vote.count({ where: { pollId } })).toBe(3);
    const closed = await h.ok('olev', 'closePoll', { pollId });
    expect(closed.decision).toBe('YES');
    expect(await h.status(proposalId)).toBe('approved');
    expect(await h.refused('eve', 'vote', { pollId, choice: 'NO' })).toBe('refusal.pollClosed');

    const item = await db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: closed.itemId! } });
    expect(item).toMatchObject({
      proposalId,
      domainId: 'social',
      institutionId: 'SKA',
      status: 'planned',
      startQuarter: '2027Q1',
      endQuarter: '2027Q4',
      moneyPerYear: { 2027: 250000 },
    });
    const decided = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'committeeDecided' } });
    expect(decided.audience).toEqual({ kind: 'person', personId: 'mari' });

    await h.ok('pm', 'planItem', {
      itemId: item.id,
      startQuarter: '2027Q2',
      endQuarter: '2028Q2',
      people: 3,
      moneyPerYear: { 2027: 100000, 2028: 150000 },
      tehikTeam: 'Sotsiaal',
    });
    expect(await h.refused('pm', 'planItem', { itemId: item.id, endQuarter: '2035Q1' })).toBe(
      'refusal.quarterOutsideHorizon',
    );
    expect(await h.refused('pm', 'removeFinishedItem', { itemId: item.id })).toBe('refusal.itemNotFinished');
    expect(await h.refused('mari', 'recordStatusUpdate', { itemId: item.id, status: 'inProgress', progress: 10 })).toBe(
      'refusal.only.representative',
    );
    await h.ok('anu', 'recordStatusUpdate', {
      itemId: item.id,
      status: 'inProgress',
      progress: 40,
      note: 'Analüüs valmis',
    });
    await h.ok('rein', 'recordStatusUpdate', { itemId: item.id, status: 'done', progress: 100 });
    await h.ok('pm', 'removeFinishedItem', { itemId: item.id });
    const removed = await db.prisma.portfolioItem.findUniqueOrThrow({
      where: { id: item.id },
      include: { updates: true },
    });
    expect(removed.removedAt).not.toBeNull();
    expect(removed.updates).toHaveLength(2);

    const kinds = (await db.prisma.decision.findMany({ where: { proposalId }, orderBy: { at: 'asc' } })).map(
      (d) => d.kind,
    );
    expect(kinds).toEqual(['submitted', 'agreed', 'boardSent', 'scheduled', 'committeeYes']);
    expect(await verifyAuditLog(db.prisma)).toBeNull();
  });

  it('health domain: the submitter is the service manager, so agreement is skipped; EI closes it', async () => {
    const proposalId = await h.atBoard('tiit', 'ehealth');
    expect(await h.status(proposalId)).toBe('board');
    const kinds = (await db.prisma.decision.findMany({ where: { proposalId } })).map((d) => d.kind);
    expect(kinds).toEqual(['agreementSkipped']);
    const post = await db.prisma.outboxMessage.findMany({ where: { kind: 'boardReviewRequested' } });
    expect(post.map((m) => m.audience)).toContainEqual({ kind: 'boardChannel', institutionId: 'TerK' });

    expect(await h.refused('liis', 'boardDecide', { proposalId, decision: 'send', priority: 1 })).toBe(
      'refusal.only.boardMember',
    );
    await h.scheduled(proposalId, 'peeter');
    const { pollId } = await h.ok('pm', 'openPoll', { proposalId });
    expect(await h.refused('liis', 'vote', { pollId, choice: 'YES' })).toBe('refusal.only.committeeMember');
    await h.ok('eve', 'vote', { pollId, choice: 'NO' });
    await h.ok('olev', 'vote', { pollId, choice: 'NO' });
    await h.ok('toomas', 'vote', { pollId, choice: 'YES' });
    expect(await h.refused('eve', 'closePoll', { pollId })).toBe('refusal.only.committeeChair');
    const closed = await h.ok('toomas', 'closePoll', { pollId });
    expect(closed).toMatchObject({ decision: 'NO', itemId: null });
    expect(await h.status(proposalId)).toBe('rejected');
    expect(await db.prisma.portfolioItem.count({ where: { proposalId } })).toBe(0);
  });

  it('a service without a service manager goes to its policy manager', async () => {
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: { ...FULL_FORM, serviceId: 'rehab' } });
    await h.ok('mari', 'submit', { proposalId });
    const ask = await db.prisma.outboxMessage.findMany({ where: { kind: 'agreementRequested' } });
    expect(ask.find((m) => (m.payload as { proposalId: string }).proposalId === proposalId)!.audience).toEqual({
      kind: 'person',
      personId: 'kadri',
    });
    expect(await h.refused('jaan', 'agree', { proposalId })).toBe('refusal.onlyPolicyManager');
    await h.ok('kadri', 'agree', { proposalId });
    expect(await h.status(proposalId)).toBe('board');
  });

  it('returned for changes: the submitter edits and resubmits; each submission is a revision', async () => {
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: { ...FULL_FORM } });
    await h.ok('mari', 'submit', { proposalId });
    expect(await h.refused('jaan', 'returnForChanges', { proposalId, comment: '' })).toBe('validation.invalid');
    await h.ok('jaan', 'returnForChanges', { proposalId, comment: 'Lisa eelarve jaotus aastate kaupa.' });
    expect(await h.status(proposalId)).toBe('returned');
    await h.ok('mari', 'saveDraft', { proposalId, fields: { budgetEur: 300000 } });
    await h.ok('mari', 'submit', { proposalId });
    await h.ok('jaan', 'agree', { proposalId });
    await h.ok('liis', 'assess', {
      proposalId,
      expectedResult: 'strong',
      impact: 'adequate',
      priorityFit: 'strong',
      alternatives: 'weak',
    });
    await h.ok('margus', 'boardDecide', { proposalId, decision: 'return', reason: 'Alternatiivid vajavad analüüsi.' });
    expect(await h.status(proposalId)).toBe('returned');
    const revisions = await db.prisma.proposalRevision.findMany({
      where: { proposalId },
      orderBy: { revision: 'asc' },
    });
    expect(revisions.map((r) => [r.revision, (r.fields as { budgetEur: number }).budgetEur])).toEqual([
      [1, 250000],
      [2, 300000],
    ]);
    // The board's assessment was for revision 2; after the next submission it must assess again.
    await h.ok('mari', 'submit', { proposalId });
    await h.ok('jaan', 'agree', { proposalId });
    expect(await h.refused('liis', 'boardDecide', { proposalId, decision: 'send', priority: 3 })).toBe(
      'refusal.assessFirst',
    );
    await h.ok('liis', 'boardDecide', { proposalId, decision: 'doNotSend', reason: 'Ei ole prioriteet.' });
    expect(await h.status(proposalId)).toBe('notSent');
  });

  it('JAH, KUI: conditions go back to the submitter; resubmission only when all are met; then JAH', async () => {
    const proposalId = await h.atBoard();
    const meetingId = await h.scheduled(proposalId);
    const { pollId } = await h.ok('pm', 'openPoll', { proposalId });
    expect(await h.refused('eve', 'vote', { pollId, choice: 'YES_IF' })).toBe('validation.invalid');
    await h.ok('eve', 'vote', { pollId, choice: 'YES_IF', conditions: '- Andmekaitse mõjuhinnang\n- TEHIKu ajakava' });
    await h.ok('toomas', 'vote', { pollId, choice: 'YES_IF', conditions: 'Andmekaitse mõjuhinnang' });
    await h.ok('olev', 'vote', { pollId, choice: 'YES' });
    expect(await h.refused('olev', 'closePoll', { pollId, decision: 'NO' })).toBe('refusal.reasonForOverride');
    await h.ok('olev', 'closePoll', { pollId });
    expect(await h.status(proposalId)).toBe('conditions');
    const conditions = await db.prisma.condition.findMany({ where: { proposalId }, orderBy: { position: 'asc' } });
    expect(conditions.map((c) => c.text)).toEqual(['Andmekaitse mõjuhinnang', 'TEHIKu ajakava']);

    expect(await h.refused('mari', 'resubmitToCommittee', { proposalId })).toBe('refusal.conditionsOpen');
    expect(await h.refused('jaan', 'markCondition', { proposalId, conditionId: conditions[0]!.id, met: true })).toBe(
      'refusal.only.submitter',
    );
    await h.ok('mari', 'markCondition', { proposalId, conditionId: conditions[0]!.id, met: true, note: 'Tehtud' });
    expect(await h.refused('mari', 'resubmitToCommittee', { proposalId })).toBe('refusal.conditionsOpen');
    await h.ok('mari', 'markCondition', { proposalId, conditionId: conditions[1]!.id, met: true });
    await h.ok('mari', 'saveDraft', { proposalId, fields: { alternatives: 'Ajakava kokku lepitud TEHIKuga.' } });
    await h.ok('mari', 'resubmitToCommittee', { proposalId });
    expect(await h.status(proposalId)).toBe('toCommittee');
    expect(await h.refused('pm', 'schedule', { proposalId, meetingId: 'no-such-meeting' })).toBe(
      'refusal.meetingNotFound',
    );

    h.now = new Date(h.now.getTime() + 40 * 86400_000); // the first meeting is past
    expect(await h.refused('pm', 'schedule', { proposalId, meetingId })).toBe('refusal.meetingPast');
    const next = await h.ok('pm', 'createMeeting', {
      domainId: 'social',
      startsAt: new Date(h.now.getTime() + 60 * 86400_000).toISOString(),
    });
    await h.ok('pm', 'schedule', { proposalId, meetingId: next.meetingId });
    const second = await h.ok('olev', 'openPoll', { proposalId });
    await h.ok('eve', 'vote', { pollId: second.pollId, choice: 'YES' });
    const closed = await h.ok('olev', 'closePoll', { pollId: second.pollId });
    expect(closed.decision).toBe('YES');
    expect(await h.status(proposalId)).toBe('approved');
  });

  it('the chair records a decision other than the majority only with a reason; a tie needs a decision', async () => {
    const proposalId = await h.atBoard();
    await h.scheduled(proposalId);
    const { pollId } = await h.ok('pm', 'openPoll', { proposalId });
    await h.ok('eve', 'vote', { pollId, choice: 'YES' });
    await h.ok('toomas', 'vote', { pollId, choice: 'NO' });
    expect(await h.refused('olev', 'closePoll', { pollId })).toBe('refusal.decisionRequired');
    expect(await h.refused('olev', 'closePoll', { pollId, decision: 'YES_IF' })).toBe('refusal.conditionsRequired');
    await h.ok('olev', 'closePoll', { pollId, decision: 'YES_IF', conditions: ['Eelarve kinnitus'] });
    expect(await db.prisma.condition.count({ where: { proposalId } })).toBe(1);
  });

  it('extraordinary meeting: a committee member proposes, the portfolio manager dates it', async () => {
    expect(await h.refused('mari', 'requestExtraordinaryMeeting', { domainId: 'health', reason: 'Kiire' })).toBe(
      'refusal.only.committeeMember',
    );
    const { requestId } = await h.ok('eve', 'requestExtraordinaryMeeting', {
      domainId: 'health',
      reason: 'Tervise infosüsteemi rike',
    });
    const asked = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'extraordinaryMeetingRequested' } });
    expect(asked.audience).toEqual({ kind: 'portfolioManagers' });
    expect(
      await h.refused('eve', 'scheduleExtraordinaryMeeting', { requestId, startsAt: '2027-01-10T10:00:00Z' }),
    ).toBe('refusal.only.portfolioManager');
    const { meetingId } = await h.ok('pm', 'scheduleExtraordinaryMeeting', {
      requestId,
      startsAt: '2027-01-10T10:00:00Z',
    });
    const meeting = await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect(meeting).toMatchObject({ domainId: 'health', extraordinary: true });
    expect(await h.refused('pm', 'scheduleExtraordinaryMeeting', { requestId, startsAt: '2027-01-11T10:00:00Z' })).toBe(
      'refusal.requestHandled',
    );
    // The meeting's own dates the scheduler acts on: the round opens and status is asked 3 weeks before.
    const deadlines = await db.prisma.deadline.findMany({ where: { meetingId }, orderBy: { kind: 'asc' } });
    expect(deadlines.map((d) => [d.kind, d.dueAt.toISOString().slice(0, 10), d.status])).toEqual([
      ['roundOpens', '2026-12-20', 'open'],
      ['statusRequest', '2026-12-20', 'open'],
    ]);
    await h.ok('pm', 'recordMinutes', { meetingId, minutesText: '# Protokoll', deltaNumber: '1.1-2/2027/15' });
    expect(await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({
      status: 'held',
      deltaNumber: '1.1-2/2027/15',
    });
  });

  it("moving a meeting moves its deadlines and the open round's due date", async () => {
    const proposalId = await h.atBoard();
    const meetingId = await h.scheduled(proposalId);
    await h.ok('pm', 'openRound', { meetingId });
    const before = await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId }, include: { round: true } });
    const week = 7 * 86400_000;
    expect(
      await h.refused('eve', 'moveMeeting', {
        meetingId,
        startsAt: new Date(before.startsAt.getTime() + week).toISOString(),
      }),
    ).toBe('refusal.only.portfolioManager');
    expect(await h.refused('pm', 'moveMeeting', { meetingId, startsAt: '2020-01-01T10:00:00Z' })).toBe(
      'refusal.meetingInPast',
    );
    await h.ok('pm', 'moveMeeting', { meetingId, startsAt: new Date(before.startsAt.getTime() + week).toISOString() });
    const after = await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId }, include: { round: true } });
    expect(after.startsAt.getTime() - before.startsAt.getTime()).toBe(week);
    expect(after.round!.opinionsDueAt.getTime() - before.round!.opinionsDueAt.getTime()).toBe(week);
    const own = await db.prisma.deadline.findMany({ where: { meetingId, personId: null } });
    expect(own.map((d) => d.kind).sort()).toEqual(['roundOpens', 'statusRequest']);
    for (const d of own) expect(after.startsAt.getTime() - d.dueAt.getTime()).toBe(21 * 86400_000);
    // Each co-thinker who has not answered: the deadline and its reminder moved with the meeting.
    const opinions = await db.prisma.deadline.findMany({ where: { meetingId, kind: 'opinion', status: 'open' } });
    expect(opinions.map((d) => d.personId).sort()).toEqual(
      [...ORG.domains.get(after.domainId as 'social')!.coThinkerIds].sort(),
    );
    for (const d of opinions) {
      expect(d.deadlineAt).toEqual(after.round!.opinionsDueAt);
      expect(after.round!.opinionsDueAt.getTime() - d.remindAt!.getTime()).toBe(2 * 86400_000);
    }
  });
});
