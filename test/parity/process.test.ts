// One scenario, run on Teams and on Slack through their real endpoints (Teams activities to
// /api/messages, signed Slack requests to /slack/events): the same steps and the same expectations,
// in the catalogue's words, on both. A feature on one platform and not the other fails here.
//
// Each step starts from its own proposal, brought to the step's starting point by the engine, so a
// step that fails on one platform does not take the later ones with it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/engine/commands/index.ts';
import { FLOWS } from '../../src/bot/flows/index.ts';
import { t, type MessageKey, type MessageParams } from '../../src/i18n/catalogue.ts';
import { formatDate } from '../../src/i18n/dates.ts';
import { testClock } from '../support/clock.ts';
import { describe as describeScreen, everything, poll, shows, WAIT_MS, type Chat, type Screen } from './chat.ts';
import { SlackChat } from './slack-chat.ts';
import { TeamsChat } from './teams-chat.ts';

const et = (key: MessageKey, params?: MessageParams) => t('et', key, params);
/** The screen shows the text (and the failure says what it showed instead). */
function see(s: Screen | undefined, text: string) {
  expect(shows(s, text), `«${text}» not in ${s ? describeScreen(s) : 'nothing'}`).toBe(true);
}
function notSee(s: Screen | undefined, text: string) {
  expect(shows(s, text), `«${text}» in ${s ? describeScreen(s) : 'nothing'}`).toBe(false);
}
/** A catalogue text up to its first placeholder left unfilled: for texts whose rest is not known here. */
const lead = (key: MessageKey, params?: MessageParams) => et(key, params).split('{')[0]!.trim();

// People with both a Teams and a Slack id in config/organization.example.yaml.
const MARI = 'mari.maasikas'; // portfolio manager
const KADRI = 'kadri.kask'; // submits the proposals (a portfolio manager too)
const ANDRES = 'andres.allik'; // service manager of the SKA pensions and family benefits: agrees
const KRISTI = 'kristi.kivi'; // SKA board; member of the social steering committee
const JAAN = 'jaan.tamm'; // chair of the social steering committee
const LIIS = 'liis.lepp'; // co-thinker of the social domain
const SIIM = 'siim.sepp'; // co-thinker of the social domain; TEHIK's representative
const PEOPLE = [MARI, KADRI, ANDRES, KRISTI, JAAN, LIIS, SIIM];

const BOARD = 'board:SKA';
const COTHINKERS = 'coThinkers:social';
const COMMITTEE = 'committee:social';
const SKA_BOARD = 'SKA arenduste juhtrühm';
const SOCIAL_COMMITTEE = 'Sotsiaalvaldkonna IKT juhtkomisjon';
const PENSIONS = 'Pensionide määramine ja maksmine (SKA)';

const FIELDS = {
  currentSituation: 'Taotlused menetletakse käsitsi.',
  problem: 'Menetlus võtab kolm nädalat.',
  expectedResult: 'Otsus ühe päevaga.',
  impact: '40 000 taotlejat aastas.',
  alternatives: 'Lisapersonal.',
  budgetEur: 120000,
};

/** Names people must never see: the engine's commands and the flows' ids ("Tehtud: createMeeting" is a bug). */
const INTERNAL = new RegExp(
  `(^|[^\\p{L}.])(${[...Object.keys(COMMANDS), ...FLOWS.keys()].map((x) => x.replace(/\./g, '\\.')).join('|')})(?!\\p{L}|\\.\\p{L})`,
  'u',
);

