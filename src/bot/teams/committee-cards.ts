// Cards of stage 2: the co-thinkers' post per proposal (with the checklist behind a button) and its
// summary, the committee's poll with the tally, and the submitter's JAH, KUI conditions checklist.
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { Directory, Locale } from '../../workflow/directory.ts';
import { RECOMMENDATIONS } from '../../workflow/transitions/committee.ts';
import type { PollState } from '../poll-state.ts';
import type { CommitteeDecision } from '../../workflow/outbox-messages.ts';
import { proposalView, type ProposalData } from '../views.ts';
import { card, execute, facts, formatDate, heading, text, tr, type Card, type Element } from './cards.ts';
import { escapeCardText } from './markdown.ts';

const CHECKLIST = ['legislation', 'strategyFit', 'risks', 'feasibility'] as const;

export function coThinkerPostCard(dir: Directory, locale: Locale, p: ProposalData, dueAt: Date): Card {
  const v = proposalView(dir, locale, p);
  const form: Card = card(
    [
      ...CHECKLIST.map((c) => ({
        type: 'Input.Text',
        id: c,
        label: tr(locale, `checklist.${c}` as MessageKey),
        isMultiline: true,
        maxLength: 2000,
      })),
      {
        type: 'Input.ChoiceSet',
        id: 'recommendation',
        label: tr(locale, 'opinion.recommendation'),
        style: 'expanded',
        isRequired: true,
        errorMessage: tr(locale, 'field.required'),
        choices: RECOMMENDATIONS.map((r) => ({ title: tr(locale, `recommendation.${r}` as MessageKey), value: r })),
      },
      {
        type: 'Input.Text',
        id: 'argumentation',
        label: tr(locale, 'opinion.argumentation'),
        isMultiline: true,
        isRequired: true,
        maxLength: 4000,
        errorMessage: tr(locale, 'field.required'),
      },
    ],
    [execute(tr(locale, 'opinion.send'), { action: 'opinion.give', proposalId: p.id }, { style: 'positive' })],
  );
  return card(
    [
      heading(tr(locale, 'opinion.title', { number: p.number })),
      text(`**${escapeCardText(v.title)}** — ${escapeCardText(v.submitter)}`),
      facts(v.fields),
      text(tr(locale, 'opinion.due', { date: formatDate(dueAt) }), { weight: 'Bolder' }),
    ],
    [{ type: 'Action.ShowCard', title: tr(locale, 'opinion.give'), card: form }],
  );
}

export interface OpinionSummary {
  counts: Record<string, number>;
  opinions: {
    personName: string;
    recommendation: string | null;
    argumentation: string | null;
    checklist: Record<string, string | null>;
    replies: string[];
  }[];
  notAnswered: string[];
}

export function coThinkerSummaryCard(locale: Locale, number: number, title: string, s: OpinionSummary): Card {
  const body: Element[] = [
    heading(tr(locale, 'opinion.summaryTitle', { number })),
    text(`**${escapeCardText(title)}**`),
    facts(
      RECOMMENDATIONS.map((r) => ({
        label: tr(locale, `recommendation.${r}` as MessageKey),
        value: String(s.counts[r] ?? 0),
      })),
    ),
  ];
  for (const o of s.opinions) {
    const lines = [
      `**${escapeCardText(o.personName)}** — ${o.recommendation ? tr(locale, `recommendation.${o.recommendation}` as MessageKey) : tr(locale, 'opinion.replyOnly')}`,
      ...(o.argumentation ? [escapeCardText(o.argumentation)] : []),
      ...CHECKLIST.filter((c) => o.checklist[c]).map(
        (c) => `${tr(locale, `checklist.${c}` as MessageKey)}: ${escapeCardText(o.checklist[c]!)}`,
      ),
      ...o.replies.map((r) => `💬 ${escapeCardText(r)}`),
    ];
    body.push({ type: 'Container', separator: true, items: lines.map((l) => text(l, { spacing: 'Small' })) });
  }
  if (s.notAnswered.length)
    body.push(text(tr(locale, 'opinion.notAnswered', { names: s.notAnswered.join(', ') }), { isSubtle: true }));
  return card(body);
}

const decisionText = (locale: Locale, d: CommitteeDecision) => tr(locale, `decision.${d}` as MessageKey);

