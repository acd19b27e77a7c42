// Stage 2: the portfolio manager puts a proposal on a meeting, co-thinkers give opinions, the
// committee votes JAH / JAH, KUI / EI, and the decision is recorded.
import { z } from 'zod';
import type { DomainId } from '../directory.ts';
import { meetingDeadlines, shownDate } from '../calendar.ts';
import { LIMITS, parseOrRefuse } from '../forms.ts';
import { toPerson, type CommitteeDecision } from '../outbox-messages.ts';
import { authorize } from '../policy.ts';
import type { ProposalState } from '../proposal.ts';
import { refuse } from '../refusal.ts';
import { idField, textField } from '../text.ts';
import type { Ctx, Outcome } from './types.ts';

export interface MeetingState {
  id: string;
  domainId: DomainId;
  startsAt: Date;
  status: 'planned' | 'held';
}

export function schedule(p: ProposalState, meeting: MeetingState, ctx: Ctx): Outcome {
  authorize(ctx.dir, ctx.actorId, 'schedule', p, ctx.delegation);
  if (meeting.domainId !== p.domainId) refuse('refusal.meetingOtherDomain', { number: p.number });
  if (meeting.status !== 'planned' || meeting.startsAt <= ctx.now) refuse('refusal.meetingPast');
  const freeze = meetingDeadlines(meeting.startsAt, ctx.dir.calendar?.offsets).agendaFreezeAt;
  if (ctx.now >= freeze) refuse('refusal.agendaFrozen', { date: shownDate(freeze) });
  return {
    state: { ...p, status: 'scheduled', version: p.version + 1 },
    decision: { kind: 'scheduled', meetingId: meeting.id },
    effects: [toPerson(p.submitterId, { kind: 'proposalScheduled', proposalId: p.id, meetingId: meeting.id })],
  };
}

// ---- co-thinkers (kaasamõtlejad)

export const RECOMMENDATIONS = ['support', 'supportWithConditions', 'doNotSupport'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
const answer = textField().trim().max(LIMITS.comment).nullable().optional();

/** The checklist (kontroll-leht) of PROCESS.md stage 2 step 2, a recommendation and its argumentation. */
export const opinionSchema = z
  .object({
    legislation: answer,
    strategyFit: answer,
    risks: answer,
    feasibility: answer,
    recommendation: z.enum(RECOMMENDATIONS),
    argumentation: textField().trim().min(1).max(LIMITS.text),
  })
  .strict();
export type OpinionInput = z.output<typeof opinionSchema>;

export const replySchema = z.object({ text: textField().trim().min(1).max(LIMITS.text) }).strict();

export function giveOpinion(p: ProposalState, input: unknown, roundOpen: boolean, ctx: Ctx): OpinionInput {
  authorize(ctx.dir, ctx.actorId, 'giveOpinion', p, ctx.delegation);
  if (!roundOpen) refuse('refusal.roundNotOpen', { number: p.number });
  return parseOrRefuse(opinionSchema, input);
}

export function replyOpinion(p: ProposalState, input: unknown, roundOpen: boolean, ctx: Ctx): string {
  authorize(ctx.dir, ctx.actorId, 'replyOpinion', p, ctx.delegation);
  if (!roundOpen) refuse('refusal.roundNotOpen', { number: p.number });
  return parseOrRefuse(replySchema, input).text;
}

// ---- the committee's poll

export const VOTE_CHOICES = ['YES', 'YES_IF', 'NO'] as const satisfies readonly CommitteeDecision[];

export const voteSchema = z.discriminatedUnion('choice', [
  z.object({ choice: z.literal('YES') }).strict(),
  z.object({ choice: z.literal('YES_IF'), conditions: textField().trim().min(1).max(LIMITS.comment) }).strict(),
  z.object({ choice: z.literal('NO') }).strict(),
]);
export type VoteInput = z.output<typeof voteSchema>;

export function openPoll(p: ProposalState, ctx: Ctx): Outcome {
  authorize(ctx.dir, ctx.actorId, 'openPoll', p, ctx.delegation);
  return { state: { ...p, status: 'voting', version: p.version + 1 }, effects: [] };
}

export function castVote(p: ProposalState, input: unknown, ctx: Ctx): VoteInput {
  authorize(ctx.dir, ctx.actorId, 'vote', p, ctx.delegation);
  return parseOrRefuse(voteSchema, input);
}

export interface VoteRow {
  personId: string;
  choice: CommitteeDecision;
  conditions: string | null;
}
export interface Tally {
  YES: number;
  YES_IF: number;
  NO: number;
  total: number;
  majority: CommitteeDecision | null;
}

/** Counts votes; the majority is the choice with strictly more votes than each other one. */
export function tally(votes: readonly VoteRow[]): Tally {
  const t = { YES: 0, YES_IF: 0, NO: 0 };
  for (const v of votes) t[v.choice] += 1;
  const sorted = VOTE_CHOICES.map((c) => [c, t[c]] as const).sort((a, b) => b[1] - a[1]);
  const majority = sorted[0]![1] > 0 && sorted[0]![1] > sorted[1]![1] ? sorted[0]![0] : null;
  return { ...t, total: votes.length, majority };
}

export const closePollSchema = z
  .object({
    decision: z.enum(VOTE_CHOICES).optional(),
    reason: textField().trim().min(1).max(LIMITS.comment).optional(),
    conditions: z.array(textField().trim().min(1).max(LIMITS.comment)).min(1).max(30).optional(),
  })
  .strict();

/** Conditions proposed in JAH, KUI votes, one per line, without repeats. */
export function conditionsFromVotes(votes: readonly VoteRow[]): string[] {
  const lines = votes.flatMap((v) => (v.choice === 'YES_IF' && v.conditions ? v.conditions.split('\n') : []));
  return [...new Set(lines.map((l) => l.replace(/^\s*[-*•\d.)]+\s*/, '').trim()).filter((l) => l.length > 0))];
}

