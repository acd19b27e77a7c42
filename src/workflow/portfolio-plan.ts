// The rolling 4-year portfolio (PROCESS.md stage 3): sixteen quarters from the current one, of which
// the first 18 months (six quarters) are planned by quarter and the rest by calendar year. Pure.
import { addQuarters, compareQuarters, parseQuarter, quarterOf, type Quarter } from './calendar.ts';

export const HORIZON_QUARTERS = 16;
export const DETAIL_QUARTERS = 6;

export interface PlanColumn {
  key: string;
  kind: 'quarter' | 'year';
  /** "2027 Q1" or "2028" */
  label: string;
  first: Quarter;
  last: Quarter;
}

/** The columns of the plan as of `now`: six quarters, then the years the horizon reaches into. */
export function planColumns(now: Date): PlanColumn[] {
  const first = quarterOf(now);
  const columns: PlanColumn[] = [];
  for (let i = 0; i < DETAIL_QUARTERS; i += 1) {
    const q = addQuarters(first, i);
    const { year, quarter } = parseQuarter(q);
    columns.push({ key: q, kind: 'quarter', label: `${year} Q${quarter}`, first: q, last: q });
  }
  for (let i = DETAIL_QUARTERS; i < HORIZON_QUARTERS; i += 1) {
    const q = addQuarters(first, i);
    const { year } = parseQuarter(q);
    const last = columns[columns.length - 1]!;
    if (last.kind === 'year' && last.key === String(year)) last.last = q;
    else columns.push({ key: String(year), kind: 'year', label: String(year), first: q, last: q });
  }
  return columns;
}

/** The horizon's first and last quarter. */
export function horizonOf(columns: readonly PlanColumn[]): { first: Quarter; last: Quarter } {
  return { first: columns[0]!.first, last: columns[columns.length - 1]!.last };
}

/** The indexes of the columns an item (start and end quarter, both included) reaches into. */
export function columnsOf(
  item: { startQuarter: string; endQuarter: string },
  columns: readonly PlanColumn[],
): number[] {
  const out: number[] = [];
  columns.forEach((c, i) => {
    if (compareQuarters(item.startQuarter, c.last) <= 0 && compareQuarters(item.endQuarter, c.first) >= 0) out.push(i);
  });
  return out;
}

/** A period a person filters by: a quarter ("2027Q3") or a year ("2028"). */
export type Period = { kind: 'quarter'; quarter: Quarter } | { kind: 'year'; year: number };

export function parsePeriod(text: string): Period | null {
  const q = /^(\d{4})\s*-?\s*Q([1-4])$/i.exec(text.trim());
  if (q) return { kind: 'quarter', quarter: `${Number(q[1])}Q${Number(q[2]) as 1 | 2 | 3 | 4}` };
  const y = /^(\d{4})$/.exec(text.trim());
  return y ? { kind: 'year', year: Number(y[1]) } : null;
}

export function inPeriod(item: { startQuarter: string; endQuarter: string }, p: Period): boolean {
  const first: Quarter = p.kind === 'quarter' ? p.quarter : `${p.year}Q1`;
  const last: Quarter = p.kind === 'quarter' ? p.quarter : `${p.year}Q4`;
  return compareQuarters(item.startQuarter, last) <= 0 && compareQuarters(item.endQuarter, first) >= 0;
}

/** An item's money as the resource chart adds it up: its funding source and its positive euros per year. */
export interface MoneyLine {
  source: string;
  years: readonly (readonly [string, number])[];
}

export function moneyLine(i: { moneyPerYear: Record<string, number>; fundingSource: string | null }): MoneyLine {
  return {
    source: i.fundingSource?.trim() || '—',
    years: Object.entries(i.moneyPerYear).filter(([, eur]) => Number.isFinite(eur) && eur > 0),
  };
}

/** Euros summed per year and funding source (for the resource chart). */
export type MoneySums = Map<string, Map<string, number>>;

/** Adds an item's money to the sums (sign -1: takes it away; a sum that reaches nothing is gone). */
export function addMoney(sums: MoneySums, { source, years }: MoneyLine, sign: 1 | -1 = 1): void {
  for (let k = 0; k < years.length; k += 1) {
    const [year, eur] = years[k]!;
    let bySource = sums.get(year);
    if (!bySource) {
      bySource = new Map<string, number>();
      sums.set(year, bySource);
    }
    const sum = (bySource.get(source) ?? 0) + sign * eur;
    if (sum !== 0) bySource.set(source, sum);
    else bySource.delete(source);
    if (bySource.size === 0) sums.delete(year);
  }
}

/** The sums with their years in order. */
export function yearsInOrder(sums: MoneySums): MoneySums {
  return new Map([...sums.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export function sumMoney(lines: Iterable<MoneyLine>): MoneySums {
  const sums: MoneySums = new Map();
  for (const line of lines) addMoney(sums, line);
  return yearsInOrder(sums);
}

/** Euros per year of the items, summed per year and funding source. */
export function moneyByYear(
  items: readonly { moneyPerYear: Record<string, number>; fundingSource: string | null }[],
): Map<string, Map<string, number>> {
  return sumMoney(items.map(moneyLine));
}
