// A replayed outage: while Slack and the Teams connector fail now and then — a fan-out row with one
// recipient's post failing twice (in Slack and in Teams), a 429 on a "your vote" answer (the click's
// response_url), a 500 on the "agreed" notice — people keep clicking; every click answers as a success,
// and once the outbox has caught up every message has arrived exactly once for each recipient.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBothRig, type BothRig } from './support/both-rig.ts';
import { until } from './support/slack-app.ts';
import { EXAMPLE_FORM } from './support/org.ts';

let rig: BothRig;
const U = { mari: 'U0MARI001', kadri: 'U0KADRI01', liis: 'U0LIIS001', jaan: 'U0JAAN001', kristi: 'U0KRISTI1' };
const json = (x: unknown) => JSON.stringify(x);

beforeAll(async () => {
  rig = await startBothRig();
});
afterAll(async () => {
  await rig?.close();
});

/**
 * What each recipient received: Slack DMs, channel posts, ephemerals and a click's answers (its response_url,
 * one per click here: `/r/<who>`); Teams posts (not updates in place).
 */
function received(): Map<string, number> {
  const seen = new Map<string, number>();
  const add = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
  for (const c of rig.api.calls) {
    if (c.method === 'chat.postMessage')
      add(`slack ${c.params.channel}: ${c.params.text} ${json(c.params.blocks ?? null)}`);
    if (c.method === 'chat.postEphemeral') add(`slack ${c.params.channel}/${c.params.user}: ${c.params.text}`);
    if (c.method.startsWith('/r/')) add(`slack ${c.method}: ${c.params.text} ${json(c.params.blocks ?? null)}`);
  }
  for (const s of rig.stub.sent)
    if (s.method === 'POST') add(`teams ${s.conversationId}: ${json(s.body.text ?? s.body.attachments)}`);
  return seen;
}
const count = (needle: string, where: string) =>
  [...received()].filter(([k]) => k.startsWith(where) && k.includes(needle)).reduce((n, [, c]) => n + c, 0);

