// The portfolio manager's desk, the calendar, substitutes, status updates and planning, run on Teams
// and on Slack through their real endpoints with the same steps: the manager chooses the committee
// of a new meeting and can mark it extraordinary; every answer says in words what happened and what
// comes next, with the button for it, and never shows an internal command or flow id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/engine/commands/index.ts';
import { FLOWS } from '../../src/bot/flows/index.ts';
import { t, type MessageKey, type MessageParams } from '../../src/i18n/catalogue.ts';
import { formatDate } from '../../src/i18n/dates.ts';
import { testClock } from '../support/clock.ts';
import { describe as describeScreen, everything, shows, type Chat, type Screen } from './chat.ts';
import { SlackChat } from './slack-chat.ts';
import { TeamsChat } from './teams-chat.ts';

const et = (key: MessageKey, params?: MessageParams) => t('et', key, params);

const MARI = 'mari.maasikas'; // portfolio manager
const KRISTI = 'kristi.kivi'; // member of the social committee
const SIIM = 'siim.sepp'; // TEHIK representative, not a committee member
const ANDRES = 'andres.allik';
const TOOMAS = 'toomas.teder';

const SOCIAL = 'Sotsiaalvaldkonna IKT juhtkomisjon';
const INTERNAL = new RegExp(
  `\\b(${[...Object.keys(COMMANDS), ...[...FLOWS.keys()].map((id) => id.replace('.', '\\.'))].join('|')})\\b|Tehtud:`,
);

/** What a person was shown says no command name, no flow id and no "Tehtud: …", and offers a way on. */
function humane(s: Screen): Screen {
  expect(everything(s)).not.toMatch(INTERNAL);
  expect(s.notice, describeScreen(s)).toBe(false);
  expect(s.buttons.length, describeScreen(s)).toBeGreaterThan(0);
  return s;
}

/** What is said beside an input (the problem shown under it, or the platform's own "required"), '' if nothing. */
function beside(s: Screen, label: string): string {
  const i = s.fields.findIndex((f) => f.label === label);
  if (i < 0) throw new Error(`no input «${label}»: ${describeScreen(s)}`);
  const at = s.layout.findIndex((x) => 'field' in x && x.field === i);
  const after: string[] = [];
  for (const x of s.layout.slice(at + 1)) {
    if (!('text' in x)) break;
    after.push(x.text);
  }
  return [s.fields[i]!.error ?? '', ...after].join(' ').trim();
}

