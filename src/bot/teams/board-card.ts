// The institution board's card in the board's channel: the proposal, the four assessment criteria
// (PROCESS.md stage 1 step 4), a priority, and the three decisions; after a decision, its outcome.
import type { Directory, Locale } from '../../workflow/directory.ts';
import { RATINGS } from '../../workflow/transitions/board.ts';
import { PRIORITIES } from '../../workflow/transitions/board.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import { proposalView, type ProposalData } from '../views.ts';
import { card, execute, facts, formatDate, heading, text, tr, type Card } from './cards.ts';
import { escapeCardText } from './markdown.ts';

export const CRITERIA = ['expectedResult', 'impact', 'priorityFit', 'alternatives'] as const;

export interface BoardOutcome {
  decision: 'send' | 'doNotSend' | 'return';
  personName: string;
  at: Date;
  priority: number | null;
  reason: string | null;
}

export function boardCard(dir: Directory, locale: Locale, p: ProposalData, outcome?: BoardOutcome): Card {
  const v = proposalView(dir, locale, p);
  const board = p.institutionId ? (dir.institutions.get(p.institutionId)?.boardName[locale] ?? '') : '';
  const body = [
    heading(tr(locale, 'board.title', { number: p.number, board })),
    text(`**${escapeCardText(v.title)}** — ${escapeCardText(v.submitter)}`),
    facts(v.fields),
  ];
  if (outcome) {
    body.push(
      text(
        tr(locale, `board.outcome.${outcome.decision}` as MessageKey, {
          person: outcome.personName,
          date: formatDate(outcome.at),
          priority: outcome.priority ?? '',
          reason: escapeCardText(outcome.reason ?? ''),
        }),
        { weight: 'Bolder', color: outcome.decision === 'send' ? 'Good' : 'Warning' },
      ),
    );
    return card(body);
  }
  body.push(text(tr(locale, 'board.assess'), { weight: 'Bolder', spacing: 'Large' }));
  for (const c of CRITERIA) {
    body.push({
      type: 'Input.ChoiceSet',
      id: `rate_${c}`,
      label: tr(locale, `assessment.${c}` as MessageKey),
      style: 'compact',
      placeholder: tr(locale, 'form.choose'),
      choices: RATINGS.map((r) => ({ title: tr(locale, `rating.${r}` as MessageKey), value: r })),
    });
  }
  body.push({
    type: 'Input.ChoiceSet',
    id: 'priority',
    label: tr(locale, 'board.priority'),
    style: 'compact',
    value: '3',
    choices: PRIORITIES.map((n) => ({ title: String(n), value: String(n) })),
  });
  body.push({
    type: 'Input.Text',
    id: 'reason',
    label: tr(locale, 'board.reason'),
    isMultiline: true,
    maxLength: 2000,
  });
  return card(body, [
    execute(
      tr(locale, 'board.send'),
      { action: 'board.decide', decision: 'send', proposalId: p.id },
      { style: 'positive' },
    ),
    execute(
      tr(locale, 'board.doNotSend'),
      { action: 'board.decide', decision: 'doNotSend', proposalId: p.id },
      { style: 'destructive' },
    ),
    execute(tr(locale, 'board.return'), { action: 'board.decide', decision: 'return', proposalId: p.id }),
  ]);
}
