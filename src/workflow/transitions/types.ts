import type { Directory } from '../directory.ts';
import type { OutboxMessageDraft } from '../outbox-messages.ts';
import type { ProposalState } from '../proposal.ts';

export interface Ctx {
  dir: Directory;
  actorId: string;
  now: Date;
  /** the people the actor stands in for now, and (set by `authorize`) the one acted for */
  delegation?: Delegation | undefined;
}

export interface Delegation {
  standsInFor: readonly string[];
  actedFor: string | null;
}

export type DecisionKind =
  | 'submitted'
  | 'agreementSkipped'
  | 'agreed'
  | 'returned'
  | 'boardSent'
  | 'boardNotSent'
  | 'boardReturned'
  | 'scheduled'
  | 'committeeYes'
  | 'committeeYesIf'
  | 'committeeNo'
  | 'resubmittedToCommittee';

export interface DecisionRecord {
  kind: DecisionKind;
  comment?: string | null;
  priority?: number | null;
  meetingId?: string | null;
}

/** What a transition produces: the next state, the decision to record, the messages to send. */
export interface Outcome {
  state: ProposalState;
  decision?: DecisionRecord;
  effects: OutboxMessageDraft[];
}
