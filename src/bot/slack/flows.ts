// Slack's side of the flows (src/bot/flows/): a button's action_id names the flow and its value holds
// the arguments; a modal's callback_id names the flow and private_metadata holds them. The flow's
// Reply is shown where the click happened: the message is replaced, the modal updated, a form opened.
// Every click is acknowledged at once, before the database is touched (Slack allows 3 seconds).
import { createHash } from 'node:crypto';
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import type { Downloads } from '../downloads.ts';
import { t } from '../../i18n/catalogue.ts';
import type { Locale, Person } from '../../workflow/directory.ts';
import { argsSchema, runFlow, runSearch, type Args, type FlowContext, type Reply } from '../conversation/flow.ts';
import { text, type View } from '../conversation/view.ts';
import { Inputs } from '../conversation/inputs.ts';
import { FLOWS, INTENT_FLOWS, SEARCHES } from '../flows/index.ts';
import { parseIntent } from '../intents.ts';
import { besideFirstField, readJson, unreadable } from './payload.ts';
import { clip } from './mrkdwn.ts';
import { FLOW_PREFIX, renderMessage, renderModal, SEARCH_PREFIX } from './render.ts';
import { afterCommit, answerAgain } from './replies.ts';
import { readState } from './state.ts';

/** How long a modal submission may run before Slack is answered with a "saving" view (Slack waits 3 s). */
export const MODAL_BUDGET_MS = 2_000;

interface Wiring {
  app: App;
  engine: Engine;
  queries: Queries;
  downloads: Downloads;
  defaultLocale: Locale;
  personOf(userId: string | undefined): Promise<Person | undefined>;
  /** Shows the person's App Home afresh: called after a flow run from it (or from a form opened from it). */
  home?(userId: string, person: Person): Promise<void>;
}

