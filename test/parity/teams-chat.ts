// The parity suite's Teams: Bot Framework activities POSTed to /api/messages (the Teams SDK's own
// endpoint), answers read from the invoke responses and from what the loopback connector received.
// A person's chat is `a:chat-<id>`; a role's channel is `19:<role>@thread.tacv2`.
import { expect } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import { t, type MessageKey } from '../../src/i18n/catalogue.ts';
import { cardProblems } from '../support/card-validation.ts';
import type { ConnectorStub, SentActivity } from '../support/connector-stub.ts';
import { startTeamsRig, type TeamsRig } from '../support/teams-rig.ts';
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
  type Surface,
  WAIT_MS,
  type Chat,
  type Field,
  type Fill,
  type Located,
  type PersonId,
  type Role,
  type Screen,
} from './chat.ts';

interface CardButton {
  label: string;
  kind: 'execute' | 'submit' | 'showCard' | 'url';
  data: Record<string, unknown>;
  withInputs: boolean;
}
interface CardField extends Field {
  id: string;
  /** The value as Teams sends it. */
  raw: string;
  required: boolean;
  errorMessage?: string;
  valueOn?: string;
  valueOff?: string;
  dataset?: string;
}
interface Conversation {
  id: string;
  conversationType: 'personal' | 'channel';
}
interface Where {
  conversation: Conversation;
  /** The activity the card is in (what a click's replyToId names). */
  activityId: string;
  buttons: CardButton[];
  fields: CardField[];
  /** Sent in answer to the person's own message (an in-turn reply), not by the outbox. */
  inTurn?: boolean;
}

const slug = (role: Role) => role.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();

export function parseCard(
  card: unknown,
  place: Screen['place'],
): { screen: Screen; buttons: CardButton[]; fields: CardField[] } {
  const screen = emptyScreen(place);
  const buttons: CardButton[] = [];
  const fields: CardField[] = [];
  let heading: string | undefined;
  let firstText: string | undefined;
  const say = (text: string) => {
    screen.texts.push(text);
    screen.layout.push({ text });
  };
  const button = (b: CardButton) => {
    screen.layout.push({ button: buttons.length });
    buttons.push(b);
  };
  const action = (a: Record<string, unknown>) => {
    const label = String(a.title ?? '');
    switch (a.type) {
      case 'Action.Execute':
      case 'Action.Submit':
        button({
          label,
          kind: a.type === 'Action.Execute' ? 'execute' : 'submit',
          data: (a.data as Record<string, unknown>) ?? {},
          withInputs: a.associatedInputs !== 'none',
        });
        break;
      case 'Action.ShowCard':
        button({ label, kind: 'showCard', data: {}, withInputs: false });
        walk(a.card);
        break;
      case 'Action.OpenUrl':
        button({ label, kind: 'url', data: { url: a.url }, withInputs: false });
        break;
    }
  };
  const input = (o: Record<string, unknown>) => {
    const type = String(o.type);
    const choices = ((o.choices as { title: string; value: string }[]) ?? []).map((c) => ({
      label: norm(c.title),
      value: c.value,
    }));
    const raw = o.value === undefined ? '' : String(o.value);
    const kind: Field['kind'] =
      type === 'Input.Toggle'
        ? 'toggle'
        : type === 'Input.Date'
          ? 'date'
          : type === 'Input.Time'
            ? 'time'
            : type === 'Input.Number'
              ? 'number'
              : type === 'Input.ChoiceSet'
                ? o['choices.data']
                  ? 'search'
                  : o.isMultiSelect
                    ? 'multiChoice'
                    : 'choice'
                : 'text';
    const chosen = raw.split(',').filter(Boolean);
    const f: CardField = {
      id: String(o.id),
      label: norm(String(o.label ?? o.title ?? o.placeholder ?? o.id)),
      kind,
      value:
        kind === 'choice'
          ? (choices.find((c) => c.value === raw)?.label ?? raw)
          : kind === 'multiChoice' || kind === 'search'
            ? chosen.map((v) => choices.find((c) => c.value === v)?.label ?? v)
            : kind === 'toggle'
              ? raw === String(o.valueOn ?? 'true')
                ? 'true'
                : 'false'
              : raw,
      choices,
      raw,
      required: o.isRequired === true,
      ...(typeof o.errorMessage === 'string' ? { errorMessage: o.errorMessage } : {}),
      ...(kind === 'toggle' ? { valueOn: String(o.valueOn ?? 'true'), valueOff: String(o.valueOff ?? 'false') } : {}),
      ...(o['choices.data'] ? { dataset: String((o['choices.data'] as { dataset?: string }).dataset) } : {}),
    };
    screen.layout.push({ field: fields.length });
    fields.push(f);
  };
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      x.forEach(walk);
      return;
    }
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    const type = String(o.type ?? '');
    if (type.startsWith('Input.')) {
      input(o);
      return;
    }
    if (type.startsWith('Action.')) {
      action(o);
      return;
    }
    switch (type) {
      case 'AdaptiveCard':
        walk(o.body);
        walk(o.actions);
        return;
      case 'TextBlock': {
        const text = norm(String(o.text ?? ''));
        if (!text) return;
        say(text);
        firstText ??= text;
        if (!heading && (o.style === 'heading' || o.size === 'Large' || (o.size === 'Medium' && o.weight === 'Bolder')))
          heading = text;
        return;
      }
      case 'RichTextBlock':
        say(norm(((o.inlines as { text?: string }[]) ?? []).map((i) => i.text ?? '').join('')));
        return;
      case 'FactSet':
        for (const f of (o.facts as { title: string; value: string }[]) ?? []) say(norm(`${f.title}: ${f.value}`));
        return;
      case 'Image':
        if (o.altText) say(norm(String(o.altText)));
        return;
      case 'ActionSet':
        walk(o.actions);
        return;
      case 'ColumnSet':
        walk(o.columns);
        return;
      default:
        walk(o.items);
    }
  };
  walk(card);
  screen.title = heading ?? firstText ?? '';
  screen.fields = fields;
  screen.buttons = buttons.map((b) => norm(b.label));
  return { screen, buttons, fields };
}

