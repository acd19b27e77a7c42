// Stage 1, steps 1–2: the submitter's form, submission and the agreement (kooskõlastus).
import { z } from 'zod';
import { agreerFor } from '../directory.ts';
import { draftSchema, LIMITS, missingForSubmit, parseOrRefuse } from '../forms.ts';
import { toPerson } from '../outbox-messages.ts';
import { authorize } from '../policy.ts';
import type { ProposalState } from '../proposal.ts';
import { Refusal, refuse } from '../refusal.ts';
import { textField } from '../text.ts';
import type { Ctx, Outcome } from './types.ts';

/** Applies form fields to a draft (or a returned proposal / one with conditions being met). */
export function saveDraft(p: ProposalState, input: unknown, ctx: Ctx): Outcome {
  authorize(ctx.dir, ctx.actorId, 'saveDraft', p, ctx.delegation);
  const fields = parseOrRefuse(draftSchema, input);
  const next: ProposalState = { ...p, ...fields, version: p.version + 1 };
  if (fields.serviceId !== undefined) placeByService(next, ctx);
  return { state: next, effects: [] };
}

function placeByService(p: ProposalState, ctx: Ctx): void {
  if (p.serviceId == null) {
    p.domainId = null;
    p.institutionId = null;
    return;
  }
  const service = ctx.dir.services.get(p.serviceId);
  if (!service)
    throw new Refusal('validation.invalid', { fields: 'serviceId' }, { serviceId: { key: 'field.unknownService' } });
  p.domainId = service.domainId;
  p.institutionId = service.institutionId;
}

/**
 * Sends the proposal on: to the service manager, or the policy manager when the service has none;
 * straight to the institution's board when the submitter is that person.
 */
export function submit(p: ProposalState, ctx: Ctx): Outcome {
  authorize(ctx.dir, ctx.actorId, 'submit', p, ctx.delegation);
  const missing = missingForSubmit(p);
  if (Object.keys(missing).length > 0) {
    throw new Refusal('validation.incomplete', { fields: Object.keys(missing).join(', ') }, missing);
  }
  const next: ProposalState = { ...p, revision: p.revision + 1, version: p.version + 1 };
  placeByService(next, ctx);
  const service = ctx.dir.services.get(next.serviceId!)!;
  const agreer = agreerFor(service);
  if (!agreer) refuse('refusal.serviceHasNoAgreer', { service: service.name });
  if (agreer.personId === p.submitterId) {
    next.status = 'board';
    return {
      state: next,
      decision: { kind: 'agreementSkipped' },
      effects: [
        {
          audience: { kind: 'boardChannel', institutionId: next.institutionId! },
          payload: { kind: 'boardReviewRequested', proposalId: p.id },
        },
      ],
    };
  }
  next.status = 'agreement';
  return {
    state: next,
    decision: { kind: 'submitted' },
    effects: [toPerson(agreer.personId, { kind: 'agreementRequested', proposalId: p.id })],
  };
}

export function agree(p: ProposalState, ctx: Ctx): Outcome {
  authorize(ctx.dir, ctx.actorId, 'agree', p, ctx.delegation);
  const next: ProposalState = { ...p, status: 'board', version: p.version + 1 };
  return {
    state: next,
    decision: { kind: 'agreed' },
    effects: [
      toPerson(p.submitterId, { kind: 'proposalAgreed', proposalId: p.id, byId: ctx.actorId }),
      {
        audience: { kind: 'boardChannel', institutionId: p.institutionId! },
        payload: { kind: 'boardReviewRequested', proposalId: p.id },
      },
    ],
  };
}

export const commentSchema = z.object({ comment: textField().trim().min(1).max(LIMITS.comment) }).strict();

export function returnForChanges(p: ProposalState, input: unknown, ctx: Ctx): Outcome {
  authorize(ctx.dir, ctx.actorId, 'returnForChanges', p, ctx.delegation);
  const { comment } = parseOrRefuse(commentSchema, input);
  return {
    state: { ...p, status: 'returned', version: p.version + 1 },
    decision: { kind: 'returned', comment },
    effects: [toPerson(p.submitterId, { kind: 'proposalReturned', proposalId: p.id, byId: ctx.actorId, comment })],
  };
}
