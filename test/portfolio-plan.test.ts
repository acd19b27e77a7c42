// The rolling 4-year plan: the first 18 months by quarter, the rest by year, across year boundaries
// and at Tallinn midnight; which columns an item reaches; periods people filter by; money per year.
import { describe, expect, it } from 'vitest';
import {
  columnsOf,
  horizonOf,
  inPeriod,
  moneyByYear,
  parsePeriod,
  planColumns,
} from '../src/workflow/portfolio-plan.ts';

const keys = (now: string) => planColumns(new Date(now)).map((c) => c.key);

describe('the rolling 4-year plan', () => {
  it('plans six quarters, then the years the sixteen quarters reach into', () => {
    expect(keys('2026-11-25T10:00:00Z')).toEqual([
      '2026Q4',
      '2027Q1',
      '2027Q2',
      '2027Q3',
      '2027Q4',
      '2028Q1',
      '2028',
      '2029',
      '2030',
    ]);
    const cols = planColumns(new Date('2026-11-25T10:00:00Z'));
    expect(cols[6]).toMatchObject({ kind: 'year', first: '2028Q2', last: '2028Q4' });
    expect(cols[8]).toMatchObject({ kind: 'year', first: '2030Q1', last: '2030Q3' });
    expect(horizonOf(cols)).toEqual({ first: '2026Q4', last: '2030Q3' });
  });

  it('starts a new year at Tallinn midnight, not at UTC midnight', () => {
    expect(keys('2026-12-31T21:30:00Z')[0]).toBe('2026Q4'); // 23:30 in Tallinn
    expect(keys('2026-12-31T22:30:00Z')).toEqual([
      '2027Q1',
      '2027Q2',
      '2027Q3',
      '2027Q4',
      '2028Q1',
      '2028Q2',
      '2028',
      '2029',
      '2030',
    ]);
    expect(planColumns(new Date('2027-01-05T10:00:00Z'))[6]).toMatchObject({ first: '2028Q3', last: '2028Q4' });
  });

  it('a plan that starts in the third quarter has a partial first year column', () => {
    expect(keys('2027-08-01T10:00:00Z')).toEqual([
      '2027Q3',
      '2027Q4',
      '2028Q1',
      '2028Q2',
      '2028Q3',
      '2028Q4',
      '2029',
      '2030',
      '2031',
    ]);
  });

  it('finds the columns an item reaches, across the quarter/year seam', () => {
    const cols = planColumns(new Date('2026-11-25T10:00:00Z'));
    expect(columnsOf({ startQuarter: '2027Q4', endQuarter: '2028Q3' }, cols)).toEqual([4, 5, 6]);
    expect(columnsOf({ startQuarter: '2025Q1', endQuarter: '2026Q4' }, cols)).toEqual([0]);
    expect(columnsOf({ startQuarter: '2029Q2', endQuarter: '2035Q1' }, cols)).toEqual([7, 8]);
    expect(columnsOf({ startQuarter: '2031Q1', endQuarter: '2031Q4' }, cols)).toEqual([]);
    expect(columnsOf({ startQuarter: '2024Q1', endQuarter: '2025Q4' }, cols)).toEqual([]);
  });

  it('filters by a quarter or a year', () => {
    expect(parsePeriod('2027Q3')).toEqual({ kind: 'quarter', quarter: '2027Q3' });
    expect(parsePeriod('2027 q3')).toEqual({ kind: 'quarter', quarter: '2027Q3' });
    expect(parsePeriod('2028')).toEqual({ kind: 'year', year: 2028 });
    expect(parsePeriod('Q3')).toBeNull();
    const item = { startQuarter: '2027Q4', endQuarter: '2028Q2' };
    expect(inPeriod(item, parsePeriod('2027Q3')!)).toBe(false);
    expect(inPeriod(item, parsePeriod('2027Q4')!)).toBe(true);
    expect(inPeriod(item, parsePeriod('2028')!)).toBe(true);
    expect(inPeriod(item, parsePeriod('2029')!)).toBe(false);
  });

  it('sums money per year and funding source', () => {
    const m = moneyByYear([
      { moneyPerYear: { 2028: 50_000, 2027: 100_000 }, fundingSource: 'RE' },
      { moneyPerYear: { 2027: 20_000 }, fundingSource: 'EL' },
      { moneyPerYear: { 2027: 5_000 }, fundingSource: null },
    ]);
    expect([...m.keys()]).toEqual(['2027', '2028']);
    expect(Object.fromEntries(m.get('2027')!)).toEqual({ RE: 100_000, EL: 20_000, '—': 5_000 });
  });
});
