// The parity suite's view of a chat platform: what a person does (types words, clicks a button by
// its visible label, fills inputs by their visible labels, answers in a thread) and what they see
// (the texts, inputs and buttons of what the bot showed them), the same for Teams and Slack. The two
// implementations (teams-chat.ts, slack-chat.ts) talk to the bot through its real endpoints and read
// what it sent from the loopback stubs of the platforms' clouds.
import type { RunningApp } from '../../src/app.ts';

/** A person, by their id in the organisation file (config/organization.example.yaml). */
export type PersonId = string;
/** A channel, by the role it is linked to: 'board:SKA', 'coThinkers:social', 'committee:social'. */
export type Role = string;
/** What is typed or chosen in an input, by the input's visible label: text, a choice's label, several, a toggle. */
export type Fill = Record<string, string | string[] | boolean>;

export interface Field {
  label: string;
  kind: 'text' | 'number' | 'date' | 'time' | 'choice' | 'multiChoice' | 'toggle' | 'search';
  /** What it holds now (the value shown, or the chosen choices' labels). */
  value: string | string[];
  choices: { label: string; value: string }[];
  /** Marked required (Teams' isRequired; a Slack input block that is not optional). */
  required: boolean;
  error?: string;
}

/** One thing the bot showed: a message, a card, a modal, the Home tab, or a short notice. */
export interface Screen {
  /** Where it is shown. */
  place: 'chat' | 'form' | 'channel' | 'thread' | 'home';
  /** Its heading (the card's first heading, the modal's title, the message's header). */
  title: string;
  /** Every visible text, markup and escapes removed. */
  texts: string[];
  fields: Field[];
  /** The visible labels of its buttons, in order. */
  buttons: string[];
  /** A short text answer; what was clicked stays as it was. */
  notice: boolean;
  /** A modal that was closed (sent or cancelled). */
  closed: boolean;
  /** The order things are shown in: a text, a field (index in `fields`) or a button (index in `buttons`). */
  layout: Item[];
}

export type Item = { text: string } | { field: number } | { button: number };

/** Which button (and fields) a click means: the first with the label, after the text `after` if given. */
export interface Where {
  after?: string;
}

export interface Chat {
  readonly platform: 'teams' | 'slack';
  readonly app: RunningApp;
  /** The portfolio manager links a channel to a role, the platform's own way. */
  linkChannel(manager: PersonId, role: Role): Promise<void>;
  /** Types words in the person's chat with the bot; returns the answer. */
  say(person: PersonId, words: string): Promise<Screen>;
  /** The last thing the bot showed the person (undefined if nothing yet). */
  seen(person: PersonId): Screen | undefined;
  /** Every message, card or modal of the person still shown, newest first (closed modals left out). */
  live(person: PersonId): Screen[];
  /** Waits until something shown to the person since `since` (default: the start of the last step) shows `text`. */
  sees(person: PersonId, text: string, since?: number): Promise<Screen>;
  /**
   * Clicks the button with this label on what the person sees (the newest message or form that has it),
   * filling the inputs of that view by their labels first; returns the answer shown.
   */
  click(person: PersonId, label: string, fill?: Fill, where?: Where): Promise<Screen>;
  /** Leaves the form the person has open: Slack closes the modal (the bot hears of it); a Teams card just stays. */
  leave(person: PersonId): Promise<void>;
  /** The last post (or its update) the bot made in the channel of this role. */
  channelSeen(role: Role): Screen | undefined;
  /** Waits until a post in the channel (or its threads) since `since` shows `text`. */
  channelSees(role: Role, text: string, since?: number): Promise<Screen>;
  /** Clicks a button on the newest post of the channel that has it; returns what the person is shown. */
  clickInChannel(person: PersonId, role: Role, label: string, fill?: Fill, where?: Where): Promise<Screen>;
  /** Answers in the thread of the channel's newest post that has a thread button or is a round's post. */
  replyInThread(person: PersonId, role: Role, text: string): Promise<Screen | undefined>;
  /** Everything shown to anyone so far (each message, card or modal as it is now). */
  everythingShown(): Screen[];
  /** A moment to wait from: things shown after it are "since" it. */
  mark(): number;
  close(): Promise<void>;
}

// ---- what both implementations share: the surfaces shown, each with the time it was last drawn

export interface Surface<W = unknown> {
  key: string;
  /** A person id, or `#<role>` for a channel. */
  owner: string;
  screen: Screen;
  seq: number;
  /** Where the platform keeps it (how to click on it). */
  where: W;
}

export const channelOwner = (role: Role) => `#${role}`;

export class Surfaces<W> {
  private seq = 0;
  private readonly all_ = new Map<string, Surface<W>>();
  private stepStart = 0;

  next(): number {
    return ++this.seq;
  }

  /** A new step starts: "since" defaults to now. */
  step(): number {
    this.stepStart = this.next();
    return this.stepStart;
  }

  get since(): number {
    return this.stepStart;
  }

  put(owner: string, key: string, screen: Screen, where: W): Surface<W> {
    const s: Surface<W> = { key, owner, screen, seq: this.next(), where };
    this.all_.delete(`${owner}|${key}`); // re-inserted at the end: newest last
    this.all_.set(`${owner}|${key}`, s);
    return s;
  }

