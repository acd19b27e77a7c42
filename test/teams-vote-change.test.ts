// A Teams committee member changes their vote and back (YES → NO → YES ends as YES); the same
// activity delivered twice changes nothing twice, even after another click; a double click (two
// activities with different ids, the same data, at once) counts or decides once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';
import { EXAMPLE_FORM } from './support/org.ts';

let rig: TeamsRig;
let pollId: string;
let proposalId: string;
const CARD = 'poll-card-1';
const CHANNEL = { id: '19:committee-social@thread.tacv2', conversationType: 'channel' };

beforeAll(async () => {
  rig = await startTeamsRig();
  const run = async (actorId: string, command: string, input: unknown) => {
    const r = await rig.app.engine.run({ command: command as never, actorId, input });
    if (!r.ok) throw new Error(`${command} refused: ${r.refusal.key}`);
    return r.value as unknown as Record<string, string>;
  };
  proposalId = (
    await run('kadri.kask', 'createDraft', {
      fields: {
        title: 'Häälte muutmine',
        ...EXAMPLE_FORM,
      },
    })
  ).proposalId!;
  await run('kadri.kask', 'submit', { proposalId });
  await run('liis.lepp', 'agree', { proposalId });
  await run('jaan.tamm', 'assess', {
    proposalId,
    expectedResult: 'strong',
    impact: 'strong',
    priorityFit: 'adequate',
    alternatives: 'adequate',
  });
  await run('jaan.tamm', 'boardDecide', { proposalId, decision: 'send', priority: 2 });
  const { meetingId } = await run('mari.maasikas', 'createMeeting', {
    domainId: 'social',
    startsAt: new Date(Date.now() + 60 * 86400_000).toISOString(),
  });
  await run('mari.maasikas', 'schedule', { proposalId, meetingId });
  pollId = (await run('mari.maasikas', 'openPoll', { proposalId })).pollId!;
});
afterAll(async () => {
  await rig?.close();
});

/** A click on the poll card exactly as Teams delivers it; the same `id` means the same activity. */
function activity(personId: string, id: string, data: Record<string, unknown>) {
  const p = rig.d.who(personId);
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    serviceUrl: rig.stub.url,
    id,
    replyToId: CARD,
    timestamp: new Date().toISOString(),
    from: { id: `29:${p.id}`, aadObjectId: p.aad, name: p.name },
    recipient: { id: '28:bot', name: 'Portfellibot' },
    conversation: { ...CHANNEL, tenantId: 't1' },
    value: { action: { type: 'Action.Execute', verb: data.action, data } },
  };
}

async function deliver(personId: string, id: string, data: Record<string, unknown>) {
  const r = await rig.d.post(activity(personId, id, data));
  expect(r.status).toBe(200);
  return r.body as { type: string; value: unknown };
}

const vote = (choice: string) => ({ action: 'poll.vote', args: { choice, pollId } });
const choiceOf = async (personId: string) =>
  (await rig.app.db.prisma.vote.findUniqueOrThrow({ where: { pollId_personId: { pollId, personId } } })).choice;
const voteAudits = (personId: string) =>
  rig.app.db.prisma.auditEvent.count({ where: { entityType: 'vote', entityId: `${pollId}/${personId}` } });

describe('Teams: changing a vote, repeated deliveries and double clicks', () => {
  it('YES, then NO, then YES again ends as YES', async () => {
    await deliver('kristi.kivi', 'kk-1', vote('YES'));
    expect(await choiceOf('kristi.kivi')).toBe('YES');
    await deliver('kristi.kivi', 'kk-2', vote('NO'));
    expect(await choiceOf('kristi.kivi')).toBe('NO');
    const third = await deliver('kristi.kivi', 'kk-3', vote('YES'));
    expect(JSON.stringify(third.value)).toContain('Sinu hääl: JAH');
    expect(await choiceOf('kristi.kivi')).toBe('YES');
    expect(await voteAudits('kristi.kivi')).toBe(3);
  });

  it('one activity delivered twice changes nothing twice, also after a newer click', async () => {
    await deliver('peeter.pold', 'pp0-1', vote('YES'));
    await deliver('peeter.pold', 'pp0-1', vote('YES')); // Teams re-sends the same activity
    expect(await voteAudits('peeter.pold')).toBe(1);
    await deliver('peeter.pold', 'pp0-2', vote('NO'));
    await deliver('peeter.pold', 'pp0-1', vote('YES')); // the first activity once more, late
    expect(await choiceOf('peeter.pold')).toBe('NO');
    expect(await voteAudits('peeter.pold')).toBe(2);
  });

  it('a double click counts a vote once and decides once', async () => {
    const updates = () => rig.app.db.prisma.outboxMessage.count({ where: { kind: 'pollUpdated' } });
    const before = await updates();
    const both = await Promise.all([
      deliver('piret.pihlakas', 'pp-1', vote('NO')),
      deliver('piret.pihlakas', 'pp-2', vote('NO')),
    ]);
    // A vote is answered with a notice; the shared card is redrawn for everyone by the outbox.
    expect(both.map((b) => b.type)).toEqual([
      'application/vnd.microsoft.activity.message',
      'application/vnd.microsoft.activity.message',
    ]);
    expect(both.map((b) => b.value)).toEqual([
      expect.stringContaining('Sinu hääl: EI'),
      expect.stringContaining('Sinu hääl: EI'),
    ]);
    expect(await choiceOf('piret.pihlakas')).toBe('NO');
    expect(await voteAudits('piret.pihlakas')).toBe(1);
    expect(await updates()).toBe(before + 1);
    // The same vote again later (after the double click) is no change either: nothing new to send.
    await deliver('piret.pihlakas', 'pp-3', vote('NO'));
    expect(await voteAudits('piret.pihlakas')).toBe(1);

    // The chair double-clicks "close": one decision; neither click is an error.
    const close = { action: 'poll.close', args: { pollId } }; // the majority: NO (one YES, two NO)
    const closed = await Promise.all([deliver('jaan.tamm', 'jt-1', close), deliver('jaan.tamm', 'jt-2', close)]);
    expect(closed.map((c) => c.type)).toEqual([
      'application/vnd.microsoft.card.adaptive',
      'application/vnd.microsoft.card.adaptive',
    ]);
    for (const c of closed) expect(JSON.stringify(c.value)).toContain('Otsus: EI');
    expect(await rig.app.db.prisma.decision.count({ where: { proposalId, kind: { startsWith: 'committee' } } })).toBe(
      1,
    );
    expect(await rig.app.db.prisma.decision.count({ where: { proposalId, kind: 'committeeNo' } })).toBe(1);
    expect(
      await rig.app.db.prisma.outboxMessage.count({
        where: { kind: 'committeeDecided', payload: { path: ['proposalId'], equals: proposalId } },
      }),
    ).toBe(1);
  });
});
