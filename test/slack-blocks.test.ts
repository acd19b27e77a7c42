// Every Slack surface within Block Kit's limits, with every field at its maximum; a portfolio of
// 500 items pages; user text is escaped.
import { SYSTEM } from '../src/workflow/read-policy.ts';
import { describe, expect, it } from 'vitest';
import {
  agreementBlocks,
  formStepModal,
  helpBlocks,
  returnCommentModal,
  summaryModal,
} from '../src/bot/slack/blocks.ts';
import {
  boardMessage,
  boardModal,
  coThinkerMessage,
  conditionsModal,
  opinionModal,
  pollMessage,
} from '../src/bot/slack/channel-blocks.ts';
import { conditionsBlocks, deskBlocks, statusBlocks } from '../src/bot/slack/desk.ts';
import { filesBlocks, linkBlocks, portfolioViewBlocks } from '../src/bot/slack/portfolio-blocks.ts';
import { planModal } from '../src/bot/slack/plan-modal.ts';
import { planForm } from '../src/bot/plan-form.ts';
import { loadPortfolioView, PORTFOLIO_PAGE_SIZE } from '../src/bot/portfolio-view.ts';
import { escapeMrkdwn } from '../src/bot/slack/mrkdwn.ts';
import { FORM_STEPS } from '../src/bot/form-steps.ts';
import type { ProposalData } from '../src/bot/views.ts';
import { Queries } from '../src/engine/queries.ts';
import { loadDirectory, EXAMPLE_ORGANIZATION_FILE } from '../src/directory/load.ts';
import { openDatabase } from '../src/storage/database.ts';
import { LIMITS } from '../src/workflow/forms.ts';
import { blockKitProblems } from './support/block-kit.ts';

const dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
const long = (n: number) => 'Andmekaitse & <riskid> ja *analüüs* '.repeat(Math.ceil(n / 36)).slice(0, n);
const MAX: ProposalData = {
  id: 'p-1',
  number: 99999,
  status: 'agreement',
  submitterId: 'kadri.kask',
  submittedAt: new Date(),
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
const tally = { YES: 1, YES_IF: 1, NO: 1, total: 3, majority: null };
const rows = Array.from({ length: 40 }, (_, i) => ({
  id: `i${i}`,
  title: long(200),
  domainId: 'social',
  institutionId: 'SKA',
  startQuarter: '2027Q1',
  endQuarter: '2027Q4',
  status: 'planned',
  progress: 35,
}));
const meetings = Array.from({ length: 9 }, (_, i) => ({
  id: `m${i}`,
  domainId: 'social' as const,
  startsAt: new Date(),
  extraordinary: false,
  round: 'open' as const,
  items: Array.from({ length: 8 }, (_, j) => ({
    proposalId: `p${j}`,
    number: j,
    title: long(200),
    status: 'scheduled',
  })),
}));

const surfaces: [string, Parameters<typeof blockKitProblems>[0]][] = [];
for (const locale of ['et', 'en'] as const) {
  surfaces.push(
    [`help ${locale}`, helpBlocks(locale)],
    ...FORM_STEPS.map(
      (_, step) =>
        [
          `form step ${step + 1} ${locale}`,
          formStepModal(dir, locale, { proposalId: MAX.id, step }, MAX as unknown as Record<string, unknown>),
        ] as [string, never],
    ),
    [`summary ${locale}`, summaryModal(dir, locale, MAX, [long(3000)])],
    [`agreement ${locale}`, agreementBlocks(dir, locale, MAX, 'n')],
    [`return modal ${locale}`, returnCommentModal(locale, { proposalId: MAX.id, channel: 'C1', ts: '1.1' })],
    [`board ${locale}`, boardMessage(dir, locale, MAX)],
    [`board modal ${locale}`, boardModal(locale, { proposalId: MAX.id, channel: 'C1', ts: '1.1' })],
    [`co-thinker post ${locale}`, coThinkerMessage(dir, locale, MAX, new Date())],
    [`opinion modal ${locale}`, opinionModal(locale, MAX.id)],
    [
      `poll ${locale}`,
      pollMessage(dir, locale, MAX, {
        pollId: 'x',
        status: 'open',
        tally,
        decision: null,
        reason: null,
        conditions: [],
      }),
    ],
    [
      `poll closed ${locale}`,
      pollMessage(dir, locale, MAX, {
        pollId: 'x',
        status: 'closed',
        tally,
        decision: 'YES_IF',
        reason: long(2000),
        conditions: Array.from({ length: 20 }, () => long(140)),
      }),
    ],
    [`close modal ${locale}`, conditionsModal(locale, 'x', 'poll_close', 'YES')],
    [
      `conditions ${locale}`,
      conditionsBlocks(
        locale,
        MAX,
        Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, text: long(300), met: i % 2 === 0 })),
      ),
    ],
    [
      `desk ${locale}`,
      deskBlocks(
        dir,
        locale,
        Array.from({ length: 20 }, (_, i) => ({
          id: `p${i}`,
          number: i,
          title: long(200),
          domainId: 'social' as const,
          priority: 1,
        })),
        meetings,
        long(300),
      ),
    ],
    [`status ${locale}`, statusBlocks(locale, rows, long(300))],
    [
      `plan modal ${locale}`,
      planModal(
        locale,
        planForm(
          {
            id: 'i1',
            title: long(200),
            status: 'done',
            linkedIds: Array.from({ length: 50 }, (_, i) => `item-${i}`),
            startQuarter: '2020Q1',
            endQuarter: '2040Q4',
            moneyPerYear: { 2027: LIMITS.budgetEur },
            fundingSource: long(500),
            people: 9999.5,
            tehikTeam: long(200),
          },
          new Date(),
          { people: long(8) },
        ),
        long(300),
      ),
    ],
  );
}

