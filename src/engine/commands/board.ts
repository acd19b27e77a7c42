// The institution board's commands: assess on the four criteria, then decide.
import * as flow from '../../workflow/transitions/board.ts';
import { applyOutcome, lockProposal } from '../proposal-rows.ts';
import type { Unit } from '../unit.ts';
import { splitId } from './ids.ts';
import type { ProposalRef } from './proposals.ts';

export async function assess(u: Unit, input: unknown): Promise<{ assessmentId: string }> {
  const { id, body } = splitId('proposalId', input);
  const p = await lockProposal(u.tx, id);
  const a = flow.assess(p, body, u.ctx);
  const row = await u.tx.boardAssessment.create({
    data: { proposalId: p.id, revision: p.revision, byId: u.actorId, ...a, comment: a.comment ?? null, at: u.now },
  });
  u.audit('boardAssessment', row.id, null, row);
  return { assessmentId: row.id };
}

export async function boardDecide(u: Unit, input: unknown): Promise<ProposalRef> {
  const { id, body } = splitId('proposalId', input);
  const p = await lockProposal(u.tx, id);
  const assessed = (await u.tx.boardAssessment.count({ where: { proposalId: p.id, revision: p.revision } })) > 0;
  const s = await applyOutcome(u, p, flow.boardDecide(p, body, assessed, u.ctx));
  return { proposalId: s.id, number: s.number, status: s.status };
}
