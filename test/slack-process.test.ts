// Slack channels through Bolt's receiver: the portfolio manager links channels, the board decides in
// a modal, co-thinkers answer in the post's thread and with the checklist, the committee votes with
// buttons (tally updated in place with chat.update) and the chair closes the poll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { SlackApiStub, SlackCall } from './support/slack-stub.ts';
import { reminderTick } from '../src/engine/reminders.ts';
import { testClock } from './support/clock.ts';
import { startSlackRig, until, type SlackRig } from './support/slack-app.ts';
import { buttonOf, type SlackDriver } from './support/slack-driver.ts';
import { EXAMPLE_FORM } from './support/org.ts';

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
    const byLiis = new URLSearchParams({
      command: '/portfell',
      text: 'seo board:SoM',
      user_id: U.liis,
      channel_id: 'CBOARD',
      trigger_id: 't-liis',
      response_url: `${api.url}../r/liis`,
      team_id: 'T1',
    }).toString();
    await slack.raw(byLiis, 'application/x-www-form-urlencoded');
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
        trigger_id: `t-${channel}`,
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
          ...EXAMPLE_FORM,
        },
      },
    })) as { value: { proposalId: string } };
    await e.run({ command: 'submit', actorId: 'kadri.kask', input: { proposalId: value.proposalId } });
    await e.run({ command: 'agree', actorId: 'liis.lepp', input: { proposalId: value.proposalId } });

    // The board's message opens the board's form (the four criteria required). A non-member is refused;
    // a criterion left out is named beside that criterion (not under the decision); a member decides.
    const boardPost = await until(posted('CBOARD', 'flow:board.show'));
    const boardTs = await tsFor(boardPost);
    const boardUpdates = api.of('views.update').length;
    await slack.press(U.jaan, 'Hinda ja otsusta', { blocks: boardPost.params.blocks, channel: 'CBOARD', ts: boardTs });
    const boardForm = (await until(() => api.of('views.update')[boardUpdates])).params.view;
    expect(boardForm.callback_id).toBe('flow:board.decide');
    for (const c of ['expectedResult', 'impact', 'priorityFit', 'alternatives'])
      expect(boardForm.blocks.find((b: { block_id?: string }) => b.block_id === c).optional, c).toBe(false);
    const decide = {
      expectedResult: 'strong',
      impact: 'strong',
      priorityFit: 'adequate',
      alternatives: 'adequate',
      priority: '2',
      decision: 'send',
    };
    const notMember = await slack.submitView(U.kristi, boardForm, decide);
    expect(notMember.body.response_action).toBe('errors');
    expect(Object.values(notMember.body.errors).join(' ')).toContain('SoM juhtkond');
    const unrated = await slack.submitView(U.jaan, boardForm, { ...decide, impact: undefined });
    expect(unrated.body.response_action).toBe('update');
    const formBlocks = unrated.body.view.blocks as { block_id?: string; type: string }[];
    const impactAt = formBlocks.findIndex((b) => b.block_id === 'impact');
    expect(JSON.stringify(formBlocks[impactAt + 1])).toContain('juhtkomisjonile saatmiseks on hinnang kohustuslik');
    const decisionAt = formBlocks.findIndex((b) => b.block_id === 'decision');
    expect(JSON.stringify(formBlocks[decisionAt + 1])).not.toContain('kohustuslik');
    expect(await app.db.prisma.boardAssessment.count()).toBe(0);
    const decided = await slack.submitView(U.jaan, unrated.body.view, decide);
    expect(decided.status).toBe(200);
    expect(decided.body.response_action).toBe('update');
    expect(JSON.stringify(decided.body.view)).toContain('saatis juhtkomisjonile');
    // The channel's message shows the decision, with no button left.
    const updated = await until(() =>
      api.of('chat.update').find((c) => c.params.channel === 'CBOARD' && c.params.ts === boardTs),
    );
    expect(JSON.stringify(updated.params.blocks)).toContain('saatis juhtkomisjonile');
    expect(JSON.stringify(updated.params.blocks)).not.toContain('flow:board.');
    expect((await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: value.proposalId } })).status).toBe(
      'toCommittee',
    );
    // The portfolio manager's App Home shows it waiting for her agenda, with the desk's button.
    await slack.event({ type: 'app_home_opened', user: U.mari, tab: 'home', channel: 'DMARI' });
    const pmHome = await until(() => api.of('views.publish').find((c) => c.params.user_id === U.mari));
    expect(JSON.stringify(pmHome.params.view)).toContain('STAR-i liides');
    expect(JSON.stringify(pmHome.params.view)).toContain('Ootab juhtkomisjoni päevakorda panemist.');
    expect(buttonOf(pmHome.params.view.blocks, 'Haldus').action_id).toMatch(/^flow:desk\.show#/);

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
    const post = await until(posted('CCOTHINK', 'flow:opinion.show'));
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
    // The checklist: "Anna arvamus" opens it as a modal; a missing argumentation is said beside it.
    await slack.press(U.liis, 'Anna arvamus', { blocks: post.params.blocks, channel: 'CCOTHINK', ts: postTs });
    const opened = (
      await until(() => api.of('views.update').find((c) => c.params.view.callback_id === 'flow:opinion.give'))
    ).params;
    const om = { ...opened.view, id: opened.view_id };
    expect(JSON.stringify(om.blocks)).toContain('Tehniline teostatavus');
    const missing = await slack.submitView(U.liis, om, { recommendation: 'supportWithConditions' });
    expect(missing.body.response_action).toBe('update');
    expect(JSON.stringify(missing.body.view.blocks)).toContain('See väli on kohustuslik.');
    const given = await slack.submitView(U.liis, om, {
      recommendation: 'supportWithConditions',
      argumentation: 'Õiguslik alus',
      legislation: 'Määrus',
    });
    expect(given.status).toBe(200);
    expect(JSON.stringify(given.body.view.blocks)).toContain('Muuda arvamust');
    expect(await app.db.prisma.opinion.count()).toBe(2);
    // …and Liis is told in the channel that it was saved (through the outbox, as after a thread reply).
    await until(() =>
      api
        .of('chat.postEphemeral')
        .find(
          (c) => c.params.user === U.liis && c.params.channel === 'CCOTHINK' && String(c.params.text).includes('Aitäh'),
        ),
    );
    await e.run({ command: 'closeRound', actorId: 'mari.maasikas', input: { meetingId: m.meetingId } });
    const summary = await until(() =>
      api.of('chat.postMessage').find((c) => c.params.channel === 'CCOTHINK' && c.params.thread_ts === postTs),
    );
    expect(summary.params.text).toContain('Kaasamõtlejate kokkuvõte');
    expect(JSON.stringify(summary.params.blocks)).toContain('&lt;@U999&gt;');
    expect(JSON.stringify(summary.params.blocks)).toContain('Õiguslik alus'); // Liis's argumentation

    // The committee's poll: votes by buttons, the tally updated in place, the chair closes.
    const { value: poll } = (await e.run({
      command: 'openPoll',
      actorId: 'mari.maasikas',
      input: { proposalId: value.proposalId },
    })) as { value: { pollId: string } };
    const pollPost = await until(posted('CCOMMITTEE', 'flow:poll.vote'));
    const pollTs = await tsFor(pollPost);
    // A vote is answered to the voter alone (the click's response_url); the message is redrawn for all.
    const vote = async (user: string, label: string, n: string) => {
      const responseUrl = `${api.url}../vote/${n}`;
      await slack.press(user, label, {
        blocks: pollPost.params.blocks,
        channel: 'CCOMMITTEE',
        ts: pollTs,
        responseUrl,
      });
      const answer = await until(() => api.calls.find((c) => c.method.endsWith(`vote/${n}`)));
      expect(answer.params.response_type).toBe('ephemeral');
      return String(answer.params.text);
    };
    expect(await vote(U.kristi, 'EI', 'k1')).toContain('Sinu hääl: EI');
    expect(await vote(U.kristi, 'JAH', 'k2')).toContain('Sinu hääl: JAH'); // changes her vote
    expect(await vote(U.merike, 'JAH', 'm1')).toContain('Sinu hääl: JAH');
    expect(await vote(U.anu, 'JAH', 'a1')).toContain('Hääletada saavad ainult'); // not on the committee
    expect(await app.db.prisma.vote.count({ where: { pollId: poll.pollId } })).toBe(2);
    await until(() =>
      api.of('chat.update').find((c) => c.params.ts === pollTs && JSON.stringify(c.params.blocks).includes('JAH: 2')),
    );

    await slack.press(U.jaan, 'Sulge hääletus…', { blocks: pollPost.params.blocks, channel: 'CCOMMITTEE', ts: pollTs });
    const closing = (
      await until(() => api.of('views.update').find((c) => c.params.view.callback_id === 'flow:poll.close'))
    ).params;
    const closeModal = { ...closing.view, id: closing.view_id };
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

    // The desk: /portfell haldus; a new meeting from its form (the committee chosen, the date and time
    // pickers), then the proposal onto its agenda. Every answer says what happened in words.
    const deskOf = async (user: string, n: string) => {
      await slack.command(user, '/portfell', 'haldus', `${api.url}../desk/${n}`);
      return (await until(() => api.calls.find((c) => c.method.endsWith(`desk/${n}`)))).params;
    };
    /** Presses a button of the desk message: a form opens in a modal, filled in once ready. */
    const openForm = async (blocks: any[], text: string, n: string) => {
      const before = api.calls.length;
      await slack.press(U.mari, text, { blocks, channel: 'DMARI', ts: '1.2', responseUrl: `${api.url}../desk/${n}` });
      const opened = await until(() => api.calls.slice(before).find((c) => c.method === 'views.open'));
      const viewId = String(opened.result!.view.id);
      const filled = await until(() =>
        api.calls.slice(before).find((c) => c.method === 'views.update' && c.params.view_id === viewId),
      );
      return { view: { ...filled.params.view, id: viewId }, viewId };
    };
    /** Presses a button in a modal; returns the modal as it is updated. */
    const pressIn = async (m: { view: any; viewId: string }, text: string, values: Record<string, unknown> = {}) => {
      const before = api.calls.length;
      await slack.press(U.mari, text, m, values);
      const updated = await until(() =>
        api.calls.slice(before).find((c) => c.method === 'views.update' && c.params.view_id === m.viewId),
      );
      return { view: { ...updated.params.view, id: m.viewId }, viewId: m.viewId };
    };
    expect(JSON.stringify((await deskOf(U.kadri, 'kadri')).blocks)).toContain('Pensionide e-teenus'); // Kadri is a portfolio manager too
    expect(JSON.stringify(await deskOf(U.liis, 'liis'))).toContain('arendusportfellide haldur');
    const form = await openForm((await deskOf(U.mari, '0')).blocks, 'Uus koosolek', '1');
    const created = await slack.submitView(U.mari, form.view, {
      domainId: 'social',
      date: '2027-04-14',
      time: '09:30',
      extraordinary: [],
    });
    expect(created.body.response_action).toBe('update');
    expect(JSON.stringify(created.body.view)).toContain('Koosolek lisatud');
    expect(JSON.stringify(created.body.view)).not.toContain('Tehtud');
    const meeting = await app.db.prisma.meeting.findFirstOrThrow({
      where: { startsAt: new Date('2027-04-14T06:30:00Z') },
    });
    expect(meeting.extraordinary).toBe(false);
    let m = await pressIn({ view: { ...created.body.view, id: form.viewId }, viewId: form.viewId }, 'Lisa päevakorda', {
      [`meeting_${value.proposalId}`]: meeting.id,
    });
    expect(JSON.stringify(m.view)).toContain('päevakorras');
    const { number } = await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: value.proposalId } });
    m = await pressIn(m, `Ava hääletus: nr ${number}`);
    expect(JSON.stringify(m.view)).toContain('Hääletus on avatud');
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
          (c) =>
            c.params.channel === U.kadri &&
            JSON.stringify(c.params.blocks ?? []).includes('Esita uuesti juhtkomisjonile'),
        ),
    );
    const conds = await app.db.prisma.condition.findMany({
      where: { proposalId: value.proposalId },
      orderBy: { position: 'asc' },
    });
    // Each answer replaces the checklist message (its response_url); the toggles are its input blocks.
    let shown = checklist.params.blocks as any[];
    const tick = async (ids: string[], button: string, n: string) => {
      const responseUrl = `${api.url}../cond/${n}`;
      const values = Object.fromEntries(conds.map((c) => [`cond_${c.id}`, ids.includes(c.id) ? ['true'] : []]));
      await slack.press(
        U.kadri,
        button,
        { blocks: shown, channel: U.kadri, ts: checklist.result!.ts, responseUrl },
        values,
      );
      const answer = await until(() => api.calls.find((c) => c.method.endsWith(`cond/${n}`)));
      expect(answer.params.replace_original).toBe(true);
      shown = answer.params.blocks;
      return JSON.stringify(answer.params.blocks);
    };
    expect(await tick([conds[0]!.id], 'Salvesta', 'c0')).toContain('Täitmata tingimusi: 1.');
    expect(await tick([conds[0]!.id], 'Esita uuesti juhtkomisjonile', 'c1')).toContain('täitmata: 1');
    expect(await tick([conds[0]!.id, conds[1]!.id], 'Esita uuesti juhtkomisjonile', 'c2')).toContain(
      'esitatud uuesti juhtkomisjonile',
    );
    await until(
      async () =>
        (await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: value.proposalId } })).status ===
          'toCommittee' || undefined,
    );

    // Next meeting: JAH; then TEHIK reports the item's status from /portfell staatus.
    const form2 = await openForm((await deskOf(U.mari, '4')).blocks, 'Uus koosolek', '5');
    const created2 = await slack.submitView(
      U.mari,
      { ...form2.view, id: 'V-second' },
      {
        domainId: 'social',
        date: '2027-07-07',
        time: '10:00',
      },
    );
    const second = await app.db.prisma.meeting.findFirstOrThrow({
      where: { startsAt: new Date('2027-07-07T07:00:00Z') },
    });
    m = await pressIn({ view: { ...created2.body.view, id: form2.viewId }, viewId: form2.viewId }, 'Lisa päevakorda', {
      [`meeting_${value.proposalId}`]: second.id,
    });
    await pressIn(m, `Ava hääletus: nr ${number}`);
    const poll2 = await app.db.prisma.poll.findFirstOrThrow({
      where: { proposalId: value.proposalId, status: 'open' },
    });
    await e.run({ command: 'vote', actorId: 'merike.mand', input: { pollId: poll2.id, choice: 'YES' } });
    await e.run({ command: 'closePoll', actorId: 'jaan.tamm', input: { pollId: poll2.id } });
    const item = await app.db.prisma.portfolioItem.findFirstOrThrow({ where: { proposalId: value.proposalId } });
    await slack.command('U0SIIM001', '/portfell', 'staatus', `${api.url}../status/0`);
    const statusList = (await until(() => api.calls.find((c) => c.method.endsWith('status/0')))).params;
    // The item's own button (the first meeting's item is in the portfolio too).
    const update = statusList.blocks
      .flatMap((b: any) => b.elements ?? [])
      .find((el: any) => el.text?.text === 'Uuenda staatust' && JSON.parse(el.value).itemId === item.id);
    const before = api.calls.length;
    await slack.interaction({
      type: 'block_actions',
      user: { id: 'U0SIIM001' },
      trigger_id: 's1',
      response_url: `${api.url}../status/1`,
      channel: { id: 'DSIIM' },
      message: { ts: '1.3' },
      actions: [{ type: 'button', action_id: update.action_id, value: update.value, action_ts: 's1' }],
    });
    const opened = await until(() => api.calls.slice(before).find((c) => c.method === 'views.open'));
    const statusForm = await until(() =>
      api.calls.slice(before).find((c) => c.method === 'views.update' && c.params.view_id === opened.result!.view.id),
    );
    const savedStatus = await slack.submitView('U0SIIM001', statusForm.params.view, {
      status: 'inProgress',
      progress: '60',
    });
    expect(JSON.stringify(savedStatus.body.view)).toContain('Staatus salvestatud');
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
        .find(
          (c) => c.params.channel === 'U0SIIM001' && JSON.stringify(c.params.blocks ?? []).includes('flow:status.form'),
        ),
    );
    expect(JSON.stringify(ask.params.blocks)).toContain('06.10.2027');
  });
});
