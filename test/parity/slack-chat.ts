// The parity suite's Slack: signed requests to /slack/events (Bolt's own receiver) — direct messages
// and thread replies as events, clicks as block_actions, modals sent as view_submission — with what the
// bot showed read from the loopback Web API stub: chat.postMessage/postEphemeral/update, views.open/
// update/publish, and the posts to each click's response_url. A person's DM is `D<slack user id>`; a
// role's channel is `C<ROLE>`.
import type { RunningApp } from '../../src/app.ts';
import { t } from '../../src/i18n/catalogue.ts';
import { startSlackRig, type SlackRig } from '../support/slack-app.ts';
import type { SlackCall } from '../support/slack-stub.ts';
import {
  channelOwner,
  choiceValue,
  emptyScreen,
  fieldFor,
  norm,
  noticeScreen,
  poll,
  shows,
  Surfaces,
  WAIT_MS,
  type Chat,
  type Field,
  type Fill,
  type Located,
  type PersonId,
  type Role,
  type Screen,
  type Surface,
} from './chat.ts';

type Json = Record<string, any>;

interface BlockButton {
  label: string;
  kind: 'button' | 'url' | 'submit' | 'close';
  actionId: string;
  blockId: string;
  value?: string;
}
interface BlockField extends Field {
  blockId: string;
  actionId: string;
  type: string;
  /** The state Slack would send for it. */
  state: Json;
}
type Where =
  | { kind: 'message'; channel: string; ts: string; ephemeral: boolean; blocks: Json[]; text: string }
  | { kind: 'modal'; view: Json }
  | { kind: 'home'; view: Json };
interface Held {
  where: Where;
  buttons: BlockButton[];
  fields: BlockField[];
  /** The click (its number) this was shown in answer to: a post to its response_url, a modal its trigger opened. */
  click?: string;
}

const plainOf = (x: unknown) => norm(String((x as { text?: string } | undefined)?.text ?? ''));

/** The state a filled element sends: Slack's shape for each element type. */
function stateFor(type: string, value: string | string[] | null): Json {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  switch (type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
    case 'users_select':
    case 'conversations_select':
      return { type, selected_option: list[0] ? { value: list[0] } : null };
    case 'checkboxes':
    case 'multi_static_select':
    case 'multi_external_select':
      return { type, selected_options: list.map((v) => ({ value: v })) };
    case 'datepicker':
      return { type, selected_date: list[0] ?? null };
    case 'timepicker':
      return { type, selected_time: list[0] ?? null };
    default:
      return { type, value: list[0] ?? null };
  }
}

