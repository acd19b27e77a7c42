// Neutral views the platforms render: a proposal summary as labelled values in the reader's
// language. Built from the engine's data and the directory; no platform types.
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { formatDate } from '../i18n/dates.ts';
import type { Directory, Locale } from '../workflow/directory.ts';
import { FORM_FIELDS, type ProposalFields } from '../workflow/proposal.ts';
import type { Stage } from '../workflow/stages.ts';

export interface LabelledValue {
  label: string;
  value: string;
}

export interface ProposalView {
  proposalId: string;
  number: number;
  title: string;
  status: string;
  submitter: string;
  service: string;
  fields: LabelledValue[];
}

export interface ProposalData extends ProposalFields {
  id: string;
  number: number;
  status: string;
  submitterId: string;
  submittedAt?: Date | null;
  institutionId?: string | null;
  priority?: number | null;
}

const EUR = new Intl.NumberFormat('et-EE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export function fieldValue(dir: Directory, locale: Locale, p: ProposalFields, name: keyof ProposalFields): string {
  const v = p[name];
  if (v == null || (Array.isArray(v) && v.length === 0) || v === '') return '—';
  if (name === 'serviceId') return dir.services.get(String(v))?.name[locale] ?? String(v);
  if (name === 'budgetEur') return EUR.format(Number(v));
  if (name === 'strategicGoals') return (v as string[]).map((g) => t(locale, `goal.${g}` as MessageKey)).join(', ');
  return String(v);
}

/**
 * Longest text of one field shown on a card: ten fields at the form's 4,000-character limit would
 * not fit Teams' 28 KB card, so a card shows the start and says it is shortened.
 */
export const CARD_FIELD_MAX = 1500;

export function shorten(locale: Locale, value: string, max = CARD_FIELD_MAX): string {
  return value.length <= max ? value : `${value.slice(0, max).trimEnd()}… ${t(locale, 'view.shortened')}`;
}

export function proposalView(dir: Directory, locale: Locale, p: ProposalData): ProposalView {
  return {
    proposalId: p.id,
    number: p.number,
    title: p.title ?? '—',
    status: t(locale, `stage.${p.status as Stage}` as MessageKey),
    submitter: dir.people.get(p.submitterId)?.name ?? p.submitterId,
    service: fieldValue(dir, locale, p, 'serviceId'),
    fields: FORM_FIELDS.filter((f) => f !== 'title')
      .map((f) => ({
        label: t(locale, `form.${f}` as MessageKey),
        value: shorten(locale, fieldValue(dir, locale, p, f)),
      }))
      .concat(p.submittedAt ? [{ label: t(locale, 'view.submittedAt'), value: formatDate(p.submittedAt) }] : []),
  };
}
