// Adaptive Cards (schema 1.5, as Teams renders them) built from the neutral views. Pure functions:
// data in, card JSON out; every card is checked with the official parser in the tests.
import { randomUUID } from 'node:crypto';
import { t, type MessageKey, type MessageParams } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import type { FieldError } from '../../workflow/refusal.ts';
import type { Directory, Locale } from '../../workflow/directory.ts';
import { STRATEGIC_GOALS, type ProposalFields } from '../../workflow/proposal.ts';
import { FORM_STEPS, type FormField } from '../form-steps.ts';
import { proposalView, type ProposalData } from '../views.ts';
import { escapeCardText } from './markdown.ts';

export type Card = Record<string, unknown> & { type: 'AdaptiveCard' };
type Element = Record<string, unknown>;

export type { Element };
export const card = (body: Element[], actions: Element[] = []): Card => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...(actions.length ? { actions } : {}),
});
export const text = (value: string, extra: Element = {}): Element => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
export const heading = (value: string): Element => text(value, { size: 'Medium', weight: 'Bolder', style: 'heading' });
/**
 * A button. Its data carries a nonce of this rendering: a double click on the same card repeats it
 * (the engine then replays the first result), while the same button on a newer card is a new click.
 */
export const execute = (title: string, data: Record<string, unknown>, extra: Element = {}): Element => ({
  type: 'Action.Execute',
  title,
  verb: String(data.action),
  data: { ...data, n: randomUUID().slice(0, 8) },
  ...extra,
});
export const actionSet = (actions: Element[]): Element => ({ type: 'ActionSet', actions });
export const facts = (pairs: { label: string; value: string }[]): Element => ({
  type: 'FactSet',
  facts: pairs.map((p) => ({ title: p.label, value: escapeCardText(p.value) })),
});

export const tr = (locale: Locale, key: MessageKey, params?: MessageParams) => t(locale, key, params);

export function helpCard(locale: Locale): Card {
  return card(
    [heading(tr(locale, 'help.title')), text(tr(locale, 'help.body')), text(tr(locale, 'help.commands'))],
    [
      execute(tr(locale, 'button.newIdea'), { action: 'intent', intent: 'newIdea' }, { style: 'positive' }),
      execute(tr(locale, 'button.continueDraft'), { action: 'intent', intent: 'continueDraft' }),
      execute(tr(locale, 'button.myProposals'), { action: 'intent', intent: 'myProposals' }),
      execute(tr(locale, 'button.calendar'), { action: 'intent', intent: 'calendar' }),
      execute(tr(locale, 'button.substitute'), { action: 'intent', intent: 'substitute' }),
    ],
  );
}

function inputFor(field: FormField, dir: Directory, locale: Locale, value: unknown, error?: FieldError): Element[] {
  const label = tr(locale, `form.${field.name}` as MessageKey);
  const common = { id: field.name, label, isRequired: field.required, errorMessage: tr(locale, 'field.required') };
  let input: Element;
  switch (field.kind) {
    case 'service':
      input = {
        ...common,
        type: 'Input.ChoiceSet',
        style: 'compact',
        placeholder: tr(locale, 'form.choose'),
        value: value ?? '',
        choices: [...dir.services.values()].map((s) => ({
          title: `${s.name[locale]} (${s.institutionId})`,
          value: s.id,
        })),
      };
      break;
    case 'goals':
      input = {
        ...common,
        type: 'Input.ChoiceSet',
        isMultiSelect: true,
        style: 'expanded',
        value: Array.isArray(value) ? value.join(',') : '',
        choices: STRATEGIC_GOALS.map((g) => ({ title: tr(locale, `goal.${g}` as MessageKey), value: g })),
      };
      break;
    case 'number':
      input = {
        ...common,
        type: 'Input.Text',
        value: value == null ? '' : String(value),
        placeholder: '250000',
        regex: '^\\s*\\d[\\d\\s]*$',
        errorMessage: tr(locale, 'field.wrongType', { expected: 'EUR' }),
      };
      break;
    default:
      input = {
        ...common,
        type: 'Input.Text',
        value: value == null ? '' : String(value),
        isMultiline: field.kind === 'longText',
        maxLength: field.maxLength,
        errorMessage: field.required
          ? tr(locale, 'field.required')
          : tr(locale, 'field.tooLong', { max: field.maxLength ?? 0 }),
      };
  }
  const out = [input];
  if (error)
    out.push(text(tr(locale, error.key, error.params), { color: 'Attention', size: 'Small', spacing: 'None' }));
  return out;
}

export interface FormCardInput {
  dir: Directory;
  locale: Locale;
  proposalId: string | null;
  number: number | null;
  step: number;
  values: Partial<ProposalFields> | Record<string, unknown>;
  errors?: Record<string, FieldError>;
}

