// The health domain in Slack alone, in English (Eva reads English): /idee → agreement by DM →
// the TerK board's modal → the portfolio manager's desk → a thread reply → the poll → EI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { SlackApiStub } from './support/slack-stub.ts';
import { testClock } from './support/clock.ts';
import { startSlackRig, until, type SlackRig } from './support/slack-app.ts';
import type { SlackDriver } from './support/slack-driver.ts';

const EVA = 'U0EVA0001';
const HELEN = 'U0HELEN01';
const MARI = 'U0MARI001';
const MARGUS = 'U0MARGUS1';
let app: RunningApp;
let api: SlackApiStub;
let slack: SlackDriver;

const posted = (channel: string, needle: string) => () =>
  api.of('chat.postMessage').find((c) => c.params.channel === channel && JSON.stringify(c.params).includes(needle));
let rig: SlackRig;
beforeAll(async () => {
  rig = await startSlackRig(testClock());
  ({ app, api, slack } = rig);
});
afterAll(async () => {
  await rig?.close();
});

describe('Slack alone, health domain', () => {
  it('from /idee to EI', async () => {
    for (const [channel, target] of [
      ['CTERK', 'board:TerK'],
      ['CHEALTHCT', 'coThinkers:health'],
      ['CHEALTH', 'committee:health'],
    ] as const) {
      await slack.raw(
        new URLSearchParams({
          command: '/portfell',
          text: `seo ${target}`,
          user_id: MARI,
          channel_id: channel,
          trigger_id: `t-${channel}`,
          response_url: `${api.url}../link/${channel}`,
          team_id: 'T1',
        }).toString(),
        'application/x-www-form-urlencoded',
      );
      await until(() => api.calls.find((c) => c.method.endsWith(`link/${channel}`)));
    }

    // Eva fills the form in English and submits: the modal opens at once and is filled when the flow answers.
    await slack.command(EVA, '/idee');
    const filled = (await until(() => api.of('views.update').at(-1))).params;
    expect(api.of('views.open').at(-1)!.result!.view.id).toBe(filled.view_id);
    let view = { ...filled.view, id: filled.view_id };
    expect(view.title.text).toBe('Initiative 1/6');
    const steps: Record<string, unknown>[] = [
      { title: 'Invoice checks', serviceId: 'terk-invoices' },
      { currentSituation: 'Manual checks', problem: 'Slow' },
      { expectedResult: 'Automatic checks', impact: 'All hospitals', alternatives: 'More staff' },
      { budgetEur: '', fundingSource: '', legislationNeed: '', stakeholders: '' },
      { strategicGoals: ['RTA'], strategicGoalNote: '' },
    ];
    for (const values of steps) view = { ...(await slack.submitView(EVA, view, values)).body.view, id: view.id };
    expect(view.callback_id).toBe('flow:proposal.submit');
    // The confirmation is the modal's answer, in English: submitted, and who is next.
    const submitted = (await slack.submitView(EVA, view, {})).body;
    expect(submitted.response_action).toBe('update');
    const confirmation = JSON.stringify(submitted.view.blocks);
    expect(confirmation).toContain('has been submitted');
    expect(confirmation).toContain('Waiting for agreement from Helen Hein');

    // Helen (service manager) agrees in her DM; the request shows the outcome in place.
    const ask = await until(posted(HELEN, 'flow:agreement.agree'));
    await slack.press(HELEN, 'Kooskõlasta', {
      blocks: ask.params.blocks,
      channel: HELEN,
      ts: ask.result!.ts,
      responseUrl: `${api.url}../walk/agree`,
    });
    await until(() => api.calls.find((c) => c.method.endsWith('walk/agree')));
    await until(() => api.of('chat.update').find((c) => c.params.ts === ask.result!.ts));

    // The TerK board (Helen is on it) sends it on from the board's form, opened from the channel.
    const board = await until(posted('CTERK', 'flow:board.show'));
    const proposal = await app.db.prisma.proposal.findFirstOrThrow({ where: { submitterId: 'eva.jarv' } });
    const updates = api.of('views.update').length;
    await slack.press(HELEN, 'Hinda ja otsusta', {
      blocks: board.params.blocks,
      channel: 'CTERK',
      ts: board.result!.ts,
    });
    const modal = (await until(() => api.of('views.update')[updates])).params.view;
    await slack.submitView(HELEN, modal, {
      expectedResult: 'adequate',
      impact: 'strong',
      priorityFit: 'adequate',
      alternatives: 'weak',
      priority: '4',
      decision: 'send',
    });
    await until(
      async () =>
        (await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status === 'toCommittee' ||
        undefined,
    );

    // The portfolio manager's desk (/portfell haldus): a meeting for the committee she chooses, the
    // agenda, the co-thinker round; each button pressed by its text, each answer in words.
    const n0 = `${api.url}../desk/0`;
    await slack.command(MARI, '/portfell', 'haldus', n0);
    const deskMessage = (await until(() => api.calls.find((c) => c.method.endsWith('desk/0')))).params;
    let before = api.calls.length;
    await slack.press(MARI, 'Uus koosolek', {
      blocks: deskMessage.blocks,
      channel: 'DMARI',
      ts: '1.1',
      responseUrl: n0,
    });
    const opened = await until(() => api.calls.slice(before).find((c) => c.method === 'views.open'));
    const viewId = String(opened.result!.view.id);
    const form = await until(() =>
      api.calls.slice(before).find((c) => c.method === 'views.update' && c.params.view_id === viewId),
    );
    const created = await slack.submitView(
      MARI,
      { ...form.params.view, id: viewId },
      {
        domainId: 'health',
        date: '2027-03-17',
        time: '11:00',
      },
    );
    const meeting = await app.db.prisma.meeting.findFirstOrThrow({ where: { domainId: 'health' } });
    expect(meeting.startsAt.toISOString()).toBe('2027-03-17T09:00:00.000Z');
    let desk = { view: { ...created.body.view, id: viewId }, viewId };
    /** Presses a button of the desk (now in the modal); returns the desk as it is redrawn. */
    const press = async (text: string, values: Record<string, unknown> = {}) => {
      before = api.calls.length;
      await slack.press(MARI, text, desk, values);
      const updated = await until(() =>
        api.calls.slice(before).find((c) => c.method === 'views.update' && c.params.view_id === viewId),
      );
      desk = { view: { ...updated.params.view, id: viewId }, viewId };
      return JSON.stringify(updated.params.view);
    };
    expect(await press('Lisa päevakorda', { [`meeting_${proposal.id}`]: meeting.id })).toContain('päevakorras');
    expect(await press('Ava kaasamõtlemine')).toContain('Kaasamõtlemine on avatud');
    const post = await until(posted('CHEALTHCT', 'flow:opinion.show'));
    await slack.event({
      type: 'message',
      channel: 'CHEALTHCT',
      channel_type: 'channel',
      user: MARGUS,
      text: 'Risk: hospitals need time to adapt.',
      ts: '1700001111.000001',
      thread_ts: post.result!.ts,
    });
    await until(() =>
      app.db.prisma.opinion.findFirst({ where: { personId: 'margus.mets' } }).then((o) => o ?? undefined),
    );
    expect(await press('Sulge kaasamõtlemine')).toContain('Kaasamõtlemine on suletud');
    await until(() => api.of('chat.postMessage').find((c) => c.params.thread_ts === post.result!.ts));

    // The poll: Helen votes EI; the portfolio manager closes with the majority.
    expect(await press(`Ava hääletus: nr ${proposal.number}`)).toContain('Hääletus on avatud');
    const poll = await until(posted('CHEALTH', 'flow:poll.vote'));
    const at = { blocks: poll.params.blocks, channel: 'CHEALTH', ts: String(poll.result!.ts) };
    await slack.press(HELEN, 'EI', { ...at, responseUrl: `${api.url}../vote/helen` });
    expect((await until(() => api.calls.find((c) => c.method.endsWith('vote/helen')))).params.text).toContain(
      'Sinu hääl: EI',
    );
    await until(() =>
      api
        .of('chat.update')
        .find((c) => c.params.ts === poll.result!.ts && JSON.stringify(c.params.blocks).includes('EI: 1')),
    );
    await slack.press(MARI, 'Sulge hääletus…', at);
    const closing = (
      await until(() => api.of('views.update').find((c) => c.params.view.callback_id === 'flow:poll.close'))
    ).params;
    expect((await slack.submitView(MARI, { ...closing.view, id: closing.view_id }, { decision: 'NO' })).status).toBe(
      200,
    );
    await until(() =>
      api
        .of('chat.update')
        .find((c) => c.params.ts === poll.result!.ts && JSON.stringify(c.params.blocks).includes('Otsus: EI')),
    );
    expect((await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe('rejected');
    const told = await until(posted(EVA, 'decision on initiative'));
    expect(told.params.text).toContain('NO');
  });
});
