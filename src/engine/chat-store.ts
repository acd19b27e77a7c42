// What a platform keeps between requests, behind one object so that src/bot/teams and src/bot/slack
// never reach storage themselves: where to reach a person or a channel, the cards it sent (to update
// them or reply in their thread), the delivery key of a card click, and which posts of an outbox
// message have landed.
import { cardClickKey, type CardClick } from '../storage/click-keys.ts';
import { findCardByActivity, findReference, saveReference, type RefKey } from '../storage/conversation-refs.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import { deliverPost, type OutboxRow } from '../storage/outbox.ts';

export type { CardClick, RefKey, OutboxRow };
export { RetryLater, type PlatformDispatcher } from '../storage/outbox.ts';

export class ChatStore {
  constructor(
    private readonly db: PrismaClient,
    readonly platform: 'teams' | 'slack',
  ) {}

  find<T>(key: RefKey): Promise<T | null> {
    return findReference<T>(this.db, this.platform, key);
  }

  save(key: RefKey, reference: object): Promise<void> {
    return saveReference(this.db, this.platform, key, reference);
  }

  /** The key of the card (under `prefix`) whose message id is `activityId`: a thread reply finds its post. */
  cardByActivity(prefix: string, activityId: string): Promise<string | null> {
    return findCardByActivity(this.db, this.platform, prefix, activityId);
  }

  /** A card click's delivery key (see src/storage/click-keys.ts). */
  clickKey(click: CardClick): Promise<string> {
    return cardClickKey(this.db, click);
  }

  /** Sends one post of an outbox message unless it landed before, and records it when it lands. */
  deliverPost(row: OutboxRow, key: string, send: () => Promise<void>): Promise<void> {
    return deliverPost(this.db, row, key, send);
  }
}