export function pollCard(
  dir: Directory,
  locale: Locale,
  p: ProposalData & { priority?: number | null },
  poll: PollState,
  myVote?: CommitteeDecision | null,
): Card {
  const v = proposalView(dir, locale, p);
  const t = poll.tally;
  const body: Element[] = [
    heading(tr(locale, 'poll.title', { number: p.number })),
    text(`**${escapeCardText(v.title)}** — ${escapeCardText(v.service)}`),
    facts(
      v.fields.filter((f) =>
        [tr(locale, 'form.expectedResult'), tr(locale, 'form.budgetEur'), tr(locale, 'form.fundingSource')].includes(
          f.label,
        ),
      ),
    ),
    text(
      tr(locale, 'poll.tally', {
        yes: t.YES,
        yesIf: t.YES_IF,
        no: t.NO,
        majority: t.majority ? decisionText(locale, t.majority) : '—',
      }),
      { weight: 'Bolder', spacing: 'Medium' },
    ),
  ];
  if (myVote) body.push(text(tr(locale, 'poll.myVote', { vote: decisionText(locale, myVote) }), { color: 'Accent' }));
  if (poll.status === 'closed' && poll.decision) {
    body.push(
      text(tr(locale, 'poll.decided', { decision: decisionText(locale, poll.decision) }), {
        size: 'Large',
        weight: 'Bolder',
        color: poll.decision === 'NO' ? 'Attention' : 'Good',
      }),
    );
    if (poll.reason) body.push(text(tr(locale, 'poll.reason', { reason: escapeCardText(poll.reason) })));
    for (const c of poll.conditions) body.push(text(`☐ ${escapeCardText(c)}`, { spacing: 'Small' }));
    return card(body);
  }
  body.push({
    type: 'Input.Text',
    id: 'conditions',
    label: tr(locale, 'poll.conditions'),
    isMultiline: true,
    maxLength: 2000,
  });
  const closeForm = card(
    [
      {
        type: 'Input.ChoiceSet',
        id: 'decision',
        label: tr(locale, 'poll.decision'),
        style: 'expanded',
        value: t.majority ?? '',
        choices: (['YES', 'YES_IF', 'NO'] as const).map((d) => ({ title: decisionText(locale, d), value: d })),
      },
      { type: 'Input.Text', id: 'reason', label: tr(locale, 'poll.reasonLabel'), isMultiline: true, maxLength: 2000 },
      {
        type: 'Input.Text',
        id: 'closeConditions',
        label: tr(locale, 'poll.conditions'),
        isMultiline: true,
        maxLength: 2000,
      },
    ],
    [execute(tr(locale, 'poll.close'), { action: 'poll.close', pollId: poll.pollId }, { style: 'destructive' })],
  );
  return card(body, [
    execute(
      tr(locale, 'decision.YES'),
      { action: 'poll.vote', choice: 'YES', pollId: poll.pollId },
      { style: 'positive', associatedInputs: 'none' },
    ),
    execute(tr(locale, 'decision.YES_IF'), { action: 'poll.vote', choice: 'YES_IF', pollId: poll.pollId }),
    execute(
      tr(locale, 'decision.NO'),
      { action: 'poll.vote', choice: 'NO', pollId: poll.pollId },
      { style: 'destructive', associatedInputs: 'none' },
    ),
    { type: 'Action.ShowCard', title: tr(locale, 'poll.closeMenu'), card: closeForm },
  ]);
}

export interface ConditionRow {
  id: string;
  text: string;
  met: boolean;
}

export function conditionsCard(
  locale: Locale,
  p: { id: string; number: number; title: string | null },
  conditions: ConditionRow[],
): Card {
  const open = conditions.filter((c) => !c.met).length;
  return card(
    [
      heading(tr(locale, 'conditions.title', { number: p.number })),
      text(`**${escapeCardText(p.title ?? '')}**`),
      text(tr(locale, 'conditions.intro')),
      ...conditions.map((c) => ({
        type: 'Input.Toggle',
        id: `cond_${c.id}`,
        title: c.text,
        value: c.met ? 'true' : 'false',
        valueOn: 'true',
        valueOff: 'false',
        wrap: true,
      })),
      text(tr(locale, 'conditions.open', { count: open }), { isSubtle: true }),
    ],
    [
      execute(tr(locale, 'conditions.save'), { action: 'conditions.save', proposalId: p.id }),
      execute(
        tr(locale, 'conditions.resubmit'),
        { action: 'conditions.resubmit', proposalId: p.id },
        { style: 'positive' },
      ),
    ],
  );
}
