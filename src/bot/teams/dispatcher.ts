// Delivers the engine's outbox messages in Teams: to people through the chat reference stored when
// they last wrote to the bot, to channels through the reference stored when the portfolio manager
// linked them. Cards that change (the poll, the board's card) are updated in place. Without a
// reference the message waits and is retried (nothing is lost).
import { Client } from '@microsoft/teams.api';
import type { Directory, Locale } from '../../workflow/directory.ts';
import type { Audience, OutboxPayload } from '../../workflow/outbox-messages.ts';
import { isPlain, noticesFor, plainText, type Notice } from '../notices.ts';
import { renderCard } from './render.ts';
import { channelRoleOf } from '../../workflow/transitions/channels.ts';
import type { Queries } from '../../engine/queries.ts';
import type { NoticeData } from '../../engine/notice-data.ts';
import {
  RetryLater,
  type ChatStore,
  type OutboxRow,
  type PlatformDispatcher,
  type RefKey,
} from '../../engine/chat-store.ts';
import { escapeCardText } from './markdown.ts';

export interface TeamsReference {
  serviceUrl: string;
  conversation: { id: string };
}
export interface SentCard {
  serviceUrl: string;
  conversation: { id: string };
  activityId: string;
}

/** How messages leave: create returns the new activity's id; update replaces one in place. */
export interface TeamsSender {
  create(ref: TeamsReference, activity: Record<string, unknown>): Promise<string>;
  update(ref: TeamsReference, activityId: string, activity: Record<string, unknown>): Promise<void>;
}

export function sdkSender(httpClient?: ConstructorParameters<typeof Client>[1]): TeamsSender {
  const client = (ref: TeamsReference) => new Client(ref.serviceUrl, httpClient);
  return {
    async create(ref, activity) {
      const res = await client(ref)
        .conversations.activities(ref.conversation.id)
        .create(activity as never);
      return res.id;
    },
    async update(ref, activityId, activity) {
      await client(ref)
        .conversations.activities(ref.conversation.id)
        .update(activityId, { ...activity, id: activityId } as never);
    },
  };
}

export const cardActivity = (card: { type: 'AdaptiveCard' }) => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
});
const textActivity = (text: string) => ({ type: 'message', text });

/** A notice with something to press is a card; one that only tells is a plain message. */
function noticeDelivery(n: Notice): Delivery {
  const activity = isPlain(n) ? textActivity(escapeCardText(plainText(n))) : cardActivity(renderCard(n.view));
  return {
    activity,
    ...(n.cardKey ? { cardKey: n.cardKey } : {}),
    ...(n.update ? { update: true } : {}),
    ...(n.thread ? { thread: n.thread } : {}),
  };
}

/** What to do with one message: post it (and remember it under `cardKey`), or update that card. */
interface Delivery {
  activity: Record<string, unknown>;
  cardKey?: `card:${string}`;
  update?: boolean;
  thread?: `card:${string}`;
}

export class TeamsDispatcher implements PlatformDispatcher {
  readonly platform = 'teams';

  constructor(
    private readonly store: ChatStore,
    private readonly notices: NoticeData,
    private readonly queries: Queries,
    private readonly dir: () => Directory,
    private readonly sender: TeamsSender,
    private readonly channelLocale: Locale = 'et',
  ) {}

  /** People who have written to the bot in Teams (so it has their chat) and linked channels. */
  async reaches(row: OutboxRow): Promise<boolean> {
    return (await this.targets(row.audience).catch(() => [])).length > 0;
  }

  /**
   * Each post is recorded as it lands (per recipient and post); a recipient whose post fails does not
   * hold up the others, and the retry sends only what has not arrived.
   */
  async deliver(row: OutboxRow): Promise<void> {
    let failed: unknown = null;
    for (const target of await this.targets(row.audience)) {
      try {
        const deliveries = await this.render(row.payload, row.audience, target.locale);
        for (const [i, d] of deliveries.entries()) {
          await this.store.deliverPost(row, `teams:${target.id}:${d.cardKey ?? d.thread ?? i}`, () =>
            this.send(target.ref, d),
          );
        }
      } catch (error) {
        failed ??= error;
      }
    }
    if (failed) throw failed;
  }

  private async targets(a: Audience): Promise<{ id: string; ref: TeamsReference; locale: Locale }[]> {
    const dir = this.dir();
    const personRef = async (id: string) => {
      const person = dir.people.get(id);
      const ref = person ? await this.store.find<TeamsReference>(`person:${id}`) : null;
      return person && ref ? { id, ref, locale: person.locale } : null;
    };
    if (a.kind === 'reply') {
      // The answer to what the person just did in Teams, in the conversation where they did it.
      if (a.platform !== 'teams' || !a.channel || !a.serviceUrl) return [];
      return [
        {
          id: `reply:${a.personId}`,
          ref: { serviceUrl: a.serviceUrl, conversation: { id: a.channel } },
          locale: dir.people.get(a.personId)?.locale ?? this.channelLocale,
        },
      ];
    }
    if (a.kind === 'person') {
      const one = await personRef(a.personId);
      if (!one)
        throw new RetryLater(
          `${dir.people.get(a.personId)?.name ?? a.personId} has not opened a chat with the bot in Teams yet`,
          15 * 60_000,
          true,
        );
      return [one];
    }
    if (a.kind === 'portfolioManagers') {
      const all = (await Promise.all(dir.portfolioManagerIds.map(personRef))).filter((x) => x !== null);
      if (all.length === 0)
        throw new RetryLater('No portfolio manager has opened a chat with the bot in Teams yet', 15 * 60_000, true);
      return all;
    }
    const key: RefKey = `channel:${channelRoleOf(a)!}`;
    const ref = await this.store.find<TeamsReference>(key);
    if (!ref)
      throw new RetryLater(
        `No Teams channel is linked as ${key.slice(8)} yet: the portfolio manager writes "@bot seo kanal" there`,
        15 * 60_000,
        true,
      );
    return [{ id: key.slice(8), ref, locale: this.channelLocale }];
  }

  private async send(ref: TeamsReference, d: Delivery): Promise<void> {
    if (d.update && d.cardKey) {
      const sent = await this.store.find<SentCard>(d.cardKey);
      if (sent) {
        await this.sender.update(sent, sent.activityId, d.activity);
        return;
      }
    }
    let target = ref;
    if (d.thread) {
      const root = await this.store.find<SentCard>(d.thread);
      if (root)
        target = {
          serviceUrl: root.serviceUrl,
          conversation: { id: `${root.conversation.id};messageid=${root.activityId}` },
        };
    }
    const activityId = await this.sender.create(target, d.activity);
    if (d.cardKey)
      await this.store.save(d.cardKey, {
        serviceUrl: ref.serviceUrl,
        conversation: ref.conversation,
        activityId,
      } satisfies SentCard);
  }

  private async render(payload: OutboxPayload, audience: Audience, locale: Locale): Promise<Delivery[]> {
    const deps = { queries: this.queries, data: this.notices, dir: this.dir() };
    return (await noticesFor(deps, payload, audience, locale)).map(noticeDelivery);
  }
}
