// Dates of the process, counted back from a committee meeting (PROCESS.md stage 2), and quarters
// of the rolling portfolio. Shown to people in Europe/Tallinn.
export const TIME_ZONE = 'Europe/Tallinn';
const DAY = 24 * 60 * 60 * 1000;

/** Days before a meeting; status updates are due 2–3 weeks before (configurable, organisation file). */
export interface MeetingOffsets {
  /** the co-thinker round opens (3 weeks before) */
  roundOpensDays: number;
  /** opinions are due (2 weeks before) */
  opinionsDueDays: number;
  /** representatives and TEHIK are asked for the status of their items (3 weeks before) */
  statusRequestDays: number;
  /** their status updates are due: 14–21 */
  statusUpdatesDueDays: number;
  /** the agenda is frozen: nothing new is put on it after this (1 week before) */
  agendaFreezeDays: number;
}

export const MEETING_OFFSETS: MeetingOffsets = {
  roundOpensDays: 21,
  opinionsDueDays: 14,
  statusRequestDays: 21,
  statusUpdatesDueDays: 14,
  agendaFreezeDays: 7,
};

/** A date as people read it here (25.11.2026, Tallinn), for refusals the workflow writes. */
export function shownDate(date: Date): string {
  return new Intl.DateTimeFormat('et-EE', {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}

/** The same Tallinn wall-clock time `days` calendar days earlier (a daylight-saving change in between keeps the hour). */
export function daysBefore(date: Date, days: number): Date {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (k: string) => Number(parts.find((p) => p.type === k)!.value);
  const day = new Date(Date.UTC(get('year'), get('month') - 1, get('day') - days)).toISOString().slice(0, 10);
  return (
    tallinnToUtc(day, `${String(get('hour')).padStart(2, '0')}:${String(get('minute')).padStart(2, '0')}`) ??
    new Date(date.getTime() - days * DAY)
  );
}

/** The Tallinn calendar date `days` after an ISO date (YYYY-MM-DD). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function meetingDeadlines(startsAt: Date, offsets: MeetingOffsets = MEETING_OFFSETS) {
  return {
    roundOpensAt: daysBefore(startsAt, offsets.roundOpensDays),
    opinionsDueAt: daysBefore(startsAt, offsets.opinionsDueDays),
    statusRequestAt: daysBefore(startsAt, offsets.statusRequestDays),
    statusUpdatesDueAt: daysBefore(startsAt, offsets.statusUpdatesDueDays),
    agendaFreezeAt: daysBefore(startsAt, offsets.agendaFreezeDays),
  };
}

/** The default meeting of a quarter: e.g. the second Thursday of its second month, 10:00 Tallinn. */
export interface MeetingRule {
  /** month within the quarter, 1–3 */
  month: 1 | 2 | 3;
  /** ISO weekday, 1 = Monday … 5 = Friday */
  weekday: 1 | 2 | 3 | 4 | 5;
  /** which one in the month: 1–4, or 5 for the last */
  week: 1 | 2 | 3 | 4 | 5;
  /** wall-clock time in Tallinn, "HH:MM" */
  time: string;
}

export const DEFAULT_MEETING_RULE: MeetingRule = { month: 2, weekday: 4, week: 2, time: '10:00' };

/** A quarter as "2027Q1". */
export type Quarter = `${number}Q${1 | 2 | 3 | 4}`;

function tallinnYearMonth(date: Date): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(date);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { year: get('year'), month: get('month') };
}

export function quarterOf(date: Date): Quarter {
  const { year, month } = tallinnYearMonth(date);
  return `${year}Q${Math.floor((month - 1) / 3) + 1}` as Quarter;
}

export function parseQuarter(q: string): { year: number; quarter: number } {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m) throw new Error(`Not a quarter: ${q} (expected e.g. 2027Q1)`);
  return { year: Number(m[1]), quarter: Number(m[2]) };
}

export function addQuarters(q: Quarter, n: number): Quarter {
  const { year, quarter } = parseQuarter(q);
  const index = year * 4 + (quarter - 1) + n;
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}` as Quarter;
}

export function compareQuarters(a: string, b: string): number {
  const x = parseQuarter(a);
  const y = parseQuarter(b);
  return x.year * 4 + x.quarter - (y.year * 4 + y.quarter);
}

/** The rolling horizon: four years (16 quarters) from the current quarter. */
export function horizon(now: Date): { first: Quarter; last: Quarter } {
  const first = quarterOf(now);
  return { first, last: addQuarters(first, 15) };
}

/** The instant of a wall-clock date and time in Tallinn ("2027-01-14", "10:00"), across DST. */
export function tallinnToUtc(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  let guess = wall - 2 * 3600_000;
  for (let i = 0; i < 3; i += 1) {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(guess));
    const get = (k: string) => Number(parts.find((p) => p.type === k)!.value);
    const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    guess += wall - shown;
  }
  return new Date(guess);
}

/**
 * The rule's date in a quarter. A public holiday on that day moves it to the next working day
 * (`isWorkingDay` is passed in so this file stays free of the holiday tables).
 */
export function defaultMeetingDate(q: Quarter, rule: MeetingRule, isWorkingDay: (isoDate: string) => boolean): Date {
  const { year, quarter } = parseQuarter(q);
  const month = (quarter - 1) * 3 + rule.month; // 1-based
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const matching: number[] = [];
  for (let d = 1; d <= days; d += 1) {
    if (((new Date(Date.UTC(year, month - 1, d)).getUTCDay() + 6) % 7) + 1 === rule.weekday) matching.push(d);
  }
  let day = rule.week === 5 ? matching[matching.length - 1]! : matching[rule.week - 1]!;
  let iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  while (!isWorkingDay(iso)) {
    day += 1;
    const next = new Date(Date.UTC(year, month - 1, day));
    iso = next.toISOString().slice(0, 10);
  }
  return tallinnToUtc(iso, rule.time)!;
}
