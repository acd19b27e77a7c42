// What a submitter does, through both platforms' real endpoints, by the buttons' visible labels: a
// proposal returned for changes is opened from "Minu algatused" (Teams) and from the notice (Slack),
// edited and submitted again; a JAH, KUI decision's conditions are ticked, saved and the proposal sent
// to a committee again, from the checklist the submitter is sent, on each platform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBothRig, type BothRig } from './support/both-rig.ts';
import { until } from './support/slack-app.ts';
import { cardOf, type SentActivity } from './support/connector-stub.ts';
import { buttonOf, initialValues } from './support/slack-driver.ts';

const json = (x: unknown) => JSON.stringify(x);
const SLACK_MARI = 'U0MARI001';
let rig: BothRig;

beforeAll(async () => {
  rig = await startBothRig();
});
afterAll(async () => {
  await rig?.close();
});

const fields = (title: string, serviceId: string) => ({
  title,
  serviceId,
  currentSituation: 'Käsitsi',
  problem: 'Aeglane',
  expectedResult: 'Kiire',
  impact: 'Suur',
  alternatives: 'Ei ole',
});

/** A proposal by `submitter`, submitted and returned by the policy manager with a comment. */
async function returned(submitter: string, title: string): Promise<string> {
  const { proposalId } = await rig.run(submitter, 'createDraft', { fields: fields(title, 'som-star') });
  await rig.run(submitter, 'submit', { proposalId });
  await rig.run('liis.lepp', 'returnForChanges', { proposalId, comment: 'Lisa eelarve.' });
  return proposalId;
}

/** A proposal by `submitter` that the committee decided JAH, KUI with two conditions. */
async function withConditions(submitter: string, title: string): Promise<string> {
  const { proposalId } = await rig.run(submitter, 'createDraft', { fields: fields(title, 'ska-pensions') });
  await rig.run(submitter, 'submit', { proposalId });
  await rig.run('andres.allik', 'agree', { proposalId });
  await rig.run('kristi.kivi', 'assess', {
    proposalId,
    expectedResult: 'strong',
    impact: 'strong',
    priorityFit: 'strong',
    alternatives: 'strong',
  });
  await rig.run('kristi.kivi', 'boardDecide', { proposalId, decision: 'send', priority: 1 });
  const startsAt = new Date(rig.app.engine.now().getTime() + 40 * 86_400_000).toISOString();
  const { meetingId } = await rig.run('mari.maasikas', 'createMeeting', { domainId: 'social', startsAt });
  await rig.run('mari.maasikas', 'schedule', { proposalId, meetingId });
  const { pollId } = await rig.run('mari.maasikas', 'openPoll', { proposalId });
  await rig.run('kristi.kivi', 'vote', { pollId, choice: 'YES_IF', conditions: 'Kasutajauuring\nKulude jaotus' });
  await rig.run('jaan.tamm', 'closePoll', { pollId });
  return proposalId;
}

const status = async (id: string) => (await rig.app.db.prisma.proposal.findUniqueOrThrow({ where: { id } })).status;
const teamsSaw = (person: string, needle: string) => (s: SentActivity) =>
  s.conversationId === `a:chat-${person}` && json(s.body).includes(needle);

