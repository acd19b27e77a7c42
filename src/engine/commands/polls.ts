// The committee's poll per agenda item: open, vote (and change the vote), close with a decision.
import type { Tx } from '../../storage/tx.ts';
import { refuse } from '../../workflow/refusal.ts';
import type { CommitteeDecision } from '../../workflow/outbox-messages.ts';
import * as committee from '../../workflow/transitions/committee.ts';
import { newItemFrom } from '../../workflow/transitions/portfolio.ts';
import { closeVoteRow } from '../deadlines.ts';
import { applyOutcome, lockProposal, readProposal } from '../proposal-rows.ts';
import type { Unit } from '../unit.ts';
import { splitId } from './ids.ts';

/** Closing: waits for the votes in flight (they hold the poll FOR SHARE) and keeps new ones out. */
async function lockPoll(tx: Tx, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Poll" WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0) refuse('refusal.pollNotFound');
  return (await tx.poll.findUnique({ where: { id }, include: { votes: true, meeting: true } }))!;
}

/**
 * Voting: many votes go on at once (FOR SHARE), a close waits for them. Two votes by one person are
 * taken one after the other (a transaction-scoped advisory lock on the poll and the person), so the
 * second reads the first as its "before". Nothing here reads the other members' votes.
 */
async function shareLockPoll(tx: Tx, id: string, personId: string) {
  const rows = await tx.$queryRaw<
    { id: string; proposalId: string; status: string }[]
  >`SELECT id, "proposalId", status FROM "Poll" WHERE id = ${id} FOR SHARE`;
  const poll = rows[0];
  if (!poll) refuse('refusal.pollNotFound');
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`vote:${id}:${personId}`}))`;
  return poll;
}

export async function openPoll(u: Unit, input: unknown): Promise<{ pollId: string }> {
  const { id, body } = splitId('proposalId', input);
  const p = await lockProposal(u.tx, id);
  const outcome = committee.openPoll(p, u.ctx);
  if (Object.keys(body).length > 0) refuse('validation.invalid', { fields: Object.keys(body).join(', ') });
  const item = await u.tx.agendaItem.findFirst({ where: { proposalId: p.id }, orderBy: { addedAt: 'desc' } });
  if (!item) refuse('refusal.wrongStage', { number: p.number, stage: `@stage.${p.status}` });
  const poll = await u.tx.poll.create({
    data: { meetingId: item.meetingId, proposalId: p.id, status: 'open', openedById: u.actorId, openedAt: u.now },
  });
  u.audit('poll', poll.id, null, poll);
  await applyOutcome(u, p, outcome);
  u.send([
    {
      audience: { kind: 'committeeChannel', domainId: p.domainId! },
      payload: { kind: 'pollOpened', pollId: poll.id, proposalId: p.id },
    },
  ]);
  return { pollId: poll.id };
}

/**
 * Casts or changes the actor's vote while the poll is open. Its work does not grow with the
 * committee: it reads the poll, the proposal and the actor's own vote, and closes only the actor's
 * own reminder row. The proposal is read, not locked: its stage cannot move while the poll is open,
 * because closing the poll waits for this vote.
 */
export async function vote(u: Unit, input: unknown): Promise<{ pollId: string; choice: CommitteeDecision }> {
  const { id, body } = splitId('pollId', input);
  const poll = await shareLockPoll(u.tx, id, u.actorId);
  if (poll.status !== 'open') refuse('refusal.pollClosed');
  const p = await readProposal(u.tx, poll.proposalId);
  const v = committee.castVote(p, body, u.ctx);
  const conditions = v.choice === 'YES_IF' ? v.conditions : null;
  const key = { pollId_personId: { pollId: poll.id, personId: u.actorId } };
  const before = await u.tx.vote.findUnique({ where: key });
  // The same vote again (a double click, a second device) changes nothing: no audit, nothing to send.
  if (before && before.choice === v.choice && before.conditions === conditions)
    return { pollId: poll.id, choice: v.choice };
  const after = await u.tx.vote.upsert({
    where: key,
    create: { pollId: poll.id, personId: u.actorId, choice: v.choice, conditions, at: u.now },
    update: { choice: v.choice, conditions, at: u.now },
  });
  u.audit('vote', `${poll.id}/${u.actorId}`, before, after);
  if (!before) await closeVoteRow(u.tx, u.now, poll.id, u.actorId);
  u.send([
    {
      audience: { kind: 'committeeChannel', domainId: p.domainId! },
      payload: { kind: 'pollUpdated', pollId: poll.id },
    },
  ]);
  return { pollId: poll.id, choice: v.choice };
}

/** Closes the poll with the majority (or a reasoned other) decision and carries it out. */
export async function closePoll(
  u: Unit,
  input: unknown,
): Promise<{ pollId: string; decision: CommitteeDecision; itemId: string | null }> {
  const { id, body } = splitId('pollId', input);
  const poll = await lockPoll(u.tx, id);
  const p = await lockProposal(u.tx, poll.proposalId);
  if (poll.status !== 'open') refuse('refusal.pollClosed');
  const votes = poll.votes.map((v) => ({
    personId: v.personId,
    choice: v.choice as CommitteeDecision,
    conditions: v.conditions,
  }));
  const c = committee.closePoll(p, votes, body, poll.id, poll.meetingId, u.ctx);
  const { votes: _v, meeting: _m, ...pollBefore } = poll;
  const pollAfter = await u.tx.poll.update({
    where: { id: poll.id },
    data: { status: 'closed', closedById: u.actorId, closedAt: u.now, decision: c.decision, decisionReason: c.reason },
  });
  u.audit('poll', poll.id, pollBefore, { ...pollAfter, tally: c.tally });
  if (c.conditions.length > 0) {
    await u.tx.condition.createMany({
      data: c.conditions.map((text, i) => ({ proposalId: p.id, pollId: poll.id, position: i + 1, text })),
    });
  }
  let itemId: string | null = null;
  if (c.decision === 'YES') {
    const item = await u.tx.portfolioItem.create({ data: newItemFrom(p, poll.meeting.startsAt) });
    u.audit('portfolioItem', item.id, null, item);
    itemId = item.id;
  }
  await applyOutcome(u, p, c.outcome);
  return { pollId: poll.id, decision: c.decision, itemId };
}
