// The Slack side: Bolt's own HTTP receiver (signed requests) mounted on the bot's server at
// /slack/events, or Socket Mode with SLACK_APP_TOKEN. Turns commands, modal submissions and clicks
// into engine commands; renders with Block Kit. Decides nothing itself.
import { createHash, randomUUID } from 'node:crypto';
import { App, HTTPReceiver } from '@slack/bolt';
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { StartupError } from '../../config/env.ts';
import { t } from '../../i18n/catalogue.ts';
import type { Route } from '../../http/server.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import type { Locale, Person } from '../../workflow/directory.ts';
import { agreerFor, isPortfolioManager } from '../../workflow/directory.ts';
import { FORM_STEPS, fieldsFromInputs } from '../form-steps.ts';
import { PeopleIndex } from '../people.ts';
import { loadProposal } from '../proposal-data.ts';
import { refusalText } from '../refusal-text.ts';
import { agreementBlocks, formStepModal, helpBlocks, returnCommentModal, slackErrors, summaryModal, type StepMeta } from './blocks.ts';
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

export const SLACK_ENDPOINT = '/slack/events';
/** Slack's own rule: a request older than 5 minutes is refused; so is one from the future (Bolt accepts those). */
export const MAX_CLOCK_SKEW_S = 300;

export interface SlackSettings { botToken: string; signingSecret: string; appToken?: string | undefined }

export interface SlackBotOptions {
  engine: Engine;
  queries: Queries;
  db: PrismaClient;
  defaultLocale: Locale;
  settings: SlackSettings;
  downloads: Downloads;
  /** Tests: a loopback stand-in for https://slack.com/api/ */
  apiUrl?: string;
  now?: () => Date;
}

const digest = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 24);

