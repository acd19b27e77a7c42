// Block Kit views of the proposal form (a modal in steps), the summary, the agreement request and
// its outcome. Pure functions: data in, Block Kit JSON out.
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import type { FieldError } from '../../workflow/refusal.ts';
import type { Directory, Locale } from '../../workflow/directory.ts';
import { STRATEGIC_GOALS } from '../../workflow/proposal.ts';
import { FORM_STEPS, type FormField } from '../form-steps.ts';
import { proposalView, type ProposalData } from '../views.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';

export type Block = Record<string, unknown>;
const plain = (text: string, max = 150) => ({ type: 'plain_text', text: clip(text, max), emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: clip(text, 3000) });
export const section = (text: string): Block => ({ type: 'section', text: mrkdwn(text) });
export const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Block => ({
  type: 'button',
  text: plain(text, 75),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

function inputBlock(field: FormField, dir: Directory, locale: Locale, value: unknown): Block {
  const label = plain(t(locale, `form.${field.name}` as MessageKey));
  const base = { type: 'input', block_id: field.name, label, optional: !field.required, dispatch_action: false };
  switch (field.kind) {
    case 'service': {
      const options = [...dir.services.values()].map((s) => ({
        text: plain(`${s.name[locale]} (${s.institutionId})`, 75),
        value: s.id,
      }));
      const initial = options.find((o) => o.value === value);
      return {
        ...base,
        element: {
          type: 'static_select',
          action_id: 'v',
          placeholder: plain(t(locale, 'form.choose')),
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      };
    }
    case 'goals': {
      const options = STRATEGIC_GOALS.map((g) => ({ text: plain(t(locale, `goal.${g}` as MessageKey), 75), value: g }));
      const chosen = options.filter((o) => Array.isArray(value) && value.includes(o.value));
      return {
        ...base,
        optional: true,
        element: { type: 'checkboxes', action_id: 'v', options, ...(chosen.length ? { initial_options: chosen } : {}) },
      };
    }
    default:
      return {
        ...base,
        element: {
          type: 'plain_text_input',
          action_id: 'v',
          multiline: field.kind === 'longText',
          ...(field.maxLength ? { max_length: field.maxLength } : {}),
          ...(value != null && value !== '' ? { initial_value: String(value) } : {}),
        },
      };
  }
}

export interface StepMeta {
  proposalId: string | null;
  step: number;
}

/** One step of the proposal form as a modal; closing it saves the draft (notify_on_close). */
export function formStepModal(dir: Directory, locale: Locale, meta: StepMeta, values: Record<string, unknown>): Block {
  const steps = FORM_STEPS.length + 1;
  return {
    type: 'modal',
    callback_id: 'proposal_step',
    notify_on_close: true,
    private_metadata: JSON.stringify(meta),
    title: plain(t(locale, 'slack.formTitle', { step: meta.step + 1, steps }), 24),
    submit: plain(t(locale, 'button.next'), 24),
    close: plain(t(locale, 'slack.close'), 24),
    blocks: [
      ...FORM_STEPS[meta.step]!.map((f) => inputBlock(f, dir, locale, values[f.name])),
      { type: 'context', elements: [mrkdwn(t(locale, 'form.draftSaved'))] },
    ],
  };
}

/** Per-field errors as Slack wants them next to the inputs (response_action: "errors"). */
export function slackErrors(locale: Locale, errors: Record<string, FieldError>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, e]) => [field.startsWith('_') ? 'title' : field, t(locale, e.key, e.params)]),
  );
}

export function summaryModal(dir: Directory, locale: Locale, p: ProposalData, problems: string[] = []): Block {
  const v = proposalView(dir, locale, p);
  return {
    type: 'modal',
    callback_id: 'proposal_summary',
    private_metadata: JSON.stringify({ proposalId: p.id, step: FORM_STEPS.length }),
    title: plain(t(locale, 'slack.summaryTitle'), 24),
    submit: plain(t(locale, 'button.submit'), 24),
    close: plain(t(locale, 'slack.close'), 24),
    blocks: [
      section(`*${escapeMrkdwn(t(locale, 'form.summaryTitle', { number: p.number }))}*\n*${escapeMrkdwn(v.title)}*`),
      ...problems.map((msg) => section(`:warning: ${escapeMrkdwn(msg)}`)),
      ...v.fields.map((f) => section(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`)),
    ].slice(0, 100),
  };
}

export function helpBlocks(locale: Locale): Block[] {
  return [
    section(`*${t(locale, 'help.title')}*\n${t(locale, 'help.body')}`),
    section(t(locale, 'slack.help')),
    { type: 'actions', elements: [button(t(locale, 'button.newIdea'), 'open_form', 'new', 'primary')] },
  ];
}

export interface AgreementOutcome {
  kind: 'agreed' | 'returned';
  personName: string;
  at: Date;
  comment?: string | null;
}

/** The DM to the service manager (or policy manager) and, after the click, the same message with the outcome. */
export function agreementBlocks(
  dir: Directory,
  locale: Locale,
  p: ProposalData,
  nonce: string,
  outcome?: AgreementOutcome,
): Block[] {
  const v = proposalView(dir, locale, p);
  const blocks: Block[] = [
    section(
      `*${escapeMrkdwn(t(locale, 'agreement.title', { number: p.number }))}*\n${escapeMrkdwn(t(locale, 'agreement.intro', { submitter: v.submitter, service: v.service }))}`,
    ),
    section(`*${escapeMrkdwn(v.title)}*`),
    ...v.fields.slice(0, 6).map((f) => section(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`)),
  ];
  if (outcome) {
    blocks.push(
      section(
        escapeMrkdwn(
          t(locale, outcome.kind === 'agreed' ? 'agreement.agreed' : 'agreement.returned', {
            person: outcome.personName,
            date: formatDate(outcome.at),
            comment: outcome.comment ?? '',
          }),
        ),
      ),
    );
    return blocks;
  }
  const value = JSON.stringify({ proposalId: p.id, n: nonce });
  blocks.push({
    type: 'actions',
    block_id: 'agreement',
    elements: [
      button(t(locale, 'button.agree'), 'agreement_agree', value, 'primary'),
      button(t(locale, 'button.return'), 'agreement_return', value),
    ],
  });
  return blocks;
}

export function returnCommentModal(locale: Locale, meta: { proposalId: string; channel: string; ts: string }): Block {
  return {
    type: 'modal',
    callback_id: 'agreement_return_modal',
    private_metadata: JSON.stringify(meta),
    title: plain(t(locale, 'button.return'), 24),
    submit: plain(t(locale, 'button.return'), 24),
    close: plain(t(locale, 'slack.close'), 24),
    blocks: [
      {
        type: 'input',
        block_id: 'comment',
        label: plain(t(locale, 'agreement.comment')),
        element: { type: 'plain_text_input', action_id: 'v', multiline: true, max_length: 2000 },
      },
    ],
  };
}