export function parseBlocks(
  blocks: Json[],
  place: Screen['place'],
  fallbackTitle: string,
): { screen: Screen; buttons: BlockButton[]; fields: BlockField[] } {
  const screen = emptyScreen(place);
  const buttons: BlockButton[] = [];
  const fields: BlockField[] = [];
  let header: string | undefined;
  const say = (text: string) => {
    screen.texts.push(text);
    screen.layout.push({ text });
  };
  const element = (el: Json, blockId: string, label?: string, required = false) => {
    if (!el) return;
    if (el.type === 'button') {
      screen.layout.push({ button: buttons.length });
      buttons.push({
        label: plainOf(el.text),
        kind: el.url ? 'url' : 'button',
        actionId: String(el.action_id ?? ''),
        blockId,
        ...(el.value !== undefined ? { value: String(el.value) } : {}),
      });
      return;
    }
    if (el.type === 'image' || el.type === 'mrkdwn' || el.type === 'plain_text') {
      const text = el.type === 'image' ? String(el.alt_text ?? '') : String(el.text ?? '');
      if (text.trim()) say(norm(text));
      return;
    }
    const options = ((el.options ?? []) as Json[]).map((o) => ({ label: plainOf(o.text), value: String(o.value) }));
    const initial: string[] = el.initial_option
      ? [String(el.initial_option.value)]
      : el.initial_options
        ? (el.initial_options as Json[]).map((o) => String(o.value))
        : el.initial_date
          ? [String(el.initial_date)]
          : el.initial_time
            ? [String(el.initial_time)]
            : el.initial_value
              ? [String(el.initial_value)]
              : [];
    const type = String(el.type);
    const kind: Field['kind'] =
      type === 'datepicker'
        ? 'date'
        : type === 'timepicker'
          ? 'time'
          : type === 'number_input'
            ? 'number'
            : type === 'plain_text_input'
              ? 'text'
              : type.includes('external')
                ? 'search'
                : type === 'checkboxes' && options.length === 1 && options[0]!.value === 'true'
                  ? 'toggle'
                  : type === 'checkboxes' || type.startsWith('multi_')
                    ? 'multiChoice'
                    : 'choice';
    const labelOf = (v: string) => options.find((o) => o.value === v)?.label ?? v;
    screen.layout.push({ field: fields.length });
    fields.push({
      label: norm(label ?? plainOf(el.placeholder) ?? String(el.action_id)) || String(el.action_id),
      kind,
      value:
        kind === 'toggle'
          ? initial.length
            ? 'true'
            : 'false'
          : kind === 'multiChoice' || kind === 'search'
            ? initial.map(labelOf)
            : initial[0]
              ? labelOf(initial[0])
              : '',
      choices: options,
      required,
      blockId,
      actionId: String(el.action_id ?? ''),
      type,
      state: stateFor(type, type === 'checkboxes' || type.startsWith('multi_') ? initial : (initial[0] ?? null)),
    });
  };
  for (const b of blocks ?? []) {
    const blockId = String(b.block_id ?? '');
    switch (b.type) {
      case 'header':
        header ??= plainOf(b.text);
        say(plainOf(b.text));
        break;
      case 'section':
        if (b.text?.text) say(norm(String(b.text.text)));
        for (const f of (b.fields ?? []) as Json[]) say(norm(String(f.text ?? '')));
        if (b.accessory) element(b.accessory, blockId);
        break;
      case 'context':
        for (const el of (b.elements ?? []) as Json[]) element(el, blockId);
        break;
      case 'actions':
        for (const el of (b.elements ?? []) as Json[]) element(el, blockId);
        break;
      case 'input':
        element(b.element, blockId, plainOf(b.label), b.optional === false);
        if (b.hint) say(plainOf(b.hint));
        break;
      case 'image':
        if (b.alt_text) say(norm(String(b.alt_text)));
        break;
      case 'rich_text':
        say(norm(JSON.stringify(b.elements ?? []).replace(/.*?"text":"([^"]*)"/g, '$1 ')));
        break;
    }
  }
  screen.title = header ?? norm(fallbackTitle);
  screen.fields = fields;
  screen.buttons = buttons.map((b) => b.label);
  return { screen, buttons, fields };
}

function parseView(view: Json): { screen: Screen; buttons: BlockButton[]; fields: BlockField[] } {
  const place = view.type === 'home' ? 'home' : 'form';
  const parsed = parseBlocks(view.blocks ?? [], place, plainOf(view.title));
  if (view.type !== 'home') parsed.screen.title = plainOf(view.title);
  for (const [kind, text] of [
    ['submit', view.submit],
    ['close', view.close],
  ] as const) {
    if (!text) continue;
    parsed.screen.layout.push({ button: parsed.buttons.length });
    parsed.buttons.push({ label: plainOf(text), kind, actionId: '', blockId: '' });
  }
  parsed.screen.buttons = parsed.buttons.map((b) => b.label);
  return parsed;
}

export class SlackChat implements Chat {
  readonly platform = 'slack' as const;
  readonly surfaces = new Surfaces<Held>();
  private read = 0;
  private counter = 0;
  private readonly channels = new Map<string, Role>();
  private readonly triggers = new Map<string, PersonId>();
  /** A response_url's click: whose it was and what was clicked. */
  private readonly responses = new Map<string, { person: PersonId; origin: Surface<Held> | undefined }>();
  private ts = 1_800_000_000;

  private constructor(
    readonly rig: SlackRig,
    readonly app: RunningApp,
  ) {}

  static async start(now: () => Date): Promise<SlackChat> {
    const rig = await startSlackRig(now);
    return new SlackChat(rig, rig.app);
  }

  close() {
    return this.rig.close();
  }

  mark() {
    return this.surfaces.next();
  }

  everythingShown(): Screen[] {
    this.sync();
    return this.surfaces.all();
  }

  private get api() {
    return this.rig.api;
  }

  private userOf(id: PersonId): string {
    const u = this.app.engine.dir.people.get(id)?.slackUserId;
    if (!u) throw new Error(`${id} has no Slack id in the organisation file`);
    return u;
  }

  private personOfUser(userId: string): PersonId | undefined {
    for (const p of this.app.engine.dir.people.values()) if (p.slackUserId === userId) return p.id;
    return undefined;
  }

  private channelId(role: Role) {
    return `C${role.replace(/[^A-Za-z0-9]+/g, '').toUpperCase()}`;
  }

  private locale(person: PersonId) {
    return this.app.engine.dir.people.get(person)?.locale ?? 'et';
  }

  private working(s: Screen, person?: PersonId) {
    return shows(s, t(person ? this.locale(person) : 'et', 'slack.working'));
  }

  // ---- what the stub received

  sync(): void {
    for (; this.read < this.api.calls.length; this.read += 1) this.take(this.api.calls[this.read]!);
  }

  /** Who a message in this channel is shown to: a person (their DM) or a role's channel. */
  private ownerOf(channel: string): { owner: string; place: Screen['place'] } | undefined {
    const role = this.channels.get(channel);
    if (role) return { owner: channelOwner(role), place: 'channel' };
    const person = this.personOfUser(channel.replace(/^D/, ''));
    return person ? { owner: person, place: 'chat' } : undefined;
  }

  private message(place: Screen['place'], p: Json): { screen: Screen; buttons: BlockButton[]; fields: BlockField[] } {
    if (Array.isArray(p.blocks) && p.blocks.length) return parseBlocks(p.blocks, place, String(p.text ?? ''));
    return { screen: noticeScreen(place, String(p.text ?? '')), buttons: [], fields: [] };
  }

  private take(c: SlackCall): void {
    const p = c.params;
    const r = c.result ?? {};
    const response = /\/r\/([^/]+)\/(\d+)$/.exec(c.method);
    if (response) {
      this.takeResponse(response[1]!, response[2]!, p);
      return;
    }
    switch (c.method) {
      case 'chat.postMessage': {
        const at = this.ownerOf(String(p.channel));
        if (!at) return;
        const place = at.place === 'channel' && p.thread_ts ? 'thread' : at.place;
        const m = this.message(place, p);
        this.surfaces.put(at.owner, `msg|${r.ts}`, m.screen, {
          where: {
            kind: 'message',
            channel: String(p.channel),
            ts: String(r.ts),
            ephemeral: false,
            blocks: p.blocks ?? [],
            text: String(p.text ?? ''),
          },
          buttons: m.buttons,
          fields: m.fields,
        });
        return;
      }
      case 'chat.update': {
        const key = `msg|${p.ts}`;
        const at = this.ownerOf(String(p.channel));
        const owners = [at?.owner, ...[...this.app.engine.dir.people.keys()]].filter(Boolean) as string[];
        const before = owners.map((o) => this.surfaces.get(o, key)).find(Boolean);
        const owner = before?.owner ?? at?.owner;
        if (!owner) return;
        const m = this.message(before?.screen.place ?? at?.place ?? 'chat', p);
        this.surfaces.put(owner, key, m.screen, {
          where: {
            kind: 'message',
            channel: String(p.channel),
            ts: String(p.ts),
            ephemeral: false,
            blocks: p.blocks ?? [],
            text: String(p.text ?? ''),
          },
          buttons: m.buttons,
          fields: m.fields,
        });
        return;
      }
      case 'chat.postEphemeral': {
        const person = this.personOfUser(String(p.user));
        if (!person) return;
        const place = this.channels.has(String(p.channel)) ? 'channel' : 'chat';
        const m = this.message(place, p);
        this.surfaces.put(
          person,
          `eph|${r.message_ts}`,
          { ...m.screen, notice: m.buttons.length === 0 },
          {
            where: {
              kind: 'message',
              channel: String(p.channel),
              ts: String(r.message_ts),
              ephemeral: true,
              blocks: p.blocks ?? [],
              text: String(p.text ?? ''),
            },
            buttons: m.buttons,
            fields: m.fields,
          },
        );
        return;
      }
      case 'views.open':
      case 'views.push': {
        const person = this.triggers.get(String(p.trigger_id));
        if (!person) return;
        const view = { ...p.view, id: r.view?.id };
        const v = parseView(view);
        this.surfaces.put(person, `view|${view.id}`, v.screen, {
          where: { kind: 'modal', view },
          buttons: v.buttons,
          fields: v.fields,
          click: String(p.trigger_id).split('-').at(-1)!,
        });
        return;
      }
      case 'views.update': {
        const key = `view|${p.view_id}`;
        const before = [...this.app.engine.dir.people.keys()].map((o) => this.surfaces.get(o, key)).find(Boolean);
        if (!before) return;
        const view = { ...p.view, id: p.view_id };
        const v = parseView(view);
        this.surfaces.put(before.owner, key, v.screen, {
          where: { kind: 'modal', view },
          buttons: v.buttons,
          fields: v.fields,
          ...(before.where.click ? { click: before.where.click } : {}),
        });
        return;
      }
      case 'views.publish': {
        const person = this.personOfUser(String(p.user_id));
        if (!person) return;
        const v = parseView({ ...p.view, type: 'home' });
        this.surfaces.put(person, 'home', v.screen, {
          where: { kind: 'home', view: { ...p.view, id: r.view?.id ?? `home-${person}` } },
          buttons: v.buttons,
          fields: v.fields,
        });
        return;
      }
    }
  }

  /** A post to a click's response_url: replaces the clicked message, or is a new (ephemeral) one. */
  private takeResponse(person: PersonId, n: string, p: Json): void {
    const click = this.responses.get(n);
    const origin = click?.origin;
    const where = origin?.where.where;
    const place =
      origin?.screen.place === 'channel' || origin?.screen.place === 'thread' ? origin.screen.place : 'chat';
    if (p.delete_original && origin) {
      this.surfaces.put(person, origin.key, { ...origin.screen, closed: true }, origin.where);
      return;
    }
    const m = this.message(place, p);
    if (p.replace_original && where?.kind === 'message') {
      // The clicked message is redrawn for the person who clicked (a channel post for everyone).
      const key = origin!.owner === person ? origin!.key : `${origin!.key}@${person}`;
      this.surfaces.put(person, key, m.screen, {
        where: { ...where, blocks: p.blocks ?? [], text: String(p.text ?? '') },
        buttons: m.buttons,
        fields: m.fields,
        click: n,
      });
      return;
    }
    const notice = !m.buttons.length && !m.fields.length;
    this.surfaces.put(
      person,
      `resp|${n}|${this.counter++}`,
      { ...m.screen, notice },
      {
        where: {
          kind: 'message',
          channel: where?.kind === 'message' ? where.channel : `D${this.userOf(person)}`,
          ts: `resp-${n}`,
          ephemeral: true,
          blocks: p.blocks ?? [],
          text: String(p.text ?? ''),
        },
        buttons: m.buttons,
        fields: m.fields,
        click: n,
      },
    );
  }

  // ---- reading

  seen(person: PersonId): Screen | undefined {
    this.sync();
    return this.surfaces.of(person).find((s) => !this.working(s.screen))?.screen;
  }

  live(person: PersonId): Screen[] {
    this.sync();
    return this.surfaces
      .of(person)
      .map((s) => s.screen)
      .filter((s) => !s.closed);
  }

  channelSeen(role: Role): Screen | undefined {
    this.sync();
    return this.surfaces.of(channelOwner(role))[0]?.screen;
  }

  private waitShown(owner: string, text: string, since: number): Promise<Screen> {
    return poll(
      () => {
        this.sync();
        return this.surfaces.of(owner).find((s) => s.seq > since && shows(s.screen, text))?.screen;
      },
      WAIT_MS,
      () => `Slack: ${owner} was not shown «${text}»; shown lately:\n${this.surfaces.describe(owner)}`,
    );
  }

  sees(person: PersonId, text: string, since = this.surfaces.since): Promise<Screen> {
    return this.waitShown(person, text, since);
  }

  channelSees(role: Role, text: string, since = this.surfaces.since): Promise<Screen> {
    return this.waitShown(channelOwner(role), text, since);
  }

  /**
   * The answer to something the person did: what is shown in answer to click `n` (a post to its
   * response_url, a modal its trigger opened, the clicked message or modal redrawn) or `attributable`
   * says is the answer; failing that, after a short wait, anything else shown to the person since (a
   * direct message) or the clicked channel post redrawn for everyone.
   */
  private answer(
    person: PersonId,
    since: number,
    what: string,
    attributable: (s: Surface<Held>) => boolean,
    channelPost?: Surface<Held>,
  ): Promise<Screen> {
    let otherSince: number | undefined;
    return poll(
      () => {
        this.sync();
        const shown = this.surfaces
          .of(person)
          .reverse()
          .filter((s) => s.seq > since && !this.working(s.screen, person));
        const mine = shown.find(attributable);
        if (mine) return mine.screen;
        const post = channelPost && this.surfaces.get(channelPost.owner, channelPost.key);
        const other = shown[0]?.screen ?? (post && post.seq > since ? post.screen : undefined);
        if (other) {
          otherSince ??= Date.now();
          if (Date.now() - otherSince > 1500) return other;
        }
        return undefined;
      },
      WAIT_MS,
      () => `Slack: no answer to ${what}; ${person} was shown lately:\n${this.surfaces.describe(person)}`,
    );
  }

  // ---- doing

  private nextTs() {
    return `${++this.ts}.000100`;
  }

  async say(person: PersonId, words: string): Promise<Screen> {
    const user = this.userOf(person);
    const since = this.surfaces.step();
    const r = await this.rig.slack.event({
      type: 'message',
      channel: `D${user}`,
      channel_type: 'im',
      user,
      text: words,
      ts: this.nextTs(),
    });
    if (r.status !== 200) throw new Error(`Slack answered ${r.status} to a message`);
    // The answer to typed words goes to the conversation they were typed in (the outbox writes to the user).
    return this.answer(
      person,
      since,
      `${person} typing «${words}»`,
      (s) => s.where.where.kind === 'message' && s.where.where.channel === `D${user}`,
    );
  }

  async linkChannel(manager: PersonId, role: Role): Promise<void> {
    const channel = this.channelId(role);
    this.channels.set(channel, role);
    this.surfaces.step();
    const n = String(++this.counter);
    this.responses.set(n, { person: manager, origin: undefined });
    const body = new URLSearchParams({
      command: '/portfell',
      text: `seo ${role}`,
      user_id: this.userOf(manager),
      user_name: manager,
      channel_id: channel,
      team_id: 'T1',
      trigger_id: this.trigger(manager, n),
      response_url: `${this.api.url}../r/${manager}/${n}`,
      api_app_id: 'A1',
      token: 'x',
    }).toString();
    await this.rig.slack.raw(body, 'application/x-www-form-urlencoded');
    await this.answer(manager, 0, `/portfell seo ${role}`, (s) => s.where.click === n);
    await poll(
      async () =>
        (await this.app.db.prisma.conversationReference.findUnique({
          where: { platform_key: { platform: 'slack', key: `channel:${role}` } },
        })) ?? undefined,
      WAIT_MS,
      () => `Slack: /portfell seo ${role} stored no channel; ${manager} was shown:\n${this.surfaces.describe(manager)}`,
    );
  }

  private trigger(person: PersonId, n: string) {
    const id = `trig-${person}-${n}`;
    this.triggers.set(id, person);
    return id;
  }

  click(person: PersonId, label: string, fill: Fill = {}, where: { after?: string } = {}): Promise<Screen> {
    this.sync();
    const found = this.surfaces.withButton(person, label, where);
    if (!found)
      throw new Error(`Slack: ${person} sees no button «${label}»; shown lately:\n${this.surfaces.describe(person)}`);
    return this.press(person, found.surface, found.at, fill);
  }

  clickInChannel(
    person: PersonId,
    role: Role,
    label: string,
    fill: Fill = {},
    where: { after?: string } = {},
  ): Promise<Screen> {
    this.sync();
    const found = this.surfaces.withButton(channelOwner(role), label, where);
    if (!found)
      throw new Error(
        `Slack: no post in ${role} has «${label}»; posted lately:\n${this.surfaces.describe(channelOwner(role))}`,
      );
    return this.press(person, found.surface, found.at, fill);
  }

  /** Closes the person's open modal, as its close button does (the bot hears view_closed); nothing if none is open. */
  async leave(person: PersonId): Promise<void> {
    this.sync();
    const open = this.surfaces.of(person).find((s) => s.where.where.kind === 'modal' && !s.screen.closed);
    if (!open) return;
    const close = open.where.buttons.findIndex((b) => b.kind === 'close');
    if (close >= 0) await this.press(person, open, { button: close, from: 0 }, {});
  }

  /** The fields with what was filled, as Slack's state.values. */
  private async filled(
    person: PersonId,
    origin: Surface<Held>,
    at: Located,
    fill: Fill,
    label: string,
    view?: Json,
  ): Promise<Json> {
    const held = origin.where;
    const fields = held.fields.map((f) => ({ ...f }));
    for (const [name, value] of Object.entries(fill)) {
      const f = fieldFor(fields, name, origin.screen.layout, at.from);
      if (!f)
        throw new Error(
          `Slack: no input «${name}» beside «${label}»; inputs: ${JSON.stringify(fields.map((x) => x.label))}`,
        );
      f.state = await this.stateOf(person, f, value, view);
    }
    const values: Json = {};
    for (const f of fields) (values[f.blockId] ??= {})[f.actionId] = f.state;
    return values;
  }

  private async stateOf(person: PersonId, f: BlockField, value: Fill[string], view?: Json): Promise<Json> {
    const list = Array.isArray(value) ? value : [String(value)];
    switch (f.kind) {
      case 'toggle':
        return stateFor(f.type, value === true || value === 'true' ? ['true'] : []);
      case 'search': {
        const chosen: string[] = [];
        for (const typed of list) {
          const known = f.choices.find((c) => norm(c.label) === norm(typed) || c.value === typed);
          if (known) {
            chosen.push(known.value);
            continue;
          }
          const r = await this.rig.slack.interaction({
            type: 'block_suggestion',
            user: { id: this.userOf(person) },
            action_id: f.actionId,
            block_id: f.blockId,
            value: typed,
            ...(view ? { view, container: { type: 'view', view_id: view.id } } : {}),
          });
          const options = ((r.body?.options ?? []) as Json[]).map((o) => ({ label: plainOf(o.text), value: o.value }));
          const hit = options.find((o) => o.label.includes(norm(typed)));
          if (!hit) throw new Error(`Slack: typing «${typed}» in «${f.label}» found ${JSON.stringify(options)}`);
          chosen.push(String(hit.value));
        }
        return stateFor(f.type, f.type.startsWith('multi_') ? chosen : (chosen[0] ?? null));
      }
      case 'choice':
        return stateFor(f.type, choiceValue(f, list[0]!));
      case 'multiChoice':
        return stateFor(
          f.type,
          list.map((v) => choiceValue(f, v)),
        );
      default:
        return stateFor(f.type, list[0] ?? '');
    }
  }

  private async press(person: PersonId, origin: Surface<Held>, at: Located, fill: Fill): Promise<Screen> {
    const user = this.userOf(person);
    const held = origin.where;
    const b = held.buttons[at.button]!;
    const label = b.label;
    const since = this.surfaces.step();
    if (b.kind === 'url') return origin.screen;
    const n = String(++this.counter);
    const where = held.where;

    if (b.kind === 'submit' || b.kind === 'close') {
      if (where.kind !== 'modal') throw new Error('a submit outside a modal');
      // Slack checks a modal's required inputs itself and sends nothing while one is empty.
      const values = await this.filled(person, origin, at, fill, label, where.view);
      if (b.kind === 'submit') {
        const missing = (where.view.blocks as Json[]).filter(
          (bl) => bl.type === 'input' && !bl.optional && empty(values[bl.block_id]?.[bl.element?.action_id]),
        );
        if (missing.length) {
          const screen: Screen = {
            ...origin.screen,
            fields: origin.screen.fields.map((f, i) =>
              missing.some((m) => m.block_id === held.fields[i]?.blockId)
                ? { ...f, error: t(this.locale(person), 'field.required') }
                : f,
            ),
          };
          return this.surfaces.put(person, origin.key, screen, held).screen;
        }
      }
      const view = { ...where.view, state: { values }, hash: `h${n}` };
      const r = await this.rig.slack.interaction({
        type: b.kind === 'submit' ? 'view_submission' : 'view_closed',
        user: { id: user },
        view,
        trigger_id: this.trigger(person, n),
      });
      if (r.status !== 200) throw new Error(`Slack answered ${r.status} to a modal`);
      const answer = (r.body ?? {}) as Json;
      if (b.kind === 'close' || !answer.response_action || answer.response_action === 'clear') {
        const closed = this.surfaces.put(person, origin.key, { ...origin.screen, closed: true }, held);
        if (b.kind === 'close') return closed.screen;
        // What follows a sent form (a message), if anything, is the answer.
        return poll(
          () => {
            this.sync();
            return (
              this.surfaces
                .of(person)
                .reverse()
                .find((s) => s.seq > closed.seq && !this.working(s.screen, person))?.screen ?? undefined
            );
          },
          3000,
          () => '',
        ).catch(() => closed.screen);
      }
      if (answer.response_action === 'errors') {
        const errors = answer.errors as Record<string, string>;
        const screen: Screen = {
          ...origin.screen,
          fields: origin.screen.fields.map((f, i) => {
            const e = errors[held.fields[i]?.blockId ?? ''];
            return e ? { ...f, error: norm(e) } : f;
          }),
          texts: [...origin.screen.texts, ...Object.values(errors).map(norm)],
        };
        return this.surfaces.put(person, origin.key, screen, held).screen;
      }
      if (answer.response_action === 'update' || answer.response_action === 'push') {
        const next = { ...answer.view, id: answer.response_action === 'update' ? where.view.id : `push-${n}` };
        const v = parseView(next);
        const s = this.surfaces.put(person, `view|${next.id}`, v.screen, {
          where: { kind: 'modal', view: next },
          buttons: v.buttons,
          fields: v.fields,
        });
        if (!this.working(s.screen, person)) return s.screen;
        return this.answer(person, s.seq, `«${label}» (saving)`, (x) => x.key === s.key);
      }
      throw new Error(`Slack: unknown answer to a modal: ${JSON.stringify(answer)}`);
    }

    // A button: block_actions, with the state of the message's or the modal's inputs.
    const values = await this.filled(
      person,
      origin,
      at,
      fill,
      label,
      where.kind === 'message' ? undefined : where.view,
    );
    this.responses.set(n, { person, origin });
    const action = {
      type: 'button',
      action_id: b.actionId,
      block_id: b.blockId,
      text: { type: 'plain_text', text: b.label },
      ...(b.value !== undefined ? { value: b.value } : {}),
      action_ts: `${Date.now() / 1000}${n}`,
    };
    const common = {
      type: 'block_actions',
      user: { id: user },
      trigger_id: this.trigger(person, n),
      actions: [action],
    };
    const payload =
      where.kind === 'message'
        ? {
            ...common,
            response_url: `${this.api.url}../r/${person}/${n}`,
            channel: { id: where.channel },
            container: {
              type: 'message',
              message_ts: where.ts,
              channel_id: where.channel,
              is_ephemeral: where.ephemeral,
            },
            ...(where.ephemeral ? {} : { message: { ts: where.ts, text: where.text, blocks: where.blocks } }),
            state: { values },
          }
        : {
            ...common,
            container: { type: 'view', view_id: where.view.id },
            view: { ...where.view, state: { values }, hash: `h${n}` },
          };
    const r = await this.rig.slack.interaction(payload);
    if (r.status !== 200) throw new Error(`Slack answered ${r.status} to a click`);
    const channelPost = origin.owner.startsWith('#') ? origin : undefined;
    return this.answer(
      person,
      since,
      `${person} clicking «${label}»`,
      (s) => s.where.click === n || s.key === origin.key,
      channelPost,
    );
  }

  async replyInThread(person: PersonId, role: Role, text: string): Promise<Screen | undefined> {
    this.sync();
    const root = this.surfaces.of(channelOwner(role)).find((s) => s.screen.place === 'channel');
    if (!root || root.where.where.kind !== 'message') throw new Error(`Slack: nothing was posted in ${role}`);
    const since = this.surfaces.step();
    const user = this.userOf(person);
    await this.rig.slack.event({
      type: 'message',
      channel: root.where.where.channel,
      channel_type: 'channel',
      user,
      text,
      ts: this.nextTs(),
      thread_ts: root.where.where.ts,
    });
    return poll(
      () => {
        this.sync();
        const mine = this.surfaces.of(person).find((s) => s.seq > since)?.screen;
        const inThread = this.surfaces
          .of(channelOwner(role))
          .find((s) => s.seq > since && s.screen.place === 'thread')?.screen;
        return mine ?? inThread;
      },
      WAIT_MS,
      () => `Slack: no answer to ${person}'s reply in the thread of ${role}`,
    );
  }
}

function empty(state: Json | undefined): boolean {
  if (!state) return true;
  if ('selected_options' in state) return !(state.selected_options as unknown[]).length;
  if ('selected_option' in state) return !state.selected_option;
  if ('selected_date' in state) return !state.selected_date;
  if ('selected_time' in state) return !state.selected_time;
  return !state.value;
}
