// Slack: the portfolio manager's plan of one portfolio item, as a modal. Its input blocks are named
// by the form's fields, so the engine's refusals and unreadable input go beside their field.
import { t } from '../../i18n/catalogue.ts';
import type { Locale } from '../../workflow/directory.ts';
import { moneyField, type PlanForm } from '../plan-form.ts';
import { button, section, type Block } from './blocks.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';
import { formatEuros } from '../../i18n/dates.ts';
import type { ItemChoice } from '../plan-data.ts';

const plain = (text: string, max = 150) => ({ type: 'plain_text', text: clip(text, max), emoji: true });

export function planModal(locale: Locale, form: PlanForm, notice?: string, links: ItemChoice[] = []): Block {
  const v = form.values;
  const quarters = (field: 'startQuarter' | 'endQuarter', label: string) => {
    const value = v[field] ?? '';
    const options = [...(value && !form.quarters.includes(value) ? [value] : []), ...form.quarters].map((q) => ({
      text: plain(q, 75),
      value: q,
    }));
    return {
      type: 'input',
      block_id: field,
      label: plain(label),
      element: {
        type: 'static_select',
        action_id: 'v',
        options,
        ...(value ? { initial_option: options.find((o) => o.value === value) } : {}),
      },
    };
  };
  const textInput = (field: string, label: string, maxLength: number) => ({
    type: 'input',
    block_id: field,
    label: plain(label),
    optional: true,
    element: {
      type: 'plain_text_input',
      action_id: 'v',
      max_length: maxLength,
      ...(v[field] ? { initial_value: v[field] } : {}),
    },
  });
  return {
    type: 'modal',
    callback_id: 'plan_item',
    private_metadata: JSON.stringify({ itemId: form.itemId }),
    title: plain(t(locale, 'plan.button'), 24),
    submit: plain(t(locale, 'slack.save'), 24),
    close: plain(t(locale, 'slack.close'), 24),
    blocks: [
      ...(notice ? [section(`:white_check_mark: ${escapeMrkdwn(notice)}`)] : []),
      section(`*${escapeMrkdwn(clip(t(locale, 'plan.title', { title: form.title }), 2900))}*`),
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: escapeMrkdwn(t(locale, 'plan.intro', { first: form.first, last: form.last })) },
        ],
      },
      quarters('startQuarter', t(locale, 'plan.start')),
      quarters('endQuarter', t(locale, 'plan.end')),
      ...(form.otherYears.length
        ? [
            {
              type: 'context',
              elements: [
                {
                  type: 'mrkdwn',
                  text: escapeMrkdwn(
                    t(locale, 'plan.otherYears', {
                      list: form.otherYears.map(([y, eur]) => `${y}: ${formatEuros(eur, '\u00a0')}`).join(', '),
                    }),
                  ),
                },
              ],
            },
          ]
        : []),
      ...form.years.map((year) => textInput(moneyField(year), t(locale, 'plan.money', { year }), 16)),
      textInput('fundingSource', t(locale, 'plan.fundingSource'), 500),
      textInput('people', t(locale, 'plan.people'), 8),
      textInput('tehikTeam', t(locale, 'plan.tehikTeam'), 200),
      // Linked items: found by typing (Slack asks the bot: block_suggestion), those linked now chosen.
      {
        type: 'input',
        block_id: 'linkedItemIds',
        optional: true,
        label: plain(t(locale, 'plan.links')),
        element: {
          type: 'multi_external_select',
          action_id: 'v',
          min_query_length: 2,
          max_selected_items: 50,
          placeholder: plain(t(locale, 'plan.linksSearch'), 150),
          ...(links.length
            ? { initial_options: links.map((l) => ({ text: plain(l.title, 75), value: l.value })) }
            : {}),
        },
      },
      ...(form.done
        ? [
            { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t(locale, 'plan.takeOutNote')) }] },
            {
              type: 'actions',
              block_id: 'take_out',
              elements: [
                {
                  ...button(t(locale, 'plan.takeOut'), 'plan_take_out', form.itemId, 'danger'),
                  confirm: {
                    title: plain(t(locale, 'plan.takeOut'), 100),
                    text: plain(t(locale, 'plan.takeOutConfirm', { title: form.title }), 300),
                    confirm: plain(t(locale, 'plan.takeOutYes'), 30),
                    deny: plain(t(locale, 'plan.takeOutNo'), 30),
                    style: 'danger',
                  },
                },
              ],
            },
          ]
        : []),
    ],
  };
}
