// The outbox records delivery per post and per recipient, not per platform: when one outbox row
// fans out to several posts and one fails, the retry sends only what has not arrived — in Slack and
// in Teams. Counted at the loopback Slack Web API and Teams connector stubs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBothRig, type BothRig } from './support/both-rig.ts';
import { EXAMPLE_FORM } from './support/org.ts';

let rig: BothRig;
const SLACK = { mari: 'U0MARI001', kadri: 'U0KADRI01' };
const json = (x: unknown) => JSON.stringify(x);

/** Slack posts (chat.postMessage) to a user's DM whose text or blocks contain `needle`. */
const slackPosts = (user: string, needle: string) =>
  rig.api.of('chat.postMessage').filter((c) => c.params.channel === user && json(c.params).includes(needle));
/** Teams posts into a person's chat whose body contains `needle`. */
const teamsPosts = (personId: string, needle: string) =>
  rig.stub.sent.filter(
    (s) => s.conversationId === `a:chat-${personId}` && s.method === 'POST' && json(s.body).includes(needle),
  );

beforeAll(async () => {
  rig = await startBothRig();
  // Both portfolio managers have written to the bot in Teams, so Teams reaches them too.
  for (const p of ['mari.maasikas', 'kadri.kask', 'liis.lepp']) await rig.teams.say(p, 'tere');
});
afterAll(async () => {
  await rig?.close();
});

async function sentToCommittee(title: string): Promise<string> {
  const { proposalId } = await rig.run('kadri.kask', 'createDraft', {
    fields: {
      title,
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
  await rig.drain();
  return proposalId;
}

describe('a fan-out row with one recipient failing', () => {
  it('"Juhtrühm saatis…" reaches each portfolio manager once in Slack and in Teams although Kadri\'s copies failed twice', async () => {
    const proposalId = await sentToCommittee('Saatmine kahele haldurile');
    const needle = 'saatis arendusalgatuse';
    rig.api.failures.push({
      method: 'chat.postMessage',
      match: (p) => p.channel === SLACK.kadri && json(p).includes(needle),
      times: 2,
      status: 500,
    });
    rig.stub.failures.push({
      match: (s) => s.conversationId === 'a:chat-kadri.kask' && json(s.body).includes(needle),
      times: 2,
      status: 500,
    });
    await rig.run('jaan.tamm', 'boardDecide', { proposalId, decision: 'send', priority: 2 });
    await rig.drain();

    expect(rig.api.refused.filter((c) => c.params.channel === SLACK.kadri)).toHaveLength(2);
    expect(rig.stub.refused.filter((s) => s.conversationId === 'a:chat-kadri.kask')).toHaveLength(2);
    const row = await rig.app.db.prisma.outboxMessage.findFirstOrThrow({
      where: {
        kind: 'boardDecided',
        audience: { path: ['kind'], equals: 'portfolioManagers' },
        payload: { path: ['proposalId'], equals: proposalId },
      },
    });
    expect(row.status).toBe('sent');
    expect({
      slackMari: slackPosts(SLACK.mari, needle).length,
      slackKadri: slackPosts(SLACK.kadri, needle).length,
      teamsMari: teamsPosts('mari.maasikas', needle).length,
      teamsKadri: teamsPosts('kadri.kask', needle).length,
    }).toEqual({ slackMari: 1, slackKadri: 1, teamsMari: 1, teamsKadri: 1 });
  });
});

describe('a row of two posts with the second failing', () => {
  it('the submitter gets the JAH, KUI decision once and the checklist once in Slack and in Teams', async () => {
    const proposalId = await sentToCommittee('Tingimustega otsus');
    await rig.run('jaan.tamm', 'boardDecide', { proposalId, decision: 'send', priority: 2 });
    const { meetingId } = await rig.run('mari.maasikas', 'createMeeting', {
      domainId: 'social',
      startsAt: new Date(Date.now() + 60 * 86400_000).toISOString(),
    });
    await rig.run('mari.maasikas', 'schedule', { proposalId, meetingId });
    const { pollId } = await rig.run('mari.maasikas', 'openPoll', { proposalId });
    await rig.run('kristi.kivi', 'vote', { pollId, choice: 'YES_IF', conditions: 'Andmekaitse mõjuhinnang' });
    await rig.drain();

    rig.api.failures.push({
      method: 'chat.postMessage',
      match: (p) => p.channel === SLACK.kadri && json(p).includes('flow:conditions.resubmit'),
      times: 1,
      status: 500,
    });
    rig.stub.failures.push({
      match: (s) => s.conversationId === 'a:chat-kadri.kask' && json(s.body).includes('conditions.resubmit'),
      times: 1,
      status: 500,
    });
    await rig.run('jaan.tamm', 'closePoll', { pollId });
    await rig.drain();

    expect(rig.api.refused.filter((c) => json(c.params).includes('flow:conditions.resubmit'))).toHaveLength(1);
    expect(rig.stub.refused.filter((s) => json(s.body).includes('conditions.resubmit'))).toHaveLength(1);
    const decision = 'JAH, KUI';
    expect({
      slackDecision: slackPosts(SLACK.kadri, decision).filter(
        (c) => !json(c.params).includes('flow:conditions.resubmit'),
      ).length,
      slackChecklist: slackPosts(SLACK.kadri, 'flow:conditions.resubmit').length,
      teamsDecision: teamsPosts('kadri.kask', decision).filter((s) => !json(s.body).includes('conditions.resubmit'))
        .length,
      teamsChecklist: teamsPosts('kadri.kask', 'conditions.resubmit').length,
    }).toEqual({ slackDecision: 1, slackChecklist: 1, teamsDecision: 1, teamsChecklist: 1 });
  });
});
