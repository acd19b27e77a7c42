// The submitter's views at their largest, on both platforms: every step of the form with every field
// at its limit and a problem beside each, the summary, "my proposals" with many rows and the JAH, KUI
// checklist — valid Adaptive Cards within Teams' 28 KB, and Block Kit within its limits.
import { describe, expect, it } from 'vitest';
import type { View } from '../src/bot/conversation/view.ts';
import { FORM_STEPS, fieldsFromInputs } from '../src/bot/form-steps.ts';
import { conditionsView, formView, keepWhole, myProposalsView, summaryView } from '../src/bot/flows/proposals.ts';
import { renderMessage, renderModal } from '../src/bot/slack/render.ts';
import { renderCard } from '../src/bot/teams/render.ts';
import type { ProposalData } from '../src/bot/views.ts';
import { EXAMPLE_ORGANIZATION_FILE, loadDirectory } from '../src/directory/load.ts';
import { LIMITS } from '../src/workflow/forms.ts';
import { blockKitProblems } from './support/block-kit.ts';
import { cardProblems } from './support/card-validation.ts';

const dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
const long = (n: number) => 'Õiguslik & <riskid> *[x](y)* analüüs '.repeat(Math.ceil(n / 36)).slice(0, n);
const MAX: ProposalData & { title: string } = {
  id: 'p-1',
  number: 99999,
  status: 'returned',
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
const errors = Object.fromEntries(
  FORM_STEPS.flat().map((f) => [f.name, { key: 'field.tooLong' as const, params: { max: 4000 } }]),
);

const views: [string, View][] = [];
for (const locale of ['et', 'en'] as const) {
  const note = long(LIMITS.comment);
  views.push(
    ...FORM_STEPS.map(
      (_, step) =>
        [
          `form step ${step + 1} ${locale}`,
          formView(dir, locale, { proposalId: MAX.id, number: MAX.number, step, values: MAX, errors, note }),
        ] as [string, View],
    ),
    [`summary ${locale}`, summaryView(dir, locale, MAX, { errors, note })],
    [`summary with conditions ${locale}`, summaryView(dir, locale, { ...MAX, status: 'conditions' })],
    [
      `my proposals ${locale}`,
      myProposalsView(
        dir,
        locale,
        Array.from({ length: 60 }, (_, i) => ({
          proposalId: `p${i}`,
          number: i,
          title: long(LIMITS.title),
          status: (['draft', 'returned', 'conditions', 'board', 'agreement'] as const)[i % 5]!,
          serviceId: 'som-star',
          institutionId: 'SoM',
        })),
      ),
    ],
    [
      `conditions ${locale}`,
      conditionsView(
        locale,
        MAX,
        Array.from({ length: 30 }, (_, i) => ({ id: `c${i}-${'x'.repeat(36)}`, text: long(300), met: i % 2 === 0 })),
      ),
    ],
  );
}

describe("the submitter's views at their largest", () => {
  it.each(views)('%s: a valid Adaptive Card within 28 KB', (_name, view) => {
    const card = renderCard(view);
    expect(cardProblems(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(28 * 1024);
  });

  it.each(views)('%s: Block Kit within its limits, as a message and as a modal', (_name, view) => {
    expect(blockKitProblems(renderMessage(view).blocks)).toEqual([]);
    expect(blockKitProblems(renderModal(view, 'Sulge') as never)).toEqual([]);
  });

  it('every step keeps every letter of the stored proposal: whole on Teams; on Slack shortened, and kept whole when sent back', () => {
    for (const [step] of FORM_STEPS.entries()) {
      const view = formView(dir, 'et', { proposalId: MAX.id, number: MAX.number, step, values: MAX });
      const card = JSON.stringify(renderCard(view));
      const modal = renderModal(view, 'Sulge');
      for (const f of FORM_STEPS[step]!) {
        const v = MAX[f.name];
        if (typeof v !== 'string' || f.kind === 'service') continue;
        expect(card).toContain(JSON.stringify(v).slice(1, -1));
        // Slack's input holds 3,000 letters: the start is shown; sent back unchanged, nothing is saved over it.
        const input = modal.blocks.find((b) => b.type === 'input' && b.block_id === f.name) as {
          element: { initial_value?: string };
        };
        const shown = input.element.initial_value!;
        expect(v.startsWith(shown.replace(/…$/, ''))).toBe(true);
        const sent = fieldsFromInputs(step, { [f.name]: shown });
        expect(keepWhole(sent, MAX)).toEqual(v.length > 3000 ? {} : { [f.name]: v });
        // An edit is saved as typed.
        expect(keepWhole(fieldsFromInputs(step, { [f.name]: `${shown}!` }), MAX)).toEqual({ [f.name]: `${shown}!` });
      }
    }
  });

  it('"my proposals" offers the button where the submitter acts, and names the next step', () => {
    const view = myProposalsView(dir, 'et', [
      {
        proposalId: 'a',
        number: 1,
        title: 'Kooskõlastamisel',
        status: 'agreement',
        serviceId: 'som-star',
        institutionId: 'SoM',
      },
      {
        proposalId: 'b',
        number: 2,
        title: 'Tagastatud',
        status: 'returned',
        serviceId: 'som-star',
        institutionId: 'SoM',
      },
      {
        proposalId: 'c',
        number: 3,
        title: 'Tingimused',
        status: 'conditions',
        serviceId: 'som-star',
        institutionId: 'SoM',
      },
      { proposalId: 'd', number: 4, title: 'Mustand', status: 'draft', serviceId: null, institutionId: null },
    ]);
    const buttons = view.parts.flatMap((p) => (p.kind === 'buttons' ? p.buttons : []));
    expect(buttons.map((b) => [b.label, b.action, b.args?.proposalId])).toEqual([
      ['Muuda ja esita uuesti', 'proposal.edit', 'b'],
      ['Tingimused', 'conditions.show', 'c'],
      ['Jätka', 'proposal.edit', 'd'],
    ]);
    const texts = view.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : []));
    expect(texts).toContain('kooskõlastamisel — Ootab kooskõlastust: Liis Lepp.');
  });
});
