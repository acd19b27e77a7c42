// The channel side, the same on Teams and Slack (src/bot/flows/committee.ts): the portfolio manager
// links the channels each platform's way; a co-thinker's checklist opinion is confirmed where it was
// given, on both platforms (once, through the outbox); a committee member who votes JAH, then EI,
// then JAH again counts as JAH, on both platforms, and the shared poll shows the tally, not the vote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf } from './support/connector-stub.ts';
import { startBothRig, type BothRig } from './support/both-rig.ts';
import { until } from './support/slack-app.ts';
import { TeamsDriver } from './support/teams-driver.ts';
import { EXAMPLE_FORM } from './support/org.ts';

let rig: BothRig;
let proposalId: string;
let pollId: string;
const json = (x: unknown) => JSON.stringify(x);
const TEAMS = { coThinkers: '19:cothinkers-social@thread.tacv2', committee: '19:committee-social@thread.tacv2' };
const SLACK = { coThinkers: 'CCOTHINK', committee: 'CCOMMITTEE' };
const U = { mari: 'U0MARI001', liis: 'U0LIIS001', merike: 'U0MERIKE1' };

beforeAll(async () => {
  rig = await startBothRig();
  // Teams: "@bot seo kanal" in the channel shows the roles; the portfolio manager ticks one and links.
  for (const [channel, role] of [
    [TEAMS.coThinkers, 'coThinkers:social'],
    [TEAMS.committee, 'committee:social'],
  ] as const) {
    const where = TeamsDriver.channel(channel, `link-${role}`);
    await rig.teams.say('mari.maasikas', '<at>Arendusportfell</at> seo kanal', where);
    const form = await rig.stub.waitFor((s) => s.conversationId.startsWith(channel) && json(s.body).includes('Seo'));
    const linked = await rig.teams.click(
      'mari.maasikas',
      { ...TeamsDriver.titled(cardOf(form), 'Seo'), target: role },
      form.id,
      where,
    );
    expect(json(linked.value)).toContain('Kanal on seotud');
  }
  // Slack: /portfell seo <role> in the channel.
  for (const [channel, role] of [
    [SLACK.coThinkers, 'coThinkers:social'],
    [SLACK.committee, 'committee:social'],
  ] as const) {
    const body = new URLSearchParams({
      command: '/portfell',
      text: `seo ${role}`,
      user_id: U.mari,
      channel_id: channel,
      trigger_id: `t-${channel}`,
      response_url: `${rig.api.url}../link/${channel}`,
      team_id: 'T1',
    }).toString();
    await rig.slack.raw(body, 'application/x-www-form-urlencoded');
    const answer = await until(() => rig.api.calls.find((c) => c.method.endsWith(`link/${channel}`)));
    expect(answer.params.text).toContain('Kanal on seotud');
  }
  ({ proposalId } = await rig.run('kadri.kask', 'createDraft', {
    fields: {
      title: 'Mõlemal platvormil',
      ...EXAMPLE_FORM,
    },
  }));
  await rig.run('kadri.kask', 'submit', { proposalId });
  await rig.run('liis.lepp', 'agree', { proposalId });
  await rig.run('jaan.tamm', 'assess', {
    proposalId,
    expectedResult: 'strong',
    impact: 'strong',
    priorityFit: 'adequate',
    alternatives: 'adequate',
  });
  await rig.run('jaan.tamm', 'boardDecide', { proposalId, decision: 'send', priority: 2 });
  const { meetingId } = await rig.run('mari.maasikas', 'createMeeting', {
    domainId: 'social',
    startsAt: new Date(rig.app.engine.now().getTime() + 60 * 86400_000).toISOString(),
  });
  await rig.run('mari.maasikas', 'schedule', { proposalId, meetingId });
  await rig.run('mari.maasikas', 'openRound', { meetingId });
  await rig.drain();
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

const opinionOf = (personId: string) => rig.app.db.prisma.opinion.findFirst({ where: { proposalId, personId } });
const choiceOf = async (personId: string) =>
  (await rig.app.db.prisma.vote.findUnique({ where: { pollId_personId: { pollId, personId } } }))?.choice;

describe('the co-thinkers and the committee, on Teams and on Slack', () => {
  it('the checklist opinion is confirmed where it was given: Slack (new) and Teams, once each', async () => {
    // Slack: Liis opens the checklist from the post, sends it, and is told in the channel.
    const post = await until(() =>
      rig.api
        .of('chat.postMessage')
        .find((c) => c.params.channel === SLACK.coThinkers && json(c.params).includes('flow:opinion.show')),
    );
    const at = { blocks: post.params.blocks, channel: SLACK.coThinkers, ts: String(post.result!.ts) };
    await rig.slack.press(U.liis, 'Anna arvamus', at);
    const opened = (
      await until(() => rig.api.of('views.update').find((c) => c.params.view.callback_id === 'flow:opinion.give'))
    ).params;
    const sent = await rig.slack.submitView(
      U.liis,
      { ...opened.view, id: opened.view_id },
      { recommendation: 'support', argumentation: 'Vajalik.', risks: 'Väikesed' },
    );
    expect(sent.status).toBe(200);
    expect(await opinionOf('liis.lepp')).toMatchObject({ recommendation: 'support', risks: 'Väikesed' });
    await rig.drain();
    const told = rig.api
      .of('chat.postEphemeral')
      .filter((c) => c.params.user === U.liis && String(c.params.text).includes('Sinu arvamus'));
    expect(told.map((c) => c.params.channel)).toEqual([SLACK.coThinkers]);

    // Teams: Ott (who reads English) does the same on the Teams post; the thanks comes in its thread.
    const card = await rig.stub.waitFor(
      (s) => s.conversationId.startsWith(TEAMS.coThinkers) && json(s.body).includes('opinion.show'),
    );
    const thread = TeamsDriver.channel(TEAMS.coThinkers, card.id);
    const form = await rig.teams.click('ott.oja', TeamsDriver.titled(cardOf(card), 'Anna arvamus'), card.id, thread);
    const given = await rig.teams.click(
      'ott.oja',
      {
        ...TeamsDriver.titled(form.value, 'Send opinion'),
        recommendation: 'doNotSupport',
        argumentation: 'Too early.',
      },
      card.id,
      thread,
    );
    expect(json(given.value)).toContain('Change your opinion');
    expect(await opinionOf('ott.oja')).toMatchObject({ recommendation: 'doNotSupport' });
    await rig.drain();
    const thanks = rig.stub.sent.filter(
      (s) => s.conversationId === thread.id && String(s.body.text ?? json(s.body)).includes('Your opinion'),
    );
    expect(thanks).toHaveLength(1);

    // Changing it later starts from what was given.
    const again = await rig.teams.click(
      'ott.oja',
      TeamsDriver.titled(given.value, 'Change your opinion'),
      card.id,
      thread,
    );
    expect(json(again.value)).toContain('Too early.');
  }, 60_000);

  it('JAH, EI, JAH counts as JAH on both platforms; the shared poll shows the tally, the voter is told', async () => {
    ({ pollId } = await rig.run('mari.maasikas', 'openPoll', { proposalId }));
    await rig.drain();
    // Teams: Piret clicks on the poll card in the committee's channel.
    const card = await rig.stub.waitFor(
      (s) => s.conversationId.startsWith(TEAMS.committee) && json(s.body).includes('poll.vote'),
    );
    const ch = TeamsDriver.channel(TEAMS.committee, card.id);
    for (const [label, choice, said] of [
      ['JAH', 'YES', 'Sinu hääl: JAH.'],
      ['EI', 'NO', 'Sinu hääl: EI.'],
      ['JAH', 'YES', 'Sinu hääl: JAH.'],
    ] as const) {
      const answer = await rig.teams.click('piret.pihlakas', TeamsDriver.titled(cardOf(card), label), card.id, ch);
      expect(answer.type).toBe('application/vnd.microsoft.activity.message');
      expect(answer.value).toContain(said);
      expect(await choiceOf('piret.pihlakas')).toBe(choice);
    }

    // Slack: Merike presses the buttons of the poll message; each answer only she sees.
    const post = await until(() =>
      rig.api
        .of('chat.postMessage')
        .find((c) => c.params.channel === SLACK.committee && json(c.params).includes('flow:poll.vote')),
    );
    const ts = String(post.result!.ts);
    for (const [n, label, choice, said] of [
      [1, 'JAH', 'YES', 'Sinu hääl: JAH.'],
      [2, 'EI', 'NO', 'Sinu hääl: EI.'],
      [3, 'JAH', 'YES', 'Sinu hääl: JAH.'],
    ] as const) {
      const responseUrl = `${rig.api.url}../vote/${n}`;
      await rig.slack.press(U.merike, label, { blocks: post.params.blocks, channel: SLACK.committee, ts, responseUrl });
      const answer = await until(() => rig.api.calls.find((c) => c.method.endsWith(`vote/${n}`)));
      expect(answer.params).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(answer.params.text).toContain(said);
      expect(await choiceOf('merike.mand')).toBe(choice);
    }
    expect(
      await rig.app.db.prisma.auditEvent.count({ where: { entityType: 'vote', entityId: `${pollId}/merike.mand` } }),
    ).toBe(3);

    // Both channels' polls are redrawn with the tally: two JAH; nobody's own vote on the shared card.
    await rig.drain();
    const slackPoll = rig.api
      .of('chat.update')
      .filter((c) => c.params.ts === ts)
      .at(-1)!;
    expect(json(slackPoll.params.blocks)).toContain('JAH: 2 · JAH, KUI: 0 · EI: 0');
    expect(json(slackPoll.params.blocks)).not.toContain('Sinu hääl');
    const teamsPoll = rig.stub.sent.filter((s) => s.method === 'PUT' && s.activityId === card.id).at(-1)!;
    expect(json(teamsPoll.body)).toContain('JAH: 2 · JAH, KUI: 0 · EI: 0');
    expect(json(teamsPoll.body)).not.toContain('Sinu hääl');
  }, 60_000);
});
