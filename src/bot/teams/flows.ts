// Teams' side of the flows (src/bot/flows/): a click's data becomes a flow id, its arguments and the
// card's inputs; the flow's Reply becomes the invoke's answer (a card in place, or a message).
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import type { Person } from '../../workflow/directory.ts';
import { runFlow, runSearch, type FlowContext, type Reply } from '../conversation/flow.ts';
import { text } from '../conversation/view.ts';
import type { Downloads } from '../downloads.ts';
import { FLOWS, SEARCHES } from '../flows/index.ts';
import { renderCard } from './render.ts';

export type FlowAnswer =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: ReturnType<typeof renderCard> }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string };

export const isFlow = (action: string) => FLOWS.has(action);

export interface TeamsWhere {
  conversationId: string;
  serviceUrl: string;
  /** 'personal', 'channel' or 'groupChat' (a channel or group chat can be linked to a role). */
  conversationType?: unknown;
}

export function teamsContext(
  o: { engine: Engine; queries: Queries; downloads: Downloads },
  person: Person,
  key: string,
  where: TeamsWhere,
): FlowContext {
  return {
    engine: o.engine,
    queries: o.queries,
    dir: o.engine.dir,
    person,
    platform: 'teams',
    key,
    replyTo: {
      kind: 'reply',
      platform: 'teams',
      personId: person.id,
      channel: where.conversationId,
      serviceUrl: where.serviceUrl,
    },
    // The channel itself, not the thread of a post in it (";messageid=<root>"), as the dispatcher reaches it.
    ...(where.conversationType && where.conversationType !== 'personal'
      ? {
          channel: {
            serviceUrl: where.serviceUrl,
            conversation: { id: where.conversationId.split(';messageid=')[0]! },
          },
        }
      : {}),
    downloads: o.downloads,
    now: () => o.engine.now(),
  };
}

/** The card a reply shows in place of the clicked one, or its text as a message. */
export function invokeAnswer(reply: Reply): FlowAnswer {
  if (reply.kind === 'notice')
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.text };
  const view =
    reply.kind === 'view'
      ? reply.view
      : (reply.view ?? { title: reply.text, parts: [text(reply.text, { strong: true })] });
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: renderCard(view) };
}

/** The activity a reply is as a new message (an answer to typed words). */
export function replyActivity(reply: Reply): Record<string, unknown> {
  const answer = invokeAnswer(reply);
  return answer.type === 'application/vnd.microsoft.activity.message'
    ? { type: 'message', text: answer.value }
    : {
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: answer.value }],
      };
}

/** A click on a flow's button: `data` is the Action.Execute data with the card's inputs beside `args`. */
export async function runTeamsFlow(ctx: FlowContext, data: Record<string, unknown>): Promise<FlowAnswer> {
  const { action, args, n: _nonce, ...inputs } = data;
  return invokeAnswer(await runFlow(FLOWS, ctx, String(action), args, inputs));
}

/** Typed words that start a flow. */
export async function runTeamsIntent(ctx: FlowContext, flowId: string): Promise<Record<string, unknown>> {
  return replyActivity(await runFlow(FLOWS, ctx, flowId, {}, {}));
}

/** A typeahead's question (card.search): the choices of its dataset for what was typed, as Teams wants them. */
export async function runTeamsSearch(
  ctx: FlowContext,
  dataset: string,
  text: string,
): Promise<Record<string, unknown>> {
  const found = await runSearch(SEARCHES, ctx, dataset, text, {});
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.search.searchResponse',
    value: { results: found.map((c) => ({ title: c.label, value: c.value })) },
  };
}
