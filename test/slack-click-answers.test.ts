// What the bot sends after a Slack click goes through the outbox: the "submitted" confirmation, the
// "your vote" ephemeral (button and JAH, KUI modal) and the "opinion saved" ephemeral after a thread
// reply. When Slack answers 500 or 429 to them, the click's own HTTP answer is still a success (the
// command committed), and the message arrives later, exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBothRig, type BothRig } from './support/both-rig.ts';
import { until } from './support/slack-app.ts';

let rig: BothRig;
const U = { mari: 'U0MARI001', kadri: 'U0KADRI01', kristi: 'U0KRISTI1', merike: 'U0MERIKE1', liis: 'U0LIIS001' };
const json = (x: unknown) => JSON.stringify(x);

beforeAll(async () => {
  rig = await startBothRig();
  for (const [channel, target] of [
    ['CCOTHINK', 'coThinkers:social'],
    ['CCOMMITTEE', 'committee:social'],
  ] as const) {
    const body = new URLSearchParams({
      command: '/portfell',
      text: `seo ${target}`,
      user_id: U.mari,
      channel_id: channel,
      trigger_id: 't',
      response_url: `${rig.api.url}../r/${channel}`,
      team_id: 'T1',
    }).toString();
    await rig.slack.raw(body, 'application/x-www-form-urlencoded');
    await until(() => rig.api.calls.find((c) => c.method.endsWith(`r/${channel}`)));
  }
});
afterAll(async () => {
  await rig?.close();
});

async function draft(title: string) {
  return rig.run('kadri.kask', 'createDraft', {
    fields: {
      title,
      serviceId: 'som-star',
      currentSituation: 'a',
      problem: 'b',
      expectedResult: 'c',
      impact: 'd',
      alternatives: 'e',
    },
  });
}

/** A proposal on a meeting's agenda, its co-thinker round open and its poll open. */
async function onTheAgenda(title: string) {
  const { proposalId } = await draft(title);
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
    startsAt: new Date(Date.now() + 60 * 86400_000).toISOString(),
  });
  await rig.run('mari.maasikas', 'schedule', { proposalId, meetingId });
  const { roundId } = await rig.run('mari.maasikas', 'openRound', { meetingId });
  await rig.drain();
  return { proposalId, meetingId, roundId };
}

