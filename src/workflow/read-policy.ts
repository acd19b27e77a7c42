// Who may read what. Every read of the engine that shows more than the public portfolio is decided
// here, from the directory, for the person who asks — never from what a button carries. The engine's
// queries (src/engine/queries.ts) ask `authorizeRead` before they answer; the outbox dispatchers
// read as SYSTEM, for audiences the engine chose when it wrote the message.
import {
  agreerFor,
  isBoardMember,
  isCoThinker,
  isCommitteeMember,
  isPortfolioManager,
  isRepresentative,
  isTehikRepresentative,
  type Directory,
  type DomainId,
} from './directory.ts';
import { refuse } from './refusal.ts';
import type { Stage } from './stages.ts';

/** The dispatchers and the publisher: they read for messages and files the engine already decided. */
export const SYSTEM: unique symbol = Symbol('system');
export type Reader = string | typeof SYSTEM;

/** What a proposal's reader is checked against. */
export interface ProposalSubject {
  submitterId: string;
  serviceId: string | null;
  institutionId: string | null;
  domainId: string | null;
  status: string;
}

/** Stages in which the committee's people (co-thinkers, members) have the proposal before them. */
const BEFORE_COMMITTEE: readonly Stage[] = ['draft', 'agreement', 'returned', 'board', 'notSent'];

/** Whether a person takes part in this proposal's process: who may see it whole. */
export function involvedIn(dir: Directory, personId: string, p: ProposalSubject): boolean {
  if (p.submitterId === personId || isPortfolioManager(dir, personId)) return true;
  // A draft is the submitter's own until it is submitted.
  if (p.status === 'draft') return false;
  const service = p.serviceId ? dir.services.get(p.serviceId) : undefined;
  if (service && agreerFor(service)?.personId === personId) return true;
  if (p.institutionId && isBoardMember(dir, personId, p.institutionId) && p.status !== 'agreement') return true;
  if (BEFORE_COMMITTEE.includes(p.status as Stage) || !p.domainId) return false;
  const domain = p.domainId as DomainId;
  return isCommitteeMember(dir, personId, domain) || isCoThinker(dir, personId, domain);
}

/** Whether a person decides on this proposal now or did before it moved on: its agreer, or its board once it is theirs. */
function decidesOn(dir: Directory, personId: string, p: ProposalSubject): boolean {
  if (p.status === 'draft') return false;
  const service = p.serviceId ? dir.services.get(p.serviceId) : undefined;
  if (service && agreerFor(service)?.personId === personId) return true;
  return !!p.institutionId && isBoardMember(dir, personId, p.institutionId) && p.status !== 'agreement';
}

type Rule<S> = { who: string; allow: (dir: Directory, personId: string, subject: S) => boolean };

const anyone = <S>(who: string): Rule<S> => ({ who, allow: () => true });
const managers = <S>(who: string): Rule<S> => ({ who, allow: (dir, id) => isPortfolioManager(dir, id) });
const meetingPeople: Rule<{ domainId: DomainId }> = {
  who: "portfolio managers; the members and co-thinkers of the meeting's committee",
  allow: (dir, id, m) =>
    isPortfolioManager(dir, id) || isCommitteeMember(dir, id, m.domainId) || isCoThinker(dir, id, m.domainId),
};
const committee: Rule<{ domainId: DomainId }> = {
  who: "portfolio managers; the members of the meeting's committee",
  allow: (dir, id, m) => isPortfolioManager(dir, id) || isCommitteeMember(dir, id, m.domainId),
};

/**
 * Every read, with who may do it. A person outside the organisation reads nothing (checked first).
 * "own" reads answer only about the reader: they take no person id.
 */
export const READ_RULES = {
  myProposals: anyone<void>('anyone in the organisation: their own proposals'),
  waitingFor: anyone<void>('anyone in the organisation: what waits for them'),
  substitutions: anyone<void>('anyone in the organisation: their own absences and whom they stand in for'),
  calendar: anyone<void>('anyone in the organisation: the planned committee meetings and their dates'),
  portfolio: anyone<void>('anyone in the organisation: the public fields of the portfolio (as published)'),
  pictures: anyone<void>("anyone in the organisation: the portfolio's pictures (public fields)"),
  myOpinion: anyone<void>('anyone in the organisation: their own co-thinker opinion'),
  proposal: {
    who: "the submitter; the agreer; the institution's board from its stage on; the domain's committee and co-thinkers once sent to the committee; portfolio managers",
    allow: involvedIn,
  } as Rule<ProposalSubject>,
  history: { who: 'as proposal', allow: involvedIn } as Rule<ProposalSubject>,
  conditions: { who: 'as proposal', allow: involvedIn } as Rule<ProposalSubject>,
  review: {
    who: 'as proposal; and whoever stands in now for its agreer or a board member of its institution (never on their own proposal)',
    allow: (dir, id, p) =>
      involvedIn(dir, id, p) || (p.submitterId !== id && p.standsInFor.some((absent) => decidesOn(dir, absent, p))),
  } as Rule<ProposalSubject & { standsInFor: readonly string[] }>,
  poll: committee,
  agenda: meetingPeople,
  meetingPack: committee,
  minutes: committee,
  desk: managers<void>('portfolio managers'),
  meetingRequests: managers<void>('portfolio managers'),
  plannedItem: managers<void>("portfolio managers: an item's plan with its internal fields"),
  exports: managers<void>('portfolio managers: the whole portfolio with names and internal fields'),
  statusItems: {
    who: "portfolio managers and TEHIK: every unfinished item; an institution's representatives: their institution's",
    allow: (dir, id) =>
      isPortfolioManager(dir, id) ||
      isTehikRepresentative(dir, id) ||
      [...dir.institutions.keys()].some((i) => isRepresentative(dir, id, i)),
  } as Rule<void>,
} satisfies Record<string, Rule<never>>;

export type ReadName = keyof typeof READ_RULES;
type SubjectOf<R extends ReadName> = Parameters<(typeof READ_RULES)[R]['allow']>[2];

/** Whether this reader may do this read (SYSTEM may do every read). */
export function mayRead<R extends ReadName>(
  dir: Directory,
  reader: Reader,
  read: R,
  ...subject: SubjectOf<R> extends void ? [] : [SubjectOf<R>]
): boolean {
  if (reader === SYSTEM) return true;
  if (!dir.people.has(reader)) return false;
  return (READ_RULES[read].allow as (d: Directory, p: string, s: unknown) => boolean)(dir, reader, subject[0]);
}

/** Refuses unless the reader may do this read: a stranger is told to ask the portfolio manager. */
export function authorizeRead<R extends ReadName>(
  dir: Directory,
  reader: Reader,
  read: R,
  ...subject: SubjectOf<R> extends void ? [] : [SubjectOf<R>]
): void {
  if (reader !== SYSTEM && !dir.people.has(reader)) refuse('refusal.unknownPerson');
  if (!mayRead(dir, reader, read, ...subject)) refuse('refusal.notForYou');
}
