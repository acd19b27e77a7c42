// The calendar and absence screens in Slack, through Bolt's receiver with signed requests:
// /portfell kalender (default meetings, moving one, an extraordinary request and its acceptance) and
// /portfell asendaja (naming, a refused person, ending); reminders and summaries in et and en.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import { enqueue } from '../src/storage/outbox.ts';
import { blockKitProblems } from './support/block-kit.ts';
import { testClock } from './support/clock.ts';
import { startSlackRig, until, type SlackRig } from './support/slack-app.ts';
import type { SlackApiStub } from './support/slack-stub.ts';
import type { SlackDriver } from './support/slack-driver.ts';

const U = {
  mari: 'U0MARI001',
  kristi: 'U0KRISTI1',
  siim: 'U0SIIM001',
  andres: 'U0ANDRES1',
  toomas: 'U0TOOMAS1',
  jaan: 'U0JAAN001',
  eva: 'U0EVA0001',
};
let app: RunningApp;
let api: SlackApiStub;
let slack: SlackDriver;
let rig: SlackRig;
let n = 0;
beforeAll(async () => {
  rig = await startSlackRig(testClock());
  ({ app, api, slack } = rig);
});
afterAll(async () => {
  await rig?.close();
});

const json = (x: unknown) => JSON.stringify(x);
/** Posts a slash command; returns what the bot answered at the response URL. */
async function command(user: string, text: string) {
  const url = `${api.url}../resp/${++n}`;
  await slack.command(user, '/portfell', text, url);
  const r = await until(() => api.calls.find((c) => c.method.endsWith(`resp/${n}`)));
  expect(blockKitProblems((r.params.blocks ?? []) as unknown[])).toEqual([]);
  return r.params;
}
/** Clicks a button with the message's state; returns the redrawn message. */
async function click(
  user: string,
  actionId: string,
  value: string,
  values: Record<string, Record<string, unknown>> = {},
) {
  const url = `${api.url}../resp/${++n}`;
  await slack.interaction({
    type: 'block_actions',
    user: { id: user },
    trigger_id: `t${n}`,
    response_url: url,
    channel: { id: `D${user}` },
    message: { ts: `${n}.0` },
    state: { values },
    actions: [{ type: 'button', action_id: actionId, value, action_ts: `a${n}` }],
  });
  const r = await until(() => api.calls.find((c) => c.method.endsWith(`resp/${n}`)));
  expect(blockKitProblems((r.params.blocks ?? []) as unknown[])).toEqual([]);
  return r.params;
}

