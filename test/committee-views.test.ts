// The channel side's views (src/bot/flows/committee.ts) with every field at its longest: each is a
// valid Adaptive Card 1.5 within Teams' 28 KB and valid Block Kit (a message, and a modal when it is
// a form), in both languages; the poll's buttons are the flows the committee uses.
import { describe, expect, it } from 'vitest';
import { buttonsOf, type View } from '../src/bot/conversation/view.ts';
import {
  closeView,
  coThinkerPostView,
  coThinkerSummaryView,
  linkChannelView,
  opinionFormView,
  pollView,
  yesIfView,
} from '../src/bot/flows/committee.ts';
import { renderMessage, renderModal } from '../src/bot/slack/render.ts';
import { renderCard } from '../src/bot/teams/render.ts';
import type { ProposalData } from '../src/bot/views.ts';
import { EXAMPLE_ORGANIZATION_FILE, loadDirectory } from '../src/directory/load.ts';
import { LIMITS } from '../src/workflow/forms.ts';
import { blockKitProblems } from './support/block-kit.ts';
import { cardProblems } from './support/card-validation.ts';

/** A fixed moment: what the views show never depends on the day the test runs. */
const AT = new Date('2027-01-28T08:00:00Z');
const dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
const long = (n: number) => 'Õiguslik ja tehniline analüüs <b>*[x](y)*</b> '.repeat(Math.ceil(n / 44)).slice(0, n);
const MAX: ProposalData = {
  id: 'p-1',
  number: 99999,
  status: 'voting',
  submitterId: 'kadri.kask',
  submittedAt: new Date('2026-11-25T10:00:00Z'),
  institutionId: 'SoM',
  priority: 1,
  title: long(LIMITS.title),
  serviceId: 'som-star',
  currentSituation: long(LIMITS.text),
  problem: long(LIMITS.text),
  expectedResult: long(LIMITS.text),
  impact: long(LIMITS.text),
  alternatives: long(LIMITS.text),
  budgetEur: LIMITS.budgetEur,
  fundingSource: long(LIMITS.short),
  legislationNeed: long(LIMITS.text),
  stakeholders: long(LIMITS.text),
  strategicGoals: ['HEA', 'RTA', 'DIGI2030', 'POLITICAL'],
  strategicGoalNote: long(LIMITS.short),
};
const tally = { YES: 12, YES_IF: 5, NO: 3, total: 20, majority: 'YES' as const };
const open = { pollId: 'poll-1', status: 'open' as const, tally, decision: null, reason: null, conditions: [] };
const closed = {
  ...open,
  status: 'closed' as const,
  decision: 'YES_IF' as const,
  reason: long(LIMITS.comment),
  conditions: Array.from({ length: 30 }, () => long(LIMITS.comment)),
};
const item = {
  position: 1,
  proposal: {
    proposalId: MAX.id,
    number: MAX.number,
    title: MAX.title,
    status: 'scheduled' as const,
    updatedAt: AT,
  },
  priority: 1,
  coThinkers: {
    counts: { support: 4, supportWithConditions: 3, doNotSupport: 3 },
    opinions: Array.from({ length: 10 }, (_, i) => ({
      personId: i % 2 ? 'ott.oja' : 'anu.saar',
      recommendation: i === 8 ? null : ('supportWithConditions' as const),
      argumentation: long(LIMITS.text),
      checklist: {
        legislation: long(LIMITS.comment),
        strategyFit: long(LIMITS.comment),
        risks: long(LIMITS.comment),
        feasibility: long(LIMITS.comment),
      },
      replies: Array.from({ length: 3 }, () => ({ at: AT.toISOString(), text: long(LIMITS.text) })),
    })),
    notAnswered: ['siim.sepp', 'liis.lepp'],
  },
  poll: null,
};
const full = Object.fromEntries(
  ['legislation', 'strategyFit', 'risks', 'feasibility', 'argumentation'].map((k) => [k, long(LIMITS.text)]),
);

function views(locale: 'et' | 'en'): [string, View][] {
  return [
    ['link channel', linkChannelView(dir, locale, long(300))],
    ['co-thinker post', coThinkerPostView(dir, locale, MAX, AT)],
    [
      'opinion form',
      opinionFormView(locale, MAX, {
        due: AT.toISOString(),
        values: { ...full, recommendation: 'support' },
        errors: Object.fromEntries(Object.keys(full).map((k) => [k, long(300)])),
      }),
    ],
    ['co-thinker summary', coThinkerSummaryView(dir, locale, item)],
    ['poll', pollView(dir, locale, MAX, open)],
    ['poll with my vote', pollView(dir, locale, MAX, open, 'YES_IF')],
    ['poll closed', pollView(dir, locale, MAX, closed)],
    ['JAH, KUI', yesIfView(locale, MAX.number, open.pollId, { value: long(LIMITS.comment), error: long(300) })],
    [
      'closing the poll',
      closeView(locale, MAX.number, open, {
        values: { decision: 'NO', reason: long(LIMITS.comment), conditions: long(LIMITS.comment) },
        errors: { reason: long(300) },
      }),
    ],
  ];
}

describe('the committee views, at their longest, on both platforms', () => {
  for (const locale of ['et', 'en'] as const)
    for (const [name, view] of views(locale))
      it(`${name} (${locale})`, () => {
        expect(cardProblems(renderCard(view))).toEqual([]);
        expect(blockKitProblems(renderMessage(view).blocks)).toEqual([]);
        if (view.submit) expect(blockKitProblems(renderModal(view, 'Sulge') as never)).toEqual([]);
      });

  it('the open poll offers JAH, JAH, KUI, EI and closing; the closed poll offers nothing', () => {
    expect(buttonsOf(pollView(dir, 'et', MAX, open)).map((b) => [b.label, b.action, b.args])).toEqual([
      ['JAH', 'poll.vote', { pollId: 'poll-1', choice: 'YES' }],
      ['JAH, KUI', 'poll.yesIf', { pollId: 'poll-1' }],
      ['EI', 'poll.vote', { pollId: 'poll-1', choice: 'NO' }],
      ['Sulge hääletus…', 'poll.closeForm', { pollId: 'poll-1' }],
    ]);
    expect(buttonsOf(pollView(dir, 'et', MAX, closed))).toEqual([]);
  });

  it("the summary names everyone's recommendation, checklist answers and thread replies", () => {
    const text = JSON.stringify(coThinkerSummaryView(dir, 'et', item));
    expect(text).toContain('Ott Oja — toetan tingimustel');
    expect(text).toContain('Anu Saar — kommentaar lõimes');
    expect(text).toContain('Riskid');
    expect(text).toContain('💬');
    expect(text).toContain('Arvamust ei andnud: Siim Sepp, Liis Lepp');
  });
});
