// Loading and saving a proposal for a command: row lock, mapping to the workflow's state, and the
// decision record. Refuses with "not found" rather than failing.
import type { DomainId } from '../workflow/directory.ts';
import type { ProposalState, StrategicGoal } from '../workflow/proposal.ts';
import { pickFields } from '../workflow/proposal.ts';
import { refuse } from '../workflow/refusal.ts';
import type { Stage } from '../workflow/stages.ts';
import type { Outcome } from '../workflow/transitions/types.ts';
import type { Proposal } from '../storage/generated/client.ts';
import type { Tx } from '../storage/tx.ts';
import type { Unit } from './unit.ts';

export function toState(row: Proposal): ProposalState {
  return {
    id: row.id,
    number: row.number,
    status: row.status as Stage,
    submitterId: row.submitterId,
    domainId: row.domainId as DomainId | null,
    institutionId: row.institutionId,
    serviceId: row.serviceId,
    title: row.title,
    currentSituation: row.currentSituation,
    problem: row.problem,
    expectedResult: row.expectedResult,
    impact: row.impact,
    alternatives: row.alternatives,
    budgetEur: row.budgetEur,
    fundingSource: row.fundingSource,
    legislationNeed: row.legislationNeed,
    stakeholders: row.stakeholders,
    strategicGoals: row.strategicGoals as StrategicGoal[],
    strategicGoalNote: row.strategicGoalNote,
    revision: row.revision,
    priority: row.priority,
    version: row.version,
  };
}

/** Locks the proposal row for the rest of the transaction and returns its state. */
export async function lockProposal(tx: Tx, id: string): Promise<ProposalState> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Proposal" WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0) refuse('refusal.notFound');
  return toState((await tx.proposal.findUnique({ where: { id } }))!);
}

/** Reads the proposal without locking it (for a command that does not change it). */
export async function readProposal(tx: Tx, id: string): Promise<ProposalState> {
  const row = await tx.proposal.findUnique({ where: { id } });
  if (!row) refuse('refusal.notFound');
  return toState(row);
}

/** Saves the outcome of a transition: the proposal, its revision snapshot, decision, audit, messages. */
export async function applyOutcome(u: Unit, before: ProposalState, outcome: Outcome): Promise<ProposalState> {
  const s = outcome.state;
  await u.tx.proposal.update({
    where: { id: s.id },
    data: {
      ...pickFields(s),
      status: s.status,
      domainId: s.domainId,
      institutionId: s.institutionId,
      revision: s.revision,
      priority: s.priority,
      version: s.version,
      ...(s.revision !== before.revision ? { submittedAt: u.now } : {}),
    },
  });
  if (s.revision !== before.revision) {
    await u.tx.proposalRevision.create({
      data: {
        proposalId: s.id,
        revision: s.revision,
        fields: pickFields(s) as object,
        submittedById: u.actorId,
        submittedAt: u.now,
      },
    });
  }
  if (outcome.decision) {
    await u.tx.decision.create({
      data: {
        proposalId: s.id,
        kind: outcome.decision.kind,
        byId: u.actorId,
        onBehalfOf: u.onBehalfOf,
        comment: outcome.decision.comment ?? null,
        priority: outcome.decision.priority ?? null,
        meetingId: outcome.decision.meetingId ?? null,
        at: u.now,
      },
    });
  }
  u.audit('proposal', s.id, before, s);
  u.send(outcome.effects);
  return s;
}
