// The proposal form's rules (zod): what a draft may hold and what a submission must hold.
// Errors come back per field with a message key, so a platform can show them next to the field.
import { z } from 'zod';
import type { FieldError } from './refusal.ts';
import { Refusal } from './refusal.ts';
import { STRATEGIC_GOALS, type ProposalFields } from './proposal.ts';
import { textField } from './text.ts';

export const LIMITS = { title: 200, text: 4000, short: 500, budgetEur: 1_000_000_000, comment: 2000 } as const;

const text = (max: number) =>
  textField()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));
/** A field a submission needs: a draft may leave it out, but not empty it (nothing, or only spaces, is "required"). */
const required = (max: number) => z.preprocess((v) => v ?? '', textField().trim().min(1).max(max));

/** A draft: every field optional, but what is there must fit. */
export const draftSchema = z
  .object({
    title: required(LIMITS.title),
    serviceId: required(100),
    currentSituation: required(LIMITS.text),
    problem: required(LIMITS.text),
    expectedResult: required(LIMITS.text),
    impact: required(LIMITS.text),
    alternatives: required(LIMITS.text),
    budgetEur: z.number().int().min(0).max(LIMITS.budgetEur).nullable(),
    fundingSource: text(LIMITS.short),
    legislationNeed: text(LIMITS.text),
    stakeholders: text(LIMITS.text),
    strategicGoals: z
      .array(z.enum(STRATEGIC_GOALS))
      .max(STRATEGIC_GOALS.length)
      .transform((a) => [...new Set(a)]),
    strategicGoalNote: text(LIMITS.short),
  })
  .partial()
  .strict();

export type DraftInput = z.input<typeof draftSchema>;

/** Fields a submission must have (PROCESS.md: at least current situation, problem, expected result, impact, alternatives). */
export const REQUIRED_FOR_SUBMIT = [
  'title',
  'serviceId',
  'currentSituation',
  'problem',
  'expectedResult',
  'impact',
  'alternatives',
] as const satisfies readonly (keyof ProposalFields)[];

function issueToFieldError(issue: z.core.$ZodIssue): FieldError {
  switch (issue.code) {
    case 'too_big':
      return { key: 'field.tooLong', params: { max: Number(issue.maximum) } };
    case 'too_small':
      return {
        key: issue.origin === 'number' ? 'field.tooSmall' : 'field.required',
        params: { min: Number(issue.minimum) },
      };
    case 'invalid_type':
      return { key: 'field.wrongType', params: { expected: String(issue.expected) } };
    case 'invalid_value':
      return { key: 'field.notAllowed' };
    case 'unrecognized_keys':
      return { key: 'field.unknown', params: { keys: issue.keys.join(', ') } };
    default:
      return { key: 'field.invalid' };
  }
}

/** Turns a zod error into a Refusal with per-field errors. */
export function refusalFromZod(error: z.ZodError): Refusal {
  const fields: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    const name = issue.code === 'unrecognized_keys' ? '_form' : String(issue.path[0] ?? '_form');
    fields[name] ??= issueToFieldError(issue);
  }
  return new Refusal('validation.invalid', { fields: Object.keys(fields).join(', ') }, fields);
}

export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw refusalFromZod(result.error);
  return result.data;
}

/** Checks that a complete form is there; returns per-field errors (empty when fine). */
export function missingForSubmit(fields: ProposalFields): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const f of REQUIRED_FOR_SUBMIT) {
    const v = fields[f];
    if (v == null || (typeof v === 'string' && v.trim() === '')) errors[f] = { key: 'field.required' };
  }
  return errors;
}