describe.each(['teams', 'slack'] as const)('the desk on %s', (platform) => {
  let chat: Chat;
  const db = () => chat.app.db.prisma;
  beforeAll(async () => {
    chat = platform === 'teams' ? await TeamsChat.start(testClock()) : await SlackChat.start(testClock());
  });
  afterAll(async () => {
    await chat?.close();
  });

  it('a new meeting: the manager chooses the committee and marks it extraordinary; then the agenda, the round, the poll', async () => {
    await chat.say(MARI, 'abi'); // on Teams the bot can write to her once she has written to it
    const e = chat.app.engine;
    const run = async (command: string, actorId: string, input: unknown) => {
      const r = await e.run({ command: command as never, actorId, input });
      if (!r.ok) throw new Error(`${command}: ${r.refusal.key}`);
      return r.value as { proposalId: string };
    };
    const { proposalId } = await run('createDraft', 'kadri.kask', {
      fields: {
        title: 'Pensionide e-teenus',
        serviceId: 'ska-pensions',
        currentSituation: 'a',
        problem: 'b',
        expectedResult: 'c',
        impact: 'd',
        alternatives: 'e',
      },
    });
    await run('submit', 'kadri.kask', { proposalId });
    await run('agree', ANDRES, { proposalId });
    const strong = { expectedResult: 'strong', impact: 'strong', priorityFit: 'strong', alternatives: 'strong' };
    await run('assess', KRISTI, { proposalId, ...strong });
    await run('boardDecide', KRISTI, { proposalId, decision: 'send', priority: 1 });
    await chat.sees(MARI, 'Pensionide e-teenus'); // the portfolio manager is told it waits for an agenda

    const desk = humane(await chat.say(MARI, 'haldus'));
    expect(desk.title).toBe(et('desk.title'));
    expect(shows(desk, 'Pensionide e-teenus')).toBe(true);
    expect(shows(desk, et('deskFlow.noMeeting'))).toBe(true);

    // Not chosen for the manager: the committee is empty until she picks it, and told so if she does not.
    const form = humane(await chat.click(MARI, et('desk.newMeeting'), {}, { after: et('desk.meetings') }));
    const committee = form.fields.find((f) => f.label === et('desk.domain'))!;
    if (!committee) throw new Error(describeScreen(form));
    expect(committee.value === '' || (Array.isArray(committee.value) && committee.value.length === 0)).toBe(true);
    expect(committee.choices.map((c) => c.label)).toEqual([SOCIAL, 'E-tervise juhtkomisjon']);
    expect(form.fields.map((f) => f.kind)).toEqual(['choice', 'date', 'time', 'toggle']);
    const unchosen = humane(await chat.click(MARI, et('desk.createMeeting'), { Kuupäev: '2027-02-10' }));
    expect(beside(unchosen, et('desk.domain'))).not.toBe('');
    expect(await db().meeting.count()).toBe(0);

    const created = humane(
      await chat.click(MARI, et('desk.createMeeting'), {
        [et('desk.domain')]: SOCIAL,
        Kuupäev: '2027-02-10',
        Kellaaeg: '11:00',
        [et('desk.extraordinary')]: true,
      }),
    );
    const meeting = await db().meeting.findFirstOrThrow();
    expect(meeting).toMatchObject({ domainId: 'social', extraordinary: true });
    expect(meeting.startsAt.toISOString()).toBe('2027-02-10T09:00:00.000Z');
    expect(
      shows(created, et('deskFlow.meetingCreated', { meeting: `${SOCIAL}, 10.02.2027 kell 11:00 (erakorraline)` })),
    ).toBe(true);
    expect(created.buttons).toContain(et('desk.schedule'));

    const scheduled = humane(await chat.click(MARI, et('desk.schedule')));
    expect(shows(scheduled, 'on koosoleku')).toBe(true);
    expect(shows(scheduled, `${SOCIAL} 10.02.2027 (erakorraline) päevakorras`)).toBe(true);
    expect(scheduled.buttons).toContain(et('desk.openRound'));

    const opened = humane(await chat.click(MARI, et('desk.openRound')));
    expect(shows(opened, 'Kaasamõtlemine on avatud')).toBe(true);
    const agenda = humane(await chat.click(MARI, et('desk.agenda')));
    expect(agenda.title).toContain('Päevakord');
    expect(shows(agenda, 'Pensionide e-teenus')).toBe(true);
    humane(await chat.click(MARI, et('deskFlow.backToDesk')));
    const closed = humane(await chat.click(MARI, et('desk.closeRound')));
    expect(shows(closed, 'Kaasamõtlemine on suletud')).toBe(true);
    const number = (await db().proposal.findUniqueOrThrow({ where: { id: proposalId } })).number;
    const polled = humane(await chat.click(MARI, et('deskFlow.openPollOf', { number })));
    expect(shows(polled, 'Hääletus on avatud')).toBe(true);
    expect(await db().poll.count({ where: { proposalId, status: 'open' } })).toBe(1);

    // Someone who is not the portfolio manager gets the help, told why.
    const other = humane(await chat.say(SIIM, 'haldus'));
    expect(shows(other, et('refusal.only.portfolioManager'))).toBe(true);
  });

  it('the calendar: default meetings, a moved meeting, an extraordinary meeting asked for and dated', async () => {
    const cal = humane(await chat.say(MARI, 'kalender'));
    expect(cal.title).toBe(et('calendar.title'));
    const planned = humane(await chat.click(MARI, et('calendar.plan', { domain: 'Sotsiaalvaldkond' })));
    const defaults = await db().meeting.findMany({
      where: { domainId: 'social', extraordinary: false },
      orderBy: { startsAt: 'asc' },
    });
    expect(shows(planned, et('deskFlow.planned', { count: defaults.length, committee: SOCIAL }))).toBe(true);
    expect(defaults).toHaveLength(4);

    const first = defaults[0]!;
    const moveForm = humane(await chat.click(MARI, et('calendar.move'), {}, { after: formatDate(first.startsAt) }));
    expect(moveForm.fields.map((f) => f.kind)).toEqual(['date', 'time']);
    const target = new Date(first.startsAt.getTime() + 7 * 86400_000).toISOString().slice(0, 10);
    const moved = humane(await chat.click(MARI, et('calendar.move'), { Kuupäev: target, Kellaaeg: '13:00' }));
    expect(shows(moved, 'Kõik tähtajad ja meeldetuletused liikusid kaasa')).toBe(true);
    const after = await db().meeting.findUniqueOrThrow({ where: { id: first.id } });
    expect(after.startsAt.toISOString().slice(0, 10)).toBe(target);

    // Not the portfolio manager: the dates, no buttons to change them.
    const theirs = humane(await chat.say(SIIM, 'kalender'));
    expect(theirs.buttons).not.toContain(et('calendar.move'));
    expect(theirs.buttons).not.toContain(et('calendar.requestTitle'));

    // A committee member asks for an extraordinary meeting; the manager dates it.
    humane(await chat.say(KRISTI, 'kalender'));
    humane(await chat.click(KRISTI, et('calendar.requestTitle')));
    const empty = humane(await chat.click(KRISTI, et('calendar.request'), { [et('calendar.reason')]: '  ' }));
    expect(beside(empty, et('calendar.reason'))).toContain(et('field.required'));
    expect(await db().meetingRequest.count()).toBe(0);
    const sent = humane(
      await chat.click(KRISTI, et('calendar.request'), { [et('calendar.reason')]: 'STAR-i rike vajab otsust' }),
    );
    expect(shows(sent, et('deskFlow.requestSent', { committee: SOCIAL }))).toBe(true);
    await chat.sees(MARI, 'STAR-i rike vajab otsust');

    const withRequest = humane(await chat.say(MARI, 'kalender'));
    expect(shows(withRequest, 'STAR-i rike vajab otsust')).toBe(true);
    humane(await chat.click(MARI, et('calendar.accept'), {}, { after: 'STAR-i rike vajab otsust' }));
    const accepted = humane(
      await chat.click(MARI, et('calendar.accept'), { Kuupäev: '2030-03-04', Kellaaeg: '09:30' }),
    );
    expect(shows(accepted, 'Erakorraline koosolek on määratud')).toBe(true);
    expect(
      await db().meeting.count({ where: { extraordinary: true, startsAt: new Date('2030-03-04T07:30:00.000Z') } }),
    ).toBe(1);
  });

  it('a substitute: named by typing the name, the dates checked, seen by the substitute, ended', async () => {
    const view = humane(await chat.say(ANDRES, 'asendaja'));
    expect(view.title).toBe(et('substitution.title'));
    expect(view.fields.find((f) => f.label === et('label.substituteId'))?.kind).toBe('search');
    const noEnd = humane(
      await chat.click(ANDRES, et('substitution.set'), { [et('label.substituteId')]: 'Toomas', Alates: '2030-06-01' }),
    );
    expect(beside(noEnd, et('label.until'))).not.toBe('');
    expect(await db().substitution.count()).toBe(0);
    const set = humane(
      await chat.click(ANDRES, et('substitution.set'), {
        [et('label.substituteId')]: 'Toomas',
        Alates: '2030-06-01',
        [et('label.until')]: '2030-06-10',
      }),
    );
    expect(shows(set, 'Toomas Teder asendab sind 01.06.2030–10.06.2030')).toBe(true);
    expect(set.buttons).toContain(et('substitution.cancel'));
    const s = await db().substitution.findFirstOrThrow();
    expect(s).toMatchObject({ absentId: ANDRES, substituteId: TOOMAS, cancelledAt: null });

    const hers = humane(await chat.say(TOOMAS, 'asendaja'));
    expect(shows(hers, 'Asendad: Andres Allik 01.06.2030–10.06.2030')).toBe(true);
    expect(hers.buttons).not.toContain(et('substitution.cancel'));

    const ended = humane(await chat.click(ANDRES, et('substitution.cancel')));
    expect(shows(ended, et('deskFlow.substituteEnded', { person: 'Toomas Teder' }))).toBe(true);
    expect((await db().substitution.findFirstOrThrow()).cancelledAt).not.toBeNull();
  });

  it('a status update from „staatus“ and the plan of an item from the portfolio', async () => {
    await db().portfolioItem.create({
      data: {
        id: 'item-1',
        title: 'Hooldekodude register',
        domainId: 'social',
        institutionId: 'SKA',
        status: 'planned',
        startQuarter: '2027Q1',
        endQuarter: '2027Q4',
        moneyPerYear: {},
      },
    });
    const list = humane(await chat.say(SIIM, 'staatus'));
    expect(list.title).toBe(et('status.title'));
    expect(shows(list, 'Hooldekodude register')).toBe(true);
    humane(await chat.click(SIIM, et('deskFlow.updateStatus'), {}, { after: 'Hooldekodude register' }));
    const bad = humane(await chat.click(SIIM, et('status.save'), { [et('status.progress')]: '140' }));
    expect(beside(bad, et('status.progress'))).toContain(et('deskFlow.notProgress'));
    const saved = humane(
      await chat.click(SIIM, et('status.save'), {
        [et('status.status')]: et('itemStatus.inProgress'),
        [et('status.progress')]: '40',
        [et('status.note')]: 'Analüüs valmis',
      }),
    );
    expect(shows(saved, 'Staatus salvestatud: „Hooldekodude register“')).toBe(true);
    expect(await db().portfolioItem.findUniqueOrThrow({ where: { id: 'item-1' } })).toMatchObject({
      status: 'inProgress',
      progress: 40,
    });

    await chat.sees(MARI, 'Hooldekodude register'); // the portfolio manager is told of the update
    const portfolio = humane(await chat.say(MARI, 'portfell'));
    expect(portfolio.title).toBe(et('portfolio.title', { count: 1 }));
    humane(await chat.click(MARI, et('plan.button'), {}, { after: 'Hooldekodude register' }));
    const people = et('plan.people');
    const wrong = humane(
      await chat.click(MARI, et('plan.save'), { [people]: 'poolteist', [et('plan.fundingSource')]: 'EL' }),
    );
    expect(beside(wrong, people)).toContain(et('plan.notPeople'));
    expect(wrong.fields.find((f) => f.label === et('plan.fundingSource'))?.value).toBe('EL');
    const planned = humane(
      await chat.click(MARI, et('plan.save'), { [people]: '2,5', [et('plan.fundingSource')]: 'EL' }),
    );
    expect(shows(planned, 'Plaan on salvestatud.')).toBe(true);
    expect(await db().portfolioItem.findUniqueOrThrow({ where: { id: 'item-1' } })).toMatchObject({
      fundingSource: 'EL',
    });
    const back = humane(await chat.click(MARI, et('plan.backToPortfolio')));
    expect(back.title).toBe(et('portfolio.title', { count: 1 }));
    const filtered = humane(
      await chat.click(MARI, et('portfolio.filter'), { [et('portfolio.status')]: et('itemStatus.done') }),
    );
    expect(filtered.title).toBe(et('portfolio.title', { count: 0 }));
  });
});
