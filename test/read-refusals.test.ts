// Forged reads through the platforms' own endpoints: a person who takes no part asks for what is not
// theirs by sending a button's data by hand, and is refused politely; nothing of it is shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import { t } from '../src/i18n/catalogue.ts';
import { startSlackRig, until, type SlackRig } from './support/slack-app.ts';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';
import { FULL_FORM } from './support/org.ts';

const ARGUMENT = 'Andmekaitse mõjuhinnang puudub, seepärast toetan tingimustel.';

/** A social proposal by Kristi on the agenda of a meeting, with a co-thinker's argument. */
async function agendaWithOpinion(app: RunningApp): Promise<{ proposalId: string; meetingId: string }> {
  const run = async (actorId: string, command: string, input: object) => {
    const r = await app.engine.run({ command: command as 'submit', actorId, input, platform: 'test' });
    if (!r.ok) throw new Error(`${command} refused: ${r.refusal.key}`);
    return r.value as unknown as Record<string, string>;
  };
  const { proposalId } = await run('peeter.pold', 'createDraft', {
    fields: { ...FULL_FORM, serviceId: 'ska-pensions', title: 'Pensionide salajane liides' },
  });
  await run('peeter.pold', 'submit', { proposalId });
  await run('andres.allik', 'agree', { proposalId });
  await run('kristi.kivi', 'assess', {
    proposalId,
    expectedResult: 'strong',
    impact: 'strong',
    priorityFit: 'adequate',
    alternatives: 'adequate',
  });
  await run('kristi.kivi', 'boardDecide', { proposalId, decision: 'send', priority: 1 });
  const { meetingId } = await run('kadri.kask', 'createMeeting', {
    domainId: 'social',
    startsAt: new Date(app.engine.now().getTime() + 40 * 86400_000).toISOString(),
  });
  await run('kadri.kask', 'schedule', { proposalId: proposalId!, meetingId: meetingId! });
  await run('kadri.kask', 'openRound', { meetingId });
  await run('siim.sepp', 'giveOpinion', {
    proposalId,
    recommendation: 'supportWithConditions',
    argumentation: ARGUMENT,
  });
  return { proposalId: proposalId!, meetingId: meetingId! };
}

describe('Teams: a forged read is refused', () => {
  let rig: TeamsRig;
  beforeAll(async () => {
    rig = await startTeamsRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('the agenda (desk.agenda) is shown only to those who may see it', async () => {
    const { meetingId } = await agendaWithOpinion(rig.app);
    // Eva is a co-thinker of the other domain; Katrin sits on the other committee: the help, told why.
    for (const who of ['eva.jarv', 'katrin.kuusik']) {
      const r = await rig.d.click(who, { action: 'desk.agenda', args: { meetingId } }, `forged-${who}`);
      expect(JSON.stringify(r)).not.toContain(ARGUMENT);
      const locale = rig.app.engine.dir.people.get(who)!.locale;
      expect(r).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      expect(JSON.stringify(r.value).replace(/\\\\/g, '')).toContain(t(locale, 'refusal.notForYou'));
    }
    const manager = await rig.d.click('kadri.kask', { action: 'desk.agenda', args: { meetingId } }, 'agenda-pm');
    expect(JSON.stringify(manager.value)).toContain(ARGUMENT.replace('.', ''));
    // A member of the meeting's committee may read it too (the read policy says so, not the desk).
    const member = await rig.d.click('kristi.kivi', { action: 'desk.agenda', args: { meetingId } }, 'agenda-m');
    expect(JSON.stringify(member.value)).toContain(ARGUMENT.replace('.', ''));
  });

  it("another person's proposal does not open in the form, its summary or its checklist", async () => {
    const { proposalId } = await agendaWithOpinion(rig.app);
    for (const action of ['proposal.edit', 'proposal.summary', 'conditions.show']) {
      const r = await rig.d.click('eva.jarv', { action, args: { proposalId, step: 1 } }, `forged-${action}`);
      expect(JSON.stringify(r), action).not.toContain('Pensionide salajane liides');
      expect(r, action).toMatchObject({
        type: 'application/vnd.microsoft.activity.message',
        value: t('en', 'refusal.notForYou'),
      });
    }
    // A portfolio manager may read it, but it is not theirs to change: not opened in the form.
    const manager = await rig.d.click('kadri.kask', { action: 'proposal.edit', args: { proposalId } }, 'pm-edit');
    expect(JSON.stringify(manager)).not.toContain('Pensionide salajane liides');
    expect(manager.value).toBe(t('et', 'refusal.notFound'));
  });
});

describe('Slack: a forged read is refused', () => {
  let rig: SlackRig;
  beforeAll(async () => {
    rig = await startSlackRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("a summary modal sent with another person's proposal shows nothing of it", async () => {
    const { proposalId } = await agendaWithOpinion(rig.app);
    const view = {
      id: 'V-forged',
      callback_id: 'flow:proposal.submit',
      private_metadata: JSON.stringify({ a: { proposalId }, m: {} }),
      blocks: [],
    };
    const r = await rig.slack.submitView('U0EVA0001', view, {});
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body ?? '')).not.toContain('Pensionide salajane liides');
    const told = await until(() =>
      rig.api.calls.find(
        (c) =>
          ['chat.postMessage', 'chat.postEphemeral'].includes(c.method) && String(c.params.channel) === 'U0EVA0001',
      ),
    );
    expect(told.params.text).toBe(t('en', 'refusal.notForYou'));
  });
});