  get(owner: string, key: string): Surface<W> | undefined {
    return this.all_.get(`${owner}|${key}`);
  }

  all(): Screen[] {
    return [...this.all_.values()].map((s) => s.screen);
  }

  /** The owner's surfaces, newest first. */
  of(owner: string): Surface<W>[] {
    return [...this.all_.values()].filter((s) => s.owner === owner).sort((a, b) => b.seq - a.seq);
  }

  /** The newest live surface of the owner with a button of this label (after the text `where.after`). */
  withButton(owner: string, label: string, where: Where = {}): { surface: Surface<W>; at: Located } | undefined {
    for (const surface of this.of(owner)) {
      if (surface.screen.closed) continue;
      const at = locate(surface.screen, label, where.after);
      if (at) return { surface, at };
    }
    return undefined;
  }

  /** What the owner was shown, for a failure's message. */
  describe(owner: string, count = 4): string {
    const list = this.of(owner).slice(0, count);
    if (!list.length) return `${owner} was shown nothing`;
    return list.map((s) => `  [${s.seq}] ${describe(s.screen)}`).join('\n');
  }
}

// ---- texts

/** A text as a person reads it: markup, escapes and repeated spaces removed. */
export function norm(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\([\\`*_[\]()~#+\-.!>])/g, '$1')
    .replace(/\*/g, '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** Everything the screen shows, as one text. */
export function everything(s: Screen): string {
  return [
    s.title,
    ...s.texts,
    ...s.fields.flatMap((f) => [f.label, ...(Array.isArray(f.value) ? f.value : [f.value]), f.error ?? '']),
    ...s.buttons,
  ]
    .map(norm)
    .join('\n');
}

/** The screen shows this text (compared as people read it). */
export function shows(s: Screen | undefined, text: string): boolean {
  if (!s) return false;
  const hay = everything(s).replace(/\s+/g, ' ');
  return hay.includes(norm(text).replace(/\s+/g, ' '));
}

export function describe(s: Screen): string {
  const parts = [
    `${s.place}${s.notice ? ' notice' : ''}${s.closed ? ' (closed)' : ''}: «${s.title}»`,
    s.texts.length ? `texts ${JSON.stringify(s.texts.map((x) => x.slice(0, 120)))}` : '',
    s.fields.length
      ? `fields ${JSON.stringify(s.fields.map((f) => `${f.label}=${JSON.stringify(f.value)}${f.error ? ` !${f.error}` : ''}`))}`
      : '',
    s.buttons.length ? `buttons ${JSON.stringify(s.buttons)}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

export function emptyScreen(place: Screen['place'], title = ''): Screen {
  return { place, title, texts: [], fields: [], buttons: [], notice: false, closed: false, layout: [] };
}

export function noticeScreen(place: Screen['place'], text: string): Screen {
  return { ...emptyScreen(place, norm(text)), texts: [norm(text)], notice: true, layout: [{ text: norm(text) }] };
}

/** A button found on a screen: its index, and where in the layout the search began. */
export interface Located {
  button: number;
  from: number;
}

export function locate(s: Screen, label: string, after?: string): Located | undefined {
  let from = 0;
  if (after) {
    const want = norm(after);
    from = s.layout.findIndex((i) => 'text' in i && norm(i.text).includes(want));
    if (from < 0) return undefined;
  }
  for (let i = from; i < s.layout.length; i += 1) {
    const item = s.layout[i]!;
    if ('button' in item && norm(s.buttons[item.button]!) === norm(label)) return { button: item.button, from };
  }
  return undefined;
}

/**
 * The field a fill's label names: its visible label (or the start of it), the first such after the
 * layout position `from` (where the clicked button's section begins) if there is one.
 */
export function fieldFor<F extends Field>(fields: F[], label: string, layout: Item[] = [], from = 0): F | undefined {
  const want = norm(label);
  const after = new Set(
    layout
      .slice(from)
      .filter((i): i is { field: number } => 'field' in i)
      .map((i) => i.field),
  );
  const ordered = [...fields.filter((_, i) => after.has(i)), ...fields.filter((_, i) => !after.has(i))];
  return ordered.find((f) => norm(f.label) === want) ?? ordered.find((f) => norm(f.label).startsWith(want));
}

/** A choice's value from what was filled: its label (as shown) or its value. */
export function choiceValue(f: Field, given: string): string {
  const want = norm(given);
  return (
    f.choices.find((c) => norm(c.label) === want)?.value ??
    f.choices.find((c) => c.value === given)?.value ??
    f.choices.find((c) => norm(c.label).startsWith(want))?.value ??
    given
  );
}

/** Polls until `f` gives something (the outbox and Slack's after-ack work are asynchronous). */
export async function poll<T>(
  f: () => T | undefined | Promise<T | undefined>,
  ms: number,
  why: () => string,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${why()} (waited ${ms} ms)`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** How long a step waits for the bot to show something. */
export const WAIT_MS = Number(process.env.PARITY_WAIT_MS ?? 8000);
