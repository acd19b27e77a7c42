// JAH, KUI: the submitter ticks off each condition, then sends the proposal to a committee again.
import { refuse } from '../../workflow/refusal.ts';
import * as committee from '../../workflow/transitions/committee.ts';
import { applyOutcome, lockProposal } from '../proposal-rows.ts';
import type { Unit } from '../unit.ts';
import { splitId } from './ids.ts';

export async function markCondition(u: Unit, input: unknown): Promise<{ conditionId: string; met: boolean }> {
  const { id, body } = splitId('proposalId', input);
  const p = await lockProposal(u.tx, id);
  const v = committee.markCondition(p, body, u.ctx);
  // The condition must belong to this proposal: an id from another one is "not found".
  const before = await u.tx.condition.findFirst({ where: { id: v.conditionId, proposalId: p.id } });
  if (!before) refuse('refusal.conditionNotFound');
  const after = await u.tx.condition.update({
    where: { id: before.id },
    data: v.met
      ? { metAt: u.now, metById: u.actorId, note: v.note ?? null }
      : { metAt: null, metById: null, note: v.note ?? null },
  });
  u.audit('condition', after.id, before, after);
  return { conditionId: after.id, met: v.met };
}

export async function resubmitToCommittee(u: Unit, input: unknown): Promise<{ proposalId: string; status: string }> {
  const { id } = splitId('proposalId', input);
  const p = await lockProposal(u.tx, id);
  const open = await u.tx.condition.count({ where: { proposalId: p.id, metAt: null } });
  const s = await applyOutcome(u, p, committee.resubmitToCommittee(p, open, u.ctx));
  return { proposalId: s.id, status: s.status };
}
