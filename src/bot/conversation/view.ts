// The neutral message model: what a person sees, written once for both platforms.
// src/bot/teams/render.ts turns a View into an Adaptive Card, src/bot/slack/render.ts into Block Kit.
// All text is plain text in the reader's language; the renderers escape it and enforce the limits.

/** A button: the flow it runs (src/bot/flows/) and that flow's arguments. */
export interface Button {
  label: string;
  action: string;
  args?: Record<string, string | number | null>;
  style?: 'primary' | 'danger';
  /** Sends the view's inputs with the click (a form's "next"); a "back" or "cancel" sends none. */
  withInputs?: boolean;
}

export interface Choice {
  value: string;
  label: string;
}

interface InputBase {
  id: string;
  label: string;
  required?: boolean;
  /** The problem with this field, shown beside it. */
  error?: string;
  hint?: string;
  /**
   * What is said beside a required field left empty, where the client checks before sending (Teams;
   * Slack checks a modal's required fields itself, in the person's language).
   */
  requiredText?: string;
}

export type Input =
  | (InputBase & { kind: 'text'; value?: string; multiline?: boolean; maxLength?: number; placeholder?: string })
  | (InputBase & { kind: 'number'; value?: string; placeholder?: string })
  | (InputBase & { kind: 'date'; value?: string })
  /** A time of day, "HH:MM" (Tallinn wall clock where the flow says so). */
  | (InputBase & { kind: 'time'; value?: string })
  | (InputBase & { kind: 'choice'; choices: Choice[]; value?: string; placeholder?: string })
  | (InputBase & { kind: 'multiChoice'; choices: Choice[]; value?: string[] })
  | (InputBase & { kind: 'toggle'; value?: boolean })
  /**
   * A choice among more than a view can hold (people, portfolio items), found by typing: `choices` are
   * those offered at first (the chosen ones among them), the rest come from the search of `dataset`
   * (src/bot/flows/index.ts SEARCHES; Teams asks with card.search, Slack with block_suggestion).
   */
  | (InputBase & {
      kind: 'search';
      dataset: string;
      multiple?: boolean;
      choices: Choice[];
      value?: string[];
      placeholder?: string;
    });

export type Tone = 'good' | 'warning' | 'attention';

export type Part =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; strong?: boolean; tone?: Tone; subtle?: boolean }
  | { kind: 'facts'; facts: { label: string; value: string }[] }
  | { kind: 'input'; input: Input }
  | { kind: 'buttons'; buttons: Button[] }
  | { kind: 'link'; label: string; url: string }
  /** A picture at a public address (Slack fetches it itself); clicking it opens it on Teams. */
  | { kind: 'image'; url: string; alt: string }
  | { kind: 'divider' };

export interface View {
  /** The message's title: the card's heading, the modal's title, the notification's text. */
  title: string;
  parts: Part[];
  /** The view's main buttons, at its foot. */
  buttons?: Button[];
  /**
   * A form's main button: on Teams an ordinary button that sends the inputs; on Slack the modal's
   * submit button. A view with a submit is a form (a modal on Slack).
   */
  submit?: Button;
}

export const heading = (text: string): Part => ({ kind: 'heading', text });
export const text = (value: string, extra: Omit<Extract<Part, { kind: 'text' }>, 'kind' | 'text'> = {}): Part => ({
  kind: 'text',
  text: value,
  ...extra,
});
export const facts = (pairs: { label: string; value: string }[]): Part => ({ kind: 'facts', facts: pairs });
export const input = (i: Input): Part => ({ kind: 'input', input: i });
export const buttons = (list: Button[]): Part => ({ kind: 'buttons', buttons: list });
export const divider: Part = { kind: 'divider' };

/** Every button of a view, in order (parts, foot, submit). */
export function buttonsOf(view: View): Button[] {
  return [
    ...view.parts.flatMap((p) => (p.kind === 'buttons' ? p.buttons : [])),
    ...(view.buttons ?? []),
    ...(view.submit ? [view.submit] : []),
  ];
}
