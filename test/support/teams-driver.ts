// Drives the Teams endpoint as Teams does: Bot Framework activities POSTed to /api/messages, with
// replies and proactive messages landing in the loopback connector stub. People are taken from the
// organisation file by id, so their Entra object ids are the directory's.
import { expect } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import { cardProblems } from './card-validation.ts';
import type { ConnectorStub } from './connector-stub.ts';

export class TeamsDriver {
  private seq = 0;
  readonly cards: unknown[] = [];

  constructor(
    private readonly app: RunningApp,
    private readonly stub: ConnectorStub,
  ) {}

  who(id: string) {
    const p = this.app.engine.dir.people.get(id);
    if (!p?.teamsObjectId) throw new Error(`${id} has no teamsObjectId in the organisation file`);
    return { id, aad: p.teamsObjectId, name: p.name };
  }

  private activity(
    personId: string,
    conversation: { id: string; conversationType: string },
    extra: Record<string, unknown>,
  ) {
    const p = this.who(personId);
    return {
      channelId: 'msteams',
      serviceUrl: this.stub.url,
      id: `in-${++this.seq}`,
      timestamp: new Date().toISOString(),
      from: { id: `29:${p.id}`, aadObjectId: p.aad, name: p.name },
      recipient: { id: '28:bot', name: 'Portfellibot' },
      conversation: { ...conversation, tenantId: 't1' },
      ...extra,
    };
  }

  static personalChat(personId: string) {
    return { id: `a:chat-${personId}`, conversationType: 'personal' };
  }
  static channel(id: string, root?: string) {
    return { id: root ? `${id};messageid=${root}` : id, conversationType: 'channel' };
  }

  async post(body: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async say(personId: string, text: string, conversation = TeamsDriver.personalChat(personId)) {
    const r = await this.post(this.activity(personId, conversation, { type: 'message', text }));
    expect(r.status).toBe(200);
  }

  /** Types into a typeahead Input.ChoiceSet (Data.Query): Teams' 'application/search' invoke; returns its results. */
  async search(
    personId: string,
    dataset: string,
    queryText: string,
    conversation = TeamsDriver.personalChat(personId),
  ) {
    const r = await this.post(
      this.activity(personId, conversation, {
        type: 'invoke',
        name: 'application/search',
        value: { kind: 'search', queryText, queryOptions: { skip: 0, top: 15 }, dataset },
      }),
    );
    expect(r.status).toBe(200);
    return r.body as { statusCode: number; type: string; value: { results: { title: string; value: string }[] } };
  }

  /** Clicks an Action.Execute button; returns the invoke response (a card or a message). */
  async click(
    personId: string,
    data: Record<string, unknown>,
    replyToId: string,
    conversation = TeamsDriver.personalChat(personId),
  ) {
    const r = await this.post(
      this.activity(personId, conversation, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId,
        value: { action: { type: 'Action.Execute', verb: data.action, data } },
      }),
    );
    expect(r.status).toBe(200);
    const body = r.body as { statusCode: number; type: string; value: any };
    if (body.type === 'application/vnd.microsoft.card.adaptive') this.valid(body.value);
    return body;
  }

  /** The data of a button on a card (as Teams would send it back), found by action and a property. */
  static button(card: unknown, action: string, match: Record<string, unknown> = {}): Record<string, unknown> {
    const found: Record<string, unknown>[] = [];
    const walk = (x: unknown) => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (o.type === 'Action.Execute' && (o.data as Record<string, unknown>)?.action === action)
          found.push(o.data as Record<string, unknown>);
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    // A flow's button carries its arguments in `args` (src/bot/teams/render.ts): matched there too.
    const has = (data: Record<string, unknown>, k: string, v: unknown) =>
      data[k] === v || (data.args as Record<string, unknown> | undefined)?.[k] === v;
    const hit = found.find((data) => Object.entries(match).every(([k, v]) => has(data, k, v)));
    if (!hit) throw new Error(`No ${action} button matching ${JSON.stringify(match)} on the card`);
    return hit;
  }

  /** The data of the button with this visible title on a card (as Teams would send it back with the card's inputs). */
  static titled(card: unknown, title: string): Record<string, unknown> {
    const found: Record<string, unknown>[] = [];
    const walk = (x: unknown) => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (o.type === 'Action.Execute' && o.title === title) found.push(o.data as Record<string, unknown>);
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    if (!found[0]) throw new Error(`No button "${title}" on the card`);
    return found[0];
  }

  /** Clicks the button with this title on a card, with these inputs typed into the card. */
  press(personId: string, card: unknown, title: string, inputs: Record<string, unknown> = {}, replyToId = 'card') {
    return this.click(personId, { ...TeamsDriver.titled(card, title), ...inputs }, replyToId);
  }

  valid(card: unknown) {
    this.cards.push(card);
    expect(cardProblems(card)).toEqual([]);
    return card as any;
  }
}
