// Delivers the engine's outbox messages in Slack: DMs to people by their Slack user id (from the
// organisation file), posts in the channels the portfolio manager linked, and updates of the poll in
// place. Slack's 429 (Retry-After) and 5xx go back to the outbox, which tries again later.
import type { WebClient } from '@slack/web-api';
import type { Queries } from '../../engine/queries.ts';
import type { Directory, Locale, Person } from '../../workflow/directory.ts';
import type { Audience, OutboxPayload } from '../../workflow/outbox-messages.ts';
import type { NoticeData } from '../../engine/notice-data.ts';
import {
  RetryLater,
  type ChatStore,
  type OutboxRow,
  type PlatformDispatcher,
  type RefKey,
} from '../../engine/chat-store.ts';
import { isPlain, noticesFor, plainText, type Notice } from '../notices.ts';
import { renderMessage } from './render.ts';
import { channelRoleOf } from '../../workflow/transitions/channels.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** A message the bot sent, kept to update it or to reply in its thread. */
export interface SlackCard {
  channel: string;
  ts: string;
}

interface Post {
  text: string;
  blocks?: unknown[];
  cardKey?: `card:${string}`;
  update?: boolean;
  threadOf?: `card:${string}`;
}
/** Where a row's posts go: a DM (a user id), a channel, or an ephemeral for `user` in a channel. */
interface Target {
  channel: string;
  locale: Locale;
  user?: string;
}

/** A notice with something to press has blocks; one that only tells is a plain message. */
function noticePost(n: Notice): Post {
  const text = escapeMrkdwn(plainText(n));
  return {
    // The notification text: the whole notice where it is all text, else the view's title.
    ...(isPlain(n)
      ? { text }
      : { ...renderMessage(n.view), ...(n.view.parts.every((p) => p.kind === 'text') ? { text } : {}) }),
    ...(n.cardKey ? { cardKey: n.cardKey } : {}),
    ...(n.update ? { update: true } : {}),
    ...(n.thread ? { threadOf: n.thread } : {}),
  };
}

/** A post's name within its row, for the delivery record: stable across retries. */
const postName = (post: Post, index: number) => post.cardKey ?? post.threadOf ?? String(index);

function channelKey(a: Audience): RefKey | null {
  const role = channelRoleOf(a);
  return role ? `channel:${role}` : null;
}

export class SlackDispatcher implements PlatformDispatcher {
  readonly platform = 'slack';

  constructor(
    private readonly store: ChatStore,
    private readonly notices: NoticeData,
    private readonly queries: Queries,
    private readonly dir: () => Directory,
    private readonly client: WebClient,
    private readonly channelLocale: Locale = 'et',
  ) {}

  /** People this message goes to who have a Slack account in the organisation file. */
  recipients(row: OutboxRow): Person[] {
    const dir = this.dir();
    const ids =
      row.audience.kind === 'person'
        ? [row.audience.personId]
        : row.audience.kind === 'portfolioManagers'
          ? dir.portfolioManagerIds
          : [];
    return ids.map((id) => dir.people.get(id)).filter((p): p is Person => !!p?.slackUserId);
  }

  /** People with a Slack user id; channels the portfolio manager linked in Slack; answers to Slack clicks. */
  async reaches(row: OutboxRow): Promise<boolean> {
    if (row.audience.kind === 'reply') return row.audience.platform === 'slack';
    const key = channelKey(row.audience);
    if (key) return (await this.store.find(key)) !== null;
    return this.recipients(row).length > 0;
  }

  async deliver(row: OutboxRow): Promise<void> {
    const key = channelKey(row.audience);
    const targets: Target[] = [];
    const a = row.audience;
    if (a.kind === 'reply') {
      // The answer to a click: an ephemeral where the person clicked, or a DM.
      const locale = this.dir().people.get(a.personId)?.locale ?? this.channelLocale;
      if (a.platform === 'slack' && a.userId)
        targets.push(a.channel ? { channel: a.channel, user: a.userId, locale } : { channel: a.userId, locale });
    } else if (key) {
      const ref = await this.store.find<{ channel: string }>(key);
      if (!ref) throw new RetryLater(`No Slack channel is linked as ${key.slice(8)} yet`, 15 * 60_000, true);
      targets.push({ channel: ref.channel, locale: this.channelLocale });
    } else {
      for (const p of this.recipients(row)) targets.push({ channel: p.slackUserId!, locale: p.locale });
    }
    if (targets.length === 0)
      throw new RetryLater('No recipient has a Slack user id in the organisation file', 60 * 60_000, true);
    // Each post is recorded as it lands; a recipient whose post fails does not hold up the others
    // (except on Slack's rate limit, which holds for everyone), and the retry sends only the rest.
    let failed: Error | null = null;
    for (const target of targets) {
      try {
        const posts = await this.render(row.payload, row.audience, target.locale);
        for (const [i, post] of posts.entries()) {
          await this.store.deliverPost(
            row,
            `slack:${target.channel}${target.user ? `/${target.user}` : ''}:${postName(post, i)}`,
            () => this.send(target, post),
          );
        }
      } catch (error) {
        failed ??= toRetry(error);
        if (failed instanceof RetryLater && failed.retryAfterMs != null) break;
      }
    }
    if (failed) throw failed;
  }

  private async send(target: Target, post: Post): Promise<void> {
    const { channel } = target;
    if (target.user) {
      await this.client.chat.postEphemeral({
        channel,
        user: target.user,
        text: post.text,
        ...(post.blocks ? { blocks: post.blocks as never } : {}),
      });
      return;
    }
    if (post.update && post.cardKey) {
      const sent = await this.store.find<SlackCard>(post.cardKey);
      if (sent) {
        await this.client.chat.update({
          channel: sent.channel,
          ts: sent.ts,
          text: post.text,
          blocks: post.blocks as never,
        });
        return;
      }
    }
    const thread = post.threadOf ? await this.store.find<SlackCard>(post.threadOf) : null;
    const res = await this.client.chat.postMessage({
      channel,
      text: post.text,
      ...(post.blocks ? { blocks: post.blocks as never } : {}),
      ...(thread ? { thread_ts: thread.ts } : {}),
    });
    // Stored under the message ts: thread replies find their post, poll updates their message.
    if (post.cardKey && res.ts)
      await this.store.save(post.cardKey, {
        channel: res.channel ?? channel,
        ts: res.ts,
        activityId: res.ts,
      });
  }

  private async render(payload: OutboxPayload, audience: Audience, locale: Locale): Promise<Post[]> {
    const deps = { queries: this.queries, data: this.notices, dir: this.dir() };
    return (await noticesFor(deps, payload, audience, locale)).map(noticePost);
  }
}

/** Slack's rate limit (429, Retry-After in seconds) and server errors: try again later. */
export function toRetry(error: unknown): Error {
  const e = error as { code?: string; retryAfter?: number; message?: string };
  if (e.code === 'slack_webapi_rate_limited_error')
    return new RetryLater('Slack rate limit (429)', (e.retryAfter ?? 30) * 1000);
  if (e.code === 'slack_webapi_http_error') return new RetryLater(`Slack HTTP error: ${e.message ?? ''}`);
  return error instanceof Error ? error : new Error(String(error));
}
