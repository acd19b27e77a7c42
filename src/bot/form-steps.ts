// The proposal form in steps, so nobody faces ten fields at once. Platform-neutral: Teams renders
// each step as an Adaptive Card, Slack as a modal view. Labels are the catalogue's form.* keys.
import { LIMITS, REQUIRED_FOR_SUBMIT } from '../workflow/forms.ts';
import type { ProposalFields } from '../workflow/proposal.ts';

export type FieldKind = 'text' | 'longText' | 'number' | 'service' | 'goals';

export interface FormField {
  name: keyof ProposalFields;
  kind: FieldKind;
  required: boolean;
  maxLength?: number;
}

const f = (name: keyof ProposalFields, kind: FieldKind, maxLength?: number): FormField => ({
  name,
  kind,
  required: (REQUIRED_FOR_SUBMIT as readonly string[]).includes(name),
  ...(maxLength ? { maxLength } : {}),
});

export const FORM_STEPS: readonly (readonly FormField[])[] = [
  [f('title', 'text', LIMITS.title), f('serviceId', 'service')],
  [f('currentSituation', 'longText', LIMITS.text), f('problem', 'longText', LIMITS.text)],
  [
    f('expectedResult', 'longText', LIMITS.text),
    f('impact', 'longText', LIMITS.text),
    f('alternatives', 'longText', LIMITS.text),
  ],
  [
    f('budgetEur', 'number'),
    f('fundingSource', 'text', LIMITS.short),
    f('legislationNeed', 'longText', LIMITS.text),
    f('stakeholders', 'longText', LIMITS.text),
  ],
  [f('strategicGoals', 'goals'), f('strategicGoalNote', 'text', LIMITS.short)],
];

/** Turns raw submitted input values of one step into draft fields (empty text → null). */
export function fieldsFromInputs(step: number, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of FORM_STEPS[step] ?? []) {
    if (!(field.name in values)) continue;
    const raw = values[field.name];
    if (field.kind === 'goals') {
      out[field.name] = typeof raw === 'string' && raw !== '' ? raw.split(',') : Array.isArray(raw) ? raw : [];
    } else if (field.kind === 'number') {
      const s = typeof raw === 'string' ? raw.trim().replace(/\s/g, '') : raw;
      out[field.name] = s === '' || s == null ? null : typeof s === 'string' && /^-?\d+$/.test(s) ? Number(s) : s;
    } else {
      out[field.name] = typeof raw === 'string' ? (raw.trim() === '' ? null : raw) : raw;
    }
  }
  return out;
}

/** The fields without the required ones left empty: what a closed form saves (a draft may lack a required field, not empty it). */
export function withoutEmptyRequired(fields: Record<string, unknown>): Record<string, unknown> {
  const required = new Set<string>(REQUIRED_FOR_SUBMIT);
  return Object.fromEntries(Object.entries(fields).filter(([name, v]) => !(required.has(name) && v == null)));
}

/** The first step holding one of these fields (to take the person back to a missing field). */
export function stepOf(field: string): number {
  const i = FORM_STEPS.findIndex((s) => s.some((x) => x.name === field));
  return i < 0 ? 0 : i;
}
