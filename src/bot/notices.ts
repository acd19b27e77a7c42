// What the outbox's messages look like, written once for both platforms: each payload becomes one
// or more neutral views (src/bot/conversation/view.ts) that the dispatchers render as Adaptive Cards
// or Block Kit. Every notice to a person says what they can do next and offers the button for it.
import type { NoticeData } from '../engine/notice-data.ts';
import { t, type MessageKey } from '../i18n/catalogue.ts';
import type { Directory, Locale } from '../workflow/directory.ts';
import type { Audience, OutboxPayload } from '../workflow/outbox-messages.ts';
import type { Button, View } from './conversation/view.ts';
import type { Queries } from '../engine/queries.ts';
import { SYSTEM } from '../workflow/read-policy.ts';
import { auditNotice, type AuditNotice } from './audit-notice.ts';
import { coThinkerPostView, coThinkerSummaryView, pollView } from './flows/committee.ts';
import { statusView } from './flows/desk-portfolio.ts';
import { conditionsView } from './flows/proposals.ts';
import { reviewPost } from './flows/review.ts';
import { notificationText, statusRequestIntro } from './notifications.ts';

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

/** What the dispatchers need to word a message: the engine's reads as the system and the directory. */
export interface NoticeDeps {
  queries: Queries;
  data: NoticeData;
  dir: Directory;
}

/** The audit chain found broken: what is wrong, what to do next, when it was checked. */
export function auditView(n: AuditNotice): View {
  return {
    title: `${n.title}: ${n.what}`,
    parts: [
      { kind: 'heading', text: n.title },
      { kind: 'text', text: n.what, strong: true, tone: 'attention' },
      { kind: 'text', text: n.next },
      { kind: 'text', text: n.checked, subtle: true },
    ],
  };
}

/**
 * Every post an outbox message makes, for one reader's language, on either platform: cards that
 * change (the poll, the co-thinker post) carry the key they are kept under; replies go in a thread.
 */
export async function noticesFor(
  deps: NoticeDeps,
  payload: OutboxPayload,
  audience: Audience,
  locale: Locale,
): Promise<Notice[]> {
  const { queries, data, dir } = deps;
  switch (payload.kind) {
    case 'auditChainBroken':
      return [{ view: auditView(auditNotice(locale, payload)) }];
    case 'pollOpened':
    case 'pollUpdated':
    case 'pollClosed': {
      const poll = await queries.poll(SYSTEM, payload.pollId);
      const p = poll && (await queries.proposal(SYSTEM, poll.proposalId));
      if (!poll || !p) return [];
      return [
        {
          view: pollView(dir, locale, p, poll),
          cardKey: `card:poll:${poll.pollId}`,
          update: payload.kind !== 'pollOpened',
        },
      ];
    }
    case 'coThinkerRoundClosed': {
      const round = await data.coThinkerRound(payload.roundId);
      const agenda = round && (await queries.agenda(SYSTEM, round.meetingId));
      return (agenda?.items ?? []).map((item) => ({
        view: coThinkerSummaryView(dir, locale, item),
        thread: `card:coThinker:${payload.roundId}:${item.proposal.proposalId}` as const,
      }));
    }
    case 'coThinkerItemPosted': {
      const p = await queries.proposal(SYSTEM, payload.proposalId);
      return p
        ? [
            {
              view: coThinkerPostView(dir, locale, p, new Date(payload.opinionsDueAt)),
              cardKey: `card:coThinker:${payload.roundId}:${p.id}`,
            },
          ]
        : [];
    }
    case 'statusRequested': {
      const rows = await data.portfolioItems(payload.itemIds);
      const intro = await statusRequestIntro(data, dir, payload.meetingId, locale);
      return [{ view: statusView(locale, rows, undefined, intro) }];
    }
    default:
      break;
  }
  const review = await reviewPost(queries, dir, payload, audience, locale);
  if (review) return [review];
  const note = await textNotice(data, dir, payload, audience, locale);
  if (!note) return [];
  if (payload.kind === 'committeeDecided' && payload.decision === 'YES_IF') {
    // JAH, KUI: the decision, then the submitter's checklist of its conditions.
    const p = await queries.proposal(SYSTEM, payload.proposalId);
    if (p) return [note, { view: conditionsView(locale, p, await data.conditions(p.id, payload.pollId)) }];
  }
  return [note];
}

/** A notice that only tells (text, no buttons, no inputs) goes as a plain message; the rest as a card or blocks. */
export const isPlain = (n: Notice): boolean =>
  !n.view.buttons?.length && !n.view.submit && n.view.parts.every((p) => p.kind === 'text' && !p.tone);

/** A plain notice's text, one line a paragraph. */
export const plainText = (n: Notice): string => n.view.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('\n');
