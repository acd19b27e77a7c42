// Block Kit for the channels: the board's message and decision modal, the co-thinkers' post and
// opinion modal, the committee's poll (tally updated in place) and its vote/close modals.
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import type { Directory, Locale } from '../../workflow/directory.ts';
import { RATINGS, PRIORITIES } from '../../workflow/transitions/board.ts';
import { RECOMMENDATIONS } from '../../workflow/transitions/committee.ts';
import type { CommitteeDecision } from '../../workflow/outbox-messages.ts';
import { proposalView, type ProposalData } from '../views.ts';
import type { PollState } from '../poll-state.ts';
import { button, section, type Block } from './blocks.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';

const plain = (text: string, max = 150) => ({ type: 'plain_text', text: clip(text, max), emoji: true });
const option = (text: string, value: string) => ({ text: plain(text, 75), value });
const CRITERIA = ['expectedResult', 'impact', 'priorityFit', 'alternatives'] as const;
const CHECKLIST = ['legislation', 'strategyFit', 'risks', 'feasibility'] as const;

function summary(dir: Directory, locale: Locale, p: ProposalData, fields = 4): Block[] {
  const v = proposalView(dir, locale, p);
  return [
    section(`*${escapeMrkdwn(v.title)}* — ${escapeMrkdwn(v.submitter)}, ${escapeMrkdwn(v.service)}`),
    ...v.fields.slice(0, fields).map((f) => section(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`)),
  ];
}

export function boardMessage(dir: Directory, locale: Locale, p: ProposalData, outcome?: string): Block[] {
  const board = p.institutionId ? (dir.institutions.get(p.institutionId)?.boardName[locale] ?? '') : '';
  const blocks = [
    section(`*${escapeMrkdwn(t(locale, 'board.title', { number: p.number, board }))}*`),
    ...summary(dir, locale, p),
  ];
  if (outcome) return [...blocks, section(escapeMrkdwn(outcome))];
  return [...blocks, { type: 'actions', elements: [button(t(locale, 'slack.decide'), 'board_open', p.id, 'primary')] }];
}

export function boardModal(locale: Locale, meta: { proposalId: string; channel: string; ts: string }): Block {
  const select = (
    id: string,
    label: string,
    options: { text: unknown; value: string }[],
    optional = false,
    initial?: string,
  ) => ({
    type: 'input',
    block_id: id,
    label: plain(label),
    optional,
    element: {
      type: 'static_select',
      action_id: 'v',
      options,
      ...(initial ? { initial_option: options.find((o) => o.value === initial) } : {}),
    },
  });
  return {
    type: 'modal',
    callback_id: 'board_decide',
    private_metadata: JSON.stringify(meta),
    title: plain(t(locale, 'slack.decide'), 24),
    submit: plain(t(locale, 'slack.save'), 24),
    close: plain(t(locale, 'slack.close'), 24),
    blocks: [
      ...CRITERIA.map((c) =>
        select(
          `rate_${c}`,
          t(locale, `assessment.${c}` as MessageKey),
          RATINGS.map((r) => option(t(locale, `rating.${r}` as MessageKey), r)),
          true,
        ),
      ),
      select(
        'priority',
        t(locale, 'board.priority'),
        PRIORITIES.map((n) => option(String(n), String(n))),
        false,
        '3',
      ),
      {
        type: 'input',
        block_id: 'decision',
        label: plain(t(locale, 'label.decision')),
        element: {
          type: 'radio_buttons',
          action_id: 'v',
          options: [
            option(t(locale, 'board.send'), 'send'),
            option(t(locale, 'board.doNotSend'), 'doNotSend'),
            option(t(locale, 'board.return'), 'return'),
          ],
        },
      },
      {
        type: 'input',
        block_id: 'reason',
        label: plain(t(locale, 'board.reason')),
        optional: true,
        element: { type: 'plain_text_input', action_id: 'v', multiline: true, max_length: 2000 },
      },
    ],
  };
}

export function coThinkerMessage(dir: Directory, locale: Locale, p: ProposalData, dueAt: Date): Block[] {
  return [
    section(`*${escapeMrkdwn(t(locale, 'opinion.title', { number: p.number }))}*`),
    ...summary(dir, locale, p, 6),
    section(escapeMrkdwn(t(locale, 'opinion.due', { date: formatDate(dueAt) }))),
    { type: 'actions', elements: [button(t(locale, 'opinion.give'), 'opinion_open', p.id, 'primary')] },
  ];
}

export function opinionModal(locale: Locale, proposalId: string): Block {
  return {
    type: 'modal',
    callback_id: 'opinion_give',
    private_metadata: JSON.stringify({ proposalId }),
    title: plain(t(locale, 'opinion.give'), 24),
    submit: plain(t(locale, 'opinion.send'), 24),
    close: plain(t(locale, 'slack.close'), 24),
    blocks: [
      ...CHECKLIST.map((c) => ({
        type: 'input',
        block_id: c,
        optional: true,
        label: plain(t(locale, `checklist.${c}` as MessageKey)),
        element: { type: 'plain_text_input', action_id: 'v', multiline: true, max_length: 2000 },
      })),
      {
        type: 'input',
        block_id: 'recommendation',
        label: plain(t(locale, 'opinion.recommendation')),
        element: {
          type: 'radio_buttons',
          action_id: 'v',
          options: RECOMMENDATIONS.map((r) => option(t(locale, `recommendation.${r}` as MessageKey), r)),
        },
      },
      {
        type: 'input',
        block_id: 'argumentation',
        label: plain(t(locale, 'opinion.argumentation')),
        element: { type: 'plain_text_input', action_id: 'v', multiline: true, max_length: 4000 },
      },
    ],
  };
}

const decisionText = (locale: Locale, d: CommitteeDecision) => t(locale, `decision.${d}` as MessageKey);

export function pollMessage(dir: Directory, locale: Locale, p: ProposalData, poll: PollState): Block[] {
  const tl = poll.tally;
  const blocks: Block[] = [
    section(`*${escapeMrkdwn(t(locale, 'poll.title', { number: p.number }))}*`),
    ...summary(dir, locale, p, 2),
    section(
      `*${t(locale, 'poll.tally', { yes: tl.YES, yesIf: tl.YES_IF, no: tl.NO, majority: tl.majority ? decisionText(locale, tl.majority) : '—' })}*`,
    ),
  ];
  if (poll.status === 'closed' && poll.decision) {
    blocks.push(
      section(
        `*${t(locale, 'poll.decided', { decision: decisionText(locale, poll.decision) })}*${poll.reason ? `\n${escapeMrkdwn(t(locale, 'poll.reason', { reason: poll.reason }))}` : ''}`,
      ),
    );
    if (poll.conditions.length) blocks.push(section(poll.conditions.map((c) => `☐ ${escapeMrkdwn(c)}`).join('\n')));
    return blocks;
  }
  blocks.push({
    type: 'actions',
    block_id: 'poll',
    elements: [
      button(decisionText(locale, 'YES'), 'poll_vote_yes', poll.pollId, 'primary'),
      button(decisionText(locale, 'YES_IF'), 'poll_vote_yes_if', poll.pollId),
      button(decisionText(locale, 'NO'), 'poll_vote_no', poll.pollId, 'danger'),
      button(t(locale, 'poll.close'), 'poll_close', poll.pollId),
    ],
  });
  return blocks;
}

export function conditionsModal(
  locale: Locale,
  pollId: string,
  callback: 'poll_yes_if' | 'poll_close',
  majority: CommitteeDecision | null,
): Block {
  const blocks: Block[] = [];
  if (callback === 'poll_close') {
    blocks.push({
      type: 'input',
      block_id: 'decision',
      label: plain(t(locale, 'poll.decision')),
      element: {
        type: 'radio_buttons',
        action_id: 'v',
        options: (['YES', 'YES_IF', 'NO'] as const).map((d) => option(decisionText(locale, d), d)),
        ...(majority ? { initial_option: option(decisionText(locale, majority), majority) } : {}),
      },
    });
    blocks.push({
      type: 'input',
      block_id: 'reason',
      optional: true,
      label: plain(t(locale, 'poll.reasonLabel')),
      element: { type: 'plain_text_input', action_id: 'v', multiline: true, max_length: 2000 },
    });
  }
  blocks.push({
    type: 'input',
    block_id: 'conditions',
    optional: callback === 'poll_close',
    label: plain(t(locale, 'poll.conditions')),
    element: { type: 'plain_text_input', action_id: 'v', multiline: true, max_length: 2000 },
  });
  return {
    type: 'modal',
    callback_id: callback,
    private_metadata: JSON.stringify({ pollId }),
    title: plain(callback === 'poll_close' ? t(locale, 'poll.close') : decisionText(locale, 'YES_IF'), 24),
    submit: plain(t(locale, 'slack.save'), 24),
    close: plain(t(locale, 'slack.close'), 24),
    blocks,
  };
}
