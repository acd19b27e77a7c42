// Every card the Teams side can send, checked with the official Adaptive Cards parser (no unknown
// elements, no duplicate ids) and against Teams' 28 KB limit — with every field at its maximum.
import { describe, expect, it } from 'vitest';
import { boardCard } from '../src/bot/teams/board-card.ts';
import { agreementCard, formStepCard, helpCard, myProposalsCard, summaryCard } from '../src/bot/teams/cards.ts';
import { linkChannelCard } from '../src/bot/teams/channel-card.ts';
import { coThinkerPostCard, coThinkerSummaryCard, conditionsCard, pollCard } from '../src/bot/teams/committee-cards.ts';
import { agendaCard, managerCard, statusRequestCard } from '../src/bot/teams/manager-cards.ts';
import { calendarCard, substituteCard } from '../src/bot/teams/calendar-cards.ts';
import { filesSection, linkCard, portfolioViewCard } from '../src/bot/teams/portfolio-cards.ts';
import { planCard } from '../src/bot/teams/plan-card.ts';
import { planForm } from '../src/bot/plan-form.ts';
import { card } from '../src/bot/teams/cards.ts';
import { escapeCardText } from '../src/bot/teams/markdown.ts';
import { FORM_STEPS } from '../src/bot/form-steps.ts';
import type { ProposalData } from '../src/bot/views.ts';
import { LIMITS } from '../src/workflow/forms.ts';
import { loadDirectory, EXAMPLE_ORGANIZATION_FILE } from '../src/directory/load.ts';
import { cardProblems } from './support/card-validation.ts';

const dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
const long = (n: number) => 'Õiguslik ja tehniline analüüs <b>*[x](y)*</b> '.repeat(Math.ceil(n / 44)).slice(0, n);
const MAX: ProposalData = {
  id: 'p-1',
  number: 99999,
  status: 'agreement',
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
const rows = Array.from({ length: 40 }, (_, i) => ({
  id: `i${i}`,
  title: long(200),
  domainId: 'social',
  institutionId: 'SKA',
  startQuarter: '2027Q1',
  endQuarter: '2028Q4',
  status: 'inProgress',
  progress: 40,
}));

const cards: [string, unknown][] = [];
for (const locale of ['et', 'en'] as const) {
  const errors = Object.fromEntries(
    FORM_STEPS.flat().map((f) => [f.name, { key: 'field.tooLong' as const, params: { max: 4000 } }]),
  );
  cards.push(
    [`help ${locale}`, helpCard(locale)],
    ...FORM_STEPS.map(
      (_, step) =>
        [
          `form step ${step + 1} ${locale}`,
          formStepCard({ dir, locale, proposalId: MAX.id, number: MAX.number, step, values: MAX, errors }),
        ] as [string, unknown],
    ),
    [`summary ${locale}`, summaryCard(dir, locale, MAX, errors)],
    [`agreement ${locale}`, agreementCard(dir, locale, MAX)],
    [
      `agreement done ${locale}`,
      agreementCard(dir, locale, MAX, {
        kind: 'returned',
        personName: 'Liis Lepp',
        at: new Date(),
        comment: long(2000),
      }),
    ],
    [
      `my proposals ${locale}`,
      myProposalsCard(
        locale,
        rows.map((r, i) => ({ number: i, title: r.title, status: 'x', next: long(200) })),
      ),
    ],
    [`board ${locale}`, boardCard(dir, locale, MAX)],
    [
      `board decided ${locale}`,
      boardCard(dir, locale, MAX, {
        decision: 'doNotSend',
        personName: 'Jaan Tamm',
        at: new Date(),
        priority: null,
        reason: long(2000),
      }),
    ],
    [`co-thinker post ${locale}`, coThinkerPostCard(dir, locale, MAX, new Date())],
    [
      `co-thinker summary ${locale}`,
      coThinkerSummaryCard(locale, MAX.number, MAX.title!, {
        counts: { support: 2, supportWithConditions: 2, doNotSupport: 1 },
        opinions: Array.from({ length: 5 }, () => ({
          personName: 'Ott Oja',
          recommendation: 'support',
          argumentation: long(900),
          checklist: { legislation: long(300), strategyFit: long(300), risks: long(300), feasibility: long(300) },
          replies: [long(300)],
        })),
        notAnswered: ['Anu Saar', 'Siim Sepp'],
      }),
    ],
    [
      `poll ${locale}`,
      pollCard(
        dir,
        locale,
        MAX,
        { pollId: 'poll-1', status: 'open', tally, decision: null, reason: null, conditions: [] },
        'YES_IF',
      ),
    ],
    [
      `poll closed ${locale}`,
      pollCard(dir, locale, MAX, {
        pollId: 'poll-1',
        status: 'closed',
        tally,
        decision: 'YES_IF',
        reason: long(2000),
        conditions: Array.from({ length: 10 }, () => long(300)),
      }),
    ],
    [
      `conditions ${locale}`,
      conditionsCard(
        locale,
        MAX,
        Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, text: long(300), met: i % 2 === 0 })),
      ),
    ],
    [
      `desk ${locale}`,
      managerCard(
        dir,
        locale,
        Array.from({ length: 20 }, (_, i) => ({
          id: `p${i}`,
          number: i,
          title: long(200),
          domainId: 'social' as const,
          priority: 2,
        })),
        Array.from({ length: 10 }, (_, i) => ({
          id: `m${i}`,
          domainId: 'social' as const,
          startsAt: new Date(),
          extraordinary: i === 1,
          round: 'open' as const,
          items: Array.from({ length: 6 }, (_, j) => ({
            proposalId: `p${j}`,
            number: j,
            title: long(200),
            status: 'scheduled',
          })),
        })),
        'Tehtud',
      ),
    ],
    [
      `agenda ${locale}`,
      agendaCard(
        locale,
        'Sotsiaalvaldkonna IKT juhtkomisjon 10.02.2027',
        Array.from({ length: 8 }, (_, i) => ({
          number: i,
          title: long(200),
          status: 'scheduled',
          priority: 1,
          counts: { support: 1 },
          notAnswered: ['Anu Saar'],
          arguments: [long(200), long(200)],
        })),
      ),
    ],
    [
      `portfolio ${locale}`,
      portfolioViewCard(
        dir,
        locale,
        {
          filter: { domainId: 'social', institutionId: 'SKA', status: 'inProgress', period: '2027Q3' },
          page: 3,
          pages: 40,
          total: 400,
          totalEur: 123_456_789,
          counts: { planned: 100, inProgress: 200, paused: 50, done: 50 },
          rows: Array.from({ length: 10 }, (_, i) => ({
            id: `i${i}`,
            title: long(LIMITS.title),
            domain: { et: 'sotsiaalvaldkond', en: 'social' },
            institution: { et: long(100), en: long(100) },
            service: null,
            startQuarter: '2027Q1',
            endQuarter: '2030Q4',
            status: 'inProgress',
            progress: 40,
            moneyPerYear: {},
            totalEur: 9_999_999,
            fundingSource: long(200),
            people: 3,
            tehikTeam: null,
            linkedIds: [],
          })),
        },
        {
          roadmap: 'https://portfell.example.ee/files/abcdefghijklmnopqrstuvwx/teekaart.png',
          money: 'https://portfell.example.ee/files/x/raha.png',
          people: 'https://portfell.example.ee/files/x/inimesed.png',
          inline: true,
        },
        true,
      ),
    ],
    [
      `plan ${locale}`,
      planCard(
        locale,
        planForm(
          {
            id: 'i1',
            title: long(LIMITS.title),
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
        ),
        {
          notice: 'Plaan on salvestatud.',
          errors: {
            startQuarter: long(300),
            endQuarter: long(300),
            people: long(300),
            money_2027: long(300),
            linkedItemIds: long(300),
          },
        },
        { page: 3, domainId: 'social', status: 'planned' },
        Array.from({ length: 70 }, (_, i) => ({ value: `item-${i}`, title: `${long(LIMITS.title)} (${long(100)})` })),
      ),
    ],
    [
      `file link ${locale}`,
      linkCard(locale, 'Fail on valmis', 'https://portfell.example.ee/files/abcdefghijklmnopqrstuvwx/portfell.xlsx'),
    ],
    [
      `desk files ${locale}`,
      card(
        filesSection(
          dir,
          locale,
          Array.from({ length: 4 }, (_, i) => ({
            id: `m${i}`,
            domainId: 'social' as const,
            startsAt: new Date(),
            extraordinary: false,
            deltaNumber: long(100),
          })),
        ),
      ),
    ],
    [
      `calendar ${locale}`,
      calendarCard(
        dir,
        locale,
        {
          meetings: Array.from({ length: 12 }, (_, i) => ({
            id: `m${i}`,
            domainId: 'social' as const,
            startsAt: new Date(Date.UTC(2027, i, 10, 8)),
            extraordinary: i % 2 === 0,
          })),
          requests: Array.from({ length: 5 }, (_, i) => ({
            id: `r${i}`,
            domainId: 'health' as const,
            reason: long(2000),
            requestedById: 'jaan.tamm',
            createdAt: new Date(),
          })),
          isManager: true,
          memberOf: ['social', 'health'],
        },
        { text: long(500), bad: true },
      ),
    ],
    // A ministry's directory: far more people than a card can hold; the card offers the first and finds the rest as the name is typed.
    [
      `substitute ${locale}`,
      substituteCard(
        {
          ...dir,
          people: new Map([
            ...dir.people,
            ...Array.from(
              { length: 2000 },
              (_, i) => [`p${i}`, { ...dir.people.get('jaan.tamm')!, id: `p${i}`, name: `${long(60)} ${i}` }] as const,
            ),
          ]),
        },
        dir.people.get('jaan.tamm')!,
        {
          mine: Array.from({ length: 5 }, (_, i) => ({
            id: `s${i}`,
            absentId: 'jaan.tamm',
            substituteId: 'kadri.kask',
            from: new Date(),
            until: new Date(),
          })),
          standingIn: Array.from({ length: 5 }, (_, i) => ({
            id: `t${i}`,
            absentId: 'liis.lepp',
            substituteId: 'jaan.tamm',
            from: new Date(),
            until: new Date(),
          })),
        },
        '2026-11-25',
        { text: long(500) },
      ),
    ],
    [`status ${locale}`, statusRequestCard(locale, rows, 'Tehtud')],
    [`link channel ${locale}`, linkChannelCard(dir, locale)],
  );
}

describe('Teams cards', () => {
  it.each(cards)('%s is a valid Adaptive Card under 28 KB', (_name, card) => {
    expect(cardProblems(card)).toEqual([]);
  });

  it('the validator does catch what Teams would reject', () => {
    expect(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }, { type: 'Nope' }],
      }),
    ).toHaveLength(2);
    expect(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'x'.repeat(30_000) }],
      })[0],
    ).toMatch(/over Teams' 28672/);
  });

  it('escapes user text so it cannot format, link or list', () => {
    expect(escapeCardText('**bold** [x](http://y) _i_\n- item\n1. one')).toBe(
      '\\*\\*bold\\*\\* \\[x\\]\\(http://y\\) \\_i\\_\n\\- item\n1\\. one',
    );
  });
});
