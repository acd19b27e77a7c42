// A neutral View (src/bot/conversation/view.ts) as Slack Block Kit: a message's blocks, or a modal
// when the view is a form. Pure: view in, Block Kit out. Every text is escaped and clipped here, and
// Block Kit's counts (50 blocks a message, 100 a modal, 25 buttons a row, 100 options a menu) are
// kept here, once.
import type {
  ActionsBlock,
  Button as SlackButton,
  InputBlock,
  KnownBlock,
  HomeView,
  ModalView,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';
import type { Button, Input, Part, View } from '../conversation/view.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';

/** Buttons of flows carry this prefix in their action_id (and forms in their callback_id). */
export const FLOW_PREFIX = 'flow:';
/** A search input's action_id: this prefix and the dataset Slack's block_suggestion asks about. */
export const SEARCH_PREFIX = 'search:';

const plain = (text: string, max = 150) => ({ type: 'plain_text' as const, text: clip(text || ' ', max), emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text: clip(text || ' ', 3000) });
const toneMark = { good: '✅ ', warning: '⚠️ ', attention: '❗ ' } as const;

/** The flow and arguments a button's action_id and value carry (read back by src/bot/slack/flows.ts). */
export function slackButton(b: Button, index: number): SlackButton {
  return {
    type: 'button',
    text: plain(b.label, 75),
    action_id: `${FLOW_PREFIX}${b.action}#${index}`,
    value: clip(JSON.stringify(b.args ?? {}), 2000),
    ...(b.style ? { style: b.style } : {}),
  };
}

const option = (c: { value: string; label: string }): PlainTextOption => ({ text: plain(c.label, 75), value: c.value });

function inputBlock(i: Input): InputBlock {
  const base = {
    type: 'input' as const,
    block_id: i.id,
    label: plain(i.label, 2000),
    optional: !i.required,
    ...(i.hint ? { hint: plain(i.hint, 2000) } : {}),
  };
  switch (i.kind) {
    case 'text':
    case 'number':
      return {
        ...base,
        element: {
          type: 'plain_text_input',
          action_id: 'v',
          multiline: i.kind === 'text' && (i.multiline ?? false),
          ...(i.kind === 'text' && i.maxLength ? { max_length: Math.min(i.maxLength, 3000) } : {}),
          ...(i.value ? { initial_value: clip(i.value, 3000) } : {}),
          ...(i.placeholder ? { placeholder: plain(i.placeholder) } : {}),
        },
      };
    case 'date':
      return {
        ...base,
        element: { type: 'datepicker', action_id: 'v', ...(i.value ? { initial_date: i.value } : {}) },
      };
    case 'time':
      return {
        ...base,
        element: { type: 'timepicker', action_id: 'v', ...(i.value ? { initial_time: i.value } : {}) },
      };
    case 'search': {
      // Found by typing: Slack asks the bot (block_suggestion) with this action_id, which names the search.
      const chosen = i.choices.filter((c) => (i.value ?? []).includes(c.value)).map(option);
      const common = {
        action_id: `${SEARCH_PREFIX}${i.dataset}`,
        min_query_length: 0,
        ...(i.placeholder ? { placeholder: plain(i.placeholder) } : {}),
      };
      return {
        ...base,
        element: i.multiple
          ? {
              type: 'multi_external_select',
              ...common,
              max_selected_items: 100,
              ...(chosen.length ? { initial_options: chosen.slice(0, 100) } : {}),
            }
          : { type: 'external_select', ...common, ...(chosen[0] ? { initial_option: chosen[0] } : {}) },
      };
    }
    case 'choice': {
      const options = i.choices.slice(0, 100).map(option);
      const initial = options.find((o) => o.value === i.value);
      return {
        ...base,
        element: {
          type: 'static_select',
          action_id: 'v',
          options,
          ...(i.placeholder ? { placeholder: plain(i.placeholder) } : {}),
          ...(initial ? { initial_option: initial } : {}),
        },
      };
    }
    case 'multiChoice': {
      const options = i.choices.slice(0, 100).map(option);
      const values: string[] = i.value ?? [];
      const chosen = options.filter((o) => values.includes(o.value ?? ''));
      const initial = chosen.length ? { initial_options: chosen } : {};
      return {
        ...base,
        element:
          options.length <= 10
            ? { type: 'checkboxes', action_id: 'v', options, ...initial }
            : { type: 'multi_static_select', action_id: 'v', options, ...initial },
      };
    }
    case 'toggle': {
      const on = option({ value: 'true', label: i.label });
      return {
        ...base,
        optional: true,
        element: { type: 'checkboxes', action_id: 'v', options: [on], ...(i.value ? { initial_options: [on] } : {}) },
      };
    }
  }
}

function actionsBlock(list: Button[], first: number): ActionsBlock {
  return { type: 'actions', elements: list.slice(0, 25).map((b, i) => slackButton(b, first + i)) };
}

function partBlocks(p: Part, counter: { buttons: number }): KnownBlock[] {
  switch (p.kind) {
    case 'heading':
      return [{ type: 'header', text: plain(p.text, 150) }];
    case 'text': {
      const body = escapeMrkdwn(clip(p.text, 2900));
      const shown = `${p.tone && !/^\p{Extended_Pictographic}/u.test(p.text) ? toneMark[p.tone] : ''}${p.strong ? `*${body}*` : body}`;
      return [
        p.subtle
          ? { type: 'context', elements: [mrkdwn(shown)] }
          : ({ type: 'section', text: mrkdwn(shown) } satisfies SectionBlock),
      ];
    }
    case 'facts': {
      const out: KnownBlock[] = [];
      for (let i = 0; i < p.facts.length; i += 10)
        out.push({
          type: 'section',
          fields: p.facts
            .slice(i, i + 10)
            .map((f) => mrkdwn(`*${escapeMrkdwn(clip(f.label, 200))}*\n${escapeMrkdwn(clip(f.value, 1700))}`)),
        });
      return out;
    }
    case 'input': {
      const blocks: KnownBlock[] = [inputBlock(p.input)];
      if (p.input.error) blocks.push({ type: 'context', elements: [mrkdwn(`❗ ${escapeMrkdwn(p.input.error)}`)] });
      return blocks;
    }
    case 'buttons': {
      if (!p.buttons.length) return [];
      const block = actionsBlock(p.buttons, counter.buttons);
      counter.buttons += p.buttons.length;
      return [block];
    }
    case 'link':
      return [
        {
          type: 'actions',
          elements: [{ type: 'button', text: plain(p.label, 75), url: p.url, action_id: `link#${counter.buttons++}` }],
        },
      ];
    case 'image':
      return [{ type: 'image', image_url: p.url, alt_text: clip(p.alt || ' ', 2000) }];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

function blocksOf(view: View, max: number, withSubmit: boolean): KnownBlock[] {
  const counter = { buttons: 0 };
  const body = view.parts.flatMap((p) => partBlocks(p, counter));
  const foot = [...(withSubmit && view.submit ? [view.submit] : []), ...(view.buttons ?? [])];
  const footBlock = foot.length ? [actionsBlock(foot, counter.buttons)] : [];
  return [...body.slice(0, max - footBlock.length), ...footBlock];
}

/** A message: its notification text and blocks (at most 50). A form's submit is a button here. */
export function renderMessage(view: View): { text: string; blocks: KnownBlock[] } {
  return { text: clip(view.title, 3000), blocks: blocksOf(view, 50, true) };
}

/** The App Home tab: the view's blocks (at most 100) with its buttons as flows, as in a message. */
export function renderHome(view: View): HomeView {
  return { type: 'home', blocks: blocksOf(view, 100, true) };
}

/**
 * A form as a modal: its submit is the modal's own, its `callback_id` names the flow, and
 * `private_metadata` carries the flow's arguments and what the platform needs back (`meta`).
 */
export function renderModal(view: View, closeLabel: string, meta: Record<string, string> = {}): ModalView {
  return {
    type: 'modal',
    callback_id: `${FLOW_PREFIX}${view.submit?.action ?? 'none'}`,
    title: plain(view.title, 24),
    close: plain(closeLabel, 24),
    ...(view.submit ? { submit: plain(view.submit.label, 24) } : {}),
    private_metadata: clip(JSON.stringify({ a: view.submit?.args ?? {}, m: meta }), 3000),
    blocks: blocksOf(view, 100, false),
  };
}