export class TeamsChat implements Chat {
  readonly platform = 'teams' as const;
  readonly surfaces = new Surfaces<Where>();
  private read = 0;
  private counter = 0;
  private readonly channels = new Map<string, Role>();

  private constructor(
    readonly rig: TeamsRig,
    readonly app: RunningApp,
    readonly stub: ConnectorStub,
  ) {}

  static async start(now: () => Date): Promise<TeamsChat> {
    const rig = await startTeamsRig({}, now);
    return new TeamsChat(rig, rig.app, rig.stub);
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

  private who(id: PersonId) {
    const p = this.app.engine.dir.people.get(id);
    if (!p?.teamsObjectId) throw new Error(`${id} has no Teams id in the organisation file`);
    return { aad: p.teamsObjectId, name: p.name };
  }

  private channelId(role: Role) {
    return `19:${slug(role)}@thread.tacv2`;
  }

  private activity(person: PersonId, conversation: Conversation, extra: Record<string, unknown>) {
    const p = this.who(person);
    return {
      channelId: 'msteams',
      serviceUrl: this.stub.url,
      id: `in-${++this.counter}`,
      timestamp: new Date().toISOString(),
      from: { id: `29:${person}`, aadObjectId: p.aad, name: p.name },
      recipient: { id: '28:bot', name: 'Portfellibot' },
      conversation: { ...conversation, tenantId: 't1' },
      ...extra,
    };
  }

  private async post(body: unknown): Promise<{ statusCode?: number; type?: string; value?: unknown }> {
    const r = await this.rig.d.post(body);
    expect(r.status, `Teams answered ${r.status}: ${JSON.stringify(r.body)}`).toBe(200);
    return (r.body ?? {}) as { statusCode?: number; type?: string; value?: unknown };
  }

  /** Reads what the connector received since the last time into the surfaces. */
  sync(): void {
    for (; this.read < this.stub.sent.length; this.read += 1) this.take(this.stub.sent[this.read]!);
  }

  private placeOf(conversationId: string): { owner: string; place: Screen['place'] } | undefined {
    const chat = /^a:chat-(.+)$/.exec(conversationId);
    if (chat) return { owner: chat[1]!, place: 'chat' };
    const [channel, thread] = conversationId.split(';messageid=');
    const role = this.channels.get(channel!);
    if (!role) return undefined;
    return { owner: channelOwner(role), place: thread ? 'thread' : 'channel' };
  }

  private take(s: SentActivity): void {
    const at = this.placeOf(s.conversationId);
    if (!at) return;
    const key = s.method === 'PUT' ? s.activityId! : s.id;
    const card = (s.body.attachments as { content?: unknown }[] | undefined)?.[0]?.content;
    const text = typeof s.body.text === 'string' ? s.body.text : '';
    if (!card && !text) return; // typing indicators and the like
    const conversation: Conversation = {
      id: s.conversationId,
      conversationType: at.place === 'chat' ? 'personal' : 'channel',
    };
    // The SDK's in-turn reply names the bot as its sender; the outbox's proactive posts do not.
    const inTurn = s.method === 'POST' && !!s.body.from;
    if (card) {
      expect(cardProblems(card), `card sent to ${s.conversationId}`).toEqual([]);
      const parsed = parseCard(card, at.place);
      this.surfaces.put(at.owner, key, parsed.screen, {
        conversation,
        activityId: key,
        buttons: parsed.buttons,
        fields: parsed.fields,
        inTurn,
      });
    } else {
      this.surfaces.put(at.owner, key, noticeScreen(at.place, text), {
        conversation,
        activityId: key,
        buttons: [],
        fields: [],
        inTurn,
      });
    }
  }

  seen(person: PersonId): Screen | undefined {
    this.sync();
    return this.surfaces.of(person)[0]?.screen;
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
      () => `Teams: ${owner} was not shown «${text}»; shown lately:\n${this.surfaces.describe(owner)}`,
    );
  }

