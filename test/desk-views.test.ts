// The desk's views (src/bot/flows/desk-*.ts) with every field at its longest and every list at its
// fullest: each is a valid Adaptive Card 1.5 within Teams' 28 KB and valid Block Kit (a message, and a
// modal when it is a form) with none of its buttons cut off, in both languages; a portfolio of 500
// items pages, 10 a page.
import { describe, expect, it } from 'vitest';
import type { FlowContext } from '../src/bot/conversation/flow.ts';
import { buttonsOf, type View } from '../src/bot/conversation/view.ts';
import { acceptForm, calendarView, moveForm, requestForm, substituteView } from '../src/bot/flows/desk-calendar.ts';
import { filesView } from '../src/bot/flows/desk-files.ts';
import { agendaView, deskView, meetingForm } from '../src/bot/flows/desk-meetings.ts';
import { planView, portfolioView, statusForm, statusView } from '../src/bot/flows/desk-portfolio.ts';
import { planForm } from '../src/bot/plan-form.ts';
import { PORTFOLIO_PAGE_SIZE } from '../src/bot/portfolio-view.ts';
import { renderMessage, renderModal } from '../src/bot/slack/render.ts';
import { renderCard } from '../src/bot/teams/render.ts';
import { EXAMPLE_ORGANIZATION_FILE, loadDirectory } from '../src/directory/load.ts';
import { Queries } from '../src/engine/queries.ts';
import { openDatabase } from '../src/storage/database.ts';
import type { Directory, Locale } from '../src/workflow/directory.ts';
import { LIMITS } from '../src/workflow/forms.ts';
import { blockKitProblems } from './support/block-kit.ts';
import { cardProblems } from './support/card-validation.ts';

const dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
const long = (n: number) => 'Andmekaitse & <riskid> ja *analüüs* [x](y) '.repeat(Math.ceil(n / 42)).slice(0, n);
const NOW = new Date('2026-11-25T10:00:00Z');
const PICTURES = {
  roadmap: 'https://portfell.example.ee/files/abcdefghijklmnopqrstuvwx/teekaart.png',
  money: 'https://portfell.example.ee/files/abcdefghijklmnopqrstuvwx/raha.png',
  people: 'https://portfell.example.ee/files/abcdefghijklmnopqrstuvwx/inimesed.png',
  inline: true,
};

/** A flow's context whose reads answer with `queries` (the lists at their fullest). */
function ctxOf(queries: Partial<Queries>, locale: Locale, d: Directory = dir, personId = 'mari.maasikas'): FlowContext {
  const person = { ...d.people.get(personId)!, locale };
  return {
    engine: {} as never,
    queries: queries as Queries,
    dir: d,
    person,
    platform: 'slack',
    key: 'k',
    replyTo: { kind: 'reply', platform: 'slack', personId, userId: 'U1' },
    downloads: { pictures: async () => PICTURES } as never,
    now: () => NOW,
  };
}