const digestOf = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 24);
const flowIdOf = (actionId: string) => actionId.slice(FLOW_PREFIX.length).replace(/#\d+$/, '');
const modalMeta = z.object({ a: argsSchema, m: z.record(z.string(), z.string().max(500)) });

function parseArgs(value: unknown): unknown {
  if (typeof value !== 'string') return {};
  try {
    return JSON.parse(value);
  } catch {
    return null; // runFlow answers that it could not read the button
  }
}

/** A channel (not a direct message, whose id starts with D) as linking it stores it. */
const linkable = (channel: string | undefined) => (channel && !channel.startsWith('D') ? { channel: { channel } } : {});

const noticeView = (title: string, body: string): View => ({ title, parts: [text(body, { strong: true })] });

/** A view as a modal; a form whose flow keeps what was typed when it is closed hears of the closing. */
function modalView(view: View, locale: Locale, meta: Record<string, string> = {}) {
  const modal = renderModal(view, t(locale, 'slack.close'), meta);
  return FLOWS.get(view.submit?.action ?? '')?.closed ? { ...modal, notify_on_close: true } : modal;
}

/** What a flow knows of a Slack request: the person, the delivery key, and where to answer (`channel`, or a DM). */
export function slackContext(
  w: Pick<Wiring, 'engine' | 'queries' | 'downloads'>,
  person: Person,
  key: string,
  userId: string,
  channel?: string,
): FlowContext {
  return {
    engine: w.engine,
    queries: w.queries,
    dir: w.engine.dir,
    person,
    platform: 'slack',
    key,
    replyTo: { kind: 'reply', platform: 'slack', personId: person.id, userId, ...(channel ? { channel } : {}) },
    ...linkable(channel),
    downloads: w.downloads,
    now: () => w.engine.now(),
  };
}

export function registerFlows(w: Wiring): void {
  const { app } = w;
  const ctxOf = (person: Person, key: string, userId: string, channel?: string) =>
    slackContext(w, person, key, userId, channel);
  const modalOf = modalView;
  const dm = (userId: string, view: View) =>
    afterCommit('sending a message', () =>
      app.client.chat.postMessage({ channel: userId, ...renderMessage(view) } as never),
    );

  app.action(new RegExp(`^${FLOW_PREFIX}`), async ({ ack, body, action, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || !('action_id' in action)) return;
    const userId = body.user.id;
    const person = await w.personOf(userId);
    const locale = person?.locale ?? w.defaultLocale;
    if (!person) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: t(locale, 'refusal.unknownPerson') });
      return;
    }
    const id = flowIdOf(action.action_id);
    const surface = body.view?.type; // 'modal', 'home', or none (a message)
    const inputs = readState((surface ? body.view?.state?.values : body.state?.values) as never);
    let viewId = surface === 'modal' ? body.view!.id : undefined;
    // A modal keeps its metadata as it changes; one opened from the App Home remembers that, to redraw it after.
    const kept: Record<string, string> =
      surface === 'modal'
        ? (readJson(body.view?.private_metadata, modalMeta)?.m ?? {})
        : surface === 'home'
          ? { home: '1' }
          : {};
    // A form opens at once: the click's trigger expires in 3 seconds, the flow may take longer.
    if (FLOWS.get(id)?.opensForm && !viewId) {
      const opened = await app.client.views.open({
        trigger_id: body.trigger_id,
        view: modalOf(noticeView(t(locale, 'app.name'), t(locale, 'slack.working')), locale) as never,
      });
      viewId = opened.view?.id;
    }
    const channel = body.channel?.id;
    const key = `slack:${userId}:${'action_ts' in action ? action.action_ts : body.trigger_id}`;
    const reply = await runFlow(
      FLOWS,
      ctxOf(person, key, userId, channel),
      id,
      parseArgs('value' in action ? action.value : undefined),
      inputs,
    );
    await showAfterClick(reply, {
      locale,
      userId,
      viewId,
      inMessage: !surface,
      respond: (m) => answerAgain(() => respond(m as never)),
      channelMeta: channel && body.message?.ts ? { channel, ts: body.message.ts } : kept,
    });
    if (kept.home) await afterCommit('redrawing the App Home', () => w.home?.(userId, person) ?? Promise.resolve());
  });

  async function showAfterClick(
    reply: Reply,
    at: {
      locale: Locale;
      userId: string;
      viewId: string | undefined;
      inMessage: boolean;
      respond(m: object): Promise<unknown>;
      channelMeta: Record<string, string>;
    },
  ): Promise<void> {
    const title = t(at.locale, 'app.name');
    const view =
      reply.kind === 'view' ? reply.view : reply.kind === 'done' ? (reply.view ?? noticeView(title, reply.text)) : null;
    if (at.viewId) {
      const shown = view ?? noticeView(title, (reply as { text: string }).text);
      await afterCommit('updating the form', () =>
        app.client.views.update({ view_id: at.viewId!, view: modalOf(shown, at.locale, at.channelMeta) as never }),
      );
      return;
    }
    if (!view) {
      const told = at.inMessage
        ? at.respond({ response_type: 'ephemeral', replace_original: false, text: (reply as { text: string }).text })
        : app.client.chat.postMessage({ channel: at.userId, text: (reply as { text: string }).text });
      await afterCommit('answering a click', () => told);
      return;
    }
    if (at.inMessage)
      await afterCommit('redrawing the message', () => at.respond({ replace_original: true, ...renderMessage(view) }));
    else await dm(at.userId, view);
  }

  // A search input's typeahead (block_suggestion): its dataset's choices for what was typed; in a form,
  // the form's arguments go with it (e.g. the item being planned is not offered as its own link).
  app.options({ action_id: new RegExp(`^${SEARCH_PREFIX}`) }, async ({ ack, body }) => {
    const b = body as {
      user?: { id?: string };
      action_id?: string;
      value?: string;
      view?: { private_metadata?: string };
    };
    const userId = b.user?.id ?? '';
    const person = await w.personOf(userId);
    const meta = b.view ? readJson(b.view.private_metadata, modalMeta) : null;
    const dataset = (b.action_id ?? '').slice(SEARCH_PREFIX.length);
    const found = person
      ? await runSearch(
          SEARCHES,
          ctxOf(person, `slack:search:${userId}`, userId),
          dataset,
          String(b.value ?? ''),
          meta?.a,
        )
      : [];
    await ack({
      options: found
        .slice(0, 100)
        .map((c) => ({ text: { type: 'plain_text', text: clip(c.label, 75) }, value: c.value })),
    } as never);
  });

  app.view(new RegExp(`^${FLOW_PREFIX}`), async ({ ack, body, view }) => {
    const userId = body.user.id;
    const person = await w.personOf(userId);
    const locale = person?.locale ?? w.defaultLocale;
    const meta = readJson(view.private_metadata, modalMeta);
    const id = view.callback_id.slice(FLOW_PREFIX.length);
    // A form of no flow (from before an update, or forged) cannot be read either.
    if (!person || !meta || !FLOWS.has(id)) {
      const text = person ? unreadable(locale) : t(locale, 'refusal.unknownPerson');
      await ack(
        (besideFirstField(view, text) ?? {
          response_action: 'update',
          view: modalOf(noticeView(t(locale, 'app.name'), text), locale),
        }) as never,
      );
      return;
    }
    const inputs = readState(view.state.values as never);
    // A retry of this submission has the same key; the next step of the same modal (other arguments,
    // other inputs) a new one, whether or not Slack changed the view's hash.
    const key = `slack:view:${view.id}:${view.hash ?? ''}:${digestOf([id, meta.a, inputs])}`;
    const channel = meta.m.channel || undefined;
    const work = runFlow(FLOWS, ctxOf(person, key, userId, channel), id, meta.a, inputs);
    const answer = (reply: Reply) => {
      if (reply.kind === 'notice')
        return (
          besideFirstField(view, reply.text) ?? {
            response_action: 'update',
            view: modalOf(noticeView(view.title.text, reply.text), locale, meta.m),
          }
        );
      if (reply.kind === 'done' && !reply.view) return { response_action: 'clear' };
      const shown = reply.kind === 'done' ? reply.view! : reply.view;
      return { response_action: 'update', view: modalOf(shown, locale, meta.m) };
    };
    const quick = await Promise.race([
      work,
      new Promise<null>((r) => setTimeout(() => r(null), MODAL_BUDGET_MS).unref()),
    ]);
    const redrawHome = () =>
      meta.m.home ? afterCommit('redrawing the App Home', () => w.home?.(userId, person) ?? Promise.resolve()) : null;
    if (quick) {
      await ack(answer(quick) as never);
      if (quick.kind === 'done' && !quick.view) await dm(userId, noticeView(quick.text, quick.text));
      await redrawHome();
      return;
    }
    // The database is slow: Slack is answered now with "saving…", and the modal shows the result when it comes.
    await ack({
      response_action: 'update',
      view: modalOf(noticeView(view.title.text, t(locale, 'slack.working')), locale, meta.m),
    } as never);
    const reply = await work;
    const shown =
      reply.kind === 'view'
        ? reply.view
        : (reply.kind === 'done' && reply.view) || noticeView(view.title.text, reply.text);
    await afterCommit('updating the form', () =>
      app.client.views.update({ view_id: view.id, view: modalOf(shown, locale, meta.m) as never }),
    );
    await redrawHome();
  });

  // A form closed without sending: its flow keeps what was typed (Flow.closed); nothing is shown.
  app.view({ callback_id: new RegExp(`^${FLOW_PREFIX}`), type: 'view_closed' }, async ({ ack, body, view }) => {
    await ack();
    const flow = FLOWS.get(view.callback_id.slice(FLOW_PREFIX.length));
    const meta = readJson(view.private_metadata, modalMeta);
    const person = await w.personOf(body.user.id);
    if (!flow?.closed || !meta || !person) return;
    const ctx = ctxOf(
      person,
      `slack:closed:${view.id}:${view.hash ?? ''}:${digestOf([meta.a, readState(view.state.values as never)])}`,
      body.user.id,
      meta.m.channel || undefined,
    );
    await flow.closed(ctx, meta.a, new Inputs(readState(view.state.values as never)));
  });
}

