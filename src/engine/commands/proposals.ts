// Submitter and agreement commands: draft, submit (and resubmit after a return), agree, return.
import { z } from 'zod';
import { PROCESS_VERSION } from '../../workflow/stages.ts';
import { emptyFields, type ProposalState } from '../../workflow/proposal.ts';
import { parseOrRefuse } from '../../workflow/forms.ts';
import { refuse } from '../../workflow/refusal.ts';
import * as flow from '../../workflow/transitions/submission.ts';
import { applyOutcome, lockProposal, toState } from '../proposal-rows.ts';
import type { Unit } from '../unit.ts';
import { splitId } from './ids.ts';

export interface ProposalRef {
  proposalId: string;
  number: number;
  status: string;
}
const ref = (s: ProposalState): ProposalRef => ({ proposalId: s.id, number: s.number, status: s.status });

/** Starts a new draft for the actor, optionally with the first fields. */
export async function createDraft(u: Unit, input: unknown): Promise<ProposalRef> {
  if (!u.dir.people.has(u.actorId)) refuse('refusal.unknownPerson');
  const { fields } = parseOrRefuse(z.object({ fields: z.unknown().optional() }).strict(), input ?? {});
  // Validate before creating anything, so bad input leaves no empty draft behind.
  const probe: ProposalState = {
    ...emptyFields(),
    id: '',
    number: 0,
    status: 'draft',
    submitterId: u.actorId,
    domainId: null,
    institutionId: null,
    revision: 0,
    priority: null,
    version: 0,
  };
  flow.saveDraft(probe, fields ?? {}, u.ctx);
  const row = await u.tx.proposal.create({
    data: { status: 'draft', submitterId: u.actorId, definitionVersion: PROCESS_VERSION },
  });
  const before = toState(row);
  return ref(await applyOutcome(u, before, flow.saveDraft(before, fields ?? {}, u.ctx)));
}

export async function saveDraft(u: Unit, input: unknown): Promise<ProposalRef> {
  const { id, body } = splitId('proposalId', input);
  const p = await lockProposal(u.tx, id);
  const { fields } = parseOrRefuse(z.object({ fields: z.unknown() }).strict(), body);
  return ref(await applyOutcome(u, p, flow.saveDraft(p, fields, u.ctx)));
}

export async function submit(u: Unit, input: unknown): Promise<ProposalRef> {
  const { id, body } = splitId('proposalId', input);
  parseOrRefuse(z.object({}).strict(), body);
  const p = await lockProposal(u.tx, id);
  return ref(await applyOutcome(u, p, flow.submit(p, u.ctx)));
}

export async function agree(u: Unit, input: unknown): Promise<ProposalRef> {
  const { id, body } = splitId('proposalId', input);
  parseOrRefuse(z.object({}).strict(), body);
  const p = await lockProposal(u.tx, id);
  return ref(await applyOutcome(u, p, flow.agree(p, u.ctx)));
}

export async function returnForChanges(u: Unit, input: unknown): Promise<ProposalRef> {
  const { id, body } = splitId('proposalId', input);
  const p = await lockProposal(u.tx, id);
  return ref(await applyOutcome(u, p, flow.returnForChanges(p, body, u.ctx)));
}
