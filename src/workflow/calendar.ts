// Dates of the process, counted back from a committee meeting (PROCESS.md stage 2), and quarters
// of the rolling portfolio. Shown to people in Europe/Tallinn.
export const TIME_ZONE = 'Europe/Tallinn';
const DAY = 24 * 60 * 60 * 1000;

export const MEETING_OFFSETS = {
  /** the co-thinker round opens 3 weeks before the committee */
  roundOpensDays: 21,
  /** opinions are due 2 weeks before */
  opinionsDueDays: 14,
  /** status updates of portfolio items are due 2–3 weeks before (the earlier end) */
  statusUpdatesDueDays: 21,
} as const;

export function daysBefore(date: Date, days: number): Date {
  return new Date(date.getTime() - days * DAY);
}

export function meetingDeadlines(startsAt: Date) {
  return {
    roundOpensAt: daysBefore(startsAt, MEETING_OFFSETS.roundOpensDays),
    opinionsDueAt: daysBefore(startsAt, MEETING_OFFSETS.opinionsDueDays),
    statusUpdatesDueAt: daysBefore(startsAt, MEETING_OFFSETS.statusUpdatesDueDays),
  };
}

/** A quarter as "2027Q1". */
export type Quarter = `${number}Q${1 | 2 | 3 | 4}`;

function tallinnYearMonth(date: Date): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: 'numeric' }).formatToParts(date);
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
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(guess));
    const get = (k: string) => Number(parts.find((p) => p.type === k)!.value);
    const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    guess += wall - shown;
  }
  return new Date(guess);
}
