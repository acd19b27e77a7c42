// A reply in a co-thinker post's thread is (part of) that person's opinion: Slack's side only finds
// the post the thread belongs to; what the reply means and what is answered is decided once, in
// src/bot/flows/committee.ts. Edits count as a new reply; deletions leave the opinion as it was (it
// is a record for the committee).
import type { App } from '@slack/bolt';
import type { ChatStore } from '../../engine/chat-store.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import type { Person } from '../../workflow/directory.ts';
import type { Downloads } from '../downloads.ts';
import { opinionFromThreadReply } from '../flows/committee.ts';
import { slackContext } from './flows.ts';

interface Wiring {
  app: App;
  engine: Engine;
  queries: Queries;
  downloads: Downloads;
  store: ChatStore;
  personOf(userId: string | undefined): Promise<Person | undefined>;
}

interface MessageEvent {
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  thread_ts?: string;
  ts?: string;
  channel: string;
  message?: { user?: string; text?: string; thread_ts?: string; ts?: string; bot_id?: string };
}

export function registerThreadReplies(w: Wiring): void {
  w.app.event('message', async ({ event, body }) => {
    const e = event as MessageEvent;
    if (e.channel_type === 'im') return;
    const m = e.subtype === 'message_changed' ? (e.message ?? {}) : e.subtype ? null : e;
    if (!m || m.bot_id || !m.thread_ts || m.thread_ts === m.ts || !m.user) return;
    const cardKey = await w.store.cardByActivity('card:coThinker:', m.thread_ts);
    if (!cardKey) return;
    const person = await w.personOf(m.user);
    if (!person) return;
    // The event's id: Slack's retry of the same event records and sends nothing more.
    const key = `slack:event:${(body as { event_id?: string }).event_id ?? m.ts}`;
    const refused = await opinionFromThreadReply(
      slackContext(w, person, key, m.user, e.channel),
      cardKey.split(':')[3]!,
      m.text ?? '',
    );
    if (refused) await w.app.client.chat.postEphemeral({ channel: e.channel, user: m.user, text: refused });
  });
}
