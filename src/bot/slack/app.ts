// The Slack side: Bolt's own HTTP receiver (signed requests) mounted on the bot's server at
// /slack/events, or Socket Mode with SLACK_APP_TOKEN. Turns commands, modal submissions and clicks
// into engine commands; renders with Block Kit. Decides nothing itself.
import { createHash, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { App, ErrorCode, HTTPReceiver } from '@slack/bolt';
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { StartupError } from '../../config/env.ts';
import { t } from '../../i18n/catalogue.ts';
import type { Route } from '../../http/server.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import type { ChatStore } from '../../engine/chat-store.ts';
import type { NoticeData } from '../../engine/notice-data.ts';
import type { Locale, Person } from '../../workflow/directory.ts';
import { isPortfolioManager } from '../../workflow/directory.ts';
import { FORM_STEPS, fieldsFromInputs, withoutEmptyRequired } from '../form-steps.ts';
import { PeopleIndex } from '../people.ts';
import { refusalText } from '../refusal-text.ts';
import { Refusal } from '../../workflow/refusal.ts';
import { agreementBlocks, formStepModal, helpBlocks, returnCommentModal, slackErrors, summaryModal } from './blocks.ts';
import {
  agreementValue,
  besideFirstField,
  cardMeta,
  readJson,
  stepMeta,
  unreadable,
  unreadableModal,
} from './payload.ts';
import { cleanJsonInPlace } from '../../workflow/text.ts';
import { SlackDispatcher } from './dispatcher.ts';
import { readState } from './state.ts';
import { homeView } from './home.ts';
import { portfolioViewBlocks } from './portfolio-blocks.ts';
import { cleanFilter, filterFromWords, loadPortfolioView } from '../portfolio-view.ts';
import type { PortfolioFilter } from '../../publish/files.ts';
import { boardModal } from './channel-blocks.ts';
import { registerChannelFlows } from './channel-handlers.ts';
import { registerCalendarFlows } from './calendar-handlers.ts';
import { registerDeskFlows } from './desk-handlers.ts';
import { registerPlanFlow } from './plan-handlers.ts';
import type { Downloads } from '../downloads.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { afterCommit, slackReply } from './replies.ts';
import { answerTyped, registerFlows } from './flows.ts';

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
  db: PrismaClient;
  defaultLocale: Locale;
  settings: SlackSettings;
  downloads: Downloads;
  /** Tests: a loopback stand-in for https://slack.com/api/ */
  apiUrl?: string;
  now?: () => Date;
  /** Where warnings go (requests that failed and were answered all the same). */
  log?: (line: string) => void;
}

