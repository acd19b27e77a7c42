// Stage 1, steps 4–5: the institution's ICT board assesses the proposal and decides.
import { z } from 'zod';
import { LIMITS, parseOrRefuse } from '../forms.ts';
import { toPerson } from '../outbox-messages.ts';
import { authorize } from '../policy.ts';
import type { ProposalState } from '../proposal.ts';
import { refuse } from '../refusal.ts';
import { textField } from '../text.ts';
import type { Ctx, Outcome } from './types.ts';

export const RATINGS = ['strong', 'adequate', 'weak'] as const;
const rating = z.enum(RATINGS);

/** The four criteria of PROCESS.md stage 1 step 4. */
export const assessmentSchema = z
  .object({
    expectedResult: rating,
    impact: rating,
    priorityFit: rating,
    alternatives: rating,
    comment: textField().trim().max(LIMITS.comment).nullable().optional(),
  })
  .strict();
export type Assessment = z.output<typeof assessmentSchema>;

export function assess(p: ProposalState, input: unknown, ctx: Ctx): Assessment {
  authorize(ctx.dir, ctx.actorId, 'assess', p, ctx.delegation);
  return parseOrRefuse(assessmentSchema, input);
}

export const PRIORITIES = [1, 2, 3, 4, 5] as const;

export const boardDecisionSchema = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('send'),
      priority: z.number().int().min(1).max(5),
      comment: textField().trim().max(LIMITS.comment).nullable().optional(),
    })
    .strict(),
  z.object({ decision: z.literal('doNotSend'), reason: textField().trim().min(1).max(LIMITS.comment) }).strict(),
  z.object({ decision: z.literal('return'), reason: textField().trim().min(1).max(LIMITS.comment) }).strict(),
]);

/** `assessed`: whether the board has assessed the current revision (needed to send it on). */
export function boardDecide(p: ProposalState, input: unknown, assessed: boolean, ctx: Ctx): Outcome {
  authorize(ctx.dir, ctx.actorId, 'boardDecide', p, ctx.delegation);
  const d = parseOrRefuse(boardDecisionSchema, input);
  const base = { ...p, version: p.version + 1 };
  if (d.decision === 'send') {
    if (!assessed) refuse('refusal.assessFirst', { number: p.number });
    return {
      state: { ...base, status: 'toCommittee', priority: d.priority },
      decision: { kind: 'boardSent', priority: d.priority, comment: d.comment ?? null },
      effects: [
        toPerson(p.submitterId, {
          kind: 'boardDecided',
          proposalId: p.id,
          decision: 'send',
          priority: d.priority,
          reason: null,
        }),
        {
          audience: { kind: 'portfolioManagers' },
          payload: { kind: 'boardDecided', proposalId: p.id, decision: 'send', priority: d.priority, reason: null },
        },
      ],
    };
  }
  const status = d.decision === 'doNotSend' ? 'notSent' : 'returned';
  return {
    state: { ...base, status },
    decision: { kind: d.decision === 'doNotSend' ? 'boardNotSent' : 'boardReturned', comment: d.reason },
    effects: [
      toPerson(p.submitterId, {
        kind: 'boardDecided',
        proposalId: p.id,
        decision: d.decision,
        priority: null,
        reason: d.reason,
      }),
    ],
  };
}
