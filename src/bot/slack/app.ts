// The Slack side: Bolt's own HTTP receiver (signed requests) mounted on the bot's server at
// /slack/events, or Socket Mode with SLACK_APP_TOKEN. Turns commands, modal submissions and clicks
// into engine commands; renders with Block Kit. Decides nothing itself.
import type { ServerResponse } from 'node:http';
import { App, ErrorCode, HTTPReceiver } from '@slack/bolt';
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { StartupError } from '../../config/env.ts';
import { t } from '../../i18n/catalogue.ts';
import type { Route } from '../../http/server.ts';
import type { ChatStore } from '../../engine/chat-store.ts';
import type { NoticeData } from '../../engine/notice-data.ts';
import type { Locale, Person } from '../../workflow/directory.ts';
import { PeopleIndex } from '../people.ts';
import { refusalText } from '../refusal-text.ts';
import { Refusal } from '../../workflow/refusal.ts';
import { besideFirstField, unreadable, unreadableModal } from './payload.ts';
import { cleanJsonInPlace } from '../../workflow/text.ts';
import { SlackDispatcher } from './dispatcher.ts';
import { homeView } from './home.ts';
import { filterFromWords } from '../portfolio-view.ts';
import { PORTFELL_WORDS } from '../flows/desk.ts';
import type { Downloads } from '../downloads.ts';
import { answerCommand, answerTyped, openFlowForm, registerFlows, slackContext } from './flows.ts';
import { registerThreadReplies } from './thread-replies.ts';

export const SLACK_ENDPOINT = '/slack/events';
/** Slack's own rule: a request older than 5 minutes is refused; so is one from the future (Bolt accepts those). */
export const MAX_CLOCK_SKEW_S = 300;

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  appToken?: string | undefined;
}

export interface SlackBotOptions {
  engine: Engine;
  queries: Queries;
  /** Where Slack channels and sent messages are kept (src/engine/chat-store.ts). */
  store: ChatStore;
  notices: NoticeData;
  defaultLocale: Locale;
  settings: SlackSettings;
  downloads: Downloads;
  /** Tests: a loopback stand-in for https://slack.com/api/ */
  apiUrl?: string;
  /** Where warnings go (requests that failed and were answered all the same). */
  log?: (line: string) => void;
}

