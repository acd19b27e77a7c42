// A neutral View (src/bot/conversation/view.ts) as an Adaptive Card 1.5, as Teams renders it. Pure:
// view in, card out. Every text is escaped here; Teams' 28 KB limit is kept here, once, by
// shortening the longest texts until the card fits.
import { randomUUID } from 'node:crypto';
import type {
  CardElementArray,
  IActionSet,
  IAdaptiveCard,
  IExecuteAction,
  IOpenUrlAction,
  ITextBlock,
} from '@microsoft/teams.cards';
import type { Button, Input, Part, View } from '../conversation/view.ts';
import { escapeCardText } from './markdown.ts';

export type AdaptiveCard = IAdaptiveCard & { type: 'AdaptiveCard' };
type Element = CardElementArray[number];

/** Teams refuses a card over 28 KB; the renderer keeps under it with room for the activity around it. */
export const TEAMS_CARD_BYTES = 27 * 1024;

/** How many choices a typeahead asks for at a time (src/bot/conversation/view.ts, kind 'search'). */
export const SEARCH_COUNT = 20;

const clipText = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

/**
 * A button's data: the flow, its arguments (beside them Teams puts the card's inputs), and a nonce of this rendering, so that a double click
 * on the same card repeats the click (the engine replays it) while the same button on a newer card is
 * a new click.
 */
export function executeAction(b: Button): IExecuteAction {
  return {
    type: 'Action.Execute',
    title: clipText(b.label, 80),
    verb: b.action,
    data: { action: b.action, args: b.args ?? {}, n: randomUUID().slice(0, 8) },
    ...(b.style === 'primary'
      ? { style: 'positive' as const }
      : b.style === 'danger'
        ? { style: 'destructive' as const }
        : {}),
    ...(b.withInputs ? {} : { associatedInputs: 'none' as const }),
  };
}

function inputElements(i: Input, max: number): Element[] {
  const common = {
    id: i.id,
    label: i.label,
    isRequired: i.required ?? false,
    ...(i.required ? { errorMessage: i.error ?? i.requiredText ?? i.label } : {}),
  };
  let el: Element;
  switch (i.kind) {
    case 'text':
      el = {
        ...common,
        type: 'Input.Text',
        value: clipText(i.value ?? '', i.maxLength ?? 100_000),
        isMultiline: i.multiline ?? false,
        ...(i.maxLength ? { maxLength: i.maxLength } : {}),
        ...(i.placeholder ? { placeholder: i.placeholder } : {}),
      };
      break;
    case 'number':
      el = {
        ...common,
        type: 'Input.Text',
        value: i.value ?? '',
        regex: '^\\s*\\d[\\d\\s]*$',
        ...(i.placeholder ? { placeholder: i.placeholder } : {}),
      };
      break;
    case 'date':
      el = { ...common, type: 'Input.Date', ...(i.value ? { value: i.value } : {}) };
      break;
    case 'time':
      el = { ...common, type: 'Input.Time', ...(i.value ? { value: i.value } : {}) };
      break;
    case 'search':
      // Teams' typeahead: the choices offered first, the rest asked of the bot as the person types (card.search).
      el = {
        ...common,
        type: 'Input.ChoiceSet',
        style: 'filtered',
        ...(i.multiple ? { isMultiSelect: true } : {}),
        value: (i.value ?? []).join(','),
        ...(i.placeholder ? { placeholder: i.placeholder } : {}),
        // The chosen ones and the first others: the rest are found by typing.
        choices: [
          ...i.choices.filter((c) => (i.value ?? []).includes(c.value)),
          ...i.choices.filter((c) => !(i.value ?? []).includes(c.value)).slice(0, SEARCH_COUNT),
        ].map((c) => ({ title: clipText(c.label, Math.min(max, 75)), value: c.value })),
        'choices.data': { type: 'Data.Query', dataset: i.dataset, count: SEARCH_COUNT },
      } as Element;
      break;
    case 'choice':
      el = {
        ...common,
        type: 'Input.ChoiceSet',
        style: 'compact',
        value: i.value ?? '',
        ...(i.placeholder ? { placeholder: i.placeholder } : {}),
        choices: i.choices.map((c) => ({ title: clipText(c.label, Math.min(max, 75)), value: c.value })),
      };
      break;
    case 'multiChoice':
      el = {
        ...common,
        type: 'Input.ChoiceSet',
        isMultiSelect: true,
        style: 'expanded',
        value: (i.value ?? []).join(','),
        choices: i.choices.map((c) => ({ title: clipText(c.label, Math.min(max, 75)), value: c.value })),
      };
      break;
    case 'toggle':
      el = {
        ...common,
        type: 'Input.Toggle',
        title: i.label,
        value: i.value ? 'true' : 'false',
        valueOn: 'true',
        valueOff: 'false',
      };
      break;
  }
  const out: Element[] = [el];
  if (i.hint)
    out.push({
      type: 'TextBlock',
      text: escapeCardText(clipText(i.hint, max)),
      wrap: true,
      isSubtle: true,
      size: 'Small',
      spacing: 'None',
    });
  if (i.error)
    out.push({
      type: 'TextBlock',
      text: escapeCardText(i.error),
      wrap: true,
      color: 'Attention',
      size: 'Small',
      spacing: 'None',
    });
  return out;
}

