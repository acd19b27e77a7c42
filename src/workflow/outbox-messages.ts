// Platform-neutral messages the engine asks the platforms to deliver. Written to the outbox in the
// same transaction as the change; a dispatcher per platform renders and sends them after commit.
import type { ChainProblem } from './audit-chain.ts';
import type { DomainId } from './directory.ts';

export type Audience =
  | { kind: 'person'; personId: string; /** a substitute receives this for the absent person */ onBehalfOf?: string }
  | { kind: 'boardChannel'; institutionId: string }
  | { kind: 'committeeChannel'; domainId: DomainId }
  | { kind: 'coThinkersChannel'; domainId: DomainId }
  | { kind: 'portfolioManagers' }
  /**
   * The bot's answer to what a person just did, sent after the command commits, where they did it and
   * only on that platform (never on the other): Slack — an ephemeral for `userId` in `channel`, or a
   * DM to `userId` without a channel; Teams — a post in the conversation `channel` (e.g. a thread)
   * at `serviceUrl`.
   */
  | {
      kind: 'reply';
      platform: 'slack' | 'teams';
      personId: string;
      userId?: string;
      channel?: string;
      serviceUrl?: string;
    };

export type OutboxPayload =
  | { kind: 'agreementRequested'; proposalId: string }
  | { kind: 'proposalAgreed'; proposalId: string; byId: string }
  | { kind: 'proposalReturned'; proposalId: string; byId: string; comment: string }
  | { kind: 'boardReviewRequested'; proposalId: string }
  | {
      kind: 'boardDecided';
      proposalId: string;
      decision: BoardDecision;
      priority: number | null;
      reason: string | null;
    }
  | { kind: 'proposalScheduled'; proposalId: string; meetingId: string }
  | { kind: 'coThinkerItemPosted'; roundId: string; proposalId: string; opinionsDueAt: string }
  | { kind: 'coThinkerRoundClosed'; roundId: string }
  | { kind: 'pollOpened'; pollId: string; proposalId: string }
  | { kind: 'pollUpdated'; pollId: string }
  | { kind: 'pollClosed'; pollId: string; decision: CommitteeDecision }
  | { kind: 'committeeDecided'; proposalId: string; pollId: string; decision: CommitteeDecision }
  | { kind: 'resubmittedToCommittee'; proposalId: string }
  | { kind: 'meetingScheduled'; meetingId: string }
  | { kind: 'extraordinaryMeetingRequested'; requestId: string }
  | { kind: 'statusUpdateRecorded'; itemId: string; statusUpdateId: string }
  | { kind: 'reminderDigest'; items: ReminderItem[] }
  | { kind: 'statusRequested'; meetingId: string; itemIds: string[] }
  | { kind: 'overdueSummary'; items: (ReminderItem & { personId: string })[] }
  | { kind: 'substitutionStarted'; substitutionId: string; items: ReminderItem[] }
  | { kind: 'substitutionEnded'; substitutionId: string }
  | { kind: 'editionPublished'; editionId: string }
  /** the start-up or daily check found the audit chain broken: to each portfolio manager, once per problem */
  | { kind: 'auditChainBroken'; problem: ChainProblem; checkedAt: string }
  // answers to the person who acted (audience `reply`)
  | { kind: 'submitted'; proposalId: string; stage: string }
  | { kind: 'voted'; pollId: string; choice: CommitteeDecision }
  | { kind: 'opinionSaved'; proposalId: string };

/**
 * One line of a reminder: what waits, on which proposal (or portfolio item: status updates), since
 * when, until when, and for whom when the reader stands in for someone.
 */
export interface ReminderItem {
  kind: 'agreement' | 'boardDecision' | 'opinion' | 'vote' | 'statusUpdate';
  proposalId: string | null;
  itemId?: string | null;
  number: number | null;
  title: string;
  since: string;
  dueAt: string | null;
  onBehalfOf?: string | null;
}

export type OutboxKind = OutboxPayload['kind'];

export interface OutboxMessageDraft {
  audience: Audience;
  payload: OutboxPayload;
}

export type BoardDecision = 'send' | 'doNotSend' | 'return';
export type CommitteeDecision = 'YES' | 'YES_IF' | 'NO';

export function toPerson(personId: string, payload: OutboxPayload): OutboxMessageDraft {
  return { audience: { kind: 'person', personId }, payload };
}
