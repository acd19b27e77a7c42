// Slack channels through Bolt's receiver: the portfolio manager links channels, the board decides in
// a modal, co-thinkers answer in the post's thread and with the checklist, the committee votes with
// buttons (tally updated in place with chat.update) and the chair closes the poll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { SlackApiStub, SlackCall } from './support/slack-stub.ts';
import { reminderTick } from '../src/engine/reminders.ts';
import { testClock } from './support/clock.ts';
import { startSlackRig, until, type SlackRig } from './support/slack-app.ts';
import type { SlackDriver } from './support/slack-driver.ts';

const U = {
  mari: 'U0MARI001',
  kadri: 'U0KADRI01',
  liis: 'U0LIIS001',
  jaan: 'U0JAAN001',
  kristi: 'U0KRISTI1',
  anu: 'U0ANU0001',
  merike: 'U0MERIKE1',
};
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

/** The ts Slack (the stub) gave a posted message. */
async function tsFor(call: SlackCall): Promise<string> {
  return String(call.result!.ts);
}

describe('Slack channels', () => {
  it('board, co-thinkers and committee in their channels', async () => {
    const e = app.engine;
    // Channels are linked by the portfolio manager only.
    await slack.command(U.liis, '/portfell', 'seo board:SoM', `${api.url}../r/liis`);
    expect((await until(() => api.calls.find((c) => c.method.endsWith('r/liis')))).params.text).toContain(
      'arendusportfellide haldur',
    );
    for (const [channel, target] of [
      ['CBOARD', 'board:SoM'],
      ['CCOTHINK', 'coThinkers:social'],
      ['CCOMMITTEE', 'committee:social'],
    ] as const) {
      const body = new URLSearchParams({
        command: '/portfell',
        text: `seo ${target}`,
        user_id: U.mari,
        channel_id: channel,
        trigger_id: 't',
        response_url: `${api.url}../r/${channel}`,
        team_id: 'T1',
      }).toString();
      await slack.raw(body, 'application/x-www-form-urlencoded');
      expect((await until(() => api.calls.find((c) => c.method.endsWith(`r/${channel}`)))).params.text).toContain(
        'Kanal on seotud',
      );
    }

    const { value } = (await e.run({
      command: 'createDraft',
      actorId: 'kadri.kask',
      input: {
        fields: {
          title: 'STAR-i liides',
          serviceId: 'som-star',
          currentSituation: 'a',
          problem: 'b',
          expectedResult: 'c',
          impact: 'd',
          alternatives: 'e',
        },
      },
    })) as { value: { proposalId: string } };
    await e.run({ command: 'submit', actorId: 'kadri.kask', input: { proposalId: value.proposalId } });
    await e.run({ command: 'agree', actorId: 'liis.lepp', input: { proposalId: value.proposalId } });

    // The board's message; a non-member's decision is refused next to the field; a member decides.
    const boardPost = await until(posted('CBOARD', 'board_open'));
    const boardTs = await tsFor(boardPost);
    await slack.interaction({
      type: 'block_actions',
      user: { id: U.jaan },
      trigger_id: 'tb',
      channel: { id: 'CBOARD' },
      message: { ts: boardTs },
      actions: [{ type: 'button', action_id: 'board_open', value: value.proposalId, action_ts: '1' }],
    });
    const modal = (await until(() => api.of('views.open').find((c) => c.params.view.callback_id === 'board_decide')))
      .params.view;
    const decide = {
      rate_expectedResult: 'strong',
      rate_impact: 'strong',
      rate_priorityFit: 'adequate',
      rate_alternatives: 'adequate',
      priority: '2',
      decision: 'send',
    };
    const refused = await slack.submitView(U.kristi, modal, decide);
    expect(refused.body.response_action).toBe('errors');
    expect(refused.body.errors.decision).toContain('SoM juhtkond');
    const ok = await slack.submitView(U.jaan, modal, decide);
    expect(ok.status).toBe(200);
    expect(ok.body).toBeUndefined();
    const updated = await until(() =>
      api.of('chat.update').find((c) => c.params.channel === 'CBOARD' && c.params.ts === boardTs),
    );
    expect(JSON.stringify(updated.params.blocks)).toContain('saatis juhtkomisjonile');
    expect((await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: value.proposalId } })).status).toBe(
      'toCommittee',
    );

    // The co-thinkers' post; a thread reply and the checklist both become opinions.
    const { value: m } = (await e.run({
      command: 'createMeeting',
      actorId: 'mari.maasikas',
      input: { domainId: 'social', startsAt: '2027-02-10T08:00:00Z' },
    })) as { value: { meetingId: string } };
    await e.run({
      command: 'schedule',
      actorId: 'mari.maasikas',
      input: { proposalId: value.proposalId, meetingId: m.meetingId },
    });
    await e.run({ command: 'openRound', actorId: 'mari.maasikas', input: { meetingId: m.meetingId } });
    const post = await until(posted('CCOTHINK', 'opinion_open'));
    const postTs = await tsFor(post);
    await slack.event({
      type: 'message',
      channel: 'CCOTHINK',
      channel_type: 'channel',
      user: U.anu,
      text: 'Toetan, <@U999> vaadake riske',
      ts: '1700009999.000001',
      thread_ts: postTs,
    });
    await slack.event({
      type: 'message',
      channel: 'CCOTHINK',
      channel_type: 'channel',
      bot_id: 'BBOT',
      user: 'UBOT',
      text: 'bot itself',
      ts: '1700009999.000002',
      thread_ts: postTs,
    });
    const anu = await until(
      async () => (await app.db.prisma.opinion.findFirst({ where: { personId: 'anu.saar' } })) ?? undefined,
    );
    expect((anu.replies as { text: string }[]).map((r) => r.text)).toEqual(['Toetan, <@U999> vaadake riske']);
    await until(() => api.of('chat.postEphemeral').find((c) => c.params.user === U.anu));
    // Anu edits her reply: the edit is recorded too; a deleted message leaves the record as it was.
    await slack.event({
      type: 'message',
      subtype: 'message_changed',
      channel: 'CCOTHINK',
      channel_type: 'channel',
      ts: '1700009999.000003',
      message: {
        user: U.anu,
        text: 'Toetan tingimusel, et riskid on kaetud',
        ts: '1700009999.000001',
        thread_ts: postTs,
      },
    });
    await slack.event({
      type: 'message',
      subtype: 'message_deleted',
      channel: 'CCOTHINK',
      channel_type: 'channel',
      ts: '1700009999.000004',
      deleted_ts: '1700009999.000001',
      previous_message: { user: U.anu, thread_ts: postTs },
    });
    const edited = await until(async () => {
      const o = await app.db.prisma.opinion.findFirst({ where: { personId: 'anu.saar' } });
      return o && (o.replies as unknown[]).length === 2 ? o : undefined;
    });
    expect((edited.replies as { text: string }[])[1]!.text).toBe('Toetan tingimusel, et riskid on kaetud');
    await slack.interaction({
      type: 'block_actions',
      user: { id: U.liis },
      trigger_id: 'to',
      channel: { id: 'CCOTHINK' },
      message: { ts: postTs },
      actions: [{ type: 'button', action_id: 'opinion_open', value: value.proposalId, action_ts: '2' }],
    });
    const om = (await until(() => api.of('views.open').find((c) => c.params.view.callback_id === 'opinion_give')))
      .params.view;
    expect(
      (await slack.submitView(U.liis, om, { recommendation: 'supportWithConditions' })).body.errors.argumentation,
    ).toBe('See väli on kohustuslik.');
    expect(
      (
        await slack.submitView(U.liis, om, {
          recommendation: 'supportWithConditions',
          argumentation: 'Õiguslik alus',
          legislation: 'Määrus',
        })
      ).status,
    ).toBe(200);
    expect(await app.db.prisma.opinion.count()).toBe(2);
    await e.run({ command: 'closeRound', actorId: 'mari.maasikas', input: { meetingId: m.meetingId } });
    const summary = await until(() =>
      api.of('chat.postMessage').find((c) => c.params.channel === 'CCOTHINK' && c.params.thread_ts === postTs),
    );
    expect(summary.params.text).toContain('Kaasamõtlejate kokkuvõte');
    expect(summary.params.text).toContain('&lt;@U999&gt;');

    // The committee's poll: votes by buttons, the tally updated in place, the chair closes.
    const { value: poll } = (await e.run({
      command: 'openPoll',
      actorId: 'mari.maasikas',
      input: { proposalId: value.proposalId },
    })) as { value: { pollId: string } };
    const pollPost = await until(posted('CCOMMITTEE', 'poll_vote_yes'));
    const pollTs = await tsFor(pollPost);
    const click = (user: string, action: string, ts = String(Math.random())) =>
      slack.interaction({
        type: 'block_actions',
        user: { id: user },
        trigger_id: `tp${ts}`,
        channel: { id: 'CCOMMITTEE' },
        message: { ts: pollTs },
        actions: [{ type: 'button', action_id: action, value: poll.pollId, action_ts: ts }],
      });
    await click(U.kristi, 'poll_vote_no');
    await click(U.kristi, 'poll_vote_yes'); // changes her vote
    await click(U.merike, 'poll_vote_yes');
    await click(U.anu, 'poll_vote_yes'); // not on the committee
    const refusedVote = await until(() =>
      api
        .of('chat.postEphemeral')
        .find((c) => c.params.user === U.anu && String(c.params.text).includes('juhtkomisjon')),
    );
    expect(refusedVote.params.text).toContain('Hääletada saavad ainult');
    expect(await app.db.prisma.vote.count({ where: { pollId: poll.pollId } })).toBe(2);
    await until(() =>
      api.of('chat.update').find((c) => c.params.ts === pollTs && JSON.stringify(c.params.blocks).includes('JAH: 2')),
    );
    // "Your vote" goes through the outbox: wait for the second one, then it must be the last she got.
    await until(() =>
      api
        .of('chat.postEphemeral')
        .find((c) => c.params.user === U.kristi && String(c.params.text).includes('Sinu hääl: JAH')),
    );
    expect(
      api
        .of('chat.postEphemeral')
        .filter((c) => c.params.user === U.kristi)
        .at(-1)!.params.text,
    ).toContain('Sinu hääl: JAH');

    await click(U.jaan, 'poll_close');
    const closeModal = (await until(() => api.of('views.open').find((c) => c.params.view.callback_id === 'poll_close')))
      .params.view;
    expect((await slack.submitView(U.kristi, closeModal, { decision: 'YES' })).body.errors.decision).toContain(
      'esimees',
    );
    expect((await slack.submitView(U.jaan, closeModal, { decision: 'YES' })).status).toBe(200);
    await until(() =>
      api
        .of('chat.update')
        .find((c) => c.params.ts === pollTs && JSON.stringify(c.params.blocks).includes('Otsus: JAH')),
    );
    expect((await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: value.proposalId } })).status).toBe(
      'approved',
    );
    for (const c of api.of('chat.postMessage')) expect((c.params.blocks ?? []).length).toBeLessThanOrEqual(50);
  });

  it("the portfolio manager's desk, JAH, KUI with the conditions checklist, resubmission, JAH, status", async () => {
    const e = app.engine;
    const { value } = (await e.run({
      command: 'createDraft',
      actorId: 'kadri.kask',
      input: {
        fields: {
          title: 'Pensionide e-teenus',
          serviceId: 'ska-pensions',
          currentSituation: 'a',
          problem: 'b',
          expectedResult: 'c',
          impact: 'd',
          alternatives: 'e',
        },
      },
    })) as { value: { proposalId: string } };
    await e.run({ command: 'submit', actorId: 'kadri.kask', input: { proposalId: value.proposalId } });
    await e.run({ command: 'agree', actorId: 'andres.allik', input: { proposalId: value.proposalId } });
    await e.run({
      command: 'assess',
      actorId: 'kristi.kivi',
      input: {
        proposalId: value.proposalId,
        expectedResult: 'strong',
        impact: 'strong',
        priorityFit: 'strong',
        alternatives: 'strong',
      },
    });
    await e.run({
      command: 'boardDecide',
      actorId: 'kristi.kivi',
      input: { proposalId: value.proposalId, decision: 'send', priority: 1 },
    });

    // The desk: a new meeting from the date and time pickers, then the proposal onto its agenda.
    const deskClick = async (action: string, actionValue: string, values: Record<string, unknown>, n: string) => {
      await slack.interaction({
        type: 'block_actions',
        user: { id: U.mari },
        trigger_id: `d${n}`,
        response_url: `${api.url}../desk/${n}`,
        channel: { id: 'DMARI' },
        message: { ts: '1.2' },
        state: { values },
        actions: [{ type: 'button', action_id: action, value: actionValue, action_ts: n }],
      });
      return until(() => api.calls.find((c) => c.method.endsWith(`desk/${n}`)));
    };
    await slack.command(U.kadri, '/portfell', 'haldus', `${api.url}../desk/kadri`); // Kadri is a portfolio manager too
    expect(
      JSON.stringify((await until(() => api.calls.find((c) => c.method.endsWith('desk/kadri')))).params.blocks),
    ).toContain('Pensionide e-teenus');
    await slack.command(U.liis, '/portfell', 'haldus', `${api.url}../desk/liis`);
    expect((await until(() => api.calls.find((c) => c.method.endsWith('desk/liis')))).params.text).toContain(
      'arendusportfellide haldur',
    );
    let r = await deskClick(
      'desk_create_meeting',
      'new',
      {
        new_meeting: {
          domain: { selected_option: { value: 'social' } },
          date: { selected_date: '2027-04-14' },
          time: { selected_time: '09:30' },
        },
      },
      '1',
    );
    expect(r.params.text).toContain('Tehtud');
    const meeting = await app.db.prisma.meeting.findFirstOrThrow({
      where: { startsAt: new Date('2027-04-14T06:30:00Z') },
    });
    r = await deskClick(
      'desk_schedule',
      value.proposalId,
      { [`schedule_${value.proposalId}`]: { meeting: { selected_option: { value: meeting.id } } } },
      '2',
    );
    expect(JSON.stringify(r.params.blocks)).toContain('päevakorras');
    r = await deskClick('desk_open_poll', value.proposalId, {}, '3');
    const { id: pollId } = await app.db.prisma.poll.findFirstOrThrow({ where: { proposalId: value.proposalId } });
    await e.run({
      command: 'vote',
      actorId: 'kristi.kivi',
      input: { pollId, choice: 'YES_IF', conditions: 'Kasutajauuring\nKulude jaotus' },
    });
    await e.run({ command: 'closePoll', actorId: 'jaan.tamm', input: { pollId } });

    // The submitter gets the conditions as a checklist in Slack; ticks one, then both, and resubmits.
    const checklist = await until(() =>
      api
        .of('chat.postMessage')
        .find(
          (c) => c.params.channel === U.kadri && JSON.stringify(c.params.blocks ?? []).includes('conditions_resubmit'),
        ),
    );
    const conds = await app.db.prisma.condition.findMany({
      where: { proposalId: value.proposalId },
      orderBy: { position: 'asc' },
    });
    const tick = (ids: string[], action: string, n: string) =>
      slack.interaction({
        type: 'block_actions',
        user: { id: U.kadri },
        trigger_id: `c${n}`,
        channel: { id: U.kadri },
        message: { ts: checklist.result!.ts },
        state: {
          values: { conditions: { met: { type: 'checkboxes', selected_options: ids.map((value) => ({ value })) } } },
        },
        actions: [{ type: 'button', action_id: action, value: value.proposalId, action_ts: n }],
      });
    await tick([conds[0]!.id], 'conditions_resubmit', 'c1');
    const early = await until(() => api.of('chat.update').find((c) => c.params.ts === checklist.result!.ts));
    expect(JSON.stringify(early.params.blocks)).toContain('täitmata: 1');
    await tick([conds[0]!.id, conds[1]!.id], 'conditions_resubmit', 'c2');
    await until(
      async () =>
        (await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: value.proposalId } })).status ===
          'toCommittee' || undefined,
    );

    // Next meeting: JAH; then TEHIK reports the item's status from /portfell staatus.
    await deskClick(
      'desk_create_meeting',
      'new',
      {
        new_meeting: {
          domain: { selected_option: { value: 'social' } },
          date: { selected_date: '2027-07-07' },
          time: { selected_time: '10:00' },
        },
      },
      '4',
    );
    const second = await app.db.prisma.meeting.findFirstOrThrow({
      where: { startsAt: new Date('2027-07-07T07:00:00Z') },
    });
    await deskClick(
      'desk_schedule',
      value.proposalId,
      { [`schedule_${value.proposalId}`]: { meeting: { selected_option: { value: second.id } } } },
      '5',
    );
    await deskClick('desk_open_poll', value.proposalId, {}, '6');
    const poll2 = await app.db.prisma.poll.findFirstOrThrow({
      where: { proposalId: value.proposalId, status: 'open' },
    });
    await e.run({ command: 'vote', actorId: 'merike.mand', input: { pollId: poll2.id, choice: 'YES' } });
    await e.run({ command: 'closePoll', actorId: 'jaan.tamm', input: { pollId: poll2.id } });
    const item = await app.db.prisma.portfolioItem.findFirstOrThrow({ where: { proposalId: value.proposalId } });
    await slack.command('U0SIIM001', '/portfell', 'staatus', `${api.url}../status/0`);
    expect(
      JSON.stringify((await until(() => api.calls.find((c) => c.method.endsWith('status/0')))).params.blocks),
    ).toContain('status_save');
    await slack.interaction({
      type: 'block_actions',
      user: { id: 'U0SIIM001' },
      trigger_id: 's1',
      response_url: `${api.url}../status/1`,
      channel: { id: 'DSIIM' },
      message: { ts: '1.3' },
      state: {
        values: {
          [`status_${item.id}`]: {
            status: { selected_option: { value: 'inProgress' } },
            progress: { selected_option: { value: '60' } },
          },
        },
      },
      actions: [{ type: 'button', action_id: 'status_save', value: item.id, action_ts: 's1' }],
    });
    await until(() => api.calls.find((c) => c.method.endsWith('status/1')));
    expect(await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      status: 'inProgress',
      progress: 60,
    });

    // Three weeks before the next social meeting, TEHIK is asked for the status in a DM.
    await e.run({
      command: 'createMeeting',
      actorId: 'mari.maasikas',
      input: { domainId: 'social', startsAt: '2027-10-06T07:00:00Z' },
    });
    const monitoring = await reminderTick(app.db.prisma, app.engine.dir, new Date('2027-09-20T08:00:00Z'));
    expect(monitoring.statusRequests).toBeGreaterThan(0);
    // The tick ran on a clock months ahead; the outbox worker runs on today's clock.
    await app.db.prisma.outboxMessage.updateMany({
      where: { kind: 'statusRequested' },
      data: { nextAttemptAt: app.engine.now() },
    });
    const ask = await until(() =>
      api
        .of('chat.postMessage')
        .find((c) => c.params.channel === 'U0SIIM001' && JSON.stringify(c.params.blocks ?? []).includes('status_save')),
    );
    expect(JSON.stringify(ask.params.blocks)).toContain('06.10.2027');
  });
});