/** One step of the proposal form. Buttons carry only the step and the proposal id; the server decides. */
export function formStepCard(f: FormCardInput): Card {
  const steps = FORM_STEPS.length + 1;
  const header = f.number
    ? tr(f.locale, 'form.headerNumber', { number: f.number, step: f.step + 1, steps })
    : tr(f.locale, 'form.header', { step: f.step + 1, steps });
  const body: Element[] = [heading(header)];
  if (f.errors && Object.keys(f.errors).length) body.push(text(tr(f.locale, 'form.fixBelow'), { color: 'Attention' }));
  for (const field of FORM_STEPS[f.step]!)
    body.push(
      ...inputFor(field, f.dir, f.locale, (f.values as Record<string, unknown>)[field.name], f.errors?.[field.name]),
    );
  body.push(text(tr(f.locale, 'form.draftSaved'), { isSubtle: true, size: 'Small' }));
  const ref = { proposalId: f.proposalId, step: f.step };
  const actions = [execute(tr(f.locale, 'button.next'), { action: 'form.next', ...ref }, { style: 'positive' })];
  if (f.step > 0)
    actions.push(execute(tr(f.locale, 'button.back'), { action: 'form.back', ...ref }, { associatedInputs: 'none' }));
  return card(body, actions);
}

/** The summary to check before submitting, with an edit button per step. */
export function summaryCard(
  dir: Directory,
  locale: Locale,
  p: ProposalData,
  errors: Record<string, FieldError> = {},
): Card {
  const v = proposalView(dir, locale, p);
  const body: Element[] = [
    heading(tr(locale, 'form.summaryTitle', { number: p.number })),
    text(`**${escapeCardText(v.title)}**`),
  ];
  if (Object.keys(errors).length) {
    body.push(text(tr(locale, 'form.fixBelow'), { color: 'Attention' }));
    for (const [field, e] of Object.entries(errors))
      body.push(
        text(`${tr(locale, `form.${field}` as MessageKey)}: ${tr(locale, e.key, e.params)}`, {
          color: 'Attention',
          size: 'Small',
        }),
      );
  }
  body.push(facts(v.fields));
  const actions = [
    execute(tr(locale, 'button.submit'), { action: 'form.submit', proposalId: p.id }, { style: 'positive' }),
  ];
  actions.push(execute(tr(locale, 'button.edit'), { action: 'form.edit', proposalId: p.id, step: 0 }));
  return card(body, actions);
}

export function messageCard(lines: string[], actions: Element[] = []): Card {
  return card(
    lines.map((l, i) => (i === 0 ? heading(l) : text(l))),
    actions,
  );
}

export interface MyProposalRow {
  number: number;
  title: string | null;
  status: string;
  next: string;
}

export function myProposalsCard(locale: Locale, rows: MyProposalRow[]): Card {
  if (rows.length === 0)
    return messageCard(
      [tr(locale, 'myProposals.title'), tr(locale, 'myProposals.empty')],
      [execute(tr(locale, 'button.newIdea'), { action: 'intent', intent: 'newIdea' })],
    );
  const body: Element[] = [heading(tr(locale, 'myProposals.title'))];
  for (const r of rows.slice(0, 30)) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(`**${r.number}. ${escapeCardText(r.title ?? '—')}**`),
        text(`${r.status} — ${escapeCardText(r.next)}`, { isSubtle: true, spacing: 'None' }),
      ],
    });
  }
  return card(body);
}

export type AgreementOutcome = { kind: 'agreed' | 'returned'; personName: string; at: Date; comment?: string | null };

/** The service manager's (or policy manager's) request, and the same card after the click. */
export function agreementCard(dir: Directory, locale: Locale, p: ProposalData, outcome?: AgreementOutcome): Card {
  const v = proposalView(dir, locale, p);
  const body: Element[] = [
    heading(tr(locale, 'agreement.title', { number: p.number })),
    text(tr(locale, 'agreement.intro', { submitter: v.submitter, service: v.service })),
    text(`**${escapeCardText(v.title)}**`),
    facts(v.fields),
  ];
  if (outcome) {
    const params = {
      person: outcome.personName,
      date: formatDate(outcome.at),
      comment: escapeCardText(outcome.comment ?? ''),
    };
    body.push(
      text(tr(locale, outcome.kind === 'agreed' ? 'agreement.agreed' : 'agreement.returned', params), {
        weight: 'Bolder',
        color: outcome.kind === 'agreed' ? 'Good' : 'Warning',
      }),
    );
    return card(body);
  }
  body.push({
    type: 'Input.Text',
    id: 'comment',
    label: tr(locale, 'agreement.comment'),
    isMultiline: true,
    maxLength: 2000,
  });
  return card(body, [
    execute(
      tr(locale, 'button.agree'),
      { action: 'agreement.agree', proposalId: p.id },
      { style: 'positive', associatedInputs: 'none' },
    ),
    execute(tr(locale, 'button.return'), { action: 'agreement.return', proposalId: p.id }),
  ]);
}

export { formatDate };