const meetings = Array.from({ length: 12 }, (_, i) => ({
  id: `meeting-${i}`,
  domainId: (i % 2 ? 'health' : 'social') as 'social' | 'health',
  startsAt: new Date(Date.UTC(2027, i, 10, 8)),
  extraordinary: i % 3 === 0,
  round: (['none', 'open', 'closed'] as const)[i % 3]!,
  items: Array.from({ length: 8 }, (_, j) => ({
    proposalId: `proposal-${j}`,
    number: 99990 + j,
    title: long(LIMITS.title),
    status: 'scheduled',
  })),
}));
const desk = {
  toSchedule: Array.from({ length: 30 }, (_, i) => ({
    id: `p${i}`,
    number: 99900 + i,
    title: long(LIMITS.title),
    domainId: (i % 2 ? 'health' : 'social') as 'social' | 'health',
    priority: 5,
  })),
  meetings,
  past: Array.from({ length: 4 }, (_, i) => ({
    id: `past-${i}`,
    domainId: 'social' as const,
    startsAt: new Date(Date.UTC(2026, i, 10, 8)),
    extraordinary: true,
    deltaNumber: long(100),
  })),
};
const requests = Array.from({ length: 5 }, (_, i) => ({
  id: `r${i}`,
  domainId: 'health',
  reason: long(LIMITS.comment),
  requestedById: 'kristi.kivi',
  createdAt: NOW,
  status: 'pending',
  meetingId: null,
}));
const rows = Array.from({ length: 40 }, (_, i) => ({
  id: `item-${i}`,
  title: long(LIMITS.title),
  domainId: 'social',
  institutionId: 'SKA',
  startQuarter: '2027Q1',
  endQuarter: '2030Q4',
  status: 'inProgress',
  progress: 100,
}));
const agenda = {
  meeting: { id: 'm', domainId: 'social', startsAt: NOW, extraordinary: true },
  round: null,
  items: Array.from({ length: 12 }, (_, i) => ({
    position: i,
    proposal: { proposalId: `p${i}`, number: 99990 + i, title: long(LIMITS.title), status: 'scheduled' },
    priority: 5,
    coThinkers: {
      counts: { support: 20, supportWithConditions: 20, doNotSupport: 20 },
      opinions: Array.from({ length: 6 }, () => ({
        personId: 'liis.lepp',
        recommendation: 'support',
        argumentation: long(LIMITS.comment),
        checklist: {},
        replies: [{ at: '', text: long(LIMITS.comment) }],
      })),
      notAnswered: ['anu.saar', 'siim.sepp', 'rein.raudsepp'],
    },
    poll: null,
  })),
};
/** A ministry's directory: far more people than a view holds; the picker offers the first and finds the rest. */
const bigDir: Directory = {
  ...dir,
  people: new Map([
    ...dir.people,
    ...Array.from(
      { length: 2000 },
      (_, i) => [`p${i}`, { ...dir.people.get('jaan.tamm')!, id: `p${i}`, name: `${long(60)} ${i}` }] as const,
    ),
  ]),
};
const substitutions = [
  ...Array.from({ length: 10 }, (_, i) => ({
    id: `s${i}`,
    absentId: 'mari.maasikas',
    substituteId: `p${i}`,
    startsAt: NOW,
    endsAt: new Date(NOW.getTime() + 86400_000),
  })),
  ...Array.from({ length: 10 }, (_, i) => ({
    id: `t${i}`,
    absentId: `p${i}`,
    substituteId: 'mari.maasikas',
    startsAt: NOW,
    endsAt: new Date(NOW.getTime() + 86400_000),
  })),
];
const reads: Partial<Queries> = {
  desk: async () => desk,
  meetingRequests: async () => requests as never,
  substitutions: async () => substitutions as never,
  itemChoices: async () =>
    Array.from({ length: 70 }, (_, i) => ({ value: `item-${i}`, title: `${long(LIMITS.title)} (${long(100)})` })),
};
const errorsOf = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, long(300)]));
const said = { text: long(LIMITS.comment), bad: true };

async function views(locale: Locale): Promise<[string, View][]> {
  const ctx = ctxOf(reads, locale);
  const planned = planForm(
    {
      id: 'i1',
      title: long(LIMITS.title),
      status: 'done',
      linkedIds: Array.from({ length: 50 }, (_, i) => `item-${i}`),
      startQuarter: '2020Q1',
      endQuarter: '2040Q4',
      moneyPerYear: { 2020: LIMITS.budgetEur, 2027: LIMITS.budgetEur },
      fundingSource: long(500),
      people: 9999.5,
      tehikTeam: long(200),
    },
    NOW,
    undefined,
    locale,
  );
  const back = { domainId: 'social', institutionId: 'SKA', status: 'planned', period: '2027Q3', page: 49 };
  const calendar = { meetings, requests: requests as never, isManager: true, memberOf: ['social', 'health'] as never };
  return [
    ['desk', await deskView(ctx, said)],
    [
      'new meeting',
      meetingForm(
        ctx,
        { domainId: 'health', date: '2027-01-01', time: '10:00', extraordinary: true },
        { said, errors: errorsOf(['domainId', 'date', 'time']) },
      ),
    ],
    ['agenda', agendaView(ctx, agenda as never)],
    ['files', await filesView(ctx, said, { 'delta_past-0': long(100) })],
    ['calendar', calendarView(dir, locale, calendar, said)],
    [
      'move',
      moveForm(ctx, meetings[0]!, { date: '2027-01-01', time: '10:00' }, { said, errors: errorsOf(['date', 'time']) }),
    ],
    ['accept', acceptForm(ctx, requests[0]!, {}, { said, errors: errorsOf(['date']) })],
    [
      'request',
      requestForm(
        ctx,
        ['social', 'health'],
        { reason: long(2000) },
        { said, errors: errorsOf(['domainId', 'reason']) },
      ),
    ],
    [
      'substitute',
      await substituteView(ctxOf(reads, locale, bigDir), said, {
        values: { substituteId: 'p1999', from: '2027-01-01', until: '2027-01-31' },
        errors: errorsOf(['substituteId', 'from', 'until']),
      }),
    ],
    ['plan', await planView(ctx, planned, back, { said, errors: errorsOf(Object.keys(planned.values)) })],
    ['status', statusView(locale, rows, said, long(300))],
    [
      'status form',
      statusForm(
        locale,
        rows[0]!,
        { status: 'paused', progress: '100', note: long(2000) },
        {
          said,
          errors: errorsOf(['status', 'progress', 'note']),
        },
      ),
    ],
  ];
}

