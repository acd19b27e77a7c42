// Who is expected to act, and when they are reminded and when the portfolio manager hears of it.
// Pure: the engine reads a proposal's state into a snapshot, this says what is expected and when.
// Counting is in Estonian working days, so weekends and holidays do not make anyone look late;
// reminders go out at 09:00 Tallinn time.
import { agreerFor, type Directory, type DomainId } from './directory.ts';
import { addWorkingDays, tallinnDate } from './holidays.ts';
import { tallinnToUtc } from './calendar.ts';

export type PendingKind = 'agreement' | 'boardDecision' | 'opinion' | 'vote' | 'statusUpdate';

/** One person's pending action; `key` names it so it is stored once. */
export interface Expectation {
  key: string;
  kind: PendingKind;
  personId: string;
  proposalId?: string | undefined;
  meetingId?: string | undefined;
  itemId?: string | undefined;
  /** since when it has waited for this person */
  since: Date;
  /** the deadline the process sets (opinions, status updates), shown to people */
  deadlineAt?: Date | null | undefined;
}

export const REMINDER_RULES = {
  /** remind after this many working days of waiting */
  remindAfter: { agreement: 3, boardDecision: 5, vote: 1 } as Record<'agreement' | 'boardDecision' | 'vote', number>,
  /** opinions and status updates: reminded from this many days before their deadline */
  leadDays: 2,
  /** after this many working days (opinions, status updates: at the deadline) the portfolio manager hears of it */
  escalateAfter: { agreement: 10, boardDecision: 15, vote: 10 } as Record<
    'agreement' | 'boardDecision' | 'vote',
    number
  >,
  /** the time of day reminders go out (Tallinn) */
  at: '09:00',
};

const DAY = 86_400_000;
const atNine = (isoDate: string, rules = REMINDER_RULES) => tallinnToUtc(isoDate, rules.at)!;

/** When the first reminder goes and when the portfolio manager hears of it. */
export function firstSchedule(
  e: Pick<Expectation, 'kind' | 'since' | 'deadlineAt'>,
  rules = REMINDER_RULES,
): { remindAt: Date; escalateAt: Date } {
  if (e.kind === 'opinion' || e.kind === 'statusUpdate') {
    const deadline = e.deadlineAt ?? new Date(e.since.getTime() + 14 * DAY);
    return { remindAt: new Date(deadline.getTime() - rules.leadDays * DAY), escalateAt: deadline };
  }
  return {
    remindAt: atNine(addWorkingDays(e.since, rules.remindAfter[e.kind]), rules),
    escalateAt: atNine(addWorkingDays(e.since, rules.escalateAfter[e.kind]), rules),
  };
}

export type DigestFrequency = 'daily' | 'weekly';

/** After a reminder: the next one comes in the next digest period, and never after the deadline. */
export function nextReminder(
  now: Date,
  frequency: DigestFrequency,
  deadlineAt?: Date | null,
  rules = REMINDER_RULES,
): Date {
  const today = tallinnDate(now);
  let next = atNine(addWorkingDays(new Date(`${today}T12:00:00Z`), 1), rules);
  if (frequency === 'weekly') {
    let day = addWorkingDays(new Date(`${today}T12:00:00Z`), 1);
    while (digestPeriod(day, 'weekly') === digestPeriod(today, 'weekly'))
      day = addWorkingDays(new Date(`${day}T12:00:00Z`), 1);
    next = atNine(day, rules);
  }
  return deadlineAt && deadlineAt > now && deadlineAt < next ? deadlineAt : next;
}

/** The moment the tick must look at a row again. */
export function dueOf(remindAt: Date | null, escalateAt: Date | null): Date | null {
  if (!remindAt) return escalateAt;
  if (!escalateAt) return remindAt;
  return remindAt < escalateAt ? remindAt : escalateAt;
}

/** What the engine reads about one proposal to know who it waits for. */
export interface ProposalSnapshot {
  id: string;
  status: string;
  serviceId: string | null;
  institutionId: string | null;
  domainId: string | null;
  /** when it last reached its current stage */
  stageSince: Date;
  /** an open co-thinker round of the meeting it is on, with who has given an opinion on it */
  round?: { id: string; meetingId: string; openedAt: Date; opinionsDueAt: Date; opinionsBy: string[] } | null;
  /** an open poll on it, with who has voted */
  poll?: { id: string; openedAt: Date; voters: string[] } | null;
}

export function expectationsFor(p: ProposalSnapshot, dir: Directory): Expectation[] {
  const base = { proposalId: p.id };
  if (p.status === 'agreement') {
    const service = p.serviceId ? dir.services.get(p.serviceId) : undefined;
    const agreer = service ? agreerFor(service) : null;
    return agreer
      ? [
          {
            ...base,
            key: `agreement:${p.id}:${agreer.personId}`,
            kind: 'agreement',
            personId: agreer.personId,
            since: p.stageSince,
          },
        ]
      : [];
  }
  if (p.status === 'board') {
    const members = (p.institutionId && dir.institutions.get(p.institutionId)?.boardMemberIds) || [];
    return members.map((personId) => ({
      ...base,
      key: `boardDecision:${p.id}:${personId}`,
      kind: 'boardDecision',
      personId,
      since: p.stageSince,
    }));
  }
  const domain = p.domainId ? dir.domains.get(p.domainId as DomainId) : undefined;
  if (!domain) return [];
  const out: Expectation[] = [];
  if (p.status === 'scheduled' && p.round) {
    const r = p.round;
    for (const personId of domain.coThinkerIds) {
      if (r.opinionsBy.includes(personId)) continue;
      out.push({
        ...base,
        meetingId: r.meetingId,
        key: `opinion:${r.id}:${p.id}:${personId}`,
        kind: 'opinion',
        personId,
        since: r.openedAt,
        deadlineAt: r.opinionsDueAt,
      });
    }
  }
  if (p.poll) {
    for (const personId of new Set([domain.chairId, ...domain.committeeMemberIds])) {
      if (p.poll.voters.includes(personId)) continue;
      out.push({ ...base, key: `vote:${p.poll.id}:${personId}`, kind: 'vote', personId, since: p.poll.openedAt });
    }
  }
  return out;
}

/** The kinds a proposal's own expectations can have (status updates belong to portfolio items). */
export const PROPOSAL_KINDS: readonly PendingKind[] = ['agreement', 'boardDecision', 'opinion', 'vote'];

/** The period a digest belongs to: a day, or an ISO week for weekly digests. */
export function digestPeriod(tallinnDay: string, frequency: DigestFrequency): string {
  if (frequency === 'daily') return tallinnDay;
  const d = new Date(`${tallinnDay}T12:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(
      (thursday.getTime() - firstThursday.getTime()) / (7 * DAY) - 3 / 7 + ((firstThursday.getUTCDay() + 6) % 7) / 7,
    );
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
