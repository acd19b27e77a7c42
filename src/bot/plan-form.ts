// The portfolio manager's plan of an item, as both platforms ask for it: start and end quarter within
// the rolling horizon, euros per year of the horizon, funding source, people and TEHIK team. What was
// typed becomes the engine's planItem input; what cannot be read is told beside its field, and the
// form comes back with everything as it was typed.
import type { MessageKey } from '../i18n/catalogue.ts';
import type { Locale } from '../workflow/directory.ts';
import { LIMITS } from '../workflow/forms.ts';
import { addQuarters, compareQuarters, horizon, type Quarter } from '../workflow/calendar.ts';

/** The form's fields as typed (every value a string), by field name. */
export type PlanValues = Record<string, string>;

export interface PlanForm {
  itemId: string;
  title: string;
  /** finished: the portfolio manager may take it out of the portfolio */
  done: boolean;
  first: string;
  last: string;
  /** the quarters of the horizon, in order */
  quarters: string[];
  /** the years the horizon touches: one money field each (`money_<year>`) */
  years: string[];
  /** money of years outside the horizon: kept as it is, shown for the total */
  otherYears: [string, number][];
  values: PlanValues;
}

/** The most the engine takes (src/workflow/transitions/portfolio.ts). */
const MAX_EUR = LIMITS.budgetEur;
const MAX_PEOPLE = 10_000;

export interface PlannedItem {
  id: string;
  title: string;
  status: string;
  startQuarter: string;
  endQuarter: string;
  moneyPerYear: unknown;
  fundingSource: string | null;
  people: { toString(): string } | number | null;
  tehikTeam: string | null;
  /** the items it is linked to (e.g. social–health integration) */
  linkedIds: string[];
}

/** The linked items as the form carries them: ids joined by commas (as Teams sends a multi-select). */
export const linkedIdsOf = (values: PlanValues): string[] => [
  ...new Set(
    (values.linkedItemIds ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

export const moneyField = (year: string) => `money_${year}`;

/** The form for an item, filled with its plan now (or with what was typed, when given); people written as the locale writes decimals. */
export function planForm(item: PlannedItem, now: Date, typed?: PlanValues, locale: Locale = 'et'): PlanForm {
  const { first, last } = horizon(now);
  const quarters: string[] = [];
  for (let q: Quarter = first; compareQuarters(q, last) <= 0; q = addQuarters(q, 1)) quarters.push(q);
  const years = [...new Set(quarters.map((q) => q.slice(0, 4)))];
  const money = (item.moneyPerYear && typeof item.moneyPerYear === 'object' ? item.moneyPerYear : {}) as Record<
    string,
    unknown
  >;
  const values: PlanValues = {
    startQuarter: item.startQuarter,
    endQuarter: item.endQuarter,
    fundingSource: item.fundingSource ?? '',
    people: item.people == null ? '' : locale === 'et' ? String(item.people).replace('.', ',') : String(item.people),
    tehikTeam: item.tehikTeam ?? '',
    linkedItemIds: item.linkedIds.join(','),
    ...Object.fromEntries(years.map((y) => [moneyField(y), Number(money[y]) > 0 ? String(money[y]) : ''])),
  };
  const otherYears = Object.entries(money)
    .filter(([y, eur]) => !years.includes(y) && Number(eur) > 0)
    .map(([y, eur]): [string, number] => [y, Number(eur)])
    .sort(([a], [b]) => a.localeCompare(b));
  return {
    itemId: item.id,
    title: item.title,
    done: item.status === 'done',
    first,
    last,
    quarters,
    years,
    otherYears,
    values: typed ? { ...values, ...typed } : values,
  };
}

/** What was typed, read field by field from a platform's submitted values (absent is empty). */
export function typedValues(form: PlanForm, read: (field: string) => unknown): PlanValues {
  return Object.fromEntries(
    Object.keys(form.values).map((f) => {
      const v = read(f);
      return [f, typeof v === 'string' ? v : v == null ? '' : String(v)];
    }),
  );
}

/**
 * The engine's input from what was typed, or the fields that cannot be read. Years outside the form
 * (before the horizon) keep their money; an empty amount is no money that year.
 */
export function planInput(
  form: PlanForm,
  current: PlannedItem,
): { ok: true; input: Record<string, unknown> } | { ok: false; errors: Record<string, MessageKey> } {
  const v = form.values;
  const errors: Record<string, MessageKey> = {};
  const money: Record<string, number> = {};
  for (const [year, eur] of form.otherYears) money[year] = eur;
  for (const year of form.years) {
    const typed = (v[moneyField(year)] ?? '').replace(/[\s\u00a0\u202f€]/g, '');
    if (typed === '') continue;
    if (!/^\d{1,10}$/.test(typed) || Number(typed) > MAX_EUR) {
      errors[moneyField(year)] = 'plan.notAmount';
      continue;
    }
    if (Number(typed) > 0) money[year] = Number(typed);
  }
  const peopleText = (v.people ?? '').trim().replace(',', '.');
  if (
    peopleText !== '' &&
    (!/^\d{0,5}(\.\d)?$/.test(peopleText) || peopleText === '.' || Number(peopleText) > MAX_PEOPLE)
  )
    errors.people = 'plan.notPeople';
  if (Object.keys(errors).length) return { ok: false, errors };
  const text = (s: string | undefined) => (s ?? '').trim() || null;
  // A quarter is sent only when it changes: an item that began before the horizon keeps its start.
  const quarter = (field: 'startQuarter' | 'endQuarter') =>
    v[field] && v[field] !== current[field] ? { [field]: v[field] } : {};
  return {
    ok: true,
    input: {
      itemId: form.itemId,
      ...quarter('startQuarter'),
      ...quarter('endQuarter'),
      moneyPerYear: money,
      fundingSource: text(v.fundingSource),
      people: peopleText === '' ? null : Number(peopleText),
      tehikTeam: text(v.tehikTeam),
      linkedItemIds: linkedIdsOf(v).filter((id) => id !== form.itemId), // a link to itself means nothing
    },
  };
}

/** Which field a refusal of the plan belongs beside: the field it names, or the changed quarter that is out. */
export function refusalField(
  form: PlanForm,
  refusal: { key: string; fieldErrors: Record<string, unknown> },
  current: { endQuarter: string },
): string {
  const named = Object.keys(refusal.fieldErrors)[0];
  if (named)
    return named === 'moneyPerYear' ? moneyField(form.years[0]!) : named in form.values ? named : 'startQuarter';
  if (refusal.key === 'refusal.quarterOutsideHorizon') {
    const end = form.values.endQuarter;
    const endOut =
      !!end &&
      end !== current.endQuarter &&
      (compareQuarters(end, form.first) < 0 || compareQuarters(end, form.last) > 0);
    return endOut ? 'endQuarter' : 'startQuarter';
  }
  return refusal.key === 'refusal.quarterOrder' ? 'endQuarter' : 'startQuarter';
}