describe('Slack: answers after a committed click go through the outbox', () => {
  it('a 500 on the "submitted" confirmation: the submit answers 200, the confirmation arrives once', async () => {
    const { proposalId } = await draft('Kinnitus pärast viga');
    rig.api.failures.push({
      method: 'chat.postMessage',
      match: (p) => p.channel === U.kadri && String(p.text).includes('on esitatud'),
      times: 1,
      status: 500,
    });
    const view = {
      id: 'V-summary-1',
      callback_id: 'proposal_summary',
      private_metadata: JSON.stringify({ proposalId, step: 6 }),
      blocks: [],
    };
    const r = await rig.slack.submitView(U.kadri, view, {});
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ response_action: 'clear' });
    expect((await rig.app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).status).toBe(
      'agreement',
    );
    await rig.drain();
    const confirmations = rig.api
      .of('chat.postMessage')
      .filter(
        (c) =>
          c.params.channel === U.kadri &&
          String(c.params.text).includes('on esitatud') &&
          String(c.params.text).includes('Kinnitus pärast viga'),
      );
    expect(rig.api.refused.filter((c) => String(c.params.text).includes('Kinnitus pärast viga'))).toHaveLength(1);
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.params.text).toContain('Liis Lepp');
  });

  it('a 429 on "your vote" and a 500 on the JAH, KUI one: the votes count, each ephemeral arrives once', async () => {
    const { proposalId } = await onTheAgenda('Hääle kinnitus');
    const { pollId } = await rig.run('mari.maasikas', 'openPoll', { proposalId });
    await rig.drain();
    const pollPost = await until(() =>
      rig.api.of('chat.postMessage').find((c) => c.params.channel === 'CCOMMITTEE' && json(c.params).includes(pollId)),
    );
    const message = { channel: 'CCOMMITTEE', ts: String(pollPost.result!.ts) };

    rig.api.failures.push({
      method: 'chat.postEphemeral',
      match: (p) => p.user === U.kristi,
      times: 1,
      status: 429,
      retryAfter: 1,
    });
    const click = await rig.slack.click(U.kristi, 'poll_vote_yes', pollId, message);
    expect(click.status).toBe(200);
    expect(
      (
        await rig.app.db.prisma.vote.findUniqueOrThrow({
          where: { pollId_personId: { pollId, personId: 'kristi.kivi' } },
        })
      ).choice,
    ).toBe('YES');

    rig.api.failures.push({ method: 'chat.postEphemeral', match: (p) => p.user === U.merike, times: 1, status: 500 });
    const modal = {
      id: 'V-yes-if-1',
      callback_id: 'poll_yes_if',
      private_metadata: JSON.stringify({ pollId }),
      blocks: [{ type: 'input', block_id: 'conditions', element: { type: 'plain_text_input' } }],
    };
    const yesIf = await rig.slack.submitView(U.merike, modal, { conditions: 'Andmekaitse mõjuhinnang' });
    expect(yesIf.status).toBe(200);
    expect(
      (
        await rig.app.db.prisma.vote.findUniqueOrThrow({
          where: { pollId_personId: { pollId, personId: 'merike.mand' } },
        })
      ).choice,
    ).toBe('YES_IF');

    await rig.drain();
    const ephemerals = (user: string) =>
      rig.api
        .of('chat.postEphemeral')
        .filter((c) => c.params.user === user && String(c.params.text).includes('Sinu hääl'));
    expect(ephemerals(U.kristi).map((c) => [c.params.channel, c.params.text])).toEqual([
      ['CCOMMITTEE', expect.stringContaining('Sinu hääl: JAH.')],
    ]);
    expect(ephemerals(U.merike).map((c) => [c.params.channel, c.params.text])).toEqual([
      ['CCOMMITTEE', expect.stringContaining('Sinu hääl: JAH, KUI.')],
    ]);
  });

  it('a 500 on "opinion saved" after a thread reply: the opinion counts; Slack\'s retry of the event sends nothing more', async () => {
    const { proposalId, roundId } = await onTheAgenda('Arvamuse kinnitus');
    const post = await until(() =>
      rig.api
        .of('chat.postMessage')
        .find((c) => c.params.channel === 'CCOTHINK' && json(c.params).includes(proposalId)),
    );
    rig.api.failures.push({ method: 'chat.postEphemeral', match: (p) => p.user === U.liis, times: 1, status: 500 });
    const event = {
      type: 'message',
      channel: 'CCOTHINK',
      channel_type: 'channel',
      user: U.liis,
      text: 'Toetan.',
      ts: '1800000000.000900',
      thread_ts: String(post.result!.ts),
    };
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: 'EvOPINION1',
      event_time: Math.floor(Date.now() / 1000),
      event,
    });
    const r = await rig.slack.raw(body, 'application/json');
    expect(r.status).toBe(200);
    expect(await rig.app.db.prisma.opinion.count({ where: { roundId, proposalId, personId: 'liis.lepp' } })).toBe(1);
    // Slack retries the same event (it does so when it saw an error): nothing is recorded or sent twice.
    expect(
      (
        await rig.slack.raw(body, 'application/json', {
          'x-slack-retry-num': '1',
          'x-slack-retry-reason': 'http_error',
        })
      ).status,
    ).toBe(200);
    await rig.drain();
    const saved = rig.api
      .of('chat.postEphemeral')
      .filter((c) => c.params.user === U.liis && String(c.params.text).includes('arvamus'));
    expect(saved.map((c) => c.params.channel)).toEqual(['CCOTHINK']);
    const opinion = await rig.app.db.prisma.opinion.findFirstOrThrow({
      where: { roundId, proposalId, personId: 'liis.lepp' },
    });
    expect(opinion.replies).toHaveLength(1);
  });
});
