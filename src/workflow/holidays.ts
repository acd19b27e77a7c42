// Estonian working days: weekends and the public holidays (riigipühad) of the Public Holidays and
// Days of National Importance Act — fixed dates and the Easter-based ones — do not count.
import { TIME_ZONE } from './calendar.ts';

/** Easter Sunday (Gregorian, anonymous algorithm) as [month, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const shift = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The public holidays of a year as ISO dates, with their Estonian names. */
export function estonianHolidays(year: number): Map<string, string> {
  const [em, ed] = easterSunday(year);
  const easter = iso(year, em, ed);
  return new Map([
    [iso(year, 1, 1), 'uusaasta'],
    [iso(year, 2, 24), 'iseseisvuspäev'],
    [shift(easter, -2), 'suur reede'],
    [easter, 'ülestõusmispühade 1. püha'],
    [iso(year, 5, 1), 'kevadpüha'],
    [shift(easter, 49), 'nelipühade 1. püha'],
    [iso(year, 6, 23), 'võidupüha'],
    [iso(year, 6, 24), 'jaanipäev'],
    [iso(year, 8, 20), 'taasiseseisvumispäev'],
    [iso(year, 12, 24), 'jõululaupäev'],
    [iso(year, 12, 25), 'esimene jõulupüha'],
    [iso(year, 12, 26), 'teine jõulupüha'],
  ]);
}

/** The calendar date of an instant in Tallinn, as YYYY-MM-DD. */
export function tallinnDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !estonianHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
}

/** The date `n` working days after the Tallinn date of `from` (n ≥ 0; 0 = the next working day on or after). */
export function addWorkingDays(from: Date, n: number): string {
  let day = tallinnDate(from);
  let left = n;
  while (!isWorkingDay(day)) day = shift(day, 1);
  while (left > 0) {
    day = shift(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/** Working days from one instant to another (Tallinn dates; the start day not counted). */
export function workingDaysBetween(from: Date, to: Date): number {
  let day = tallinnDate(from);
  const end = tallinnDate(to);
  let count = 0;
  while (day < end) {
    day = shift(day, 1);
    if (isWorkingDay(day)) count += 1;
  }
  return count;
}