export function createSlackBot(o: SlackBotOptions) {
  // 429s come back to the outbox (which honours Retry-After) instead of being retried inside a request.
  const clientOptions = { ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true };
  const socketMode = !!o.settings.appToken;
  const receiver = socketMode ? null : new HTTPReceiver({ signingSecret: o.settings.signingSecret, endpoints: SLACK_ENDPOINT, processBeforeResponse: true });
  // deferInitialization: the token check (auth.test) runs in start(), where a refusal stops start-up
  // with a clear message instead of an unhandled rejection later.
  const app = receiver
    ? new App({ token: o.settings.botToken, receiver, clientOptions, deferInitialization: true })
    : new App({ token: o.settings.botToken, appToken: o.settings.appToken!, socketMode: true, clientOptions, deferInitialization: true });
  const now = o.now ?? (() => new Date());
  let people = new PeopleIndex(o.engine.dir);
  let indexed = o.engine.dir;
  const byEmail = new Map<string, string>();

  async function personOf(userId: string | undefined): Promise<Person | undefined> {
    if (!userId) return undefined;
    if (indexed !== o.engine.dir) { people = new PeopleIndex(o.engine.dir); indexed = o.engine.dir; }
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

  async function openForm(person: Person, triggerId: string): Promise<void> {
    await app.client.views.open({ trigger_id: triggerId, view: formStepModal(o.engine.dir, person.locale, { proposalId: null, step: 0 }, {}) as never });
  }

  app.command('/idee', async ({ ack, body, respond }) => {
    const person = await personOf(body.user_id);
    if (!person) { await ack(); await respond({ response_type: 'ephemeral', text: unknown() }); return; }
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
    if (!person) { await ack({ response_action: 'errors', errors: { title: unknown() } }); return; }
    const meta = JSON.parse(view.private_metadata || '{}') as StepMeta;
    const step = Math.min(Math.max(meta.step ?? 0, 0), FORM_STEPS.length - 1);
    const values = readState(view.state.values as never);
    const fields = fieldsFromInputs(step, values);
    const key = `slack:view:${view.id}:${step}:${digest(values)}`;
    const r = meta.proposalId
      ? await o.engine.run({ command: 'saveDraft', actorId: person.id, input: { proposalId: meta.proposalId, fields }, platform: 'slack', deliveryKey: key })
      : await o.engine.run({ command: 'createDraft', actorId: person.id, input: { fields }, platform: 'slack', deliveryKey: key });
    if (!r.ok) {
      const errors = Object.keys(r.refusal.fieldErrors).length ? slackErrors(person.locale, r.refusal.fieldErrors) : { [FORM_STEPS[step]![0]!.name]: refusalText(person.locale, r.refusal) };
      await ack({ response_action: 'errors', errors });
      return;
    }
    const p = (await loadProposal(o.db, r.value.proposalId))!;
    const next = step + 1 < FORM_STEPS.length
      ? formStepModal(o.engine.dir, person.locale, { proposalId: p.id, step: step + 1 }, p as unknown as Record<string, unknown>)
      : summaryModal(o.engine.dir, person.locale, p);
    await ack({ response_action: 'update', view: next as never });
  });

  // Closing the form keeps what was typed: the draft is saved from the closed view's state.
  app.view({ callback_id: 'proposal_step', type: 'view_closed' }, async ({ ack, body, view }) => {
    await ack();
    const person = await personOf(body.user.id);
    if (!person) return;
    const meta = JSON.parse(view.private_metadata || '{}') as StepMeta;
    const fields = fieldsFromInputs(meta.step ?? 0, readState(view.state.values as never));
    if (Object.values(fields).every((v) => v == null || (Array.isArray(v) && v.length === 0))) return;
    const key = `slack:closed:${view.id}:${digest(fields)}`;
    if (meta.proposalId) await o.engine.run({ command: 'saveDraft', actorId: person.id, input: { proposalId: meta.proposalId, fields }, platform: 'slack', deliveryKey: key });
    else await o.engine.run({ command: 'createDraft', actorId: person.id, input: { fields }, platform: 'slack', deliveryKey: key });
  });

  app.view('proposal_summary', async ({ ack, body, view }) => {
    const person = await personOf(body.user.id);
    const meta = JSON.parse(view.private_metadata || '{}') as StepMeta;
    if (!person || !meta.proposalId) { await ack(); return; }
    const r = await o.engine.run({ command: 'submit', actorId: person.id, input: { proposalId: meta.proposalId }, platform: 'slack', deliveryKey: `slack:view:${view.id}:submit` });
    const p = (await loadProposal(o.db, meta.proposalId))!;
    if (!r.ok) {
      await ack({ response_action: 'update', view: summaryModal(o.engine.dir, person.locale, p, refusalText(person.locale, r.refusal).split('\n')) as never });
      return;
    }
    await ack({ response_action: 'clear' });
    const service = p.serviceId ? o.engine.dir.services.get(p.serviceId) : undefined;
    const agreer = service ? agreerFor(service) : null;
    const next = t(person.locale, `next.${p.status as 'agreement'}`, { person: agreer ? o.engine.dir.people.get(agreer.personId)?.name ?? '' : '', place: '' });
    await app.client.chat.postMessage({ channel: body.user.id, text: t(person.locale, 'slack.submitted', { number: p.number, title: escapeMrkdwn(p.title ?? ''), next: escapeMrkdwn(next) }) });
  });

  async function refuse(channel: string, user: string, text: string) {
    await app.client.chat.postEphemeral({ channel, user, text });
  }

  app.action('agreement_agree', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const person = await personOf(body.user.id);
    const channel = body.channel?.id ?? body.user.id;
    if (!person) { await refuse(channel, body.user.id, unknown()); return; }
    const { proposalId, n } = JSON.parse(action.value ?? '{}') as { proposalId: string; n: string };
    const r = await o.engine.run({ command: 'agree', actorId: person.id, input: { proposalId }, platform: 'slack', deliveryKey: `slack:${n}:agree` });
    if (!r.ok) { await refuse(channel, body.user.id, refusalText(person.locale, r.refusal)); return; }
    const p = (await loadProposal(o.db, proposalId))!;
    const blocks = agreementBlocks(o.engine.dir, person.locale, p, n, { kind: 'agreed', personName: person.name, at: now() });
    await app.client.chat.update({ channel, ts: body.message!.ts, blocks: blocks as never, text: t(person.locale, 'agreement.title', { number: p.number }) });
  });

  app.action('agreement_return', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const { proposalId } = JSON.parse(action.value ?? '{}') as { proposalId: string };
    const person = await personOf(body.user.id);
    await app.client.views.open({ trigger_id: body.trigger_id, view: returnCommentModal(person?.locale ?? o.defaultLocale, { proposalId, channel: body.channel?.id ?? body.user.id, ts: body.message!.ts }) as never });
  });

  app.view('agreement_return_modal', async ({ ack, body, view }) => {
    const person = await personOf(body.user.id);
    const meta = JSON.parse(view.private_metadata) as { proposalId: string; channel: string; ts: string };
    if (!person) { await ack({ response_action: 'errors', errors: { comment: unknown() } }); return; }
    const comment = String(readState(view.state.values as never).comment ?? '');
    const r = await o.engine.run({ command: 'returnForChanges', actorId: person.id, input: { proposalId: meta.proposalId, comment }, platform: 'slack', deliveryKey: `slack:view:${view.id}:return` });
    if (!r.ok) { await ack({ response_action: 'errors', errors: { comment: refusalText(person.locale, r.refusal) } }); return; }
    await ack();
    if (!meta.ts) return;
    const p = (await loadProposal(o.db, meta.proposalId))!;
    const blocks = agreementBlocks(o.engine.dir, person.locale, p, '', { kind: 'returned', personName: person.name, at: now(), comment });
    await app.client.chat.update({ channel: meta.channel, ts: meta.ts, blocks: blocks as never, text: t(person.locale, 'agreement.title', { number: p.number }) });
  });

  async function publishHome(userId: string, person: Person) {
    await app.client.views.publish({ user_id: userId, view: (await homeView(o.queries, o.engine.dir, person.id, person.locale, now())) as never });
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
    const r = await o.engine.run({ command: 'agree', actorId: person.id, input: { proposalId: action.value }, platform: 'slack', deliveryKey: `slack:${body.user.id}:${(action as { action_ts?: string }).action_ts ?? body.trigger_id}` });
    if (!r.ok) await app.client.chat.postMessage({ channel: body.user.id, text: escapeMrkdwn(refusalText(person.locale, r.refusal)) });
    await publishHome(body.user.id, person);
  });

  app.action('home_board', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const person = await personOf(body.user.id);
    await app.client.views.open({ trigger_id: body.trigger_id, view: boardModal(person?.locale ?? o.defaultLocale, { proposalId: action.value!, channel: '', ts: '' }) as never });
  });

  const channels = registerChannelFlows({ app, engine: o.engine, db: o.db, defaultLocale: o.defaultLocale, personOf });
  const calendarFlows = registerCalendarFlows({ app, engine: o.engine, queries: o.queries, db: o.db, personOf });
  const deskFlows = registerDeskFlows({ app, engine: o.engine, queries: o.queries, db: o.db, defaultLocale: o.defaultLocale, personOf, downloads: o.downloads });
  registerPlanFlow({ app, engine: o.engine, db: o.db, defaultLocale: o.defaultLocale, personOf });

  app.command('/portfell', async ({ ack, body, respond }) => {
    await ack();
    const person = await personOf(body.user_id);
    if (!person) { await respond({ response_type: 'ephemeral', text: unknown() }); return; }
    const [verb, target] = body.text.trim().split(/\s+/);
    if (verb === 'seo' || verb === 'link') {
      await respond({ response_type: 'ephemeral', text: await channels.link(person, body.channel_id, target ?? '') });
      return;
    }
    const deskAnswer = (await calendarFlows.commandText(person, verb ?? '')) ?? (await deskFlows.commandText(person, verb ?? ''));
    if (deskAnswer) { await respond({ response_type: 'ephemeral', text: deskAnswer.text, ...(deskAnswer.blocks ? { blocks: deskAnswer.blocks as never } : {}) }); return; }
    const filter = filterFromWords(o.engine.dir, body.text.trim().split(/\s+/).filter(Boolean));
    await respond({ response_type: 'ephemeral', text: t(person.locale, 'portfolio.title', { count: '' }), blocks: (await portfolio(person, filter, 0, `slack:${body.user_id}:${body.trigger_id}`)) as never });
  });

  /** The portfolio view with its pictures' links (a download link the engine allows, per view). */
  async function portfolio(person: Person, filter: PortfolioFilter, page: number, key: string) {
    const view = await loadPortfolioView(o.queries, o.engine.dir, filter, page);
    return portfolioViewBlocks(o.engine.dir, person.locale, view, await o.downloads.pictures(person, 'slack', key, filter), isPortfolioManager(o.engine.dir, person.id));
  }

  // Link buttons, menus, pickers and checkboxes in messages report each use too: acknowledge them so
  // Slack shows no error; their values are read from the message's state when a button is pressed.
  app.action(/^(open_\w+|domain|institution|status|progress|who|from|until|date|time|meeting|met)$/, async ({ ack }) => { await ack(); });

  app.action(/^portfolio_page(:|$)/, async ({ ack, body, action, respond }) => {
    await ack();
    const person = await personOf(body.user.id);
    if (!person || !('value' in action) || body.type !== 'block_actions') return;
    let raw: Record<string, unknown> = {};
    try { raw = JSON.parse(action.value ?? '{}') as Record<string, unknown>; } catch { /* an old button: the first page */ }
    const key = `slack:${body.user.id}:${(action as { action_ts?: string }).action_ts ?? body.trigger_id}`;
    await respond({ replace_original: true, text: t(person.locale, 'portfolio.title', { count: '' }), blocks: (await portfolio(person, cleanFilter(o.engine.dir, raw), Number(raw.page) || 0, key)) as never });
  });

  app.action('portfolio_filter', async ({ ack, body, action, respond }) => {
    await ack();
    const person = await personOf(body.user.id);
    if (!person || body.type !== 'block_actions') return;
    const state = (body.state?.values ?? {}) as Record<string, Record<string, { selected_option?: { value: string } | null; value?: string | null }>>;
    const f = state.portfolio_filter ?? {};
    const raw = { domainId: f.domain?.selected_option?.value, institutionId: f.institution?.selected_option?.value, status: f.status?.selected_option?.value, period: state.portfolio_period?.period?.value ?? undefined };
    const key = `slack:${body.user.id}:${(action as { action_ts?: string }).action_ts ?? body.trigger_id}`;
    await respond({ replace_original: true, text: t(person.locale, 'portfolio.title', { count: '' }), blocks: (await portfolio(person, cleanFilter(o.engine.dir, raw), 0, key)) as never });
  });

  app.event('message', async ({ event }) => {
    // Direct messages to the bot: help. (Thread replies as co-thinker opinions come with the channel flows.)
    if (!('channel_type' in event) || event.channel_type !== 'im' || ('bot_id' in event && event.bot_id) || ('subtype' in event && event.subtype)) return;
    const person = await personOf('user' in event ? event.user : undefined);
    await app.client.chat.postMessage({ channel: event.channel, text: t(person?.locale ?? o.defaultLocale, 'help.title'), blocks: helpBlocks(person?.locale ?? o.defaultLocale) as never });
  });

  const route: Route = async (req, res) => {
    if (!receiver || new URL(req.url ?? '/', 'http://x').pathname !== SLACK_ENDPOINT) return false;
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(ts) && ts > Math.floor(now().getTime() / 1000) + MAX_CLOCK_SKEW_S) {
      res.writeHead(401).end();
      return true;
    }
    receiver.requestListener(req, res);
    return true;
  };

  const dispatcher = new SlackDispatcher(o.db, o.queries, () => o.engine.dir, app.client, () => randomUUID().slice(0, 8), o.defaultLocale);
  return {
    app, route, dispatcher, socketMode,
    /** Socket Mode connects out to Slack; HTTP mode is served by the bot's own server. */
    async start() {
      try {
        await app.init();
      } catch (error) {
        const detail = (error as { data?: { error?: string }; message?: string }).data?.error ?? (error as Error).message;
        throw new StartupError(`Slack did not accept SLACK_BOT_TOKEN (${detail}). Check the Bot User OAuth Token (xoxb-…) under OAuth & Permissions, and that ${o.apiUrl ?? 'https://slack.com/api/'} is reachable; or unset the SLACK_* variables to run without Slack.`);
      }
      if (socketMode) await app.start();
    },
    async stop() { if (socketMode) await app.stop(); },
  };
}