describe('a returned proposal is edited and submitted again', () => {
  it('Teams: from "Minu algatused", its button opens the form with why it came back; resubmitted in the same words as Slack', async () => {
    const d = rig.teams;
    await d.say('kadri.kask', 'tere');
    const id = await returned('kadri.kask', 'Teamsis tagastatud');
    await d.say('kadri.kask', 'minu algatused');
    const list = await rig.stub.waitFor(
      (s) => teamsSaw('kadri.kask', 'Minu arendusalgatused')(s) && json(s.body).includes('Teamsis tagastatud'),
    );
    expect(json(cardOf(list))).toContain('tagastatud muutmiseks — Tee muudatused ja esita uuesti.');
    let r = await d.press('kadri.kask', cardOf(list), 'Muuda ja esita uuesti', {}, list.id);
    expect(json(r.value)).toContain('samm 1/6');
    expect(json(r.value)).toContain('Lisa eelarve.');
    for (let step = 0; step < 3; step += 1) r = await d.press('kadri.kask', r.value, 'Edasi');
    r = await d.press('kadri.kask', r.value, 'Edasi', { budgetEur: '50 000' });
    r = await d.press('kadri.kask', r.value, 'Edasi');
    expect(json(r.value)).toContain('Kontrolli ja esita');
    r = await d.press('kadri.kask', r.value, 'Esita');
    const number = (await rig.app.db.prisma.proposal.findUniqueOrThrow({ where: { id } })).number;
    expect(json(r.value)).toContain(`Arendusalgatus nr ${number} on muudetuna uuesti esitatud.`);
    expect(json(r.value)).toContain('Etapp: kooskõlastamisel. Ootab kooskõlastust: Liis Lepp.');
    expect(await status(id)).toBe('agreement');
    expect((await rig.app.db.prisma.proposal.findUniqueOrThrow({ where: { id } })).budgetEur).toBe(50000);
  });

  it("Slack: the notice's button opens the form in a modal; resubmitted, the modal says so", async () => {
    const id = await returned('mari.maasikas', 'Slackis tagastatud');
    const notice = await until(() =>
      rig.api
        .of('chat.postMessage')
        .find((c) => c.params.channel === SLACK_MARI && json(c.params).includes('Lisa eelarve.')),
    );
    const updates = rig.api.of('views.update').length;
    await rig.slack.press(SLACK_MARI, 'Muuda ja esita uuesti', {
      blocks: notice.params.blocks,
      channel: SLACK_MARI,
      ts: notice.result!.ts,
    });
    const opened = await until(() => rig.api.of('views.update')[updates]);
    const viewId: string = opened.params.view_id;
    let hashes = 0;
    let view: any = { ...opened.params.view, id: viewId, hash: `h${++hashes}` };
    expect(view.title.text).toBe('Arendusalgatus 1/6');
    expect(json(view.blocks)).toContain('Lisa eelarve.');
    const send = async (changes: Record<string, unknown> = {}) => {
      const r = await rig.slack.submitView(SLACK_MARI, view, { ...initialValues(view.blocks), ...changes });
      expect(r.body.response_action).toBe('update');
      view = { ...r.body.view, id: viewId, hash: `h${++hashes}` };
    };
    for (let step = 0; step < 3; step += 1) await send();
    await send({ budgetEur: '60 000' });
    await send();
    expect(view.callback_id).toBe('flow:proposal.submit');
    await send();
    const number = (await rig.app.db.prisma.proposal.findUniqueOrThrow({ where: { id } })).number;
    expect(json(view.blocks)).toContain(`Arendusalgatus nr ${number} on muudetuna uuesti esitatud.`);
    expect(json(view.blocks)).toContain('Etapp: kooskõlastamisel. Ootab kooskõlastust: Liis Lepp.');
    expect(buttonOf(view.blocks, 'Minu algatused').action_id).toMatch(/^flow:proposal\.mine#/);
    expect(await status(id)).toBe('agreement');
    expect((await rig.app.db.prisma.proposal.findUniqueOrThrow({ where: { id } })).budgetEur).toBe(60000);
  });
});

describe('JAH, KUI: the submitter ticks off the conditions and sends it to a committee again', () => {
  it('Teams: the checklist card saves the ticks, refuses while one is open, then resubmits', async () => {
    const d = rig.teams;
    const id = await withConditions('kadri.kask', 'Teamsi tingimused');
    const checklist = await rig.stub.waitFor(teamsSaw('kadri.kask', 'Esita uuesti juhtkomisjonile'));
    const conds = await rig.app.db.prisma.condition.findMany({
      where: { proposalId: id },
      orderBy: { position: 'asc' },
    });
    const tick = (a: boolean, b: boolean) => ({
      [`cond_${conds[0]!.id}`]: String(a),
      [`cond_${conds[1]!.id}`]: String(b),
    });
    let r = await d.press('kadri.kask', cardOf(checklist), 'Salvesta', tick(true, false), checklist.id);
    expect(json(r.value)).toContain('Täitmata tingimusi: 1.');
    r = await d.press('kadri.kask', r.value, 'Esita uuesti juhtkomisjonile', tick(true, false), checklist.id);
    expect(json(r.value)).toContain('täitmata: 1');
    expect(await status(id)).toBe('conditions');
    // "Minu algatused" offers the same checklist.
    await d.say('kadri.kask', 'minu algatused');
    const list = await rig.stub.waitFor(
      (s) => teamsSaw('kadri.kask', 'Minu arendusalgatused')(s) && json(s.body).includes('Teamsi tingimused'),
    );
    const shown = await d.press('kadri.kask', cardOf(list), 'Tingimused', {}, list.id);
    expect(json(shown.value)).toContain('"value":"true"'); // the saved tick
    r = await d.press('kadri.kask', shown.value, 'Esita uuesti juhtkomisjonile', tick(true, true), list.id);
    expect(json(r.value)).toContain('on tingimused täitnud ja esitatud uuesti juhtkomisjonile');
    expect(await status(id)).toBe('toCommittee');
  });

  it('Slack: the checklist message is answered in place: saved, refused while one is open, resubmitted', async () => {
    const id = await withConditions('mari.maasikas', 'Slacki tingimused');
    const checklist = await until(() =>
      rig.api
        .of('chat.postMessage')
        .find(
          (c) =>
            c.params.channel === SLACK_MARI &&
            json(c.params).includes('Slacki tingimused') &&
            json(c.params).includes('Esita uuesti juhtkomisjonile'),
        ),
    );
    const conds = await rig.app.db.prisma.condition.findMany({
      where: { proposalId: id },
      orderBy: { position: 'asc' },
    });
    let shown = checklist.params.blocks;
    const press = async (label: string, met: string[], n: string) => {
      const responseUrl = `${rig.api.url}../cond/${n}`;
      const values = Object.fromEntries(conds.map((c) => [`cond_${c.id}`, met.includes(c.id) ? ['true'] : []]));
      await rig.slack.press(
        SLACK_MARI,
        label,
        { blocks: shown, channel: SLACK_MARI, ts: checklist.result!.ts, responseUrl },
        values,
      );
      const answer = await until(() => rig.api.calls.find((c) => c.method.endsWith(`cond/${n}`)));
      expect(answer.params.replace_original).toBe(true);
      shown = answer.params.blocks;
      return json(shown);
    };
    expect(await press('Salvesta', [conds[0]!.id], 's1')).toContain('Täitmata tingimusi: 1.');
    expect((await rig.app.db.prisma.condition.findUniqueOrThrow({ where: { id: conds[0]!.id } })).metAt).not.toBeNull();
    expect(await press('Esita uuesti juhtkomisjonile', [conds[0]!.id], 's2')).toContain('täitmata: 1');
    expect(await status(id)).toBe('conditions');
    expect(await press('Esita uuesti juhtkomisjonile', [conds[0]!.id, conds[1]!.id], 's3')).toContain(
      'on tingimused täitnud ja esitatud uuesti juhtkomisjonile',
    );
    expect(await status(id)).toBe('toCommittee');
  });
});
