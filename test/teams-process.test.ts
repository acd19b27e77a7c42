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
      expect(ok.value).toContain('Kanal on seotud');
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
    const submitted = await d.click('kadri.kask', { action: 'form.submit', proposalId: value.proposalId }, 'summary-1');
    expect(json(submitted.value)).toContain('on esitatud');
    const ask = await stub.waitFor(inChannel('a:chat-liis.lepp', 'agreement.agree'));
    await d.click('liis.lepp', { action: 'agreement.agree', proposalId: value.proposalId }, ask.id);

    // The board card appears in SoM's board channel; only SoM's board may decide.
    const boardPost = await stub.waitFor(inChannel('19:board-som', 'board.decide'));
    d.valid(cardOf(boardPost));
    const ratings = {
      rate_expectedResult: 'strong',
      rate_impact: 'strong',
      rate_priorityFit: 'adequate',
      rate_alternatives: 'adequate',
    };
    const notBoard = await d.click(
      'kristi.kivi',
      { action: 'board.decide', decision: 'send', proposalId: value.proposalId, priority: '2', ...ratings },
      boardPost.id,
      TeamsDriver.channel('19:board-som@thread.tacv2'),
    );
    expect(notBoard.type).toBe('application/vnd.microsoft.activity.message');
    expect(notBoard.value).toContain('SoM juhtkond');
    const sent = await d.click(
      'jaan.tamm',
      { action: 'board.decide', decision: 'send', proposalId: value.proposalId, priority: '2', ...ratings },
      boardPost.id,
      TeamsDriver.channel('19:board-som@thread.tacv2'),
    );
    expect(json(sent.value)).toContain('saatis juhtkomisjonile');
    expect((await proposal('kadri.kask')).status).toBe('toCommittee');
    await stub.waitFor(inChannel('a:chat-mari.maasikas', 'juhtkomisjonile (prioriteet 2)'));

    // The portfolio manager's desk: a meeting, the agenda, the co-thinker round.
    await d.say('mari.maasikas', 'haldus');
    const desk = await stub.waitFor(inChannel('a:chat-mari.maasikas', 'manage.createMeeting'));
    d.valid(cardOf(desk));
    let r = await d.click(
      'mari.maasikas',
      { action: 'manage.createMeeting', domainId: 'social', date: '2027-02-10', time: '10:00', extraordinary: 'false' },
      desk.id,
    );
    expect(json(r.value)).toContain('10.02.2027');
    const meeting = await app.db.prisma.meeting.findFirstOrThrow({ where: { domainId: 'social' } });
    expect(meeting.startsAt.toISOString()).toBe('2027-02-10T08:00:00.000Z'); // 10:00 in Tallinn, winter time
    r = await d.click(
      'mari.maasikas',
      { action: 'manage.schedule', proposalId: value.proposalId, [`meeting_${value.proposalId}`]: meeting.id },
      desk.id,
    );
    expect(json(r.value)).toContain('Tehtud');
    r = await d.click('mari.maasikas', { action: 'manage.openRound', meetingId: meeting.id }, desk.id);
    const post = await stub.waitFor(inChannel('19:cothinkers-social', 'opinion.give'));
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
    const op = await d.click(
      'liis.lepp',
      {
        action: 'opinion.give',
        proposalId: value.proposalId,
        recommendation: 'supportWithConditions',
        argumentation: 'Vajab õiguslikku alust.',
        legislation: 'Määruse muudatus',
      },
      post.id,
      TeamsDriver.channel('19:cothinkers-social@thread.tacv2'),
    );
    expect(op.value).toContain('Aitäh');
    const stranger = await d.click(
      'kadri.kask',
      { action: 'opinion.give', proposalId: value.proposalId, recommendation: 'support', argumentation: 'x' },
      post.id,
      TeamsDriver.channel('19:cothinkers-social@thread.tacv2'),
    );
    expect(stranger.value).toContain('kaasamõtlejad');
    const agenda = await d.click('mari.maasikas', { action: 'manage.agenda', meetingId: meeting.id }, desk.id);
    expect(json(agenda.value)).toContain('Ott Oja: Toetan');
    await d.click('mari.maasikas', { action: 'manage.closeRound', meetingId: meeting.id }, desk.id);
    const summary = await stub.waitFor(
      (s) =>
        s.conversationId === `19:cothinkers-social@thread.tacv2;messageid=${post.id}` &&
        json(s.body).includes('Kaasamõtlejate kokkuvõte'),
    );
    d.valid(cardOf(summary));

    // The committee votes in its channel; the tally is updated in place; the chair closes.
    await d.click('mari.maasikas', { action: 'manage.openPoll', proposalId: value.proposalId }, desk.id);
    const pollPost = await stub.waitFor(inChannel('19:committee-social', 'poll.vote'));
    d.valid(cardOf(pollPost));
    const pollId = (await app.db.prisma.poll.findFirstOrThrow({ where: { proposalId: value.proposalId } })).id;
    const ch = TeamsDriver.channel('19:committee-social@thread.tacv2');
    const noCond = await d.click('kristi.kivi', { action: 'poll.vote', choice: 'YES_IF', pollId }, pollPost.id, ch);
    expect(noCond.value).toContain('Tingimused');
    const mine = await d.click(
      'kristi.kivi',
      { action: 'poll.vote', choice: 'YES_IF', pollId, conditions: 'Andmekaitse mõjuhinnang\nKOV-ide kaasamine' },
      pollPost.id,
      ch,
    );
    expect(json(mine.value)).toContain('Sinu hääl: JAH, KUI');
    await d.click(
      'piret.pihlakas',
      { action: 'poll.vote', choice: 'YES_IF', pollId, conditions: 'Andmekaitse mõjuhinnang' },
      pollPost.id,
      ch,
    );
    await d.click('jaan.tamm', { action: 'poll.vote', choice: 'YES', pollId }, pollPost.id, ch);
    const updated = await stub.waitFor(
      (s) => s.method === 'PUT' && s.activityId === pollPost.id && json(s.body).includes('JAH, KUI: 2'),
    );
    d.valid(cardOf(updated));
    expect(json(cardOf(updated))).not.toContain('Sinu hääl'); // the shared card shows no one's own vote
    const notChair = await d.click('kristi.kivi', { action: 'poll.close', pollId }, pollPost.id, ch);
    expect(notChair.value).toContain('esimees');
    const closed = await d.click('jaan.tamm', { action: 'poll.close', pollId, decision: 'YES_IF' }, pollPost.id, ch);
    expect(json(closed.value)).toContain('Otsus: JAH, KUI');

    // The submitter gets the conditions as a checklist, ticks them off and resubmits.
    const checklist = await stub.waitFor(inChannel('a:chat-kadri.kask', 'conditions.resubmit'));
    d.valid(cardOf(checklist));
    const conds = await app.db.prisma.condition.findMany({
      where: { proposalId: value.proposalId },
      orderBy: { position: 'asc' },
    });
    expect(conds.map((c) => c.text)).toEqual(['Andmekaitse mõjuhinnang', 'KOV-ide kaasamine']);
    const early = await d.click(
      'kadri.kask',
      {
        action: 'conditions.resubmit',
        proposalId: value.proposalId,
        [`cond_${conds[0]!.id}`]: 'true',
        [`cond_${conds[1]!.id}`]: 'false',
      },
      checklist.id,
    );
    expect(early.value).toContain('täitmata: 1');
    const again = await d.click(
      'kadri.kask',
      {
        action: 'conditions.resubmit',
        proposalId: value.proposalId,
        [`cond_${conds[0]!.id}`]: 'true',
        [`cond_${conds[1]!.id}`]: 'true',
      },
      checklist.id,
    );
    expect(json(again.value)).toContain('esitatud');
    expect((await proposal('kadri.kask')).status).toBe('toCommittee');

    // Next meeting: JAH → a portfolio item; TEHIK reports its status.
    r = await d.click(
      'mari.maasikas',
      { action: 'manage.createMeeting', domainId: 'social', date: '2027-05-12', time: '13:00', extraordinary: 'false' },
      desk.id,
    );
    const second = await app.db.prisma.meeting.findFirstOrThrow({
      where: { domainId: 'social', startsAt: new Date('2027-05-12T10:00:00Z') },
    });
    r = await d.click(
      'mari.maasikas',
      {
        ...TeamsDriver.button(r.value, 'manage.schedule', { proposalId: value.proposalId }),
        [`meeting_${value.proposalId}`]: second.id,
      },
      desk.id,
    );
    // The same button on a newer card is a new click (the earlier openPoll click must not replay).
    await d.click(
      'mari.maasikas',
      TeamsDriver.button(r.value, 'manage.openPoll', { proposalId: value.proposalId }),
      desk.id,
    );
    const poll2 = (
      await app.db.prisma.poll.findFirstOrThrow({ where: { proposalId: value.proposalId, status: 'open' } })
    ).id;
    await d.click('kristi.kivi', { action: 'poll.vote', choice: 'YES', pollId: poll2 }, 'p2', ch);
    await d.click('jaan.tamm', { action: 'poll.close', pollId: poll2 }, 'p2', ch);
    expect((await proposal('kadri.kask')).status).toBe('approved');
    await stub.waitFor(inChannel('a:chat-kadri.kask', 'Juhtkomisjoni otsus'));

    await d.say('mari.maasikas', 'portfell');
    const pf = await stub.waitFor(inChannel('a:chat-mari.maasikas', 'Arendusportfell (1 tööd)'));
    d.valid(cardOf(pf));
    await d.say('siim.sepp', 'staatus');
    const statusCard = await stub.waitFor(inChannel('a:chat-siim.sepp', 'item.status'));
    d.valid(cardOf(statusCard));
    const item = await app.db.prisma.portfolioItem.findFirstOrThrow({ where: { proposalId: value.proposalId } });
    const saved = await d.click(
      'siim.sepp',
      {
        action: 'item.status',
        itemId: item.id,
        [`status_${item.id}`]: 'inProgress',
        [`progress_${item.id}`]: '30',
        [`note_${item.id}`]: 'Analüüs',
      },
      statusCard.id,
    );
    expect(json(saved.value)).toContain('Tehtud');
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
      expect(ok.value).toContain('Kanal on seotud');
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
    await d.click('tiit.kuusk', { action: 'form.submit', proposalId: value.proposalId }, 'sum-h');
    const ask = await stub.waitFor(inChannel('a:chat-toomas.teder', 'agreement.return'));
    const empty = await d.click(
      'toomas.teder',
      { action: 'agreement.return', proposalId: value.proposalId, comment: '' },
      ask.id,
    );
    expect(empty.value).toContain('Kommentaar');
    const returned = await d.click(
      'toomas.teder',
      { action: 'agreement.return', proposalId: value.proposalId, comment: 'Lisa eelarve.' },
      ask.id,
    );
    expect(json(returned.value)).toContain('tagastas muutmiseks');
    await stub.waitFor(inChannel('a:chat-tiit.kuusk', 'Lisa eelarve.'));

    // The submitter continues the draft from chat, adds the budget and submits again.
    await d.say('tiit.kuusk', 'jätka mustandit');
    const draft = await stub.waitFor(inChannel('a:chat-tiit.kuusk', 'samm 1/6'));
    let r = await d.click(
      'tiit.kuusk',
      {
        ...TeamsDriver.button(cardOf(draft), 'form.next'),
        title: 'Digiretsepti kordusretseptid',
        serviceId: 'terk-prescriptions',
      },
      draft.id,
    );
    expect(json(r.value)).toContain('"value":"Paber"'); // what was saved before is there to edit
    for (let step = 1; step < 3; step += 1)
      r = await d.click('tiit.kuusk', TeamsDriver.button(r.value, 'form.next'), draft.id);
    expect(json(r.value)).toContain('samm 4/6');
    r = await d.click('tiit.kuusk', { ...TeamsDriver.button(r.value, 'form.next'), budgetEur: '75 000' }, draft.id);
    expect(json(r.value)).toContain('samm 5/6');
    const p0 = await proposal('tiit.kuusk');
    expect(p0.budgetEur).toBe(75000);
    await d.click('tiit.kuusk', { action: 'form.submit', proposalId: value.proposalId }, 'sum-h2');
    const ask2 = await stub.waitFor(
      (s) => s.conversationId === 'a:chat-toomas.teder' && json(s.body).includes('agreement.agree') && s.id !== ask.id,
    );
    await d.click('toomas.teder', TeamsDriver.button(cardOf(ask2), 'agreement.agree'), ask2.id);

    const boardPost = await stub.waitFor(inChannel('19:board-terk', 'board.decide'));
    const ratings = {
      rate_expectedResult: 'adequate',
      rate_impact: 'strong',
      rate_priorityFit: 'adequate',
      rate_alternatives: 'weak',
    };
    const sent = await d.click(
      'katrin.kuusik',
      { ...TeamsDriver.button(cardOf(boardPost), 'board.decide', { decision: 'send' }), priority: '3', ...ratings },
      boardPost.id,
      TeamsDriver.channel('19:board-terk@thread.tacv2'),
    );
    expect(json(sent.value)).toContain('saatis juhtkomisjonile');

    await d.say('mari.maasikas', 'haldus');
    const desk = await stub.waitFor(
      (s) =>
        s.conversationId === 'a:chat-mari.maasikas' &&
        json(s.body).includes('Digiretsepti') &&
        json(s.body).includes('manage.createMeeting'),
    );
    r = await d.click(
      'mari.maasikas',
      {
        ...TeamsDriver.button(cardOf(desk), 'manage.createMeeting'),
        domainId: 'health',
        date: '2027-03-03',
        time: '14:00',
        extraordinary: 'true',
      },
      desk.id,
    );
    const meeting = await app.db.prisma.meeting.findFirstOrThrow({ where: { domainId: 'health' } });
    expect(meeting).toMatchObject({ extraordinary: true });
    r = await d.click(
      'mari.maasikas',
      {
        ...TeamsDriver.button(r.value, 'manage.schedule', { proposalId: value.proposalId }),
        [`meeting_${value.proposalId}`]: meeting.id,
      },
      desk.id,
    );
    await d.click(
      'mari.maasikas',
      TeamsDriver.button(r.value, 'manage.openPoll', { proposalId: value.proposalId }),
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
    const closed = await d.click('tiit.kuusk', TeamsDriver.button(card, 'poll.close'), pollPost.id, ch);
    expect(json(closed.value)).toContain('Otsus: EI');
    expect((await proposal('tiit.kuusk')).status).toBe('rejected');
    await stub.waitFor(inChannel('a:chat-tiit.kuusk', 'otsus arendusalgatuse'));
    await stub.waitFor((s) => s.method === 'PUT' && s.activityId === pollPost.id && json(s.body).includes('Otsus: EI'));
    expect(await app.db.prisma.portfolioItem.count({ where: { proposalId: value.proposalId } })).toBe(0);
  }, 120_000);
});
