// What the calendar and the absence screens show, read from the engine's data; shared by the Teams
// and Slack renderers. The dates of each meeting come from the same rule the engine counts with.
import { t } from '../i18n/catalogue.ts';
import { formatDate } from '../i18n/dates.ts';
import type { Queries } from '../engine/queries.ts';
import { meetingDeadlines } from '../workflow/calendar.ts';
import {
  isCommitteeMember,
  isPortfolioManager,
  type Directory,
  type DomainId,
  type Locale,
} from '../workflow/directory.ts';

export interface CalendarMeeting {
  id: string;
  domainId: DomainId;
  startsAt: Date;
  extraordinary: boolean;
}
export interface MeetingRequestView {
  id: string;
  domainId: DomainId;
  reason: string;
  requestedById: string;
  createdAt: Date;
}
export interface CalendarData {
  meetings: CalendarMeeting[];
  requests: MeetingRequestView[];
  isManager: boolean;
  memberOf: DomainId[];
}

export async function loadCalendar(
  queries: Queries,
  dir: Directory,
  personId: string,
  now: Date,
): Promise<CalendarData> {
  const { meetings, requests } = await queries.calendar(personId, now);
  // Display only: the buttons for the portfolio manager; every click is authorised by the engine.
  const isManager = isPortfolioManager(dir, personId);
  return {
    meetings: meetings.map((m) => ({
      id: m.id,
      domainId: m.domainId as DomainId,
      startsAt: m.startsAt,
      extraordinary: m.extraordinary,
    })),
    requests: requests.map((r) => ({
      id: r.id,
      domainId: r.domainId as DomainId,
      reason: r.reason,
      requestedById: r.requestedById,
      createdAt: r.createdAt,
    })),
    isManager,
    memberOf: [...dir.domains.keys()].filter((d) => isCommitteeMember(dir, personId, d)),
  };
}

/** The dates counted back from a meeting, as label–date pairs in the reader's language. */
export function meetingDates(dir: Directory, locale: Locale, startsAt: Date): { label: string; value: string }[] {
  const d = meetingDeadlines(startsAt, dir.calendar?.offsets);
  return [
    { label: t(locale, 'calendar.roundOpens'), value: formatDate(d.roundOpensAt) },
    { label: t(locale, 'calendar.opinionsDue'), value: formatDate(d.opinionsDueAt) },
    { label: t(locale, 'calendar.statusDue'), value: formatDate(d.statusUpdatesDueAt) },
    { label: t(locale, 'calendar.agendaFreeze'), value: formatDate(d.agendaFreezeAt) },
  ];
}

/** The Tallinn wall-clock date and time of an instant, for date and time pickers. */
export function pickerValues(at: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Tallinn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (k: string) => parts.find((p) => p.type === k)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

export interface SubstitutionView {
  id: string;
  absentId: string;
  substituteId: string;
  from: Date;
  until: Date;
}
export interface SubstitutionData {
  mine: SubstitutionView[];
  standingIn: SubstitutionView[];
}

/** A person's current and coming absences, and whom they stand in for. */
export async function loadSubstitutions(queries: Queries, personId: string, now: Date): Promise<SubstitutionData> {
  const rows = await queries.substitutions(personId, now);
  const view = (r: (typeof rows)[number]): SubstitutionView => ({
    id: r.id,
    absentId: r.absentId,
    substituteId: r.substituteId,
    from: r.startsAt,
    until: new Date(r.endsAt.getTime() - 1),
  });
  return {
    mine: rows.filter((r) => r.absentId === personId).map(view),
    standingIn: rows.filter((r) => r.substituteId === personId).map(view),
  };
}

/** How many people a substitute picker offers at once (and finds as the name is typed). */
export const SUBSTITUTE_CHOICES = 20;

const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('et');

/**
 * Who may be named someone's substitute, by name: everyone else in the organisation whose name
 * contains `text` (letters with or without their accents, any case), in the order of their names;
 * at most `SUBSTITUTE_CHOICES`.
 */
export function substituteCandidates(
  dir: Directory,
  personId: string,
  text: string,
): { title: string; value: string }[] {
  const wanted = folded(text.trim());
  return [...dir.people.values()]
    .filter((p) => p.id !== personId && (!wanted || folded(p.name).includes(wanted)))
    .sort((a, b) => a.name.localeCompare(b.name, 'et'))
    .slice(0, SUBSTITUTE_CHOICES)
    .map((p) => ({ title: p.name, value: p.id }));
}
