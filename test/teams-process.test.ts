// The whole process in Teams: channels linked by the portfolio manager, the board decides in its
// channel, co-thinkers answer in threads and with the checklist, the committee votes JAH, KUI, the
// submitter ticks off conditions and resubmits, then JAH makes a portfolio item, TEHIK reports status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from './support/clock.ts';
import { startApp, type RunningApp } from '../src/app.ts';
import { sdkSender } from '../src/bot/teams/dispatcher.ts';
import { loadConfig } from '../src/config/env.ts';
import { cardOf, ConnectorStub, type SentActivity } from './support/connector-stub.ts';
import { TeamsDriver } from './support/teams-driver.ts';

let app: RunningApp;
let stub: ConnectorStub;
let d: TeamsDriver;
const json = (x: unknown) => JSON.stringify(x);
const inChannel = (channel: string, needle: string) => (s: SentActivity) =>
  s.conversationId.startsWith(channel) && json(s.body).includes(needle);

beforeAll(async () => {
  stub = await new ConnectorStub().start();
  const config = { ...loadConfig({ PLAYGROUND: 'off' }), port: 0, database: { kind: 'pglite' as const, dir: null } };
  app = await startApp(config, {
    log: () => undefined,
    teamsSender: sdkSender(),
    outboxIntervalMs: 50,
    now: testClock(),
  });
  d = new TeamsDriver(app, stub);
});
afterAll(async () => {
  await app?.close();
  await stub?.close();
});

async function proposal(submitter: string) {
  return app.db.prisma.proposal.findFirstOrThrow({ where: { submitterId: submitter }, orderBy: { number: 'desc' } });
}