describe('a replayed outage', () => {
  it('every message arrives exactly once per recipient', async () => {
    for (const p of ['mari.maasikas', 'kadri.kask', 'liis.lepp', 'jaan.tamm']) await rig.teams.say(p, 'tere');
    const link = new URLSearchParams({
      command: '/portfell',
      text: 'seo committee:social',
      user_id: U.mari,
      channel_id: 'CCOMMITTEE',
      trigger_id: 't',
      response_url: `${rig.api.url}../r/link`,
      team_id: 'T1',
    }).toString();
    await rig.slack.raw(link, 'application/x-www-form-urlencoded');
    await until(() => rig.api.calls.find((c) => c.method.endsWith('r/link')));

    // The outage: what will fail, and how often.
    rig.api.failures.push(
      {
        method: 'chat.postMessage',
        match: (p) => p.channel === U.kadri && String(p.text).includes('kooskõlastatud'),
        times: 1,
        status: 500,
      },
      {
        method: 'chat.postMessage',
        match: (p) => p.channel === U.kadri && String(p.text).includes('saatis arendusalgatuse'),
        times: 2,
        status: 500,
      },
      { method: '/r/vote-kristi', times: 1, status: 429, retryAfter: 1 },
    );
    rig.stub.failures.push({
      match: (s) => s.conversationId === 'a:chat-kadri.kask' && json(s.body).includes('saatis arendusalgatuse'),
      times: 2,
      status: 500,
    });

    // Kadri submits in Slack; Liis agrees; Jaan's board sends it on; Mari puts it on the agenda; Kristi votes in Slack.
    const { proposalId } = await rig.run('kadri.kask', 'createDraft', {
      fields: {
        title: 'Katkestuse kordus',
        ...EXAMPLE_FORM,
      },
    });
    const summary = {
      id: 'V-outage-1',
      hash: 'h1',
      callback_id: 'flow:proposal.submit',
      private_metadata: JSON.stringify({ a: { proposalId }, m: {} }),
      blocks: [],
    };
    const submitted = await rig.slack.submitView(U.kadri, summary, {});
    // The confirmation is the form's own answer (the modal shows it), not a message after it.
    expect(submitted.status).toBe(200);
    expect(json(submitted.body.view.blocks)).toContain('Katkestuse kordus');
    expect(json(submitted.body.view.blocks)).toContain('on esitatud');
    await rig.run('liis.lepp', 'agree', { proposalId });
    await rig.run('jaan.tamm', 'assess', {
      proposalId,
      expectedResult: 'strong',
      impact: 'strong',
      priorityFit: 'adequate',
      alternatives: 'adequate',
    });
    await rig.run('jaan.tamm', 'boardDecide', { proposalId, decision: 'send', priority: 1 });
    const { meetingId } = await rig.run('mari.maasikas', 'createMeeting', {
      domainId: 'social',
      startsAt: new Date(Date.now() + 60 * 86400_000).toISOString(),
    });
    await rig.run('mari.maasikas', 'schedule', { proposalId, meetingId });
    const { pollId } = await rig.run('mari.maasikas', 'openPoll', { proposalId });
    const pollPost = await until(() =>
      rig.api.of('chat.postMessage').find((c) => c.params.channel === 'CCOMMITTEE' && json(c.params).includes(pollId)),
    );
    const voted = await rig.slack.press(U.kristi, 'JAH', {
      blocks: pollPost.params.blocks,
      channel: 'CCOMMITTEE',
      ts: String(pollPost.result!.ts),
      responseUrl: `${rig.api.url}../r/vote-kristi`,
    });
    expect(voted.status).toBe(200);
    // The answer only she sees, though Slack refused it once.
    const yourVote = await until(() => rig.api.calls.find((c) => c.method === '/r/vote-kristi'));
    expect(yourVote.params).toMatchObject({ response_type: 'ephemeral', replace_original: false });

    await rig.drain();
    // Every failure happened, and was made good.
    expect(rig.api.failures.map((f) => f.times)).toEqual([0, 0, 0]);
    expect(rig.stub.failures.map((f) => f.times)).toEqual([0]);
    expect(await rig.app.db.prisma.outboxMessage.count({ where: { status: 'dead' } })).toBe(0);

    // Exactly once per recipient, for everything anyone received.
    const twice = [...received()].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    expect({
      confirmationMessages: count('on esitatud', `slack ${U.kadri}:`),
      agreedSlackKadri: count('kooskõlastatud', `slack ${U.kadri}:`),
      boardSentSlackMari: count('saatis arendusalgatuse', `slack ${U.mari}:`),
      boardSentSlackKadri: count('saatis arendusalgatuse', `slack ${U.kadri}:`),
      boardSentTeamsMari: count('saatis arendusalgatuse', 'teams a:chat-mari.maasikas:'),
      boardSentTeamsKadri: count('saatis arendusalgatuse', 'teams a:chat-kadri.kask:'),
      yourVote: count('Sinu hääl: JAH', 'slack /r/vote-kristi:'),
      // The request, with its buttons or (sent after she agreed) with the outcome in their place.
      agreementRequestSlackLiis: count('palub kooskõlastada', `slack ${U.liis}:`),
      agreementRequestTeamsLiis: count('palub kooskõlastada', 'teams a:chat-liis.lepp:'),
      scheduledSlackKadri: count('päevakorda', `slack ${U.kadri}:`) >= 1,
    }).toEqual({
      confirmationMessages: 0,
      agreedSlackKadri: 1,
      boardSentSlackMari: 1,
      boardSentSlackKadri: 1,
      boardSentTeamsMari: 1,
      boardSentTeamsKadri: 1,
      yourVote: 1,
      agreementRequestSlackLiis: 1,
      agreementRequestTeamsLiis: 1,
      scheduledSlackKadri: true,
    });
  });
});