/** Typed words in a direct message: the flow they start, or null for words no flow takes. */
export async function answerTyped(w: Wiring, userId: string, channel: string, words: string): Promise<boolean> {
  const flowId = INTENT_FLOWS[parseIntent(words)];
  if (!flowId) return false;
  const person = await w.personOf(userId);
  const locale = person?.locale ?? w.defaultLocale;
  if (!person) {
    await w.app.client.chat.postMessage({ channel, text: t(locale, 'refusal.unknownPerson') });
    return true;
  }
  const ctx: FlowContext = {
    engine: w.engine,
    queries: w.queries,
    dir: w.engine.dir,
    person,
    platform: 'slack',
    key: `slack:typed:${userId}:${Date.now()}`,
    replyTo: { kind: 'reply', platform: 'slack', personId: person.id, userId },
    downloads: w.downloads,
    now: () => w.engine.now(),
  };
  const reply = await runFlow(FLOWS, ctx, flowId, {}, {});
  const view = reply.kind === 'notice' ? null : reply.kind === 'view' ? reply.view : (reply.view ?? null);
  await w.app.client.chat.postMessage(
    (view ? { channel, ...renderMessage(view) } : { channel, text: (reply as { text: string }).text }) as never,
  );
  return true;
}

/** A slash command's words that start a flow (e.g. `/portfell haldus`): the answer only the person sees. */
export async function answerCommand(
  w: Wiring,
  c: { userId: string; channel: string; triggerId: string; respond(message: object): Promise<unknown> },
  flowId: string,
  args: Args,
): Promise<void> {
  const person = await w.personOf(c.userId);
  const locale = person?.locale ?? w.defaultLocale;
  if (!person) {
    await c.respond({ response_type: 'ephemeral', text: t(locale, 'refusal.unknownPerson') });
    return;
  }
  const ctx: FlowContext = {
    engine: w.engine,
    queries: w.queries,
    dir: w.engine.dir,
    person,
    platform: 'slack',
    key: `slack:command:${c.userId}:${c.triggerId}`,
    replyTo: { kind: 'reply', platform: 'slack', personId: person.id, userId: c.userId, channel: c.channel },
    ...linkable(c.channel),
    downloads: w.downloads,
    now: () => w.engine.now(),
  };
  const reply = await runFlow(FLOWS, ctx, flowId, args, {});
  const view = reply.kind === 'notice' ? null : reply.kind === 'view' ? reply.view : (reply.view ?? null);
  await c.respond({
    response_type: 'ephemeral',
    ...(view ? renderMessage(view) : { text: (reply as { text: string }).text }),
  });
}

