// What the outbox's messages look like, written once for both platforms: each payload becomes one
// or more neutral views (src/bot/conversation/view.ts) that the dispatchers render as Adaptive Cards
// or Block Kit. Every notice to a person says what they can do next and offers the button for it.
import type { NoticeData } from '../engine/notice-data.ts';
import { t, type MessageKey } from '../i18n/catalogue.ts';
import type { Directory, Locale } from '../workflow/directory.ts';
import type { Audience, OutboxPayload } from '../workflow/outbox-messages.ts';
import type { Button, View } from './conversation/view.ts';
import { notificationText } from './notifications.ts';

/** One post: its view, and (for cards that change or gather replies) the key it is kept under. */
export interface Notice {
  view: View;
  /** Keep the sent post under this key (to update it, or to reply in its thread later). */
  cardKey?: `card:${string}`;
  /** Update the post kept under `cardKey` instead of posting again. */
  update?: boolean;
  /** Post in the thread of the post kept under this key. */
  thread?: `card:${string}`;
}

const button = (locale: Locale, key: MessageKey, action: string, args?: Button['args']): Button => ({
  label: t(locale, key),
  action,
  ...(args ? { args } : {}),
});

/** The button that does what a notice asks of its reader (people only: a channel post has none). */
function nextStep(payload: OutboxPayload, audience: Audience, locale: Locale): Button[] {
  if (audience.kind !== 'person' && audience.kind !== 'portfolioManagers') return [];
  const mine = button(locale, 'button.myProposals', 'proposal.mine');
  const desk = button(locale, 'conversation.button.desk', 'desk.show');
  switch (payload.kind) {
    case 'proposalReturned':
      return [
        {
          ...button(locale, 'conversation.button.edit', 'proposal.edit', { proposalId: payload.proposalId }),
          style: 'primary',
        },
      ];
    case 'committeeDecided':
      return payload.decision === 'YES_IF' ? [] : [mine]; // JAH, KUI: the conditions' checklist follows
    case 'proposalAgreed':
    case 'proposalScheduled':
    case 'submitted':
      return [mine];
    case 'boardDecided':
      return [audience.kind === 'portfolioManagers' ? desk : mine];
    case 'resubmittedToCommittee':
    case 'extraordinaryMeetingRequested':
    case 'overdueSummary':
      return [desk];
    case 'reminderDigest':
    case 'substitutionStarted':
    case 'substitutionEnded':
      return [button(locale, 'conversation.button.waiting', 'waiting')];
    case 'meetingScheduled':
      return [button(locale, 'button.calendar', 'calendar.show')];
    case 'editionPublished':
    case 'statusUpdateRecorded':
      return [button(locale, 'conversation.button.portfolio', 'portfolio.show')];
    default:
      return [];
  }
}

/** A text notification as a view: its first line the title, each line a paragraph, the next step's button. */
export async function textNotice(
  data: NoticeData,
  dir: Directory,
  payload: OutboxPayload,
  audience: Audience,
  locale: Locale,
): Promise<Notice | null> {
  const note = await notificationText(data, dir, payload, audience, locale);
  if (!note) return null;
  const lines = note.split('\n').filter((l) => l.trim() !== '');
  const buttons = nextStep(payload, audience, locale);
  return {
    view: {
      title: lines[0]!,
      parts: lines.map((text, i) => ({ kind: 'text', text, ...(i === 0 && lines.length > 1 ? { strong: true } : {}) })),
      ...(buttons.length ? { buttons } : {}),
    },
  };
}
