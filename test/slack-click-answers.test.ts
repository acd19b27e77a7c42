// What the bot sends after a Slack click goes through the outbox: the "submitted" confirmation and
// the "opinion saved" ephemeral after the checklist or a thread reply. When Slack answers 500 or 429
// to them, the click's own HTTP answer is still a success (the command committed), and the message
// arrives later, exactly once. (A vote is answered by the click itself: test/committee-both.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBothRig, type BothRig } from './support/both-rig.ts';
import { until } from './support/slack-app.ts';
import { EXAMPLE_FORM } from './support/org.ts';

let rig: BothRig;
const U = { mari: 'U0MARI001', kadri: 'U0KADRI01', liis: 'U0LIIS001', anu: 'U0ANU0001' };
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
      trigger_id: `t-${channel}`,
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
      ...EXAMPLE_FORM,
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
  it('the "submitted" confirmation is the form\'s own answer: shown once in the modal, nothing posted after', async () => {
    const { proposalId } = await draft('Kinnitus vormis');
    const view = {
      id: 'V-summary-1',
      hash: 'h1',
      callback_id: 'flow:proposal.submit',
      private_metadata: JSON.stringify({ a: { proposalId }, m: {} }),
      blocks: [],
    };
    const r = await rig.slack.submitView(U.kadri, view, {});
    expect(r.status).toBe(200);
    expect(r.body.response_action).toBe('update');
    expect(json(r.body.view.blocks)).toContain('on esitatud');
    expect(json(r.body.view.blocks)).toContain('Ootab kooskõlastust: Liis Lepp.');
    expect((await rig.app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).status).toBe(
      'agreement',
    );
    // Slack sends the same submission again (a retry): the engine replays it, the same answer.
    const again = await rig.slack.submitView(U.kadri, view, {});
    expect(json(again.body.view.blocks)).toContain('on esitatud');
    await rig.drain();
    expect(
      rig.api
        .of('chat.postMessage')
        .filter((c) => c.params.channel === U.kadri && json(c.params).includes('Kinnitus vormis')),
    ).toEqual([]);
  });

  it('a 500 on "opinion saved" after the checklist: the opinion counts; the confirmation arrives once', async () => {
    const { proposalId, roundId } = await onTheAgenda('Kontroll-lehe kinnitus');
    const { number } = await rig.app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    const post = await until(() =>
      rig.api
        .of('chat.postMessage')
        .find((c) => c.params.channel === 'CCOTHINK' && json(c.params).includes(proposalId)),
    );
    rig.api.failures.push({ method: 'chat.postEphemeral', match: (p) => p.user === U.anu, times: 1, status: 500 });
    const at = { blocks: post.params.blocks, channel: 'CCOTHINK', ts: String(post.result!.ts) };
    await rig.slack.press(U.anu, 'Anna arvamus', at);
    const opened = (
      await until(() =>
        rig.api
          .of('views.update')
          .find((c) => c.params.view.callback_id === 'flow:opinion.give' && json(c.params.view).includes(proposalId)),
      )
    ).params;
    const r = await rig.slack.submitView(
      U.anu,
      { ...opened.view, id: opened.view_id },
      { recommendation: 'support', argumentation: 'Toetan.' },
    );
    expect(r.status).toBe(200);
    expect(r.body.response_action).toBe('update');
    expect(await rig.app.db.prisma.opinion.count({ where: { roundId, proposalId, personId: 'anu.saar' } })).toBe(1);
    await rig.drain();
    const saved = (list: { params: Record<string, any> }[]) =>
      list.filter((c) => c.params.user === U.anu && String(c.params.text).includes(`nr ${number} kohta`));
    expect(saved(rig.api.refused)).toHaveLength(1);
    expect(saved(rig.api.of('chat.postEphemeral')).map((c) => c.params.channel)).toEqual(['CCOTHINK']);
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