describe.each(['teams', 'slack'] as const)('the process on %s', (platform) => {
  let chat: Chat;
  const app = () => chat.app;

  /** Runs a command as the engine (the step's starting point), which must succeed. */
  async function run(actorId: string, command: string, input: unknown): Promise<any> {
    const r = await app().engine.run({ command: command as never, actorId, input });
    if (!r.ok) throw new Error(`${command} by ${actorId} refused: ${r.refusal.key}`);
    return r.value;
  }
  const number = async (proposalId: string) =>
    (await app().db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).number;
  const status = async (proposalId: string) =>
    (await app().db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).status;

  /** A proposal of Kadri's, submitted (it waits for Andres's agreement). */
  async function submitted(title: string, serviceId = 'ska-pensions') {
    const { proposalId } = await run(KADRI, 'createDraft', { fields: { title, serviceId, ...FIELDS } });
    await run(KADRI, 'submit', { proposalId });
    return { proposalId, number: await number(proposalId), title };
  }
  /** … agreed and sent on by the SKA board (it waits for the committee's agenda). */
  async function toCommittee(title: string) {
    const p = await submitted(title);
    await run(ANDRES, 'agree', { proposalId: p.proposalId });
    await run(KRISTI, 'assess', {
      proposalId: p.proposalId,
      expectedResult: 'strong',
      impact: 'strong',
      priorityFit: 'adequate',
      alternatives: 'adequate',
    });
    await run(KRISTI, 'boardDecide', { proposalId: p.proposalId, decision: 'send', priority: 2 });
    return p;
  }
  /** … on the agenda of a social committee meeting on `day` (YYYY-MM-DD, 10:00 Tallinn). */
  async function scheduled(title: string, day: string) {
    const p = await toCommittee(title);
    const { meetingId } = await run(MARI, 'createMeeting', { domainId: 'social', startsAt: `${day}T08:00:00Z` });
    await run(MARI, 'schedule', { proposalId: p.proposalId, meetingId });
    return { ...p, meetingId };
  }
  /** … approved by the committee: a portfolio item. */
  async function approved(title: string, day: string) {
    const p = await scheduled(title, day);
    const { pollId } = await run(MARI, 'openPoll', { proposalId: p.proposalId });
    await run(KRISTI, 'vote', { pollId, choice: 'YES' });
    await run(JAAN, 'closePoll', { pollId });
    return p;
  }
  /** Waits until `check` holds (the outbox redraws posts asynchronously). */
  const eventually = (check: () => boolean, what: string) =>
    poll(
      () => (check() ? true : undefined),
      WAIT_MS,
      () => `${platform}: ${what}`,
    );
  const field = (s: Screen, label: string) => s.fields.find((f) => f.label === label);

  beforeAll(async () => {
    chat = platform === 'teams' ? await TeamsChat.start(testClock()) : await SlackChat.start(testClock());
  });
  afterAll(async () => {
    await chat?.close();
  });
  afterEach(() => {
    for (const s of chat?.everythingShown() ?? [])
      expect(INTERNAL.exec(everything(s))?.[2], `an internal name shown in ${describeScreen(s)}`).toBeUndefined();
  });

  it('everyone greets the bot; the portfolio manager links the board, co-thinker and committee channels', async () => {
    for (const p of PEOPLE) see(await chat.say(p, 'tere'), et('help.title'));
    for (const role of [BOARD, COTHINKERS, COMMITTEE]) await chat.linkChannel(MARI, role);
  });

  it('help knows the person: a portfolio manager gets the manager commands, a submitter not', async () => {
    const manager = await chat.say(MARI, 'abi');
    see(manager, et('conversation.commands.everyone'));
    see(manager, et('conversation.commands.manager'));
    expect(manager.buttons).toContain(et('conversation.button.desk'));

    const other = await chat.say(ANDRES, 'abi');
    see(other, et('conversation.commands.everyone'));
    notSee(other, et('conversation.commands.manager'));
    expect(other.buttons).not.toContain(et('conversation.button.desk'));
    expect(other.buttons).toContain(et('button.newIdea'));
    see(other, et('conversation.role.agreer', { services: 'Pensionide määramine ja maksmine, Peretoetused' }));
  });

  it('„minu ootel“ says when nothing waits', async () => {
    const w = await chat.say(ANDRES, 'minu ootel');
    expect(w.title).toBe(et('conversation.waiting.title'));
    see(w, et('conversation.waiting.none'));
  });

  it('a draft is left and resumed, then submitted', async () => {
    await chat.say(KADRI, 'abi');
    let form = await chat.click(KADRI, et('button.newIdea'));
    see(form, et('form.header', { step: 1, steps: 6 }));
    form = await chat.click(KADRI, et('button.next'), {
      [et('form.title')]: 'Pensionide e-teenus',
      [et('form.serviceId')]: PENSIONS,
    });
    const draft = await app().db.prisma.proposal.findFirstOrThrow({ where: { title: 'Pensionide e-teenus' } });
    expect(draft.status).toBe('draft');
    see(form, et('form.headerNumber', { number: draft.number, step: 2, steps: 6 }));
    await chat.leave(KADRI);

    // Later: "jätka mustandit" opens it where it was saved.
    form = await chat.say(KADRI, 'jätka mustandit');
    see(form, et('form.headerNumber', { number: draft.number, step: 1, steps: 6 }));
    expect(field(form, et('form.title'))?.value).toBe('Pensionide e-teenus');
    form = await chat.click(KADRI, et('button.next'));
    form = await chat.click(KADRI, et('button.next'), {
      [et('form.currentSituation')]: FIELDS.currentSituation,
      [et('form.problem')]: FIELDS.problem,
    });
    form = await chat.click(KADRI, et('button.next'), {
      [et('form.expectedResult')]: FIELDS.expectedResult,
      [et('form.impact')]: FIELDS.impact,
      [et('form.alternatives')]: FIELDS.alternatives,
    });
    form = await chat.click(KADRI, et('button.next'), { [et('form.budgetEur')]: '120 000' });
    form = await chat.click(KADRI, et('button.next'));
    see(form, et('form.summaryTitle', { number: draft.number }));
    see(form, 'Otsus ühe päevaga.');
    await chat.click(KADRI, et('button.submit'));
    await chat.sees(KADRI, et('submitted.title', { number: draft.number }));
    expect(await status(draft.id)).toBe('agreement');
    await chat.sees(ANDRES, et('agreement.title', { number: draft.number }));
    // Settled, so that the next steps' agreements are the only ones waiting.
    await chat.click(ANDRES, et('button.agree'));
    expect(await status(draft.id)).toBe('board');
  });

  it('returned for changes, edited and resubmitted; the agreer sees it is a resubmission', async () => {
    const p = await submitted('Peretoetuste e-taotlus', 'ska-family-benefits');
    await chat.sees(ANDRES, et('agreement.title', { number: p.number }));
    let form = await chat.click(ANDRES, et('button.return'));
    // Nothing written: the form says the comment is needed, and nothing is sent.
    form = await chat.click(ANDRES, et('button.return'));
    expect(field(form, et('review.return.comment'))?.error).toBeTruthy();
    expect(await status(p.proposalId)).toBe('agreement');
    form = await chat.click(ANDRES, et('button.return'), { [et('review.return.comment')]: 'Lisa eelarve jaotus.' });
    const today = formatDate(app().engine.now());
    const returned = et('agreement.returned', { person: 'Andres Allik', date: today, comment: 'Lisa eelarve jaotus.' });
    see(await chat.sees(ANDRES, returned), et('review.returned.next'));
    expect(await status(p.proposalId)).toBe('returned');

    // The submitter is told why, with the button to change it.
    const told = await chat.sees(KADRI, 'Lisa eelarve jaotus.');
    expect(told.buttons).toContain(et('conversation.button.edit'));
    form = await chat.click(KADRI, et('conversation.button.edit'));
    see(form, et('proposals.returnedNote', { person: 'Andres Allik', date: today, comment: 'Lisa eelarve jaotus.' }));
    form = await chat.click(KADRI, et('button.next'));
    form = await chat.click(KADRI, et('button.next'));
    form = await chat.click(KADRI, et('button.next'));
    form = await chat.click(KADRI, et('button.next'), { [et('form.budgetEur')]: '75 000' });
    form = await chat.click(KADRI, et('button.next'));
    see(form, et('form.summaryTitle', { number: p.number }));
    await chat.click(KADRI, et('button.submit'));
    await chat.sees(KADRI, et('proposals.submittedAgain', { number: p.number }));
    const after = await app().db.prisma.proposal.findUniqueOrThrow({ where: { id: p.proposalId } });
    expect([after.status, after.budgetEur]).toEqual(['agreement', 75000]);

    const again = await chat.sees(ANDRES, et('agreement.title', { number: p.number }));
    see(again, et('review.resubmitted', { person: 'Andres Allik', date: today, comment: 'Lisa eelarve jaotus.' }));
    await chat.click(ANDRES, et('button.agree'));
    expect(await status(p.proposalId)).toBe('board');
  });

  it('agreement from „minu ootel“ (the request in the chat shows it too), then the board decides in its channel', async () => {
    const p = await submitted('Pensioniarvutuse liides');
    const request = await chat.sees(ANDRES, et('agreement.title', { number: p.number }));
    expect(request.buttons).toEqual([et('button.agree'), et('button.return')]);
    const waiting = await chat.say(ANDRES, 'minu ootel');
    see(waiting, et('conversation.waiting.agreement'));
    see(waiting, `${p.number}. ${p.title}`);
    const opened = await chat.click(ANDRES, et('conversation.button.open'), {}, { after: `${p.number}. ${p.title}` });
    see(opened, et('agreement.title', { number: p.number }));
    const agreed = await chat.click(ANDRES, et('button.agree'));
    const today = formatDate(app().engine.now());
    see(agreed, et('agreement.agreed', { person: 'Andres Allik', date: today }));
    expect(agreed.buttons).not.toContain(et('button.agree'));
    // The request in the chat no longer offers to agree either.
    await eventually(
      () =>
        chat
          .live(ANDRES)
          .filter((s) => shows(s, et('agreement.title', { number: p.number })))
          .every((s) => !s.buttons.includes(et('button.agree'))),
      'the agreement request in the chat still offers «Kooskõlasta» after agreeing from „minu ootel“',
    );

    // The board: its channel's post, a form with the four criteria (required), the decision.
    const title = et('board.title', { board: SKA_BOARD, number: p.number });
    await chat.channelSees(BOARD, title);
    let form = await chat.clickInChannel(KRISTI, BOARD, et('slack.decide'));
    see(form, et('review.board.criteria'));
    for (const c of ['expectedResult', 'impact', 'priorityFit', 'alternatives'] as const)
      expect(field(form, et(`assessment.${c}`))?.required, `${c} is marked required`).toBe(true);
    form = await chat.click(KRISTI, et('review.board.submit'), { [et('label.decision')]: et('board.send') });
    expect(field(form, et('assessment.expectedResult'))?.error).toBeTruthy();
    expect(await status(p.proposalId)).toBe('board');
    await chat.click(KRISTI, et('review.board.submit'), {
      [et('assessment.expectedResult')]: et('rating.strong'),
      [et('assessment.impact')]: et('rating.strong'),
      [et('assessment.priorityFit')]: et('rating.adequate'),
      [et('assessment.alternatives')]: et('rating.weak'),
      [et('label.decision')]: et('board.send'),
      [et('board.priority')]: '2',
    });
    await chat.sees(KRISTI, et('board.outcome.send', { person: 'Kristi Kivi', date: today, priority: 2 }));
    expect(await status(p.proposalId)).toBe('toCommittee');
    const decided = await chat.channelSees(
      BOARD,
      et('board.outcome.send', { person: 'Kristi Kivi', date: today, priority: 2 }),
    );
    expect(decided.buttons).not.toContain(et('slack.decide'));
  });

  it('desk and co-thinker round: a meeting, the agenda, a reply in the thread, the checklist, the summary', async () => {
    const p = await toCommittee('Pensionide teavitus');
    const waiting = await chat.say(MARI, 'minu ootel');
    see(waiting, et('conversation.waiting.schedule'));
    let desk = await chat.click(MARI, et('conversation.button.desk'), {}, { after: `${p.number}. ${p.title}` });
    see(desk, et('desk.title'));
    const form = await chat.click(MARI, et('desk.newMeeting'));
    expect(field(form, et('desk.domain'))?.required).toBe(true);
    expect(field(form, et('desk.extraordinary'))?.kind).toBe('toggle');
    desk = await chat.click(MARI, et('desk.createMeeting'), {
      [et('desk.domain')]: SOCIAL_COMMITTEE,
      [et('desk.date')]: '2027-02-10',
      [et('desk.time')]: '10:00',
    });
    expect(form.title).toBe(et('desk.newMeeting'));
    await chat.sees(MARI, lead('deskFlow.meetingCreated'));
    const meeting = await app().db.prisma.meeting.findFirstOrThrow({
      where: { startsAt: new Date('2027-02-10T08:00:00Z') },
    });
    expect(meeting.domainId).toBe('social');
    desk = await chat.click(MARI, et('desk.schedule'), {}, { after: `${p.number}. ${p.title}` });
    expect(await status(p.proposalId)).toBe('scheduled');
    await chat.click(MARI, et('desk.openRound'));
    const post = await chat.channelSees(COTHINKERS, et('opinion.title', { number: p.number }));
    see(post, et('opinion.due', { date: '27.01.2027' }));

    // Siim answers in the thread: it is his opinion, and he is thanked.
    const thanks = await chat.replyInThread(SIIM, COTHINKERS, 'Toetan, kuid andmekaitse mõjuhinnang on vajalik.');
    see(thanks, et('opinion.saved', { number: p.number }));
    // Liis gives hers with the checklist: the argumentation is required.
    let opinion = await chat.clickInChannel(LIIS, COTHINKERS, et('opinion.give'));
    opinion = await chat.click(LIIS, et('opinion.send'), {
      [et('opinion.recommendation')]: et('recommendation.supportWithConditions'),
    });
    expect(field(opinion, et('opinion.argumentation'))?.error).toBeTruthy();
    await chat.click(LIIS, et('opinion.send'), {
      [et('checklist.legislation')]: 'Määruse muudatus',
      [et('opinion.recommendation')]: et('recommendation.supportWithConditions'),
      [et('opinion.argumentation')]: 'Vajab õiguslikku alust.',
    });
    await chat.sees(LIIS, et('opinion.saved', { number: p.number }));
    expect(await app().db.prisma.opinion.count({ where: { proposalId: p.proposalId } })).toBe(2);

    await chat.say(MARI, 'haldus');
    const agenda = await chat.click(MARI, et('desk.agenda'));
    see(agenda, 'Vajab õiguslikku alust.');
    await chat.say(MARI, 'haldus');
    await chat.click(MARI, et('desk.closeRound'));
    const summary = await chat.channelSees(COTHINKERS, et('opinion.summaryTitle', { number: p.number }));
    see(summary, 'Toetan, kuid andmekaitse mõjuhinnang on vajalik.');
    see(summary, 'Vajab õiguslikku alust.');
  });

  it('poll: a changed vote, JAH, KUI, conditions ticked off, resubmission, JAH and a portfolio item', async () => {
    const p = await scheduled('Pensionide andmevahetus', '2027-03-10');
    await chat.say(MARI, 'haldus');
    await chat.click(MARI, et('deskFlow.openPollOf', { number: p.number }));
    await chat.channelSees(COMMITTEE, et('poll.title', { number: p.number }));

    // Kristi votes EI, then changes it to JAH, KUI with two conditions.
    const no = await chat.clickInChannel(KRISTI, COMMITTEE, et('decision.NO'));
    see(no, et('slack.voted', { vote: et('decision.NO') }));
    let form = await chat.clickInChannel(KRISTI, COMMITTEE, et('decision.YES_IF'));
    form = await chat.click(KRISTI, et('committee.yesIf.send'));
    expect(field(form, et('poll.conditions'))?.error).toBeTruthy();
    await chat.click(KRISTI, et('committee.yesIf.send'), {
      [et('poll.conditions')]: 'Andmekaitse mõjuhinnang\nKOV-ide kaasamine',
    });
    await chat.sees(KRISTI, et('poll.myVote', { vote: et('decision.YES_IF') }));
    const votes = await app().db.prisma.vote.findMany({
      where: { personId: KRISTI, poll: { proposalId: p.proposalId } },
    });
    expect(votes.map((v) => v.choice)).toEqual(['YES_IF']);
    await chat.channelSees(COMMITTEE, et('poll.tally', { yes: 0, yesIf: 1, no: 0, majority: et('decision.YES_IF') }));

    // Only the chair closes it.
    await chat.clickInChannel(JAAN, COMMITTEE, et('poll.closeMenu'));
    await chat.click(JAAN, et('poll.close'));
    await chat.channelSees(COMMITTEE, et('poll.decided', { decision: et('decision.YES_IF') }));
    expect(await status(p.proposalId)).toBe('conditions');

    // The submitter ticks the conditions off: one is not enough; both, and it goes back to the committee.
    const checklist = await chat.sees(KADRI, et('conditions.title', { number: p.number }));
    see(checklist, 'KOV-ide kaasamine');
    const early = await chat.click(KADRI, et('conditions.resubmit'), { 'Andmekaitse mõjuhinnang': true });
    see(early, et('conditions.open', { count: 1 }));
    expect(await status(p.proposalId)).toBe('conditions');
    await chat.click(KADRI, et('conditions.resubmit'), { 'Andmekaitse mõjuhinnang': true, 'KOV-ide kaasamine': true });
    await chat.sees(KADRI, et('proposals.conditions.resubmitted', { number: p.number }));
    expect(await status(p.proposalId)).toBe('toCommittee');

    // The next meeting: on its agenda, JAH, a portfolio item.
    await chat.say(MARI, 'haldus');
    await chat.click(MARI, et('desk.newMeeting'));
    await chat.click(MARI, et('desk.createMeeting'), {
      [et('desk.domain')]: SOCIAL_COMMITTEE,
      [et('desk.date')]: '2027-05-12',
      [et('desk.time')]: '13:00',
    });
    await chat.sees(MARI, lead('deskFlow.meetingCreated'));
    const second = await app().db.prisma.meeting.findFirstOrThrow({
      where: { startsAt: new Date('2027-05-12T10:00:00Z') },
    });
    await chat.click(
      MARI,
      et('desk.schedule'),
      { [et('desk.meeting')]: second.id },
      { after: `${p.number}. ${p.title}` },
    );
    expect(await status(p.proposalId)).toBe('scheduled');
    expect(
      await app().db.prisma.agendaItem.findUnique({
        where: { meetingId_proposalId: { meetingId: second.id, proposalId: p.proposalId } },
      }),
    ).not.toBeNull();
    await chat.click(MARI, et('deskFlow.openPollOf', { number: p.number }));
    await chat.channelSees(COMMITTEE, et('poll.title', { number: p.number }));
    await chat.clickInChannel(KRISTI, COMMITTEE, et('decision.YES'));
    await chat.clickInChannel(JAAN, COMMITTEE, et('poll.closeMenu'));
    await chat.click(JAAN, et('poll.close'));
    await chat.channelSees(COMMITTEE, et('poll.decided', { decision: et('decision.YES') }));
    expect(await status(p.proposalId)).toBe('approved');
    expect(await app().db.prisma.portfolioItem.count({ where: { proposalId: p.proposalId } })).toBe(1);
    const portfolio = await chat.say(MARI, 'portfell');
    see(portfolio, p.title);
  });

  it('TEHIK updates a portfolio item’s status', async () => {
    const p = await approved('Pensionide statistika', '2027-04-14');
    const item = await app().db.prisma.portfolioItem.findFirstOrThrow({ where: { proposalId: p.proposalId } });
    const list = await chat.say(SIIM, 'staatus');
    see(list, p.title);
    await chat.click(SIIM, et('deskFlow.updateStatus'), {}, { after: p.title });
    await chat.click(SIIM, et('status.save'), {
      [et('status.status')]: et('itemStatus.inProgress'),
      [et('status.progress')]: '30',
      [et('status.note')]: 'Analüüs käib',
    });
    await chat.sees(SIIM, lead('deskFlow.statusSaved', { title: p.title }));
    expect(await app().db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      status: 'inProgress',
      progress: 30,
    });
  });

  it('the portfolio manager plans a portfolio item', async () => {
    const p = await approved('Pensionide kalkulaator', '2027-04-21');
    await chat.say(MARI, 'portfell');
    const form = await chat.click(MARI, et('plan.button'), {}, { after: p.title });
    see(form, et('plan.title', { title: p.title }));
    await chat.click(MARI, et('plan.save'), { [et('plan.people')]: '2,5' });
    await chat.sees(MARI, et('deskFlow.planSaved'));
    const item = await app().db.prisma.portfolioItem.findFirstOrThrow({ where: { proposalId: p.proposalId } });
    expect(JSON.stringify(item)).toContain('2.5');
  });

  it('calendar: the committees’ meetings and their deadlines', async () => {
    await scheduled('Pensionide kalendritest', '2027-06-09');
    const calendar = await chat.say(KRISTI, 'kalender');
    see(calendar, et('calendar.title'));
    see(calendar, SOCIAL_COMMITTEE);
    see(calendar, et('calendar.opinionsDue'));
  });

  it('a substitute: set by the person, told whom they stand in for, and ended', async () => {
    const form = await chat.say(ANDRES, 'asendaja');
    see(form, et('substitution.title'));
    await chat.click(ANDRES, et('substitution.set'), {
      [et('label.substituteId')]: 'Jaan Tamm',
      [et('label.from')]: formatIso(app().engine.now()),
      [et('label.until')]: formatIso(new Date(app().engine.now().getTime() + 14 * 86400_000)),
    });
    await chat.sees(ANDRES, lead('deskFlow.substituteSet', { person: 'Jaan Tamm' }));
    const p = await submitted('Pensionide asendamise proov');
    const request = await chat.sees(JAAN, et('agreement.title', { number: p.number }));
    see(request, et('review.onBehalfOf', { person: 'Andres Allik' }));
    await chat.click(JAAN, et('button.agree'));
    expect(await status(p.proposalId)).toBe('board');
    await chat.say(ANDRES, 'asendaja');
    await chat.click(ANDRES, et('substitution.cancel'));
    await chat.sees(ANDRES, lead('deskFlow.substituteEnded', { person: 'Jaan Tamm' }));
  });
});

/** A day as a date input takes it (YYYY-MM-DD, the day in Tallinn). */
function formatIso(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tallinn' }).format(d);
}