  sees(person: PersonId, text: string, since = this.surfaces.since): Promise<Screen> {
    return this.waitShown(person, text, since);
  }

  channelSees(role: Role, text: string, since = this.surfaces.since): Promise<Screen> {
    return this.waitShown(channelOwner(role), text, since);
  }

  /** The bot's in-turn answer to `owner` in `conversation` after `since`. */
  private answerIn(
    owner: string,
    since: number,
    conversationPrefix: string,
    what: string,
    inTurnOnly = true,
  ): Promise<Screen> {
    return poll(
      () => {
        this.sync();
        return this.surfaces
          .of(owner)
          .reverse()
          .find(
            (s) =>
              s.seq > since &&
              (s.where.inTurn || !inTurnOnly) &&
              s.where.conversation.id.startsWith(conversationPrefix),
          )?.screen;
      },
      WAIT_MS,
      () => `Teams: no answer to ${what}; ${owner} was shown lately:\n${this.surfaces.describe(owner)}`,
    );
  }

  async say(person: PersonId, words: string): Promise<Screen> {
    const since = this.surfaces.step();
    const conversation: Conversation = { id: `a:chat-${person}`, conversationType: 'personal' };
    await this.post(this.activity(person, conversation, { type: 'message', text: words }));
    return this.answerIn(person, since, conversation.id, `${person} typing «${words}»`);
  }

  async linkChannel(manager: PersonId, role: Role): Promise<void> {
    const id = this.channelId(role);
    this.channels.set(id, role);
    const since = this.surfaces.step();
    const conversation: Conversation = { id: `${id};messageid=root-${slug(role)}`, conversationType: 'channel' };
    await this.post(this.activity(manager, conversation, { type: 'message', text: '<at>Portfellibot</at> seo kanal' }));
    await this.answerIn(channelOwner(role), since, id, `«seo kanal» in ${role}`);
    await this.clickInChannel(manager, role, this.t(manager, 'channel.link'), {
      [this.t(manager, 'channel.linkFunction')]: [role],
    });
    const ref = await this.app.db.prisma.conversationReference.findUnique({
      where: { platform_key: { platform: 'teams', key: `channel:${role}` } },
    });
    if (!ref) throw new Error(`Teams: linking ${role} stored no channel`);
  }

  private t(person: PersonId, key: MessageKey) {
    return t(this.app.engine.dir.people.get(person)?.locale ?? 'et', key);
  }

  click(person: PersonId, label: string, fill: Fill = {}, where: { after?: string } = {}) {
    this.sync();
    const found = this.surfaces.withButton(person, label, where);
    if (!found)
      throw new Error(`Teams: ${person} sees no button «${label}»; shown lately:\n${this.surfaces.describe(person)}`);
    return this.press(person, found.surface.key, found.surface, found.at, fill);
  }

  clickInChannel(person: PersonId, role: Role, label: string, fill: Fill = {}, where: { after?: string } = {}) {
    this.sync();
    const found = this.surfaces.withButton(channelOwner(role), label, where);
    if (!found)
      throw new Error(
        `Teams: no post in ${role} has «${label}»; posted lately:\n${this.surfaces.describe(channelOwner(role))}`,
      );
    return this.press(person, `${found.surface.key}@${person}`, found.surface, found.at, fill);
  }

  /** A Teams card cannot be closed: the person just leaves it. */
  async leave(_person: PersonId): Promise<void> {}