export function createSlackBot(o: SlackBotOptions) {
  /**
   * What fails inside Bolt before any listener (a body Bolt cannot take apart, such as `actions` that
   * is no list) is answered 200 with what was acknowledged, if anything, and logged; never a 500.
   */
  const answerAnyway = async ({
    error,
    response,
    storedResponse,
  }: {
    error: Error & { code?: string };
    response: ServerResponse;
    storedResponse: unknown;
  }): Promise<boolean> => {
    if (response.headersSent) return false;
    if (error.code === ErrorCode.AuthorizationError) {
      response.writeHead(401).end();
      return true;
    }
    (o.log ?? console.warn)(`warning: Slack request answered without a listener: ${error.message}`);
    const json = storedResponse !== undefined && typeof storedResponse !== 'string';
    response.writeHead(200, json ? { 'content-type': 'application/json' } : {});
    response.end(storedResponse === undefined ? '' : json ? JSON.stringify(storedResponse) : storedResponse);
    return true;
  };
  // 429s come back to the outbox (which honours Retry-After) instead of being retried inside a request.
  const clientOptions = {
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
  const socketMode = !!o.settings.appToken;
  const receiver = socketMode
    ? null
    : new HTTPReceiver({
        signingSecret: o.settings.signingSecret,
        endpoints: SLACK_ENDPOINT,
        processBeforeResponse: false,
        processEventErrorHandler: answerAnyway,
      });
  // deferInitialization: the token check (auth.test) runs in start(), where a refusal stops start-up
  // with a clear message instead of an unhandled rejection later.
  const app = receiver
    ? new App({ token: o.settings.botToken, receiver, clientOptions, deferInitialization: true })
    : new App({
        token: o.settings.botToken,
        appToken: o.settings.appToken!,
        socketMode: true,
        clientOptions,
        deferInitialization: true,
      });
  let people = new PeopleIndex(o.engine.dir);
  let indexed = o.engine.dir;
  const byEmail = new Map<string, string>();

  async function personOf(userId: string | undefined): Promise<Person | undefined> {
    if (!userId) return undefined;
    if (indexed !== o.engine.dir) {
      people = new PeopleIndex(o.engine.dir);
      indexed = o.engine.dir;
    }
    const direct = people.slack(userId);
    if (direct) return direct;
    // Not in the organisation file by Slack id: try the e-mail Slack knows for this user.
    if (!byEmail.has(userId)) {
      const info = await app.client.users.info({ user: userId }).catch(() => null);
      byEmail.set(userId, info?.user?.profile?.email ?? '');
    }
    return people.slack(undefined, byEmail.get(userId) || undefined);
  }

  const unknown = (locale = o.defaultLocale) => t(locale, 'refusal.unknownPerson');

  // Bad input is answered, never a 500: every string Slack sends is cleaned as all text is
  // (src/workflow/text.ts), and what a listener fails on (a request it cannot take apart) is
  // acknowledged and told to the person.
  app.use(async (args) => {
    cleanJsonInPlace(args.body);
    const { type, actions } = args.body as { type?: unknown; actions?: unknown };
    if (
      type === 'block_actions' &&
      !(
        Array.isArray(actions) &&
        actions.length > 0 &&
        actions.every((x) => typeof (x as { action_id?: unknown } | null)?.action_id === 'string')
      )
    ) {
      (o.log ?? console.warn)('warning: Slack block_actions without actions to take apart: acknowledged, nothing run');
      await (args as { ack?: () => Promise<void> }).ack?.();
      return;
    }
    try {
      await args.next();
    } catch (error) {
      await answerFailure(args, error);
    }
  });

  async function answerFailure(args: unknown, error: unknown): Promise<void> {
    const a = args as {
      ack?: (r?: object) => Promise<void>;
      body: { type?: unknown; view?: unknown; user?: { id?: unknown }; user_id?: unknown; channel?: { id?: unknown } };
    };
    const type = typeof a.body.type === 'string' ? a.body.type : 'command';
    (o.log ?? console.warn)(
      `warning: Slack ${type} failed and was answered: ${error instanceof Error ? error.message : String(error)}`,
    );
    const userId = [a.body.user?.id, a.body.user_id].find((x): x is string => typeof x === 'string');
    const locale = (await personOf(userId).catch(() => undefined))?.locale ?? o.defaultLocale;
    const text = t(locale, 'slack.failed');
    const modal = type === 'view_submission' ? besideFirstField(a.body.view, text) : undefined;
    await a.ack?.(type === 'block_suggestion' ? { options: [] } : modal).catch(() => undefined);
    if (modal || type === 'view_closed' || type === 'block_suggestion' || type === 'event_callback' || !userId) return;
    const channel = typeof a.body.channel?.id === 'string' ? a.body.channel.id : undefined;
    await (
      channel
        ? app.client.chat.postEphemeral({ channel, user: userId, text })
        : app.client.chat.postMessage({ channel: userId, text })
    ).catch((e: unknown) => console.warn('Slack did not take a notice:', (e as Error).message));
  }

  /** A modal the bot cannot read back: the reason beside its first field, or (with no field) in a message. */
  async function unreadableView(
    ack: (r?: never) => Promise<void>,
    view: unknown,
    userId: string,
    locale: Locale,
  ): Promise<void> {
    const modal = unreadableModal(view, locale);
    await ack(modal as never);
    if (!modal) await app.client.chat.postMessage({ channel: userId, text: unreadable(locale) });
  }

  // A refusal that reaches the top (a read the policy refused: a forged or stale button or modal) is
  // answered politely to that person in their language, as a command's refusal is, and changes nothing.
  app.use(async (args) => {
    try {
      await args.next();
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      const a = args as unknown as {
        ack?: () => Promise<void>;
        respond?: (m: object) => Promise<unknown>;
        body: { user?: { id?: string }; user_id?: string; channel?: { id?: string } };
      };
      await a.ack?.().catch(() => undefined); // the request is answered even if the listener had not yet
      const userId = a.body.user?.id ?? a.body.user_id;
      const text = refusalText((await personOf(userId))?.locale ?? o.defaultLocale, error);
      // Nothing was changed, so a notice Slack does not take is only logged.
      const told = a.respond
        ? a.respond({ response_type: 'ephemeral', replace_original: false, text })
        : userId
          ? app.client.chat.postMessage({ channel: userId, text })
          : null;
      await told?.catch((e: unknown) => console.warn('Slack did not take a refusal notice:', (e as Error).message));
    }
  });

  /** The App Home (src/bot/slack/home.ts), published afresh. */
  async function publishHome(userId: string, person: Person) {
    const ctx = slackContext(flowWiring, person, `slack:home:${userId}`, userId);
    await app.client.views.publish({ user_id: userId, view: (await homeView(ctx)) as never });
  }

  app.event('app_home_opened', async ({ event }) => {
    const person = await personOf(event.user);
    if (!person || ('tab' in event && event.tab !== 'home')) return;
    await publishHome(event.user, person);
  });

  const flowWiring = {
    app,
    engine: o.engine,
    queries: o.queries,
    defaultLocale: o.defaultLocale,
    personOf,
    downloads: o.downloads,
    home: publishHome,
  };
  registerFlows(flowWiring);
  // A new proposal's form from /idee or the shortcut (the Home tab's and the messages' buttons are flows).
  app.command('/idee', async ({ ack, body, respond }) => {
    await ack();
    if (!(await openFlowForm(flowWiring, { userId: body.user_id, triggerId: body.trigger_id }, 'proposal.new')))
      await respond({ response_type: 'ephemeral', text: unknown() });
  });
  app.shortcut('uus_arendusalgatus', async ({ ack, body }) => {
    await ack();
    await openFlowForm(flowWiring, { userId: body.user.id, triggerId: body.trigger_id }, 'proposal.new');
  });
  registerThreadReplies({ ...flowWiring, downloads: o.downloads, store: o.store });

  app.command('/portfell', async ({ ack, body, respond }) => {
    await ack();
    const person = await personOf(body.user_id);
    if (!person) {
      await respond({ response_type: 'ephemeral', text: unknown() });
      return;
    }
    const [verb, target] = body.text.trim().split(/\s+/);
    if (verb === 'seo' || verb === 'link') {
      const where = { userId: body.user_id, channel: body.channel_id, triggerId: body.trigger_id, respond };
      await answerCommand(flowWiring, where, 'channel.link', target ? { target } : {});
      return;
    }
    // The desk's words (haldus, kalender, asendaja, staatus…) open their flow; any other words filter the portfolio.
    const where = { userId: body.user_id, channel: body.channel_id, triggerId: body.trigger_id, respond };
    const flowId = PORTFELL_WORDS[(verb ?? '').toLowerCase()];
    if (flowId) {
      await answerCommand(flowWiring, where, flowId, {});
      return;
    }
    const f = filterFromWords(o.engine.dir, body.text.trim().split(/\s+/).filter(Boolean));
    await answerCommand(flowWiring, where, 'portfolio.show', {
      domainId: f.domainId ?? '',
      institutionId: f.institutionId ?? '',
      status: f.status ?? '',
      period: f.period ?? '',
    });
  });

  // Link buttons and checkboxes in messages report each use too: acknowledge them so Slack shows no
  // error (a link opens by itself; a flow's button reads the message's state when it is pressed).
  app.action(/^(open_\w+|met|link#\d+)$/, async ({ ack }) => {
    await ack();
  });

  // A button or a form of no flow (one from before an update, or forged) is answered, never left to
  // time out: the person is told it cannot be read and to open it again; nothing is run.
  app.action(/^(?!flow:|search:|v$|open_\w+$|met$|link#\d+$)/, async ({ ack, body, respond }) => {
    await ack();
    const userId = body.user.id;
    const text = unreadable((await personOf(userId))?.locale ?? o.defaultLocale);
    if ('response_url' in body && body.response_url)
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    else await app.client.chat.postMessage({ channel: userId, text });
  });
  app.view(/^(?!flow:)/, async ({ ack, body, view }) => {
    await unreadableView(ack as never, view, body.user.id, (await personOf(body.user.id))?.locale ?? o.defaultLocale);
  });
  app.view({ callback_id: /^(?!flow:)/, type: 'view_closed' }, async ({ ack }) => {
    await ack();
  });

  app.event('message', async ({ event }) => {
    // Direct messages to the bot: typed commands start flows (src/bot/flows/); anything else gets the help.
    if (
      !('channel_type' in event) ||
      event.channel_type !== 'im' ||
      ('bot_id' in event && event.bot_id) ||
      ('subtype' in event && event.subtype)
    )
      return;
    const words = 'text' in event && typeof event.text === 'string' ? event.text : '';
    await answerTyped(flowWiring, 'user' in event ? String(event.user) : '', event.channel, words);
  });

  const route: Route = async (req, res) => {
    if (!receiver || new URL(req.url ?? '/', 'http://x').pathname !== SLACK_ENDPOINT) return false;
    const ts = Number(req.headers['x-slack-request-timestamp']);
    // The wall clock, as Slack's own: the engine's clock tells the process's day, not the time a request was signed.
    if (Number.isFinite(ts) && ts > Math.floor(Date.now() / 1000) + MAX_CLOCK_SKEW_S) {
      res.writeHead(401).end();
      return true;
    }
    receiver.requestListener(req, res);
    return true;
  };

  const dispatcher = new SlackDispatcher(
    o.store,
    o.notices,
    o.queries,
    () => o.engine.dir,
    app.client,
    o.defaultLocale,
  );
  return {
    app,
    route,
    dispatcher,
    socketMode,
    /** Socket Mode connects out to Slack; HTTP mode is served by the bot's own server. */
    async start() {
      try {
        await app.init();
      } catch (error) {
        const detail =
          (error as { data?: { error?: string }; message?: string }).data?.error ?? (error as Error).message;
        throw new StartupError(
          `Slack did not accept SLACK_BOT_TOKEN (${detail}). Check the Bot User OAuth Token (xoxb-…) under OAuth & Permissions, and that ${o.apiUrl ?? 'https://slack.com/api/'} is reachable; or unset the SLACK_* variables to run without Slack.`,
        );
      }
      if (socketMode) await app.start();
    },
    async stop() {
      if (socketMode) await app.stop();
    },
  };
}
