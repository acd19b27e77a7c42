// Slack gives an app 3 seconds to answer a click or a modal submission. The bot answers at once even
// while the database is busy: a click is acknowledged before any query, and a modal submission whose
// flow is still waiting for the database is answered with "saving…" and updated when it is done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/catalogue.ts';
import { startSlackRig, until, type SlackRig } from './support/slack-app.ts';
import { testClock } from './support/clock.ts';

const KADRI = 'U0KADRI01';
let rig: SlackRig;
beforeAll(async () => {
  rig = await startSlackRig(testClock());
});
afterAll(async () => {
  await rig?.close();
});

/** Keeps the database busy for `ms` (every command of the engine waits for this transaction). */
function busyDatabase(ms: number): { started: Promise<void>; done: Promise<void> } {
  let started!: () => void;
  const startedP = new Promise<void>((r) => (started = r));
  const done = rig.app.db.prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe('SELECT 1');
      started();
      await new Promise((r) => setTimeout(r, ms));
    },
    { timeout: ms + 30_000, maxWait: 30_000 },
  );
  return { started: startedP, done: done.then(() => undefined) };
}

describe('Slack acknowledges within its 3 seconds while the database is busy', () => {
  it('a modal submission is answered with "saving…" and the next step follows when the database is free', async () => {
    const { api, slack } = rig;
    await slack.command(KADRI, '/idee');
    const filled = await until(() => api.of('views.update').at(-1));
    const view = { ...filled.params.view, id: filled.params.view_id, hash: 'h1' };
    expect(view.callback_id).toBe('flow:proposal.step');

    const busy = busyDatabase(5_000);
    await busy.started;
    const updates = api.of('views.update').length;
    const sent = Date.now();
    const r = await slack.submitView(KADRI, view, { title: 'Kiire vastus', serviceId: 'som-star' });
    const answeredIn = Date.now() - sent;
    expect(r.status).toBe(200);
    expect(answeredIn).toBeLessThan(3_000);
    expect(r.body.response_action).toBe('update');
    expect(JSON.stringify(r.body.view.blocks)).toContain(t('et', 'slack.working'));

    await busy.done;
    const next = await until(() => api.of('views.update')[updates], 15_000);
    expect(next.params.view_id).toBe(view.id);
    expect(next.params.view.callback_id).toBe('flow:proposal.step');
    expect(next.params.view.title.text).toBe('Arendusalgatus 2/6');
    expect(await rig.app.db.prisma.proposal.count({ where: { title: 'Kiire vastus' } })).toBe(1);
  });

  it('a button click is acknowledged before the flow reads the database', async () => {
    const { api, slack } = rig;
    const busy = busyDatabase(4_000);
    await busy.started;
    const posted = api.calls.length;
    const sent = Date.now();
    const r = await slack.interaction({
      type: 'block_actions',
      user: { id: KADRI },
      trigger_id: 'trig-busy',
      response_url: `${api.url}respond/busy`,
      channel: { id: `D${KADRI}` },
      message: { ts: '1.1' },
      actions: [{ type: 'button', action_id: 'flow:waiting#0', value: '{}', action_ts: '1700000000.1' }],
    });
    expect(r.status).toBe(200);
    expect(Date.now() - sent).toBeLessThan(3_000);
    await busy.done;
    // The answer comes after the database is free, in place of the clicked message.
    await until(
      () =>
        api.calls.slice(posted).some((c) => JSON.stringify(c.params).includes(t('et', 'conversation.waiting.title'))),
      15_000,
    );
  });
});
