// Slack's own part of the calendar and absence screens, through Bolt's receiver with signed requests:
// the /portfell words open the flows, the substitute picker is an external select (block_suggestion),
// link buttons are acknowledged; reminders and summaries in et and en. (The calendar and substitutes
// themselves run on both platforms in test/parity/desk.test.ts.)
import { t } from '../src/i18n/catalogue.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import { enqueue } from '../src/storage/outbox.ts';
import { blockKitProblems } from './support/block-kit.ts';
import { testClock } from './support/clock.ts';
import { startSlackRig, until, type SlackRig } from './support/slack-app.ts';
import type { SlackApiStub } from './support/slack-stub.ts';
import { buttonOf, type SlackDriver } from './support/slack-driver.ts';

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
describe('calendar and substitutes in Slack', () => {
  it('/portfell words open the same flows as typed words: calendar, substitute, status, desk', async () => {
    const cal = await command(U.mari, 'kalender');
    expect(cal.response_type).toBe('ephemeral');
    expect(cal.text).toBe('Juhtkomisjonide kalender');
    expect(buttonOf(cal.blocks, 'Vaikimisi koosolekud: Sotsiaalvaldkond').action_id).toMatch(/^flow:calendar\.plan#/);
    const away = await command(U.andres, 'asendaja');
    expect(away.text).toBe('Asendamine');
    expect(json(away.blocks)).toContain('"type":"external_select","action_id":"search:people"');
    expect((await command(U.siim, 'staatus')).text).toBe('Portfelli tööde staatus');
    expect((await command(U.mari, 'haldus')).text).toBe('Arendusportfellide halduri töölaud');
    // Not the portfolio manager: the help, told why.
    expect(json(await command(U.siim, 'haldus'))).toContain('Seda saab teha ainult arendusportfellide haldur.');
  });

  it("the substitute picker is Slack's external select: the organisation's people found by name", async () => {
    const found = await slack.interaction({
      type: 'block_suggestion',
      user: { id: U.andres },
      action_id: 'search:people',
      block_id: 'substituteId',
      value: 'jarv',
      container: { type: 'message' },
    });
    expect(found.body).toEqual({ options: [{ text: { type: 'plain_text', text: 'Eva Järv' }, value: 'eva.jarv' }] });
    const none = await slack.interaction({
      type: 'block_suggestion',
      user: { id: U.andres },
      action_id: 'search:nothing',
      block_id: 'x',
      value: 'jarv',
    });
    expect(none.body).toEqual({ options: [] });
    // A forged choice is refused by the engine, beside the picker; nothing is saved.
    const away = await command(U.andres, 'asendaja');
    await slack.press(
      U.andres,
      'Määra asendaja',
      { blocks: away.blocks as never, channel: `D${U.andres}`, ts: '1.1', responseUrl: `${api.url}../resp/forged` },
      { substituteId: 'nobody', from: '2030-06-01', until: '2030-06-10' },
    );
    const refused = await until(() => api.calls.find((c) => c.method.endsWith('resp/forged')));
    expect(json(refused.params.blocks)).toContain('Seda inimest ei ole organisatsiooni kataloogis');
    expect(await app.db.prisma.substitution.count()).toBe(0);
  });

  it('acknowledges link buttons so Slack shows no error, and says nothing about them', async () => {
    const before = api.calls.length;
    for (const [type, actionId] of [
      ['button', 'link#0'],
      ['button', 'link#7'],
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
    // A button no flow has (an old or forged one) is answered too, with "cannot be read": the link
    // buttons above must not have been taken for such a button.
    expect(unknown.status).toBe(200);
    const unreadableText = t('et', 'slack.unreadable');
    await until(() => api.calls.slice(before).find((c) => JSON.stringify(c.params).includes(unreadableText)));
    const told = api.calls.slice(before).filter((c) => JSON.stringify(c.params).includes(unreadableText));
    expect(told).toHaveLength(1);
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
