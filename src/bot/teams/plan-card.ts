// Teams: the portfolio manager's plan of one portfolio item, as an Adaptive Card. A field that cannot
// be read, or a refusal, is shown beside its field, with everything as it was typed.
import type { Locale } from '../../workflow/directory.ts';
import { moneyField, type PlanForm } from '../plan-form.ts';
import { actionSet, card, execute, heading, text, tr, type Card, type Element } from './cards.ts';
import { escapeCardText } from './markdown.ts';
import type { ItemChoice } from '../plan-data.ts';

/** The typeahead dataset of the linked-items field. */
export const PLAN_LINK_DATASET = 'portfolioItems';
import { formatEuros } from '../../i18n/dates.ts';

/** `back`: the portfolio page and filter the manager came from (carried through saving). */
/** `links`: the choices of the linked-items field (the linked ones first). */
export function planCard(
  locale: Locale,
  form: PlanForm,
  shown: { notice?: string; errors?: Record<string, string> } = {},
  back: Record<string, unknown> = { page: 0 },
  links: ItemChoice[] = [],
): Card {
  const v = form.values;
  const problem = (field: string): Element[] =>
    shown.errors?.[field]
      ? [text(escapeCardText(shown.errors[field]!), { color: 'Attention', size: 'Small', spacing: 'None' })]
      : [];
  const quarters = (field: 'startQuarter' | 'endQuarter', label: string): Element[] => {
    const value = v[field] ?? '';
    const choices = [...(value && !form.quarters.includes(value) ? [value] : []), ...form.quarters].map((q) => ({
      title: q,
      value: q,
    }));
    return [{ type: 'Input.ChoiceSet', id: field, label, style: 'compact', value, choices }, ...problem(field)];
  };
  const textInput = (field: string, label: string, maxLength: number, placeholder?: string): Element[] => [
    { type: 'Input.Text', id: field, label, value: v[field] ?? '', maxLength, ...(placeholder ? { placeholder } : {}) },
    ...problem(field),
  ];
  const body: Element[] = [heading(tr(locale, 'plan.title', { title: escapeCardText(form.title) }))];
  if (shown.notice) body.push(text(shown.notice, { color: 'Good', weight: 'Bolder' }));
  body.push(text(tr(locale, 'plan.intro', { first: form.first, last: form.last }), { isSubtle: true, size: 'Small' }));
  body.push({
    type: 'ColumnSet',
    columns: [
      { type: 'Column', width: 'stretch', items: quarters('startQuarter', tr(locale, 'plan.start')) },
      { type: 'Column', width: 'stretch', items: quarters('endQuarter', tr(locale, 'plan.end')) },
    ],
  });
  if (form.otherYears.length)
    body.push(
      text(
        tr(locale, 'plan.otherYears', {
          list: form.otherYears.map(([y, eur]) => `${y}: ${formatEuros(eur, '\u00a0')}`).join(', '),
        }),
        { isSubtle: true, size: 'Small' },
      ),
    );
  for (let k = 0; k < form.years.length; k += 3) {
    // three years a row: amounts stay readable
    const row = form.years.slice(k, k + 3).map((year): Element => ({
      type: 'Column',
      width: 'stretch',
      items: textInput(moneyField(year), tr(locale, 'plan.money', { year }), 16, '0'),
    }));
    while (row.length < 3) row.push({ type: 'Column', width: 'stretch', items: [] });
    body.push({ type: 'ColumnSet', columns: row });
  }
  body.push(...textInput('fundingSource', tr(locale, 'plan.fundingSource'), 500));
  body.push({
    type: 'ColumnSet',
    columns: [
      { type: 'Column', width: 'stretch', items: textInput('people', tr(locale, 'plan.people'), 8, '2,5') },
      { type: 'Column', width: 'stretch', items: textInput('tehikTeam', tr(locale, 'plan.tehikTeam'), 200) },
    ],
  });
  // Linked items: those linked now and the first others as choices, more found by typing (Teams asks
  // the bot: card.search). With no other item there is nothing to link.
  if (links.length)
    body.push(
      {
        type: 'Input.ChoiceSet',
        id: 'linkedItemIds',
        label: tr(locale, 'plan.links'),
        isMultiSelect: true,
        style: 'filtered',
        placeholder: tr(locale, 'plan.linksSearch'),
        value: v.linkedItemIds ?? '',
        choices: links.map((l) => ({
          title: l.title.length > 80 ? `${l.title.slice(0, 79)}…` : l.title,
          value: l.value,
        })),
        'choices.data': { type: 'Data.Query', dataset: PLAN_LINK_DATASET, count: 20 },
      },
      ...problem('linkedItemIds'),
    );
  body.push(
    actionSet([
      execute(
        tr(locale, 'plan.save'),
        { action: 'portfolio.planSave', itemId: form.itemId, back },
        { style: 'positive' },
      ),
      execute(tr(locale, 'plan.backToPortfolio'), { ...back, action: 'portfolio.page' }),
    ]),
  );
  if (form.done) {
    body.push(text(tr(locale, 'plan.takeOutNote'), { isSubtle: true, size: 'Small', separator: true }));
    body.push(
      actionSet([
        {
          type: 'Action.ShowCard',
          title: tr(locale, 'plan.takeOut'),
          card: {
            type: 'AdaptiveCard',
            body: [text(tr(locale, 'plan.takeOutConfirm', { title: escapeCardText(form.title) }))],
            actions: [
              execute(
                tr(locale, 'plan.takeOutYes'),
                { action: 'portfolio.takeOut', itemId: form.itemId },
                { style: 'destructive' },
              ),
            ],
          },
        },
      ]),
    );
  }
  return card(body);
}
