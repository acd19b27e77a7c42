// Slack's side of the flows (src/bot/flows/): a button's action_id names the flow and its value holds
// the arguments; a modal's callback_id names the flow and private_metadata holds them. The flow's
// Reply is shown where the click happened: the message is replaced, the modal updated, a form opened.
// Every click is acknowledged at once, before the database is touched (Slack allows 3 seconds).
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { t } from '../../i18n/catalogue.ts';
import type { Locale, Person } from '../../workflow/directory.ts';
import { argsSchema, runFlow, type FlowContext, type Reply } from '../conversation/flow.ts';
import { text, type View } from '../conversation/view.ts';
import { FLOWS, INTENT_FLOWS } from '../flows/index.ts';
import { parseIntent } from '../intents.ts';
import { besideFirstField, readJson, unreadable } from './payload.ts';
import { FLOW_PREFIX, renderMessage, renderModal } from './render.ts';
import { afterCommit } from './replies.ts';
import { readState } from './state.ts';

/** How long a modal submission may run before Slack is answered with a "saving" view (Slack waits 3 s). */
export const MODAL_BUDGET_MS = 2_000;

interface Wiring {
  app: App;
  engine: Engine;
  queries: Queries;
  defaultLocale: Locale;
  personOf(userId: string | undefined): Promise<Person | undefined>;
}

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

const noticeView = (title: string, body: string): View => ({ title, parts: [text(body, { strong: true })] });

export function registerFlows(w: Wiring): void {
  const { app } = w;
  const ctxOf = (person: Person, key: string, userId: string, channel?: string): FlowContext => ({
    engine: w.engine,
    queries: w.queries,
    dir: w.engine.dir,
    person,
    platform: 'slack',
    key,
    replyTo: { kind: 'reply', platform: 'slack', personId: person.id, userId, ...(channel ? { channel } : {}) },
    now: () => w.engine.now(),
  });
  const close = (locale: Locale) => t(locale, 'slack.close');
  const modalOf = (view: View, locale: Locale, meta: Record<string, string> = {}) =>
    renderModal(view, close(locale), meta);
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
      respond: (m) => respond(m as never),
      channelMeta: channel && body.message?.ts ? { channel, ts: body.message.ts } : {},
    });
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

  app.view(new RegExp(`^${FLOW_PREFIX}`), async ({ ack, body, view }) => {
    const userId = body.user.id;
    const person = await w.personOf(userId);
    const locale = person?.locale ?? w.defaultLocale;
    const meta = readJson(view.private_metadata, modalMeta);
    if (!person || !meta) {
      const text = person ? unreadable(locale) : t(locale, 'refusal.unknownPerson');
      await ack(
        (besideFirstField(view, text) ?? {
          response_action: 'update',
          view: modalOf(noticeView(t(locale, 'app.name'), text), locale),
        }) as never,
      );
      return;
    }
    const id = view.callback_id.slice(FLOW_PREFIX.length);
    const inputs = readState(view.state.values as never);
    const key = `slack:view:${view.id}:${view.hash ?? ''}`;
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
    if (quick) {
      await ack(answer(quick) as never);
      if (quick.kind === 'done' && !quick.view) await dm(userId, noticeView(quick.text, quick.text));
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
    now: () => w.engine.now(),
  };
  const reply = await runFlow(FLOWS, ctx, flowId, {}, {});
  const view = reply.kind === 'notice' ? null : reply.kind === 'view' ? reply.view : (reply.view ?? null);
  await w.app.client.chat.postMessage(
    (view ? { channel, ...renderMessage(view) } : { channel, text: (reply as { text: string }).text }) as never,
  );
  return true;
}
