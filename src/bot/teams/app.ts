// The Teams side: the Teams SDK's own App and endpoint (/api/messages), mounted on the bot's HTTP
// server through a small adapter. Real Teams with credentials; without them only on a loopback
// address outside production (the Agents Playground, tests).
import { createHash } from 'node:crypto';
import { App, type HttpRouteHandler, type IHttpServerAdapter } from '@microsoft/teams.apps';
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { t } from '../../i18n/catalogue.ts';
import type { Route } from '../../http/server.ts';
import type { ChatStore } from '../../engine/chat-store.ts';
import type { NoticeData } from '../../engine/notice-data.ts';
import type { Locale } from '../../workflow/directory.ts';
import { PeopleIndex } from '../people.ts';
import { sdkSender, TeamsDispatcher, type TeamsSender } from './dispatcher.ts';
import { threadReply } from './thread-replies.ts';
import type { Downloads } from '../downloads.ts';
import { parseIntent } from '../intents.ts';
import { refusalText } from '../refusal-text.ts';
import { Refusal } from '../../workflow/refusal.ts';
import { notice } from '../conversation/flow.ts';
import { readActivity } from './request-body.ts';
import { INTENT_FLOWS } from '../flows/index.ts';
import {
  invokeAnswer,
  isFlow,
  runTeamsFlow,
  runTeamsIntent,
  runTeamsSearch,
  teamsContext,
  type TeamsWhere,
} from './flows.ts';

export const TEAMS_ENDPOINT = '/api/messages';

export interface TeamsCredentials {
  clientId: string;
  clientSecret: string;
  tenantId: string;
}

export interface TeamsBotOptions {
  engine: Engine;
  queries: Queries;
  /** Where Teams conversations and sent cards are kept (src/engine/chat-store.ts). */
  store: ChatStore;
  notices: NoticeData;
  defaultLocale: Locale;
  credentials: TeamsCredentials | null;
  downloads: Downloads;
  /** Overrides how proactive messages leave (tests point it at a loopback connector). */
  sender?: TeamsSender;
  /** Where warnings go (requests refused before the Teams SDK sees them). */
  log?: (line: string) => void;
}

/** Where an activity happened: the conversation, its service URL and kind (personal chat or channel). */
const whereOf = (
  activity: { conversation: { id: string; conversationType?: unknown } },
  ref: { serviceUrl: string },
): TeamsWhere => ({
  conversationId: activity.conversation.id,
  serviceUrl: ref.serviceUrl,
  conversationType: activity.conversation.conversationType,
});

function stripMentions(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/g, '').trim();
}