/**
 * Opens a flow's form in a modal from a slash command, a shortcut or anything else with a trigger:
 * at once (the trigger expires in 3 seconds), filled when the flow answers. False for a person the
 * directory does not know (the caller tells them).
 */
export async function openFlowForm(
  w: Wiring,
  c: { userId: string; triggerId: string; channel?: string },
  flowId: string,
  args: Args = {},
): Promise<boolean> {
  const person = await w.personOf(c.userId);
  if (!person) return false;
  const locale = person.locale;
  const opened = await w.app.client.views.open({
    trigger_id: c.triggerId,
    view: modalView(noticeView(t(locale, 'app.name'), t(locale, 'slack.working')), locale) as never,
  });
  const ctx: FlowContext = {
    engine: w.engine,
    queries: w.queries,
    dir: w.engine.dir,
    person,
    platform: 'slack',
    key: `slack:open:${c.userId}:${c.triggerId}`,
    replyTo: { kind: 'reply', platform: 'slack', personId: person.id, userId: c.userId },
    downloads: w.downloads,
    now: () => w.engine.now(),
  };
  const reply = await runFlow(FLOWS, ctx, flowId, args, {});
  const view =
    reply.kind === 'view'
      ? reply.view
      : (reply.kind === 'done' && reply.view) || noticeView(t(locale, 'app.name'), reply.text);
  await afterCommit('filling the form', () =>
    w.app.client.views.update({ view_id: opened.view!.id!, view: modalView(view, locale) as never }),
  );
  return true;
}
