// A co-thinker's reply in a Teams thread is an opinion; the bot's thanks in the thread goes through
// the outbox with it: when the connector answers 500, the reply still counts, the activity is answered
// 200, and the thanks arrives once; the same activity delivered again records and sends nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBothRig, type BothRig } from './support/both-rig.ts';
import { TeamsDriver } from './support/teams-driver.ts';
import { EXAMPLE_FORM } from './support/org.ts';

let rig: BothRig;
const CHANNEL = '19:cothinkers-social@thread.tacv2';
const json = (x: unknown) => JSON.stringify(x);

beforeAll(async () => {
  rig = await startBothRig();
});
afterAll(async () => {
  await rig?.close();
});

describe('Teams: the thanks for a thread reply', () => {
  it('survives a connector 500 and arrives once', async () => {
    await rig.teams.say('mari.maasikas', '<at>Portfellibot</at> seo kanal', TeamsDriver.channel(CHANNEL, 'link-root'));
    const linkCard = await rig.stub.waitFor(
      (s) => s.conversationId.startsWith(CHANNEL) && json(s.body).includes('channel.link'),
    );
    await rig.teams.click(
      'mari.maasikas',
      { action: 'channel.link', target: 'coThinkers:social' },
      linkCard.id,
      TeamsDriver.channel(CHANNEL, 'link-root'),
    );
    const { proposalId } = await rig.run('kadri.kask', 'createDraft', {
      fields: {
        title: 'Tänu lõimes',
        ...EXAMPLE_FORM,
      },
    });
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
    await rig.run('mari.maasikas', 'openRound', { meetingId });
    const post = await rig.stub.waitFor(
      (s) => s.conversationId.startsWith(CHANNEL) && json(s.body).includes('opinion.show'),
    );
    const thread = `${CHANNEL};messageid=${post.id}`;

    rig.stub.failures.push({ match: (s) => s.conversationId === thread, times: 1, status: 500 });
    const ott = rig.teams.who('ott.oja');
    const reply = {
      type: 'message',
      text: 'Toetan, kui andmekaitse on kaetud.',
      channelId: 'msteams',
      serviceUrl: rig.stub.url,
      id: 'thread-reply-1',
      timestamp: new Date().toISOString(),
      from: { id: `29:${ott.id}`, aadObjectId: ott.aad, name: ott.name },
      recipient: { id: '28:bot', name: 'Portfellibot' },
      conversation: { id: thread, conversationType: 'channel', tenantId: 't1' },
    };
    expect((await rig.teams.post(reply)).status).toBe(200);
    expect((await rig.teams.post(reply)).status).toBe(200); // Teams delivers the same activity again
    await rig.drain();

    const opinion = await rig.app.db.prisma.opinion.findFirstOrThrow({ where: { proposalId, personId: 'ott.oja' } });
    expect(opinion.replies).toHaveLength(1);
    expect(rig.stub.refused.filter((s) => s.conversationId === thread)).toHaveLength(1);
    const thanks = rig.stub.sent.filter(
      (s) => s.conversationId === thread && String(s.body.text ?? '').includes('Your opinion'),
    );
    expect(thanks).toHaveLength(1);
  });
});