export interface PollClosing {
  outcome: Outcome;
  decision: CommitteeDecision;
  reason: string | null;
  conditions: string[];
  tally: Tally;
}

/**
 * The chair (or the portfolio manager) closes the poll. The decision defaults to the majority;
 * recording another one needs a reason. JAH, KUI needs at least one condition.
 */
export function closePoll(
  p: ProposalState,
  votes: readonly VoteRow[],
  input: unknown,
  pollId: string,
  meetingId: string,
  ctx: Ctx,
): PollClosing {
  authorize(ctx.dir, ctx.actorId, 'closePoll', p, ctx.delegation);
  const body = parseOrRefuse(closePollSchema, input);
  const t = tally(votes);
  const decision = body.decision ?? t.majority;
  if (!decision) refuse('refusal.decisionRequired', { number: p.number });
  if (t.majority && decision !== t.majority && !body.reason) {
    refuse('refusal.reasonForOverride', { majority: `@decision.${t.majority}` });
  }
  const conditions = decision === 'YES_IF' ? (body.conditions ?? conditionsFromVotes(votes)) : [];
  if (decision === 'YES_IF' && conditions.length === 0) refuse('refusal.conditionsRequired');
  const status = decision === 'YES' ? 'approved' : decision === 'YES_IF' ? 'conditions' : 'rejected';
  const kind = decision === 'YES' ? 'committeeYes' : decision === 'YES_IF' ? 'committeeYesIf' : 'committeeNo';
  return {
    decision,
    reason: body.reason ?? null,
    conditions,
    tally: t,
    outcome: {
      state: { ...p, status, version: p.version + 1 },
      decision: { kind, comment: body.reason ?? null, meetingId },
      effects: [
        {
          audience: { kind: 'committeeChannel', domainId: p.domainId! },
          payload: { kind: 'pollClosed', pollId, decision },
        },
        toPerson(p.submitterId, { kind: 'committeeDecided', proposalId: p.id, pollId, decision }),
      ],
    },
  };
}

// ---- JAH, KUI: conditions, then back to a committee

export const markConditionSchema = z
  .object({
    conditionId: idField(),
    met: z.boolean(),
    note: textField().trim().max(LIMITS.comment).nullable().optional(),
  })
  .strict();

export function markCondition(p: ProposalState, input: unknown, ctx: Ctx): z.output<typeof markConditionSchema> {
  authorize(ctx.dir, ctx.actorId, 'markCondition', p, ctx.delegation);
  return parseOrRefuse(markConditionSchema, input);
}

export function resubmitToCommittee(p: ProposalState, openConditions: number, ctx: Ctx): Outcome {
  authorize(ctx.dir, ctx.actorId, 'resubmitToCommittee', p, ctx.delegation);
  if (openConditions > 0) refuse('refusal.conditionsOpen', { count: openConditions });
  return {
    state: { ...p, status: 'toCommittee', revision: p.revision + 1, version: p.version + 1 },
    decision: { kind: 'resubmittedToCommittee' },
    effects: [
      { audience: { kind: 'portfolioManagers' }, payload: { kind: 'resubmittedToCommittee', proposalId: p.id } },
    ],
  };
}
