// Co-thinkers' opinions: the checklist form, and free-text thread replies, both until the round closes.
import type { Tx } from '../../storage/tx.ts';
import * as committee from '../../workflow/transitions/committee.ts';
import { lockProposal } from '../proposal-rows.ts';
import type { Unit } from '../unit.ts';
import { splitId } from './ids.ts';

/** The open co-thinker round of the meeting the proposal is on, if any. */
async function openRoundFor(tx: Tx, proposalId: string) {
  const items = await tx.agendaItem.findMany({
    where: { proposalId },
    orderBy: { addedAt: 'desc' },
    include: { meeting: { include: { round: true } } },
  });
  return items.map((i) => i.meeting.round).find((r) => r != null && r.closedAt == null) ?? null;
}

async function upsertOpinion(
  u: Unit,
  roundId: string,
  proposalId: string,
  data: Record<string, unknown>,
  reply: string | null,
) {
  const key = { roundId_proposalId_personId: { roundId, proposalId, personId: u.actorId } };
  const before = await u.tx.opinion.findUnique({ where: key });
  const replies = [...((before?.replies as { at: string; text: string }[] | undefined) ?? [])];
  if (reply) replies.push({ at: u.now.toISOString(), text: reply });
  const after = await u.tx.opinion.upsert({
    where: key,
    create: { roundId, proposalId, personId: u.actorId, ...data, replies, updatedAt: u.now },
    update: { ...data, replies, updatedAt: u.now },
  });
  u.audit('opinion', after.id, before, after);
  u.touchProposal(proposalId);
  return after;
}

/** Gives or revises one's checklist opinion on a proposal. */
export async function giveOpinion(u: Unit, input: unknown): Promise<{ opinionId: string }> {
  const { id, body } = splitId('proposalId', input);
  const p = await lockProposal(u.tx, id);
  const round = await openRoundFor(u.tx, p.id);
  const o = committee.giveOpinion(p, body, round != null, u.ctx);
  const row = await upsertOpinion(
    u,
    round!.id,
    p.id,
    {
      legislation: o.legislation ?? null,
      strategyFit: o.strategyFit ?? null,
      risks: o.risks ?? null,
      feasibility: o.feasibility ?? null,
      recommendation: o.recommendation,
      argumentation: o.argumentation,
    },
    null,
  );
  return { opinionId: row.id };
}

/** Records a free-text reply in the proposal's co-thinker thread as (part of) the person's opinion. */
export async function replyOpinion(u: Unit, input: unknown): Promise<{ opinionId: string }> {
  const { id, body } = splitId('proposalId', input);
  const p = await lockProposal(u.tx, id);
  const round = await openRoundFor(u.tx, p.id);
  const text = committee.replyOpinion(p, body, round != null, u.ctx);
  const row = await upsertOpinion(u, round!.id, p.id, {}, text);
  return { opinionId: row.id };
}
