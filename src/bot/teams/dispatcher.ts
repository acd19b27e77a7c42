// Delivers the engine's outbox messages to people in Teams, through the conversation reference the
// bot stored when they last wrote to it. Without one the message waits (nothing is lost).
import { Client } from '@microsoft/teams.api';
import { t } from '../../i18n/catalogue.ts';
import type { Directory } from '../../workflow/directory.ts';
import type { Stage } from '../../workflow/stages.ts';
import { findReference } from '../../storage/conversation-refs.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import { RetryLater, type OutboxDispatcher, type OutboxRow } from '../../storage/outbox.ts';
import { agreementCard, type Card } from './cards.ts';
import { loadProposal } from './proposal-data.ts';

export interface TeamsReference { serviceUrl: string; conversation: { id: string } }

/** How a message leaves: the Teams SDK's API client on the reference's service URL. */
export type SendActivity = (ref: TeamsReference, activity: Record<string, unknown>) => Promise<void>;

export function sdkSender(httpClient?: ConstructorParameters<typeof Client>[1]): SendActivity {
  return async (ref, activity) => {
    const client = new Client(ref.serviceUrl, httpClient);
    await client.conversations.activities(ref.conversation.id).create(activity as never);
  };
}

const cardActivity = (card: Card) => ({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });

export class TeamsDispatcher implements OutboxDispatcher {
  readonly audienceKinds = ['person'] as const;

  constructor(private readonly db: PrismaClient, private readonly dir: () => Directory, private readonly send: SendActivity) {}

  async deliver(row: OutboxRow): Promise<void> {
    if (row.audience.kind !== 'person') return;
    const person = this.dir().people.get(row.audience.personId);
    if (!person) throw new Error(`Person ${row.audience.personId} is no longer in the organisation file`);
    const ref = await findReference<TeamsReference>(this.db, 'teams', `person:${person.id}`);
    if (!ref) throw new RetryLater(`${person.name} has not opened a chat with the bot in Teams yet`, 15 * 60_000);
    const activity = await this.render(row, person.locale);
    if (activity) await this.send(ref, activity);
  }

  private async render(row: OutboxRow, locale: 'et' | 'en'): Promise<Record<string, unknown> | null> {
    const payload = row.payload;
    if (!('proposalId' in payload)) return null;
    const p = await loadProposal(this.db, payload.proposalId);
    if (!p) return null;
    const name = (id: string) => this.dir().people.get(id)?.name ?? id;
    const base = { number: p.number, title: p.title ?? '' };
    switch (payload.kind) {
      case 'agreementRequested':
        return cardActivity(agreementCard(this.dir(), locale, p));
      case 'proposalAgreed':
        return { type: 'message', text: t(locale, 'notify.agreed', { ...base, person: name(payload.byId) }) };
      case 'proposalReturned':
        return { type: 'message', text: t(locale, 'notify.returned', { ...base, person: name(payload.byId), comment: payload.comment }) };
      default:
        return { type: 'message', text: t(locale, 'notify.statusChanged', { ...base, stage: `@stage.${p.status as Stage}` }) };
    }
  }
}
