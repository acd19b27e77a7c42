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
const button = (
  user: string,
  action: string,
  value: string,
  channel: string,
  ts: string,
  extra: Record<string, unknown> = {},
) =>
  slack.interaction({
    type: 'block_actions',
    user: { id: user },
    trigger_id: `t${Math.random()}`,
    channel: { id: channel },
    message: { ts },
    actions: [{ type: 'button', action_id: action, value, action_ts: String(Math.random()) }],
    ...extra,
  });

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
          trigger_id: 't',
          response_url: `${api.url}../link/${channel}`,
          team_id: 'T1',
        }).toString(),
        'application/x-www-form-urlencoded',
      );
      await until(() => api.calls.find((c) => c.method.endsWith(`link/${channel}`)));
    }

    // Eva fills the form in English and submits.
    await slack.command(EVA, '/idee');
    let view = (await until(() => api.of('views.open').at(-1))).params.view;
    expect(view.title.text).toBe('Initiative 1/6');
    const steps: Record<string, unknown>[] = [
      { title: 'Invoice checks', serviceId: 'terk-invoices' },
      { currentSituation: 'Manual checks', problem: 'Slow' },
      { expectedResult: 'Automatic checks', impact: 'All hospitals', alternatives: 'More staff' },
      { budgetEur: '', fundingSource: '', legislationNeed: '', stakeholders: '' },
      { strategicGoals: ['RTA'], strategicGoalNote: '' },
    ];
    for (const values of steps) view = (await slack.submitView(EVA, view, values)).body.view;
    expect((await slack.submitView(EVA, view, {})).body).toEqual({ response_action: 'clear' });
    const confirmation = await until(posted(EVA, 'has been submitted'));
    expect(confirmation.params.text).toContain('Waiting for agreement from Helen Hein');

    // Helen (service manager) agrees in her DM.
    const ask = await until(posted(HELEN, 'agreement_agree'));
    const agree = ask.params.blocks.find((b: any) => b.type === 'actions').elements[0];
    await button(HELEN, 'agreement_agree', agree.value, HELEN, ask.result!.ts);
    await until(() => api.of('chat.update').find((c) => c.params.ts === ask.result!.ts));

    // The TerK board (Helen is on it) sends it on from the board channel's modal.
    const board = await until(posted('CTERK', 'board_open'));
    const proposal = await app.db.prisma.proposal.findFirstOrThrow({ where: { submitterId: 'eva.jarv' } });
    await button(HELEN, 'board_open', proposal.id, 'CTERK', board.result!.ts);
    const modal = (await until(() => api.of('views.open').find((c) => c.params.view.callback_id === 'board_decide')))
      .params.view;
    await slack.submitView(HELEN, modal, {
      rate_expectedResult: 'adequate',
      rate_impact: 'strong',
      rate_priorityFit: 'adequate',
      rate_alternatives: 'weak',
      priority: '4',
      decision: 'send',
    });
    await until(
      async () =>
        (await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status === 'toCommittee' ||
        undefined,
    );

    // The portfolio manager's desk: a meeting, the agenda, the co-thinker round.
    const desk = async (action: string, value: string, values: Record<string, unknown>) => {
      const n = Math.random().toString(36).slice(2);
      await slack.interaction({
        type: 'block_actions',
        user: { id: MARI },
        trigger_id: n,
        response_url: `${api.url}../desk/${n}`,
        channel: { id: 'DMARI' },
        message: { ts: '1.1' },
        state: { values },
        actions: [{ type: 'button', action_id: action, value, action_ts: n }],
      });
      return until(() => api.calls.find((c) => c.method.endsWith(`desk/${n}`)));
    };
    await desk('desk_create_meeting', 'new', {
      new_meeting: {
        domain: { selected_option: { value: 'health' } },
        date: { selected_date: '2027-03-17' },
        time: { selected_time: '11:00' },
      },
    });
    const meeting = await app.db.prisma.meeting.findFirstOrThrow({ where: { domainId: 'health' } });
    await desk('desk_schedule', proposal.id, {
      [`schedule_${proposal.id}`]: { meeting: { selected_option: { value: meeting.id } } },
    });
    await desk('desk_open_round', meeting.id, {});
    const post = await until(posted('CHEALTHCT', 'opinion_open'));
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
    await desk('desk_close_round', meeting.id, {});
    await until(() => api.of('chat.postMessage').find((c) => c.params.thread_ts === post.result!.ts));

    // The poll: Helen votes EI; the portfolio manager closes with the majority.
    await desk('desk_open_poll', proposal.id, {});
    const poll = await until(posted('CHEALTH', 'poll_vote_no'));
    const pollId = poll.params.blocks.find((b: any) => b.type === 'actions').elements[0].value;
    await button(HELEN, 'poll_vote_no', pollId, 'CHEALTH', poll.result!.ts);
    await until(() =>
      api
        .of('chat.update')
        .find((c) => c.params.ts === poll.result!.ts && JSON.stringify(c.params.blocks).includes('EI: 1')),
    );
    await button(MARI, 'poll_close', pollId, 'CHEALTH', poll.result!.ts);
    const close = (await until(() => api.of('views.open').find((c) => c.params.view.callback_id === 'poll_close')))
      .params.view;
    expect((await slack.submitView(MARI, close, { decision: 'NO' })).status).toBe(200);
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