export async function createTeamsBot(o: TeamsBotOptions) {
  /**
   * A refusal that reaches the top (a read the policy refused: a forged or stale button) is answered
   * politely in the person's language, as a command's refusal is, and changes nothing.
   */
  const politely =
    <
      A extends {
        activity: { type: string; from?: { aadObjectId?: string } };
        send?: (text: string) => Promise<unknown>;
      },
      R,
    >(
      handler: (a: A) => Promise<R>,
    ) =>
    async (a: A): Promise<R> => {
      try {
        return await handler(a);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        const text = refusalText(personOf(a.activity.from)?.locale ?? o.defaultLocale, error);
        if (a.send && a.activity.type === 'message') {
          await a.send(text);
          return undefined as R;
        }
        return invokeAnswer(notice(text)) as R;
      }
    };
  let endpoint: HttpRouteHandler | undefined;
  const adapter: IHttpServerAdapter = {
    registerRoute(method, path, handler) {
      if (method === 'POST' && path === TEAMS_ENDPOINT) endpoint = handler;
    },
  };
  const app = new App({
    httpServerAdapter: adapter,
    messagingEndpoint: TEAMS_ENDPOINT,
    ...(o.credentials ?? { dangerouslyAllowUnauthenticatedRequests: true }),
  });
  let people = new PeopleIndex(o.engine.dir);
  let indexedDir = o.engine.dir;
  const personOf = (from: { aadObjectId?: string } | undefined) => {
    if (indexedDir !== o.engine.dir) {
      people = new PeopleIndex(o.engine.dir);
      indexedDir = o.engine.dir;
    }
    return people.teams(from?.aadObjectId);
  };

  app.on(
    'message',
    politely(async ({ activity, send, ref }) => {
      const person = personOf(activity.from);
      if (!person) {
        await send(t(o.defaultLocale, 'refusal.unknownPerson'));
        return;
      }
      const personal = activity.conversation.conversationType === 'personal';
      if (personal) await o.store.save(`person:${person.id}`, ref);
      const key = `teams:${activity.conversation.id}:${activity.id}`;
      const where = whereOf(activity, ref);
      if (!personal) {
        // A reply in a co-thinker post's thread is an opinion; otherwise only commands addressed to the bot.
        const text = stripMentions(activity.text ?? '');
        const reply = await threadReply(o.store, teamsContext(o, person, key, where), where.conversationId, text);
        if (reply !== null) {
          if (reply) await send(reply);
          return;
        }
      }
      const intent = parseIntent(activity.text);
      // With the RSC permission the bot reads every channel message: it answers only when addressed.
      const mentioned = /<at>/.test(activity.text ?? '') || (activity.entities ?? []).some((e) => e.type === 'mention');
      if (!personal && intent === 'unknown' && !mentioned) return;
      // Typed words start their flow; words no flow takes get the help with "I did not understand".
      const flowId = INTENT_FLOWS[intent] ?? 'help.unknown';
      await send((await runTeamsIntent(teamsContext(o, person, key, where), flowId)) as never);
    }),
  );

  app.on(
    'card.action',
    politely(async ({ activity, ref }) => {
      const person = personOf(activity.from);
      if (!person) return invokeAnswer(notice(t(o.defaultLocale, 'refusal.unknownPerson'))) as never;
      if (activity.conversation.conversationType === 'personal') await o.store.save(`person:${person.id}`, ref);
      const data = (activity.value?.action?.data ?? {}) as Record<string, unknown>;
      // A card replaced in place keeps its message id. The same activity again replays; a double click
      // (the same data as the person's last click on this card) replays; anything else is a new click,
      // so YES, NO, YES on a poll counts the last YES (see storage/click-keys.ts).
      const digest = createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 32);
      const key = await o.store.clickKey({
        activityId: activity.id,
        personId: person.id,
        card: `teams:${activity.conversation.id}:${activity.replyToId ?? activity.id}`,
        digest,
      });
      const action = String(data.action ?? '');
      const ctx = teamsContext(o, person, key, whereOf(activity, ref));
      // A button of an old card that no flow takes any more gets the help, to go on from there.
      return (await runTeamsFlow(ctx, isFlow(action) ? data : { action: 'help.unknown' })) as never;
    }),
  );

  // The typeahead of a 'search' input (a substitute, a plan's linked items): Teams asks as the person types.
  app.on('card.search', async ({ activity, ref }) => {
    const person = personOf(activity.from);
    const where = { conversationId: activity.conversation.id, serviceUrl: ref.serviceUrl };
    const ctx = person && teamsContext(o, person, `teams:search:${activity.id}`, where);
    const typed = String(activity.value?.queryText ?? '');
    return (
      ctx
        ? await runTeamsSearch(ctx, String(activity.value?.dataset ?? ''), typed)
        : { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results: [] } }
    ) as never;
  });

  await app.initialize();
  if (!endpoint) throw new Error(`The Teams SDK did not register ${TEAMS_ENDPOINT}`);
  const handle = endpoint;

  const route: Route = async (req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== TEAMS_ENDPOINT) return false;
    const read = await readActivity(req);
    if (!read.ok) {
      (o.log ?? console.warn)(`warning: Teams request refused (${read.status}): ${read.reason}`);
      res.writeHead(read.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: read.error }));
      return true;
    }
    const result = await handle({ body: read.activity, headers: req.headers as Record<string, string | string[]> });
    res.writeHead(result.status, { 'content-type': 'application/json' });
    res.end(result.body === undefined ? '' : JSON.stringify(result.body));
    return true;
  };

  const dispatcher = new TeamsDispatcher(
    o.store,
    o.notices,
    o.queries,
    () => o.engine.dir,
    o.sender ?? sdkSender(app.client),
    o.defaultLocale,
  );
  return { app, route, dispatcher };
}