function partElements(p: Part, max: number): Element[] {
  switch (p.kind) {
    case 'heading':
      return [
        {
          type: 'TextBlock',
          text: escapeCardText(clipText(p.text, 300)),
          wrap: true,
          size: 'Medium',
          weight: 'Bolder',
          style: 'heading',
        },
      ];
    case 'text': {
      const block: ITextBlock = { type: 'TextBlock', text: escapeCardText(clipText(p.text, max)), wrap: true };
      if (p.strong) block.weight = 'Bolder';
      if (p.subtle) Object.assign(block, { isSubtle: true, size: 'Small' });
      if (p.tone) block.color = p.tone === 'good' ? 'Good' : p.tone === 'warning' ? 'Warning' : 'Attention';
      return [block];
    }
    case 'facts':
      return p.facts.length
        ? [
            {
              type: 'FactSet',
              facts: p.facts.map((f) => ({
                title: clipText(f.label, 200),
                value: escapeCardText(clipText(f.value, max)),
              })),
            },
          ]
        : [];
    case 'input':
      return inputElements(p.input, max);
    case 'buttons':
      return actionSets(p.buttons);
    case 'link':
      return [
        {
          type: 'ActionSet',
          actions: [{ type: 'Action.OpenUrl', title: clipText(p.label, 80), url: p.url } satisfies IOpenUrlAction],
        },
      ];
    case 'image':
      return [
        {
          type: 'Image',
          url: p.url,
          altText: clipText(p.alt, 300),
          size: 'Stretch',
          selectAction: { type: 'Action.OpenUrl', url: p.url },
        },
      ];
    case 'divider':
      return [{ type: 'Container', separator: true, spacing: 'Medium', items: [] }];
  }
}

/** Teams shows at most 5 buttons in a row: more go in further rows. */
const MAX_ACTIONS = 5;

function actionSets(list: Button[]): IActionSet[] {
  const sets: IActionSet[] = [];
  for (let i = 0; i < list.length; i += MAX_ACTIONS)
    sets.push({ type: 'ActionSet', actions: list.slice(i, i + MAX_ACTIONS).map(executeAction) });
  return sets;
}

function build(view: View, max: number): AdaptiveCard {
  const body: CardElementArray = view.parts.flatMap((p) => partElements(p, max));
  const foot = [...(view.submit ? [{ ...view.submit, withInputs: true }] : []), ...(view.buttons ?? [])];
  // Up to 5 foot buttons are the card's own actions; more are rows of buttons at the end of the body.
  const actions = foot.length <= MAX_ACTIONS ? foot.map(executeAction) : [];
  if (foot.length > MAX_ACTIONS) body.push(...actionSets(foot));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
  };
}

/** The card for a view, its long texts shortened until it fits Teams' limit. */
export function renderCard(view: View): AdaptiveCard {
  for (const max of [4000, 1500, 600, 250, 100, 40]) {
    const card = build(view, max);
    if (Buffer.byteLength(JSON.stringify(card)) <= TEAMS_CARD_BYTES) return card;
  }
  return build({ ...view, parts: view.parts.slice(0, 40) }, 100);
}
