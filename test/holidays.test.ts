// Estonian public holidays of 2026 and 2027 and working-day arithmetic (riigipühad).
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  easterSunday,
  estonianHolidays,
  isWorkingDay,
  workingDaysBetween,
} from '../src/workflow/holidays.ts';
import { daysBefore, DEFAULT_MEETING_RULE, defaultMeetingDate, meetingDeadlines } from '../src/workflow/calendar.ts';

describe('Estonian public holidays', () => {
  it('2026', () => {
    expect([...estonianHolidays(2026).keys()].sort()).toEqual([
      '2026-01-01',
      '2026-02-24',
      '2026-04-03',
      '2026-04-05',
      '2026-05-01',
      '2026-05-24',
      '2026-06-23',
      '2026-06-24',
      '2026-08-20',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('2027', () => {
    expect([...estonianHolidays(2027).keys()].sort()).toEqual([
      '2027-01-01',
      '2027-02-24',
      '2027-03-26',
      '2027-03-28',
      '2027-05-01',
      '2027-05-16',
      '2027-06-23',
      '2027-06-24',
      '2027-08-20',
      '2027-12-24',
      '2027-12-25',
      '2027-12-26',
    ]);
  });

  it('computes Easter for known years', () => {
    expect([2024, 2025, 2026, 2027, 2028].map(easterSunday)).toEqual([
      [3, 31],
      [4, 20],
      [4, 5],
      [3, 28],
      [4, 16],
    ]);
  });
});

describe('working days', () => {
  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2026-12-23')).toBe(true);
    expect(isWorkingDay('2026-12-24')).toBe(false); // jõululaupäev
    expect(isWorkingDay('2027-03-26')).toBe(false); // suur reede
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    // Wednesday 23 Dec 2026 + 3 working days: 24–27 Dec are holidays or weekend → 28, 29, 30 Dec
    expect(addWorkingDays(new Date('2026-12-23T10:00:00Z'), 3)).toBe('2026-12-30');
    // Midsummer 2026: Mon 22 Jun + 1 → 23 and 24 are holidays → Thu 25 Jun
    expect(addWorkingDays(new Date('2026-06-22T08:00:00Z'), 1)).toBe('2026-06-25');
    // late evening in UTC is already the next day in Tallinn
    expect(addWorkingDays(new Date('2026-02-23T22:30:00Z'), 0)).toBe('2026-02-25');
    // 22, 23, 28, 29, 30, 31 Dec (31 Dec is a working day) and 4 Jan
    expect(workingDaysBetween(new Date('2026-12-21T09:00:00Z'), new Date('2027-01-04T09:00:00Z'))).toBe(7);
  });
});

describe('the default meeting of a quarter', () => {
  it('follows the rule and moves past public holidays to the next working day', () => {
    expect(defaultMeetingDate('2027Q3', DEFAULT_MEETING_RULE, isWorkingDay).toISOString()).toBe(
      '2027-08-12T07:00:00.000Z',
    ); // 2nd Thursday of August, 10:00 EEST
    expect(defaultMeetingDate('2027Q1', DEFAULT_MEETING_RULE, isWorkingDay).toISOString()).toBe(
      '2027-02-11T08:00:00.000Z',
    ); // 10:00 EET
    // 4th Wednesday of June 2027 is Võidupüha (23.06), the next day Jaanipäev: Friday 25 June.
    expect(
      defaultMeetingDate('2027Q2', { month: 3, weekday: 3, week: 4, time: '10:00' }, isWorkingDay).toISOString(),
    ).toBe('2027-06-25T07:00:00.000Z');
    // The last Friday of the quarter's first month.
    expect(
      defaultMeetingDate('2026Q4', { month: 1, weekday: 5, week: 5, time: '13:30' }, isWorkingDay).toISOString(),
    ).toBe('2026-10-30T11:30:00.000Z');
  });
});

describe('dates counted back from a meeting', () => {
  it('keep the Tallinn wall-clock time across a daylight-saving change', () => {
    // 12.11.2026 10:00 EET; three weeks before is 22.10.2026 10:00 EEST (07:00 UTC), not 11:00.
    const d = meetingDeadlines(new Date('2026-11-12T08:00:00Z'));
    expect(d.roundOpensAt.toISOString()).toBe('2026-10-22T07:00:00.000Z');
    expect(d.opinionsDueAt.toISOString()).toBe('2026-10-29T08:00:00.000Z'); // after the change: EET again
    expect(daysBefore(new Date('2027-04-01T07:00:00Z'), 7).toISOString()).toBe('2027-03-25T08:00:00.000Z'); // 10:00 EET, a week before 10:00 EEST
  });
});
