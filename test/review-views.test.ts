// The agreement and board views (src/bot/flows/review.ts), every field at its maximum, rendered for
// both platforms: valid Adaptive Cards within 28 KB and Block Kit within its limits; the board's form
// marks the four criteria required and shows each error beside its own field.
import { describe, expect, it } from 'vitest';
import {
  agreementView,
  boardForm,
  boardView,
  returnForm,
  type Review,
  type ReviewDecision,
} from '../src/bot/flows/review.ts';
import type { View } from '../src/bot/conversation/view.ts';
import { renderMessage, renderModal } from '../src/bot/slack/render.ts';
import { renderCard } from '../src/bot/teams/render.ts';
import { EXAMPLE_ORGANIZATION_FILE, loadDirectory } from '../src/directory/load.ts';
import { LIMITS } from '../src/workflow/forms.ts';
import { blockKitProblems } from './support/block-kit.ts';
import { cardProblems } from './support/card-validation.ts';

const dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
const long = (n: number) => 'Õiguslik & <riskid> *[x](y)* analüüs '.repeat(Math.ceil(n / 36)).slice(0, n);
const at = new Date('2026-11-25T10:00:00Z');

function review(status: string, decisions: Partial<ReviewDecision>[] = [], revision = 2): Review {
  return {
    proposal: {
      id: 'p-1',
      number: 99999,
      status,
      revision,
      submitterId: 'kadri.kask',
      submittedAt: at,
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
    },
    decisions: decisions.map((d) => ({
      kind: 'submitted',
      byId: 'kadri.kask',
      onBehalfOf: null,
      comment: null,
      priority: null,
      at,
      ...d,
    })),
    standsInFor: [],
  } as unknown as Review;
}

const returned = { kind: 'returned', byId: 'liis.lepp', comment: long(LIMITS.comment) };
const views: [string, View][] = [];
for (const locale of ['et', 'en'] as const) {
  const before = review('agreement', [{}, returned, {}]);
  views.push(
    [`agreement request ${locale}`, agreementView(dir, locale, before, { onBehalfOf: 'liis.lepp' })],
    [`agreement returned ${locale}`, agreementView(dir, locale, review('returned', [{}, returned]))],
    [
      `agreement agreed for someone ${locale}`,
      agreementView(dir, locale, review('board', [{}, { kind: 'agreed', byId: 'jaan.tamm', onBehalfOf: 'liis.lepp' }])),
    ],
    [`return form ${locale}`, returnForm(dir, locale, before, long(LIMITS.comment), long(300))],
    [`board card ${locale}`, boardView(dir, locale, review('board', [{}, returned, {}]))],
    [
      `board decided ${locale}`,
      boardView(dir, locale, review('notSent', [{ kind: 'boardNotSent', comment: long(LIMITS.comment) }])),
    ],
    [
      `board form ${locale}`,
      boardForm(
        dir,
        locale,
        review('board'),
        { reason: long(LIMITS.comment), decision: 'return' },
        Object.fromEntries(
          ['expectedResult', 'impact', 'priorityFit', 'alternatives', 'decision', 'reason'].map((f) => [f, long(300)]),
        ),
      ),
    ],
  );
}

describe('review views on both platforms', () => {
  it.each(views)('%s: a valid Adaptive Card, Slack message and modal', (_name, view) => {
    expect(cardProblems(renderCard(view))).toEqual([]);
    expect(blockKitProblems(renderMessage(view).blocks)).toEqual([]);
    expect(blockKitProblems(renderModal(view, 'Sulge') as never)).toEqual([]);
  });

  it('the agreement request says whom a substitute stands in for and that it was returned before', () => {
    const view = agreementView(dir, 'et', review('agreement', [{}, { ...returned, comment: 'Lisa eelarve.' }, {}]), {
      onBehalfOf: 'liis.lepp',
    });
    const shown = JSON.stringify(renderMessage(view));
    expect(shown).toContain('asendad: Liis Lepp');
    expect(shown).toContain('Uuesti esitatud: Liis Lepp tagastas selle 25.11.2026 muutmiseks');
    expect(shown).toContain('Lisa eelarve.');
    expect(shown).toContain('flow:agreement.agree');
    // Decided: who, when and why, and no agreement button left.
    const decided = JSON.stringify(renderCard(agreementView(dir, 'et', review('returned', [{}, returned]))));
    expect(decided).toContain('Liis Lepp tagastas muutmiseks 25.11.2026');
    expect(decided).not.toContain('agreement.agree');
    expect(decided).not.toContain('agreement.return');
  });

  it("the board's form marks the four criteria required and shows an error beside its own field", () => {
    const view = boardForm(dir, 'et', review('board'), { decision: 'send' }, { impact: 'Hinda see kriteerium.' });
    const modal = renderModal(view, 'Sulge');
    const blocks = modal.blocks as { type: string; block_id?: string; optional?: boolean; elements?: unknown[] }[];
    for (const c of ['expectedResult', 'impact', 'priorityFit', 'alternatives'])
      expect(blocks.find((b) => b.block_id === c)?.optional, c).toBe(false);
    const at = blocks.findIndex((b) => b.block_id === 'impact');
    expect(JSON.stringify(blocks[at + 1])).toContain('Hinda see kriteerium.');
    const decision = blocks.findIndex((b) => b.block_id === 'decision');
    expect(JSON.stringify(blocks[decision + 1])).not.toContain('Hinda see kriteerium.');
    const card = renderCard(view) as { body: { id?: string; isRequired?: boolean; text?: string }[] };
    for (const c of ['expectedResult', 'impact', 'priorityFit', 'alternatives'])
      expect(card.body.find((e) => e.id === c)?.isRequired, c).toBe(true);
    const i = card.body.findIndex((e) => e.id === 'impact');
    expect(card.body[i + 1]?.text).toContain('Hinda see kriteerium.');
  });
});
