// Who is reminded of what, and when it goes to the portfolio manager. Pure: the engine collects what
// is pending; this decides. Counting is in Estonian working days, so weekends and holidays do not
// make anyone look late.
import { workingDaysBetween } from './holidays.ts';

export type PendingKind = 'agreement' | 'boardDecision' | 'opinion' | 'vote';

export interface PendingAction {
  kind: PendingKind;
  personId: string;
  proposalId: string;
  number: number;
  title: string;
  /** since when it has waited for this person */
  since: Date;
  /** the deadline, when the process sets one (co-thinker opinions) */
  dueAt?: Date | null;
}

export const REMINDER_RULES = {
  /** remind after this many working days of waiting */
  remindAfter: { agreement: 3, boardDecision: 5, opinion: 0, vote: 1 } as Record<PendingKind, number>,
  /** co-thinkers are reminded from this many days before the deadline */
  opinionLeadDays: 2,
  /** after this many working days (or past the deadline) the portfolio manager hears of it */
  escalateAfter: { agreement: 10, boardDecision: 15, opinion: 0, vote: 10 } as Record<PendingKind, number>,
};

const DAY = 86_400_000;

export function shouldRemind(a: PendingAction, now: Date, rules = REMINDER_RULES): boolean {
  if (a.kind === 'opinion') return !!a.dueAt && now.getTime() >= a.dueAt.getTime() - rules.opinionLeadDays * DAY;
  return workingDaysBetween(a.since, now) >= rules.remindAfter[a.kind];
}

export function isOverdue(a: PendingAction, now: Date, rules = REMINDER_RULES): boolean {
  if (a.kind === 'opinion') return !!a.dueAt && now > a.dueAt;
  return workingDaysBetween(a.since, now) >= rules.escalateAfter[a.kind];
}

/** One digest per person (not a flood), and one summary of everything overdue. */
export function planReminders(pending: readonly PendingAction[], now: Date, rules = REMINDER_RULES) {
  const digests = new Map<string, PendingAction[]>();
  for (const a of pending) {
    if (!shouldRemind(a, now, rules)) continue;
    const list = digests.get(a.personId) ?? [];
    list.push(a);
    digests.set(a.personId, list);
  }
  const overdue = pending.filter((a) => isOverdue(a, now, rules));
  return { digests, overdue };
}

/** The period a digest belongs to: a day, or an ISO week for weekly digests. */
export function digestPeriod(tallinnDay: string, frequency: 'daily' | 'weekly'): string {
  if (frequency === 'daily') return tallinnDay;
  const d = new Date(`${tallinnDay}T12:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * DAY) - 3 / 7 + ((firstThursday.getUTCDay() + 6) % 7) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