  private async press(person: PersonId, key: string, origin: Surface<Where>, at: Located, fill: Fill): Promise<Screen> {
    const where = origin.where;
    const since = this.surfaces.step();
    const b = where.buttons[at.button]!;
    const label = b.label;
    if (b.kind === 'url' || b.kind === 'showCard') return origin.screen;
    const inputs: Record<string, string> = {};
    const fields = where.fields.map((f) => ({ ...f }));
    for (const [name, value] of Object.entries(fill)) {
      const f = fieldFor(fields, name, origin.screen.layout, at.from);
      if (!f)
        throw new Error(
          `Teams: no input «${name}» beside «${label}»; inputs: ${JSON.stringify(fields.map((x) => x.label))}`,
        );
      f.raw = await this.valueOf(person, where.conversation, f, value);
    }
    if (b.withInputs) {
      // Teams checks required inputs itself and sends nothing while one is empty.
      const missing = fields.filter((f) => f.required && !f.raw);
      if (missing.length) {
        const screen: Screen = {
          ...origin.screen,
          fields: origin.screen.fields.map((f) => {
            const m = missing.find((x) => norm(x.label) === norm(f.label));
            return m ? { ...f, error: m.errorMessage ?? m.label } : f;
          }),
        };
        return this.surfaces.put(person, key, screen, where).screen;
      }
      for (const f of fields) inputs[f.id] = f.raw;
    }
    const data = { ...b.data, ...inputs };
    const body = await this.post(
      this.activity(person, where.conversation, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: where.activityId,
        value: { action: { type: 'Action.Execute', verb: b.data.action, data } },
      }),
    );
    this.sync();
    const place = where.conversation.conversationType === 'personal' ? 'chat' : 'channel';
    if (body.type === 'application/vnd.microsoft.card.adaptive') {
      expect(cardProblems(body.value), `card answering «${label}»`).toEqual([]);
      const parsed = parseCard(body.value, place);
      const s = this.surfaces.put(person, key, parsed.screen, {
        ...where,
        buttons: parsed.buttons,
        fields: parsed.fields,
      });
      return s.screen;
    }
    if (body.type === 'application/vnd.microsoft.activity.message') {
      return this.surfaces.put(person, `notice-${since}`, noticeScreen(place, String(body.value ?? '')), {
        ...where,
        buttons: [],
        fields: [],
      }).screen;
    }
    // Nothing in the answer: what the bot sends next is it.
    return this.answerIn(person, since, where.conversation.id.split(';')[0]!, `«${label}»`, false);
  }

  /** What Teams sends for a filled input. */
  private async valueOf(
    person: PersonId,
    conversation: Conversation,
    f: CardField,
    value: Fill[string],
  ): Promise<string> {
    switch (f.kind) {
      case 'toggle':
        return value === true || value === 'true' ? f.valueOn! : f.valueOff!;
      case 'choice':
        return choiceValue(f, String(value));
      case 'multiChoice':
        return (Array.isArray(value) ? value : [String(value)]).map((v) => choiceValue(f, v)).join(',');
      case 'search': {
        const out: string[] = [];
        for (const typed of Array.isArray(value) ? value : [String(value)]) {
          const known = f.choices.find((c) => norm(c.label) === norm(typed) || c.value === typed);
          if (known) {
            out.push(known.value);
            continue;
          }
          const r = (await this.post(
            this.activity(person, conversation, {
              type: 'invoke',
              name: 'application/search',
              value: { kind: 'search', queryText: typed, queryOptions: { skip: 0, top: 15 }, dataset: f.dataset },
            }),
          )) as { value?: { results?: { title: string; value: string }[] } };
          const hit = r.value?.results?.find((x) => norm(x.title).includes(norm(typed)));
          if (!hit) throw new Error(`Teams: typing «${typed}» in «${f.label}» found ${JSON.stringify(r.value)}`);
          out.push(hit.value);
        }
        return out.join(',');
      }
      default:
        return String(value);
    }
  }

  async replyInThread(person: PersonId, role: Role, text: string): Promise<Screen | undefined> {
    this.sync();
    const root = this.surfaces.of(channelOwner(role)).find((s) => s.screen.place === 'channel');
    if (!root) throw new Error(`Teams: nothing was posted in ${role} to answer in its thread`);
    const since = this.surfaces.step();
    const channel = root.where.conversation.id.split(';')[0]!;
    const conversation: Conversation = { id: `${channel};messageid=${root.key}`, conversationType: 'channel' };
    await this.post(this.activity(person, conversation, { type: 'message', text }));
    return poll(
      () => {
        this.sync();
        const mine = this.surfaces.of(person).find((s) => s.seq > since)?.screen;
        const inThread = this.surfaces
          .of(channelOwner(role))
          .find((s) => s.seq > since && s.where.conversation.id === conversation.id)?.screen;
        return mine ?? inThread;
      },
      WAIT_MS,
      () => `Teams: no answer to ${person}'s reply in the thread of ${role}`,
    );
  }
}