const digest = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 24);

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
  const now = o.now ?? (() => new Date());
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

  async function openForm(person: Person, triggerId: string): Promise<void> {
    await app.client.views.open({
      trigger_id: triggerId,
      view: formStepModal(o.engine.dir, person.locale, { proposalId: null, step: 0 }, {}) as never,
    });
  }

  app.command('/idee', async ({ ack, body, respond }) => {
    const person = await personOf(body.user_id);
    if (!person) {
      await ack();
      await respond({ response_type: 'ephemeral', text: unknown() });
      return;
    }
    await ack();
    await openForm(person, body.trigger_id);
  });

  app.shortcut('uus_arendusalgatus', async ({ ack, body }) => {
    await ack();
    const person = await personOf(body.user.id);
    if (person) await openForm(person, body.trigger_id);
  });

  app.action('open_form', async ({ ack, body }) => {
    await ack();
    const person = await personOf(body.user.id);
    if (person && 'trigger_id' in body) await openForm(person, body.trigger_id);
  });

  app.view('proposal_step', async ({ ack, body, view }) => {
    const person = await personOf(body.user.id);
    if (!person) {
      await ack({ response_action: 'errors', errors: { title: unknown() } });
      return;
    }
    const meta = readJson(view.private_metadata || '{}', stepMeta);
    if (!meta) {
      await unreadableView(ack, view, body.user.id, person.locale);
      return;
    }
    const step = Math.min(Math.max(meta.step ?? 0, 0), FORM_STEPS.length - 1);
    const values = readState(view.state.values as never);
    const fields = fieldsFromInputs(step, values);
    const key = `slack:view:${view.id}:${step}:${digest(values)}`;
    const r = meta.proposalId
      ? await o.engine.run({
          command: 'saveDraft',
          actorId: person.id,
          input: { proposalId: meta.proposalId, fields },
          platform: 'slack',
          deliveryKey: key,
        })
      : await o.engine.run({
          command: 'createDraft',
          actorId: person.id,
          input: { fields },
          platform: 'slack',
          deliveryKey: key,
        });
    if (!r.ok) {
      const errors = Object.keys(r.refusal.fieldErrors).length
        ? slackErrors(person.locale, r.refusal.fieldErrors)
        : { [FORM_STEPS[step]![0]!.name]: refusalText(person.locale, r.refusal) };
      await ack({ response_action: 'errors', errors });
      return;
    }
    const p = (await o.queries.proposal(person.id, r.value.proposalId))!;
    const next =
      step + 1 < FORM_STEPS.length
        ? formStepModal(
            o.engine.dir,
            person.locale,
            { proposalId: p.id, step: step + 1 },
            p as unknown as Record<string, unknown>,
          )
        : summaryModal(o.engine.dir, person.locale, p);
    await ack({ response_action: 'update', view: next as never });
  });

  // Closing the form keeps what was typed: the draft is saved from the closed view's state.
  app.view({ callback_id: 'proposal_step', type: 'view_closed' }, async ({ ack, body, view }) => {
    await ack();
    const person = await personOf(body.user.id);
    const meta = readJson(view.private_metadata || '{}', stepMeta);
    if (!person || !meta) return;
    // What was typed is kept; a required field left empty is left out (a draft may lack it, not empty it).
    const fields = withoutEmptyRequired(fieldsFromInputs(meta.step ?? 0, readState(view.state.values as never)));
    if (Object.values(fields).every((v) => v == null || (Array.isArray(v) && v.length === 0))) return;
    const key = `slack:closed:${view.id}:${digest(fields)}`;
    if (meta.proposalId)
      await o.engine.run({
        command: 'saveDraft',
        actorId: person.id,
        input: { proposalId: meta.proposalId, fields },
        platform: 'slack',
        deliveryKey: key,
      });
    else
      await o.engine.run({
        command: 'createDraft',
        actorId: person.id,
        input: { fields },
        platform: 'slack',
        deliveryKey: key,
      });
  });

  app.view('proposal_summary', async ({ ack, body, view }) => {
    const person = await personOf(body.user.id);
    const meta = readJson(view.private_metadata || '{}', stepMeta);
    if (!meta) {
      await unreadableView(ack, view, body.user.id, person?.locale ?? o.defaultLocale);
      return;
    }
    if (!person || !meta.proposalId) {
      await ack();
      return;
    }
    // The confirmation goes through the outbox with the change: sent once, and a Slack error later
    // never makes the submission look failed.
    const r = await o.engine.run({
      command: 'submit',
      actorId: person.id,
      input: { proposalId: meta.proposalId },
      platform: 'slack',
      deliveryKey: `slack:view:${view.id}:submit`,
      replies: (v) => [
        slackReply(person.id, body.user.id, { kind: 'submitted', proposalId: v.proposalId, stage: v.status }),
      ],
    });
    const p = (await o.queries.proposal(person.id, meta.proposalId))!;
    if (!r.ok) {
      await ack({
        response_action: 'update',
        view: summaryModal(o.engine.dir, person.locale, p, refusalText(person.locale, r.refusal).split('\n')) as never,
      });
      return;
    }
    await ack({ response_action: 'clear' });
  });

  async function refuse(channel: string, user: string, text: string) {
    await app.client.chat.postEphemeral({ channel, user, text });
  }

  app.action('agreement_agree', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const person = await personOf(body.user.id);
    const channel = body.channel?.id ?? body.user.id;
    if (!person) {
      await refuse(channel, body.user.id, unknown());
      return;
    }
    const value = readJson(action.value, agreementValue);
    if (!value) {
      await refuse(channel, body.user.id, unreadable(person.locale));
      return;
    }
    const { proposalId, n = '' } = value;
    const r = await o.engine.run({
      command: 'agree',
      actorId: person.id,
      input: { proposalId },
      platform: 'slack',
      deliveryKey: `slack:${n}:agree`,
    });
    if (!r.ok) {
      await refuse(channel, body.user.id, refusalText(person.locale, r.refusal));
      return;
    }
    const p = (await o.queries.proposal(person.id, proposalId))!;
    const blocks = agreementBlocks(o.engine.dir, person.locale, p, n, {
      kind: 'agreed',
      personName: person.name,
      at: now(),
    });
    await afterCommit('redrawing the agreement message', () =>
      app.client.chat.update({
        channel,
        ts: body.message!.ts,
        blocks: blocks as never,
        text: t(person.locale, 'agreement.title', { number: p.number }),
      }),
    );
  });

  app.action('agreement_return', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const value = readJson(action.value, agreementValue);
    const person = await personOf(body.user.id);
    if (!value) {
      await refuse(body.channel?.id ?? body.user.id, body.user.id, unreadable(person?.locale ?? o.defaultLocale));
      return;
    }
    const { proposalId } = value;
    await app.client.views.open({
      trigger_id: body.trigger_id,
      view: returnCommentModal(person?.locale ?? o.defaultLocale, {
        proposalId,
        channel: body.channel?.id ?? body.user.id,
        ts: body.message!.ts,
      }) as never,
    });
  });

  app.view('agreement_return_modal', async ({ ack, body, view }) => {
    const person = await personOf(body.user.id);
    const meta = readJson(view.private_metadata, cardMeta);
    if (!meta) {
      await unreadableView(ack, view, body.user.id, person?.locale ?? o.defaultLocale);
      return;
    }
    if (!person) {
      await ack({ response_action: 'errors', errors: { comment: unknown() } });
      return;
    }
    const comment = String(readState(view.state.values as never).comment ?? '');
    const r = await o.engine.run({
      command: 'returnForChanges',
      actorId: person.id,
      input: { proposalId: meta.proposalId, comment },
      platform: 'slack',
      deliveryKey: `slack:view:${view.id}:return`,
    });
    if (!r.ok) {
      await ack({ response_action: 'errors', errors: { comment: refusalText(person.locale, r.refusal) } });
      return;
    }
    await ack();
    if (!meta.ts) return;
    const p = (await o.queries.proposal(person.id, meta.proposalId))!;
    const blocks = agreementBlocks(o.engine.dir, person.locale, p, '', {
      kind: 'returned',
      personName: person.name,
      at: now(),
      comment,
    });
    await afterCommit('redrawing the agreement message', () =>
      app.client.chat.update({
        channel: meta.channel,
        ts: meta.ts,
        blocks: blocks as never,
        text: t(person.locale, 'agreement.title', { number: p.number }),
      }),
    );
  });

  async function publishHome(userId: string, person: Person) {
    await app.client.views.publish({
      user_id: userId,
      view: (await homeView(o.queries, o.engine.dir, person.id, person.locale, now())) as never,
    });
  }

  app.event('app_home_opened', async ({ event }) => {
    const person = await personOf(event.user);
    if (!person || ('tab' in event && event.tab !== 'home')) return;
    await publishHome(event.user, person);
  });

  // Acting from the Home tab: agree at once; the board decides in its modal.
  app.action('home_agree', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const person = await personOf(body.user.id);
    if (!person) return;
    const r = await o.engine.run({
      command: 'agree',
      actorId: person.id,
      input: { proposalId: action.value },
      platform: 'slack',
      deliveryKey: `slack:${body.user.id}:${(action as { action_ts?: string }).action_ts ?? body.trigger_id}`,
    });
    if (!r.ok)
      await app.client.chat.postMessage({
        channel: body.user.id,
        text: escapeMrkdwn(refusalText(person.locale, r.refusal)),
      });
    await afterCommit('redrawing the Home tab', () => publishHome(body.user.id, person));
  });

  app.action('home_board', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const person = await personOf(body.user.id);
    await app.client.views.open({
      trigger_id: body.trigger_id,
      view: boardModal(person?.locale ?? o.defaultLocale, { proposalId: action.value!, channel: '', ts: '' }) as never,
    });
  });

  const flowWiring = { app, engine: o.engine, queries: o.queries, defaultLocale: o.defaultLocale, personOf };
  registerFlows(flowWiring);
  const channels = registerChannelFlows({
    app,
    engine: o.engine,
    queries: o.queries,
    db: o.db,
    defaultLocale: o.defaultLocale,
    personOf,
  });
  const calendarFlows = registerCalendarFlows({ app, engine: o.engine, queries: o.queries, db: o.db, personOf });
  const deskFlows = registerDeskFlows({
    app,
    engine: o.engine,
    queries: o.queries,
    db: o.db,
    defaultLocale: o.defaultLocale,
    personOf,
    downloads: o.downloads,
  });
  registerPlanFlow({ app, engine: o.engine, queries: o.queries, defaultLocale: o.defaultLocale, personOf });

  app.command('/portfell', async ({ ack, body, respond }) => {
    await ack();
    const person = await personOf(body.user_id);
    if (!person) {
      await respond({ response_type: 'ephemeral', text: unknown() });
      return;
    }
    const [verb, target] = body.text.trim().split(/\s+/);
    if (verb === 'seo' || verb === 'link') {
      await respond({ response_type: 'ephemeral', text: await channels.link(person, body.channel_id, target ?? '') });
      return;
    }
    const deskAnswer =
      (await calendarFlows.commandText(person, verb ?? '')) ?? (await deskFlows.commandText(person, verb ?? ''));
    if (deskAnswer) {
      await respond({
        response_type: 'ephemeral',
        text: deskAnswer.text,
        ...(deskAnswer.blocks ? { blocks: deskAnswer.blocks as never } : {}),
      });
      return;
    }
    const filter = filterFromWords(o.engine.dir, body.text.trim().split(/\s+/).filter(Boolean));
    await respond({
      response_type: 'ephemeral',
      text: t(person.locale, 'portfolio.title', { count: '' }),
      blocks: (await portfolio(person, filter, 0, `slack:${body.user_id}:${body.trigger_id}`)) as never,
    });
  });

  /** The portfolio view with its pictures' links (a download link the engine allows, per view). */
  async function portfolio(person: Person, filter: PortfolioFilter, page: number, key: string) {
    const view = await loadPortfolioView(o.queries, person.id, o.engine.dir, filter, page);
    return portfolioViewBlocks(
      o.engine.dir,
      person.locale,
      view,
      await o.downloads.pictures(person, 'slack', key, filter),
      isPortfolioManager(o.engine.dir, person.id),
    );
  }

  // Link buttons, menus, pickers and checkboxes in messages report each use too: acknowledge them so
  // Slack shows no error; their values are read from the message's state when a button is pressed.
  app.action(
    /^(open_\w+|domain|institution|status|progress|who|from|until|date|time|meeting|met)$/,
    async ({ ack }) => {
      await ack();
    },
  );

  app.action(/^portfolio_page(:|$)/, async ({ ack, body, action, respond }) => {
    await ack();
    const person = await personOf(body.user.id);
    if (!person || !('value' in action) || body.type !== 'block_actions') return;
    let raw: Record<string, unknown> = {};
    try {
      raw = JSON.parse(action.value ?? '{}') as Record<string, unknown>;
    } catch {
      /* an old button: the first page */
    }
    const key = `slack:${body.user.id}:${(action as { action_ts?: string }).action_ts ?? body.trigger_id}`;
    await respond({
      replace_original: true,
      text: t(person.locale, 'portfolio.title', { count: '' }),
      blocks: (await portfolio(person, cleanFilter(o.engine.dir, raw), Number(raw.page) || 0, key)) as never,
    });
  });

  app.action('portfolio_filter', async ({ ack, body, action, respond }) => {
    await ack();
    const person = await personOf(body.user.id);
    if (!person || body.type !== 'block_actions') return;
    const state = (body.state?.values ?? {}) as Record<
      string,
      Record<string, { selected_option?: { value: string } | null; value?: string | null }>
    >;
    const f = state.portfolio_filter ?? {};
    const raw = {
      domainId: f.domain?.selected_option?.value,
      institutionId: f.institution?.selected_option?.value,
      status: f.status?.selected_option?.value,
      period: state.portfolio_period?.period?.value ?? undefined,
    };
    const key = `slack:${body.user.id}:${(action as { action_ts?: string }).action_ts ?? body.trigger_id}`;
    await respond({
      replace_original: true,
      text: t(person.locale, 'portfolio.title', { count: '' }),
      blocks: (await portfolio(person, cleanFilter(o.engine.dir, raw), 0, key)) as never,
    });
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
    () => randomUUID().slice(0, 8),
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
