import type { PrismaClient } from '../storage/generated/client.ts';
import type { CommitteeDecision } from '../workflow/outbox-messages.ts';
import { tally, type Tally, type VoteRow } from '../workflow/transitions/committee.ts';

/** A committee poll as both platforms show it. */
export interface PollState { pollId: string; status: 'open' | 'closed'; tally: Tally; decision: CommitteeDecision | null; reason: string | null; conditions: string[] }

export async function loadPoll(db: PrismaClient, pollId: string): Promise<(PollState & { proposalId: string; votes: VoteRow[] }) | null> {
  const poll = await db.poll.findUnique({ where: { id: pollId }, include: { votes: true } });
  if (!poll) return null;
  const conditions = await db.condition.findMany({ where: { pollId }, orderBy: { position: 'asc' } });
  const votes = poll.votes.map((v) => ({ personId: v.personId, choice: v.choice as CommitteeDecision, conditions: v.conditions }));
  return {
    pollId: poll.id, proposalId: poll.proposalId, status: poll.status as 'open' | 'closed', tally: tally(votes), votes,
    decision: poll.decision as CommitteeDecision | null, reason: poll.decisionReason, conditions: conditions.map((c) => c.text),
  };
}