describe('Slack Block Kit', () => {
  it.each(surfaces)('%s is within Block Kit limits', (_name, surface) => {
    expect(blockKitProblems(surface)).toEqual([]);
  });

  it('the limits check itself catches an over-full message', () => {
    expect(blockKitProblems(Array.from({ length: 51 }, () => ({ type: 'divider' })))).toEqual(['51 blocks, over 50']);
  });

  it('pages a portfolio of 500 items, 10 a page with filters and the roadmap, each page within 50 blocks', async () => {
    const db = await openDatabase({ kind: 'pglite', dir: null });
    try {
      await db.prisma.portfolioItem.createMany({
        data: Array.from({ length: 500 }, (_, i) => ({
          title: `Töö ${String(i + 1).padStart(3, '0')}`,
          domainId: 'social',
          institutionId: 'SKA',
          startQuarter: '2027Q1',
          endQuarter: '2027Q4',
          status: 'planned',
        })),
      });
      const q = new Queries(db.prisma, () => dir);
      const pictures = {
        roadmap: 'https://portfell.example.ee/files/abcdefghijklmnopqrstuvwx/teekaart.png',
        money: 'https://portfell.example.ee/files/a/raha.png',
        people: 'https://portfell.example.ee/files/b/inimesed.png',
        inline: true,
      };
      const first = portfolioViewBlocks(dir, 'et', await loadPortfolioView(q, SYSTEM, dir, {}, 0), pictures, true); // as the portfolio manager sees it: a plan button on each item
      const last = portfolioViewBlocks(
        dir,
        'en',
        await loadPortfolioView(
          q,
          SYSTEM,
          dir,
          { domainId: 'social', institutionId: 'SKA', status: 'planned', period: '2027Q2' },
          999,
        ),
        pictures,
      );
      expect(PORTFOLIO_PAGE_SIZE).toBe(10);
      expect(JSON.stringify(first)).toContain('lehekülg 1/50');
      expect(JSON.stringify(last)).toContain('page 50/50');
      expect(JSON.stringify(last)).toContain('"initial_value":"2027Q2"');
      expect((await loadPortfolioView(q, SYSTEM, dir, { period: '2029' }, 0)).total).toBe(0);
      for (const page of [first, last]) expect(blockKitProblems(page)).toEqual([]);
      const files = filesBlocks(
        dir,
        'et',
        Array.from({ length: 4 }, (_, i) => ({
          id: `m${i}`,
          domainId: 'social' as const,
          startsAt: new Date(),
          extraordinary: false,
          deltaNumber: 'x'.repeat(100),
        })),
      );
      expect(blockKitProblems([...files, ...linkBlocks('et', 'Fail on valmis', pictures.roadmap)])).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('escapes &, < and > so text cannot mention, ping or link', () => {
    expect(escapeMrkdwn('<!channel> <@U123> <http://x|y> & co')).toBe(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;http://x|y&gt; &amp; co',
    );
  });
});