const slackButtons = (blocks: { elements?: { type: string }[]; accessory?: { type: string } }[]) =>
  blocks
    .flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])])
    .filter((e) => e.type === 'button').length;

describe.each(['et', 'en'] as const)('the desk views in %s', (locale) => {
  it('each is a valid card within 28 KB and valid Block Kit with all its buttons', async () => {
    for (const [name, view] of await views(locale)) {
      expect(cardProblems(renderCard(view)), name).toEqual([]);
      const message = renderMessage(view);
      expect(blockKitProblems(message.blocks), name).toEqual([]);
      const links = view.parts.filter((p) => p.kind === 'link').length;
      expect(slackButtons(message.blocks as never), `${name}: buttons cut off`).toBe(buttonsOf(view).length + links);
      if (view.submit) expect(blockKitProblems(renderModal(view, 'Sulge') as never), `${name} modal`).toEqual([]);
    }
  });

  it('the substitute picker and the linked items are found by typing, on both platforms', async () => {
    const all = Object.fromEntries(await views(locale));
    const card = JSON.stringify(renderCard(all.substitute!));
    expect(card).toContain('"choices.data":{"type":"Data.Query","dataset":"people","count":20}');
    expect(card).toContain('"value":"p1999"'); // the chosen one stays chosen, also when not among the first
    const modal = JSON.stringify(renderModal(all.plan!, 'Sulge'));
    expect(modal).toContain('"type":"multi_external_select","action_id":"search:portfolioItems"');
    expect(JSON.stringify(renderMessage(all.substitute!))).toContain(
      '"type":"external_select","action_id":"search:people"',
    );
  });
});

describe('the portfolio view', () => {
  it('pages 500 items, 10 a page, with filters and the roadmap, each page valid on both platforms', async () => {
    const db = await openDatabase({ kind: 'pglite', dir: null });
    try {
      await db.prisma.portfolioItem.createMany({
        data: Array.from({ length: 500 }, (_, i) => ({
          title: `Töö ${String(i + 1).padStart(3, '0')} ${long(LIMITS.title - 9)}`,
          domainId: 'social',
          institutionId: 'SKA',
          startQuarter: '2027Q1',
          endQuarter: '2027Q4',
          status: 'planned',
        })),
      });
      const q = new Queries(db.prisma, () => dir);
      const first = await portfolioView(ctxOf(q, 'et'), {}, 0, said);
      const last = await portfolioView(
        ctxOf(q, 'en'),
        { domainId: 'social', institutionId: 'SKA', status: 'planned', period: '2027Q2' },
        999,
      );
      expect(PORTFOLIO_PAGE_SIZE).toBe(10);
      expect(JSON.stringify(first)).toContain('lehekülg 1/50');
      expect(JSON.stringify(last)).toContain('page 50/50');
      expect(last.parts).toContainEqual({
        kind: 'input',
        input: expect.objectContaining({ id: 'period', value: '2027Q2' }),
      });
      for (const page of [first, last]) {
        expect(cardProblems(renderCard(page))).toEqual([]);
        const message = renderMessage(page);
        expect(blockKitProblems(message.blocks)).toEqual([]);
        expect(slackButtons(message.blocks as never)).toBe(
          buttonsOf(page).length + page.parts.filter((p) => p.kind === 'link').length,
        );
      }
      // The portfolio manager plans from here: a plan button on each of the page's items.
      expect(buttonsOf(first).filter((b) => b.action === 'plan.show')).toHaveLength(10);
    } finally {
      await db.close();
    }
  });
});
