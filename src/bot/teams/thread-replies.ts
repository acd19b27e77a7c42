// A reply in a co-thinker post's thread is (part of) that person's opinion: Teams' side only finds
// the post the thread belongs to (a channel post's conversation id ends in ";messageid=<root>"); what
// the reply means and what is answered is decided once, in src/bot/flows/committee.ts.
import type { ChatStore } from '../../engine/chat-store.ts';
import type { FlowContext } from '../conversation/flow.ts';
import { opinionFromThreadReply } from '../flows/committee.ts';

/**
 * Null when the message is no reply in a co-thinker post's thread (the bot goes on as with any
 * message); else what to answer at once: '' (the thanks follows through the outbox) or the refusal.
 */
export async function threadReply(store: ChatStore, ctx: FlowContext, conversationId: string, text: string) {
  const root = conversationId.split(';messageid=')[1];
  if (!root) return null;
  const cardKey = await store.cardByActivity('card:coThinker:', root);
  if (!cardKey) return null;
  return (await opinionFromThreadReply(ctx, cardKey.split(':')[3]!, text)) ?? '';
}
