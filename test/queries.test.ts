// The read side the bots need: my proposals, waiting for me, history, agenda with co-thinker summary, portfolio.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queries } from '../src/engine/queries.ts';
import type { Database } from '../src/storage/database.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { FULL_FORM, ORG } from './support/org.ts';

describe.each(TEST_TARGETS)('queries on $name', (target) => {
  let db: Database;
  let h: Harness;
  let q: Queries;
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
    q = new Queries(db.prisma, () => ORG);
  });
  afterAll(async () => {
    await db.close();
  });

  it('answers what the bots ask along the way', async () => {
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: FULL_FORM });
    expect((await q.waitingFor('mari')).myDrafts.map((p) => p.proposalId)).toEqual([proposalId]);
    await h.ok('mari', 'submit', { proposalId });
    const mine = await q.myProposals('mari');
    expect(mine).toMatchObject([{ proposalId, status: 'agreement', nextRole: 'agreer', nextPersonId: 'jaan' }]);
    expect((await q.waitingFor('jaan')).agreements.map((p) => p.proposalId)).toEqual([proposalId]);
    expect((await q.waitingFor('kadri')).agreements).toEqual([]);
    await h.ok('jaan', 'agree', { proposalId });
    expect((await q.waitingFor('margus')).boardDecisions.map((p) => p.proposalId)).toEqual([proposalId]);
    expect((await q.waitingFor('peeter')).boardDecisions).toEqual([]);

    const meetingId = await h.scheduled(proposalId);
    await h.ok('pm', 'openRound', { meetingId, discussionAt: '2026-12-10T12:00:00Z' });
    expect((await q.waitingFor('helen')).opinions.map((p) => p.proposalId)).toEqual([proposalId]);
    await h.ok('helen', 'giveOpinion', {
      proposalId,
      legislation: 'Vaja muuta määrust',
      recommendation: 'supportWithConditions',
      argumentation: 'Õiguslik alus puudub.',
    });
    expect((await q.waitingFor('helen')).opinions).toEqual([]);
    await h.ok('eve', 'giveOpinion', { proposalId, recommendation: 'support', argumentation: 'Hea mõte.' });

    const agenda = (await q.agenda('pm', meetingId))!;
    expect(agenda.round).toMatchObject({ discussionAt: new Date('2026-12-10T12:00:00Z') });
    expect(agenda.items).toHaveLength(1);
    expect(agenda.items[0]!.coThinkers.counts).toEqual({ support: 1, supportWithConditions: 1, doNotSupport: 0 });
    expect(agenda.items[0]!.coThinkers.notAnswered).toEqual([]);
    expect(agenda.items[0]!.coThinkers.opinions.find((o) => o.personId === 'helen')!.checklist.legislation).toBe(
      'Vaja muuta määrust',
    );

    const { pollId } = await h.ok('olev', 'openPoll', { proposalId });
    expect((await q.waitingFor('eve')).votes.map((v) => v.pollId)).toEqual([pollId]);
    await h.ok('eve', 'vote', { pollId, choice: 'YES' });
    expect((await q.waitingFor('eve')).votes).toEqual([]);
    await h.ok('olev', 'closePoll', { pollId });
    expect((await q.agenda('pm', meetingId))!.items[0]!.poll).toMatchObject({
      status: 'closed',
      decision: 'YES',
      tally: { YES: 1, total: 1, majority: 'YES' },
    });

    const history = (await q.history('mari', proposalId))!;
    expect(history.decisions.map((d) => d.kind)).toEqual([
      'submitted',
      'agreed',
      'boardSent',
      'scheduled',
      'committeeYes',
    ]);
    expect(history.assessments).toHaveLength(1);
    expect(history.audit.map((a) => a.command)).toEqual([
      'createDraft',
      'submit',
      'agree',
      'boardDecide',
      'schedule',
      'openPoll',
      'closePoll',
    ]);
    expect(history.portfolioItem).not.toBeNull();

    expect((await q.portfolio('mari', { domainId: 'social' })).map((i) => i.proposalId)).toEqual([proposalId]);
    expect(await q.portfolio('mari', { domainId: 'health' })).toEqual([]);
    expect(await q.portfolio('mari', { institutionId: 'SKA', status: 'planned' })).toHaveLength(1);
    expect(await q.history('mari', 'nope')).toBeNull();
  });
});