describe('calendar and substitutes in Slack', () => {
  it('default meetings, a meeting moved, an extraordinary meeting requested and dated', async () => {
    expect(json(await command(U.mari, 'kalender'))).toContain('calendar_plan');
    expect((await click(U.mari, 'calendar_plan', 'social')).text).toContain('vaikimisi koosolekud lisatud (4)');
    const first = await app.db.prisma.meeting.findFirstOrThrow({
      where: { domainId: 'social' },
      orderBy: { startsAt: 'asc' },
    });

    // Not the portfolio manager: refused, nothing moves.
    const refused = await click(U.siim, 'calendar_move', first.id, {
      [`move_${first.id}`]: { date: { selected_date: '2030-02-14' }, time: { selected_time: '10:00' } },
    });
    expect(refused.text).toContain('arendusportfellide haldur');
    expect((await app.db.prisma.meeting.findUniqueOrThrow({ where: { id: first.id } })).startsAt).toEqual(
      first.startsAt,
    );
    // No date picked: told so.
    expect((await click(U.mari, 'calendar_move', first.id, {})).text).toContain('Kuupäev');

    const moved = await click(U.mari, 'calendar_move', first.id, {
      [`move_${first.id}`]: { date: { selected_date: '2030-02-14' }, time: { selected_time: '13:00' } },
    });
    expect(moved.text).toContain('liikusid kaasa');
    expect((await app.db.prisma.meeting.findUniqueOrThrow({ where: { id: first.id } })).startsAt.toISOString()).toBe(
      '2030-02-14T11:00:00.000Z',
    );
    expect(json(moved.blocks)).toContain('24.01.2030'); // the round opens three weeks before

    expect(json(await command(U.kristi, 'calendar'))).toContain('calendar_request');
    const sent = await click(U.kristi, 'calendar_request', 'new', {
      request: { domain: { selected_option: { value: 'social' } } },
      request_reason: { reason: { value: 'Andmekaitse intsident' } },
    });
    expect(sent.text).toContain('ettepanek saadetud');
    const request = await app.db.prisma.meetingRequest.findFirstOrThrow();
    expect(json(await command(U.mari, 'kalender'))).toContain('Andmekaitse intsident');
    const accepted = await click(U.mari, 'calendar_accept', request.id, {
      [`accept_${request.id}`]: { date: { selected_date: '2030-03-04' }, time: { selected_time: '09:30' } },
    });
    expect(accepted.text).toContain('erakorraline koosolek määratud');
    expect(
      (await app.db.prisma.meeting.findFirstOrThrow({ where: { extraordinary: true } })).startsAt.toISOString(),
    ).toBe('2030-03-04T07:30:00.000Z');
  });

  it('a substitute is named with a Slack user, an unknown one is refused, and it ends', async () => {
    expect(json(await command(U.andres, 'asendaja'))).toContain('users_select');
    const unknown = await click(U.andres, 'substitute_set', 'new', {
      substitute: {
        who: { selected_user: 'U0NOBODY1' },
        from: { selected_date: '2030-06-01' },
        until: { selected_date: '2030-06-10' },
      },
    });
    expect(unknown.text).toContain('Seda inimest ei ole organisatsiooni kataloogis');
    expect(await app.db.prisma.substitution.count()).toBe(0);
    const ok = await click(U.andres, 'substitute_set', 'new', {
      substitute: {
        who: { selected_user: U.toomas },
        from: { selected_date: '2030-06-01' },
        until: { selected_date: '2030-06-10' },
      },
    });
    expect(json(ok.blocks)).toContain('01.06.2030–10.06.2030');
    const s = await app.db.prisma.substitution.findFirstOrThrow();
    expect(s).toMatchObject({ absentId: 'andres.allik', substituteId: 'toomas.teder' });
    expect(json(await command(U.toomas, 'away'))).toContain('Asendad: Andres');
    expect((await click(U.toomas, 'substitute_cancel', s.id)).text).toContain('Asendaja saad määrata ainult endale');
    expect((await click(U.andres, 'substitute_cancel', s.id)).text).toContain('asendamine lõpetatud');
  });

  it('acknowledges link buttons, menus and pickers so Slack shows no error', async () => {
    for (const [type, actionId] of [
      ['button', 'open_file'],
      ['static_select', 'domain'],
      ['datepicker', 'date'],
      ['users_select', 'who'],
    ] as const) {
      const r = await slack.interaction({
        type: 'block_actions',
        user: { id: U.mari },
        trigger_id: 'ack',
        channel: { id: 'D1' },
        message: { ts: '9.9' },
        actions: [{ type, action_id: actionId, action_ts: `ack-${actionId}` }],
      });
      expect(r.status, actionId).toBe(200);
    }
    const unknown = await slack.interaction({
      type: 'block_actions',
      user: { id: U.mari },
      trigger_id: 'ack',
      channel: { id: 'D1' },
      message: { ts: '9.9' },
      actions: [{ type: 'button', action_id: 'nothing_handles_this', action_ts: 'ack-x' }],
    });
    expect(unknown.status).not.toBe(200); // the check above can fail
  });

  it("reminders and the overdue summary arrive in each reader's language", async () => {
    const item = {
      kind: 'agreement' as const,
      proposalId: 'p-2',
      number: 12,
      title: 'Toetuste <!channel> iseteenindus',
      since: '2030-01-02T08:00:00.000Z',
      dueAt: null,
    };
    await app.db.prisma.$transaction((tx) =>
      enqueue(tx, app.engine.now(), [
        { audience: { kind: 'person', personId: 'jaan.tamm' }, payload: { kind: 'reminderDigest', items: [item] } },
        {
          audience: { kind: 'person', personId: 'eva.jarv' },
          payload: { kind: 'reminderDigest', items: [{ ...item, kind: 'vote' }] },
        },
        {
          audience: { kind: 'portfolioManagers' },
          payload: { kind: 'overdueSummary', items: [{ ...item, personId: 'jaan.tamm' }] },
        },
      ]),
    );
    const et = await until(() =>
      api.of('chat.postMessage').find((c) => c.params.channel === U.jaan && json(c.params).includes('Meeldetuletus')),
    );
    expect(json(et.params)).toContain('kooskõlastamine (ootab alates 02.01.2030)');
    expect(json(et.params)).toContain('Toetuste &lt;!channel&gt; iseteenindus'); // what people typed cannot ping a channel
    const en = await until(() =>
      api.of('chat.postMessage').find((c) => c.params.channel === U.eva && json(c.params).includes('Reminder')),
    );
    expect(json(en.params)).toContain('vote (open since 02.01.2030)');
    const summary = await until(() =>
      api.of('chat.postMessage').find((c) => c.params.channel === U.mari && json(c.params).includes('Üle aja')),
    );
    expect(json(summary.params)).toContain('Jaan');
  });
});