describe('the whole process in Teams', () => {
  it('from a chat to a portfolio item, with JAH, KUI and resubmission', async () => {
    for (const p of ['mari.maasikas', 'kadri.kask', 'liis.lepp', 'siim.sepp']) await d.say(p, 'tere');

    // The portfolio manager links three channels; someone else may not.
    const links: [string, string][] = [
      ['19:board-som@thread.tacv2', 'board:SoM'],
      ['19:cothinkers-social@thread.tacv2', 'coThinkers:social'],
      ['19:committee-social@thread.tacv2', 'committee:social'],
    ];
    const refused = await d.click(
      'liis.lepp',
      { action: 'channel.link', target: 'board:SoM' },
      'x',
      TeamsDriver.channel(links[0]![0], 'post-0'),
    );
    expect(refused.value).toContain('arendusportfellide haldur');
    for (const [channel, target] of links) {
      await d.say('mari.maasikas', '<at>Portfellibot</at> seo kanal', TeamsDriver.channel(channel, `post-${target}`));
      const linkCard = await stub.waitFor(inChannel(channel, 'channel.link'));
      d.valid(cardOf(linkCard));
      const ok = await d.click(
        'mari.maasikas',
        { action: 'channel.link', target },
        linkCard.id,
        TeamsDriver.channel(channel, `post-${target}`),
      );
      expect(json(ok.value)).toContain('Kanal on seotud');
    }

    // Kadri proposes for STAR (no service manager: the policy manager Liis agrees).
    const engine = app.engine;
    const { value } = (await engine.run({
      command: 'createDraft',
      actorId: 'kadri.kask',
      input: {
        fields: {
          title: 'STAR-i andmevahetus',
          serviceId: 'som-star',
          currentSituation: 'E-kirjad',
          problem: 'Viivitused',
          expectedResult: 'Liides',
          impact: '200 KOV-i',
          alternatives: 'Käsitsi',
          budgetEur: 90000,
        },
      },
    })) as { value: { proposalId: string } };
    const submitted = await d.click(
      'kadri.kask',
      { action: 'proposal.submit', args: { proposalId: value.proposalId } },
      'summary-1',
    );
    expect(json(submitted.value)).toContain('on esitatud');
    const ask = await stub.waitFor(inChannel('a:chat-liis.lepp', 'agreement.agree'));
    const agreed = await d.press('liis.lepp', cardOf(ask), 'Kooskõlasta', {}, ask.id);
    expect(json(agreed.value)).toContain('Liis Lepp kooskõlastas');
    expect(json(agreed.value)).not.toContain('agreement.agree');
    // The request in the chat is updated in place too (as after agreeing from "minu ootel").
    const askUpdated = await stub.waitFor((s) => s.method === 'PUT' && s.activityId === ask.id);
    expect(json(askUpdated.body)).toContain('Liis Lepp kooskõlastas');
    expect(json(askUpdated.body)).not.toContain('agreement.agree');

    // The board card appears in SoM's board channel; its form has the four criteria, required; only
    // SoM's board may decide; a criterion left out is named beside it.
    const boardPost = await stub.waitFor(inChannel('19:board-som', 'board.show'));
    d.valid(cardOf(boardPost));
    const boardChannel = TeamsDriver.channel('19:board-som@thread.tacv2');
    const boardForm = await d.click(
      'jaan.tamm',
      TeamsDriver.titled(cardOf(boardPost), 'Hinda ja otsusta'),
      boardPost.id,
      boardChannel,
    );
    const formBody = boardForm.value.body as { id?: string; isRequired?: boolean; text?: string }[];
    for (const c of ['expectedResult', 'impact', 'priorityFit', 'alternatives'])
      expect(formBody.find((e) => e.id === c)?.isRequired, c).toBe(true);
    const ratings = { expectedResult: 'strong', impact: 'strong', priorityFit: 'adequate', alternatives: 'adequate' };
    const decideSend = { ...TeamsDriver.titled(boardForm.value, 'Salvesta otsus'), decision: 'send', priority: '2' };
    const notBoard = await d.click('kristi.kivi', { ...decideSend, ...ratings }, boardPost.id, boardChannel);
    expect(notBoard.type).toBe('application/vnd.microsoft.activity.message');
    expect(notBoard.value).toContain('SoM juhtkond');
    const unrated = await d.click('jaan.tamm', { ...decideSend, ...ratings, impact: '' }, boardPost.id, boardChannel);
    const unratedBody = unrated.value.body as { id?: string; text?: string }[];
    const impactAt = unratedBody.findIndex((e) => e.id === 'impact');
    expect(unratedBody[impactAt + 1]?.text).toContain('saatmiseks on hinnang kohustuslik');
    const sent = await d.click('jaan.tamm', { ...decideSend, ...ratings }, boardPost.id, boardChannel);
    expect(json(sent.value)).toContain('saatis juhtkomisjonile');
    expect(json(sent.value)).not.toContain('board.show');
    expect((await proposal('kadri.kask')).status).toBe('toCommittee');
    const boardUpdated = await stub.waitFor((s) => s.method === 'PUT' && s.activityId === boardPost.id);
    expect(json(boardUpdated.body)).toContain('saatis juhtkomisjonile');
    await stub.waitFor(inChannel('a:chat-mari.maasikas', 'prioriteet 2'));

    // The portfolio manager's desk: a meeting, the agenda, the co-thinker round.
    await d.say('mari.maasikas', 'haldus');
    const desk = await stub.waitFor(inChannel('a:chat-mari.maasikas', 'desk.meetingForm'));
    d.valid(cardOf(desk));
    let r = await d.press('mari.maasikas', cardOf(desk), 'Uus koosolek', {}, desk.id);
    r = await d.press(
      'mari.maasikas',
      r.value,
      'Lisa koosolek',
      { domainId: 'social', date: '2027-02-10', time: '10:00', extraordinary: 'false' },
      desk.id,
    );
    expect(json(r.value)).toContain('10.02.2027');
    const meeting = await app.db.prisma.meeting.findFirstOrThrow({ where: { domainId: 'social' } });
    expect(meeting.startsAt.toISOString()).toBe('2027-02-10T08:00:00.000Z'); // 10:00 in Tallinn, winter time
    r = await d.press(
      'mari.maasikas',
      r.value,
      'Lisa päevakorda',
      { [`meeting_${value.proposalId}`]: meeting.id },
      desk.id,
    );
    expect(json(r.value)).toContain('päevakorras');
    expect(json(r.value)).not.toContain('Tehtud');
    r = await d.press('mari.maasikas', r.value, 'Ava kaasamõtlemine', {}, desk.id);
    const post = await stub.waitFor(inChannel('19:cothinkers-social', 'opinion.show'));
    d.valid(cardOf(post));
    expect(json(post.body)).toContain('27.01.2027'); // opinions due two weeks before

    // Co-thinkers: Ott replies in the thread, Liis fills the checklist; a stranger to the domain is refused.
    await d.say(
      'ott.oja',
      'Toetan, kuid andmekaitse mõjuhinnang on vajalik.',
      TeamsDriver.channel('19:cothinkers-social@thread.tacv2', post.id),
    );
    const thanks = await stub.waitFor(inChannel(`19:cothinkers-social@thread.tacv2;messageid=${post.id}`, 'no. 1')); // Ott reads English
    expect(thanks.body.text).toContain('Your opinion');
    const ottsOpinion = await app.db.prisma.opinion.findFirstOrThrow({ where: { personId: 'ott.oja' } });
    expect((ottsOpinion.replies as { text: string }[])[0]!.text).toBe(
      'Toetan, kuid andmekaitse mõjuhinnang on vajalik.',
    );
    const coThinkers = TeamsDriver.channel('19:cothinkers-social@thread.tacv2', post.id);
    const form = await d.click('liis.lepp', TeamsDriver.titled(cardOf(post), 'Anna arvamus'), post.id, coThinkers);
    expect(json(form.value)).toContain('Tehniline teostatavus'); // the checklist
    const op = await d.click(
      'liis.lepp',
      {
        ...TeamsDriver.titled(form.value, 'Saada arvamus'),
        recommendation: 'supportWithConditions',
        argumentation: 'Vajab õiguslikku alust.',
        legislation: 'Määruse muudatus',
      },
      post.id,
      coThinkers,
    );
    expect(json(op.value)).toContain('Aitäh');
    expect(json(op.value)).toContain('Muuda arvamust');
    // The confirmation also comes through the outbox, in the post's thread, as for a thread reply.
    await stub.waitFor(inChannel(`19:cothinkers-social@thread.tacv2;messageid=${post.id}`, 'Aitäh!'));
    const stranger = await d.click(
      'kadri.kask',
      {
        action: 'opinion.give',
        args: { proposalId: value.proposalId },
        recommendation: 'support',
        argumentation: 'x',
      },
      post.id,
      coThinkers,
    );
    expect(stranger.value).toContain('kaasamõtlejad');
    const agenda = await d.click(
      'mari.maasikas',
      TeamsDriver.button(r.value, 'desk.agenda', { meetingId: meeting.id }),
      desk.id,
    );
    expect(json(agenda.value)).toContain('Ott Oja: Toetan');
    r = await d.press('mari.maasikas', r.value, 'Sulge kaasamõtlemine', {}, desk.id);
    const summary = await stub.waitFor(
      (s) =>
        s.conversationId === `19:cothinkers-social@thread.tacv2;messageid=${post.id}` &&
        json(s.body).includes('Kaasamõtlejate kokkuvõte'),
    );
    d.valid(cardOf(summary));

    // The committee votes in its channel; the tally is updated in place; the chair closes.
    r = await d.click(
      'mari.maasikas',
      TeamsDriver.button(r.value, 'desk.openPoll', { proposalId: value.proposalId }),
      desk.id,
    );
    const pollPost = await stub.waitFor(inChannel('19:committee-social', 'poll.vote'));
    d.valid(cardOf(pollPost));
    const pollId = (await app.db.prisma.poll.findFirstOrThrow({ where: { proposalId: value.proposalId } })).id;
    const ch = TeamsDriver.channel('19:committee-social@thread.tacv2');
    const yesIf = await d.click('kristi.kivi', TeamsDriver.titled(cardOf(pollPost), 'JAH, KUI'), pollPost.id, ch);
    const send = TeamsDriver.titled(yesIf.value, 'Hääleta JAH, KUI');
    const noCond = await d.click('kristi.kivi', { ...send, conditions: ' ' }, pollPost.id, ch);
    expect(json(noCond.value)).toContain('See väli on kohustuslik'); // beside the conditions, the form kept
    const mine = await d.click(
      'kristi.kivi',
      { ...send, conditions: 'Andmekaitse mõjuhinnang\nKOV-ide kaasamine' },
      pollPost.id,
      ch,
    );
    expect(json(mine.value)).toContain('Sinu hääl: JAH, KUI');
    await d.click(
      'piret.pihlakas',
      { action: 'poll.vote', args: { choice: 'YES_IF', pollId }, conditions: 'Andmekaitse mõjuhinnang' },
      pollPost.id,
      ch,
    );
    const yes = await d.click('jaan.tamm', TeamsDriver.titled(cardOf(pollPost), 'JAH'), pollPost.id, ch);
    expect(yes.value).toContain('Sinu hääl: JAH.');
    const updated = await stub.waitFor(
      (s) => s.method === 'PUT' && s.activityId === pollPost.id && json(s.body).includes('JAH, KUI: 2'),
    );
    d.valid(cardOf(updated));
    expect(json(cardOf(updated))).not.toContain('Sinu hääl'); // the shared card shows no one's own vote
    const notChair = await d.click('kristi.kivi', { action: 'poll.close', args: { pollId } }, pollPost.id, ch);
    expect(notChair.value).toContain('esimees');
    const closing = await d.click(
      'jaan.tamm',
      TeamsDriver.titled(cardOf(pollPost), 'Sulge hääletus…'),
      pollPost.id,
      ch,
    );
    const closed = await d.click(
      'jaan.tamm',
      { ...TeamsDriver.titled(closing.value, 'Sulge hääletus'), decision: 'YES_IF' },
      pollPost.id,
      ch,
    );
    expect(json(closed.value)).toContain('Otsus: JAH, KUI');

    // The submitter gets the conditions as a checklist, ticks them off and resubmits.
    const checklist = await stub.waitFor(inChannel('a:chat-kadri.kask', 'conditions.resubmit'));
    d.valid(cardOf(checklist));
    const conds = await app.db.prisma.condition.findMany({
      where: { proposalId: value.proposalId },
      orderBy: { position: 'asc' },
    });
    expect(conds.map((c) => c.text)).toEqual(['Andmekaitse mõjuhinnang', 'KOV-ide kaasamine']);
    const tick = (first: boolean, second: boolean) => ({
      [`cond_${conds[0]!.id}`]: String(first),
      [`cond_${conds[1]!.id}`]: String(second),
    });
    const ticked = await d.press('kadri.kask', cardOf(checklist), 'Salvesta', tick(true, false), checklist.id);
    expect(json(ticked.value)).toContain('Täitmata tingimusi: 1.');
    expect((await app.db.prisma.condition.findUniqueOrThrow({ where: { id: conds[0]!.id } })).metAt).not.toBeNull();
    const early = await d.press(
      'kadri.kask',
      ticked.value,
      'Esita uuesti juhtkomisjonile',
      tick(true, false),
      checklist.id,
    );
    expect(json(early.value)).toContain('täitmata: 1');
    expect((await proposal('kadri.kask')).status).toBe('conditions');
    const again = await d.press(
      'kadri.kask',
      early.value,
      'Esita uuesti juhtkomisjonile',
      tick(true, true),
      checklist.id,
    );
    expect(json(again.value)).toContain('esitatud uuesti juhtkomisjonile');
    expect((await proposal('kadri.kask')).status).toBe('toCommittee');

    // Next meeting: JAH → a portfolio item; TEHIK reports its status.
    r = await d.press('mari.maasikas', r.value, 'Uus koosolek', {}, desk.id);
    r = await d.press(
      'mari.maasikas',
      r.value,
      'Lisa koosolek',
      { domainId: 'social', date: '2027-05-12', time: '13:00', extraordinary: 'false' },
      desk.id,
    );
    const second = await app.db.prisma.meeting.findFirstOrThrow({
      where: { domainId: 'social', startsAt: new Date('2027-05-12T10:00:00Z') },
    });
    r = await d.click(
      'mari.maasikas',
      {
        ...TeamsDriver.button(r.value, 'desk.schedule', { proposalId: value.proposalId }),
        [`meeting_${value.proposalId}`]: second.id,
      },
      desk.id,
    );
    // The same button on a newer card is a new click (the earlier openPoll click must not replay).
    await d.click(
      'mari.maasikas',
      TeamsDriver.button(r.value, 'desk.openPoll', { proposalId: value.proposalId }),
      desk.id,
    );
    const poll2 = (
      await app.db.prisma.poll.findFirstOrThrow({ where: { proposalId: value.proposalId, status: 'open' } })
    ).id;
    await d.click('kristi.kivi', { action: 'poll.vote', args: { choice: 'YES', pollId: poll2 } }, 'p2', ch);
    await d.click('jaan.tamm', { action: 'poll.close', args: { pollId: poll2 } }, 'p2', ch);
    expect((await proposal('kadri.kask')).status).toBe('approved');
    await stub.waitFor(inChannel('a:chat-kadri.kask', 'Juhtkomisjoni otsus'));

    await d.say('mari.maasikas', 'portfell');
    const pf = await stub.waitFor(inChannel('a:chat-mari.maasikas', 'portfolio.filter'));
    d.valid(cardOf(pf));
    expect(json(cardOf(pf))).toContain('Arendusportfell \\\\(1 tööd\\\\)'); // escaped: typed text stays literal
    await d.say('siim.sepp', 'staatus');
    const statusCard = await stub.waitFor(inChannel('a:chat-siim.sepp', 'status.form'));
    d.valid(cardOf(statusCard));
    const item = await app.db.prisma.portfolioItem.findFirstOrThrow({ where: { proposalId: value.proposalId } });
    const statusForm = await d.click(
      'siim.sepp',
      TeamsDriver.button(cardOf(statusCard), 'status.form', { itemId: item.id }),
      statusCard.id,
    );
    const saved = await d.press(
      'siim.sepp',
      statusForm.value,
      'Salvesta staatus',
      { status: 'inProgress', progress: '30', note: 'Analüüs' },
      statusCard.id,
    );
    expect(json(saved.value)).toContain('Staatus salvestatud');
    expect(json(saved.value)).not.toContain('Tehtud');
    expect(await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      status: 'inProgress',
      progress: 30,
    });
    expect(d.cards.length).toBeGreaterThan(15);
  }, 120_000);

  it('health domain: the service manager returns it with a comment, then agrees; the committee says EI', async () => {
    for (const p of ['tiit.kuusk', 'toomas.teder']) await d.say(p, 'tere');
    for (const [channel, target] of [
      ['19:board-terk@thread.tacv2', 'board:TerK'],
      ['19:committee-health@thread.tacv2', 'committee:health'],
    ] as const) {
      const ok = await d.click(
        'mari.maasikas',
        { action: 'channel.link', target },
        `link-${target}`,
        TeamsDriver.channel(channel, `post-${target}`),
      );
      expect(json(ok.value)).toContain('Kanal on seotud');
    }
    const { value } = (await app.engine.run({
      command: 'createDraft',
      actorId: 'tiit.kuusk',
      input: {
        fields: {
          title: 'Digiretsepti kordusretseptid',
          serviceId: 'terk-prescriptions',
          currentSituation: 'Paber',
          problem: 'Arstiaeg',
          expectedResult: 'Automaatne kordus',
          impact: '100 000 patsienti',
          alternatives: 'Ei ole',
        },
      },
    })) as { value: { proposalId: string } };
    await d.click('tiit.kuusk', { action: 'proposal.submit', args: { proposalId: value.proposalId } }, 'sum-h');
    const ask = await stub.waitFor(inChannel('a:chat-toomas.teder', 'agreement.return'));
    const returnForm = await d.press('toomas.teder', cardOf(ask), 'Tagasta muutmiseks', {}, ask.id);
    expect(json(returnForm.value)).toContain('Mida peaks esitaja muutma?');
    const empty = await d.press('toomas.teder', returnForm.value, 'Tagasta muutmiseks', { comment: ' ' }, ask.id);
    expect(json(empty.value)).toContain('See väli on kohustuslik.'); // beside the comment, the form kept
    expect(json(empty.value)).toContain('agreement.returnSend');
    const returned = await d.press(
      'toomas.teder',
      empty.value,
      'Tagasta muutmiseks',
      { comment: 'Lisa eelarve.' },
      ask.id,
    );
    expect(json(returned.value)).toContain('tagastas muutmiseks');
    expect(json(returned.value)).not.toContain('agreement.agree');
    const notice = await stub.waitFor(inChannel('a:chat-tiit.kuusk', 'Lisa eelarve.'));

    // The submitter opens it from the notice's button, adds the budget and submits again.
    let r = await d.press('tiit.kuusk', cardOf(notice), 'Muuda ja esita uuesti', {}, notice.id);
    expect(json(r.value)).toContain('samm 1/6');
    expect(json(r.value)).toMatch(/Tagastatud muutmiseks .{0,4}Toomas Teder, [\d.]+.{0,4}: Lisa eelarve\./); // why it came back
    r = await d.press('tiit.kuusk', r.value, 'Edasi', {
      title: 'Digiretsepti kordusretseptid',
      serviceId: 'terk-prescriptions',
    });
    expect(json(r.value)).toContain('"value":"Paber"'); // what was saved before is there to edit
    for (let step = 1; step < 3; step += 1) r = await d.press('tiit.kuusk', r.value, 'Edasi');
    expect(json(r.value)).toContain('samm 4/6');
    r = await d.press('tiit.kuusk', r.value, 'Edasi', { budgetEur: '75 000' });
    expect(json(r.value)).toContain('samm 5/6');
    const p0 = await proposal('tiit.kuusk');
    expect(p0.budgetEur).toBe(75000);
    r = await d.press('tiit.kuusk', r.value, 'Edasi');
    r = await d.press('tiit.kuusk', r.value, 'Esita');
    expect(json(r.value)).toContain(`Arendusalgatus nr ${p0.number} on muudetuna uuesti esitatud.`);
    expect((await proposal('tiit.kuusk')).status).toBe('agreement');
    const ask2 = await stub.waitFor(
      (s) => s.conversationId === 'a:chat-toomas.teder' && json(s.body).includes('agreement.agree') && s.id !== ask.id,
    );
    // The new request says it is a resubmission, and why it was returned.
    expect(json(ask2.body)).toContain('Uuesti esitatud: Toomas Teder tagastas selle');
    expect(json(ask2.body)).toContain('Lisa eelarve.');
    await d.press('toomas.teder', cardOf(ask2), 'Kooskõlasta', {}, ask2.id);

    const boardPost = await stub.waitFor(inChannel('19:board-terk', 'board.show'));
    const terkBoard = TeamsDriver.channel('19:board-terk@thread.tacv2');
    const form = await d.click(
      'katrin.kuusik',
      TeamsDriver.titled(cardOf(boardPost), 'Hinda ja otsusta'),
      boardPost.id,
      terkBoard,
    );
    const sent = await d.click(
      'katrin.kuusik',
      {
        ...TeamsDriver.titled(form.value, 'Salvesta otsus'),
        expectedResult: 'adequate',
        impact: 'strong',
        priorityFit: 'adequate',
        alternatives: 'weak',
        decision: 'send',
        priority: '3',
      },
      boardPost.id,
      terkBoard,
    );
    expect(json(sent.value)).toContain('saatis juhtkomisjonile');

    await d.say('mari.maasikas', 'haldus');
    const desk = await stub.waitFor(
      (s) =>
        s.conversationId === 'a:chat-mari.maasikas' &&
        json(s.body).includes('Digiretsepti') &&
        json(s.body).includes('desk.meetingForm'),
    );
    r = await d.press('mari.maasikas', cardOf(desk), 'Uus koosolek', {}, desk.id);
    r = await d.press(
      'mari.maasikas',
      r.value,
      'Lisa koosolek',
      { domainId: 'health', date: '2027-03-03', time: '14:00', extraordinary: 'true' },
      desk.id,
    );
    const meeting = await app.db.prisma.meeting.findFirstOrThrow({ where: { domainId: 'health' } });
    expect(meeting).toMatchObject({ extraordinary: true });
    r = await d.click(
      'mari.maasikas',
      {
        ...TeamsDriver.button(r.value, 'desk.schedule', { proposalId: value.proposalId }),
        [`meeting_${value.proposalId}`]: meeting.id,
      },
      desk.id,
    );
    await d.click(
      'mari.maasikas',
      TeamsDriver.button(r.value, 'desk.openPoll', { proposalId: value.proposalId }),
      desk.id,
    );
    const pollPost = await stub.waitFor(inChannel('19:committee-health', 'poll.vote'));
    const ch = TeamsDriver.channel('19:committee-health@thread.tacv2');
    const card = cardOf(pollPost);
    await d.click('peeter.pold', TeamsDriver.button(card, 'poll.vote', { choice: 'NO' }), pollPost.id, ch);
    await d.click('piret.pihlakas', TeamsDriver.button(card, 'poll.vote', { choice: 'NO' }), pollPost.id, ch);
    await d.click('katrin.kuusik', TeamsDriver.button(card, 'poll.vote', { choice: 'YES' }), pollPost.id, ch);
    const outsider = await d.click(
      'kristi.kivi',
      TeamsDriver.button(card, 'poll.vote', { choice: 'YES' }),
      pollPost.id,
      ch,
    );
    expect(outsider.value).toContain('E-tervise juhtkomisjon');
    const closing = await d.click('tiit.kuusk', TeamsDriver.button(card, 'poll.closeForm'), pollPost.id, ch);
    const closed = await d.click('tiit.kuusk', TeamsDriver.button(closing.value, 'poll.close'), pollPost.id, ch);
    expect(json(closed.value)).toContain('Otsus: EI');
    expect((await proposal('tiit.kuusk')).status).toBe('rejected');
    await stub.waitFor(inChannel('a:chat-tiit.kuusk', 'otsus arendusalgatuse'));
    await stub.waitFor((s) => s.method === 'PUT' && s.activityId === pollPost.id && json(s.body).includes('Otsus: EI'));
    expect(await app.db.prisma.portfolioItem.count({ where: { proposalId: value.proposalId } })).toBe(0);
  }, 120_000);
});
