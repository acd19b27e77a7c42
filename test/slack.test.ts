// Slack through Bolt's own receiver: correctly signed requests to /slack/events, Web API calls
// landing in a loopback stub that answers as Slack does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { loadConfig } from '../src/config/env.ts';
import { dispatchOnce } from '../src/storage/outbox.ts';
import type { SlackApiStub } from './support/slack-stub.ts';
import { startSlackRig, until, type SlackRig } from './support/slack-app.ts';
import { buttonOf, SIGNING_SECRET, sign, type SlackDriver } from './support/slack-driver.ts';
import { EXAMPLE_FORM } from './support/org.ts';

const KADRI = 'U0KADRI01';
const LIIS = 'U0LIIS001';
const JAAN = 'U0JAAN001';

let app: RunningApp;
let api: SlackApiStub;
let slack: SlackDriver;

let rig: SlackRig;
beforeAll(async () => {
  rig = await startSlackRig();
  ({ app, api, slack } = rig);
});
afterAll(async () => {
  await rig?.close();
});

describe('Slack start-up', () => {
  it('stops with a clear message when Slack refuses the token', async () => {
    const config = {
      ...loadConfig({ PLAYGROUND: 'off', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET }),
      port: 0,
      database: { kind: 'pglite' as const, dir: null },
    };
    await expect(startApp(config, { log: () => undefined, slackApiUrl: 'http://127.0.0.1:9/api/' })).rejects.toThrow(
      /Slack did not accept SLACK_BOT_TOKEN/,
    );
  });
});

describe('Slack requests', () => {
  it('refuses a bad signature, missing headers, a stale and a future timestamp with 401 and processes nothing', async () => {
    const body = new URLSearchParams({ command: '/idee', user_id: KADRI, trigger_id: 't' }).toString();
    const now = Math.floor(Date.now() / 1000);
    const form = 'application/x-www-form-urlencoded';
    const cases: [string, Record<string, string>][] = [
      [
        'bad signature',
        { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(body, now, 'f'.repeat(32)) },
      ],
      ['no headers', {}],
      [
        '10 minutes old',
        { 'x-slack-request-timestamp': String(now - 600), 'x-slack-signature': sign(body, now - 600) },
      ],
      [
        '10 minutes ahead',
        { 'x-slack-request-timestamp': String(now + 600), 'x-slack-signature': sign(body, now + 600) },
      ],
    ];
    for (const [name, headers] of cases) {
      const res = await fetch(`${app.url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': form, ...headers },
        body,
      });
      expect(res.status, name).toBe(401);
    }
    expect(api.of('views.open')).toEqual([]);
  });
});

describe('Slack: submitter and agreement', () => {
  it('/idee opens the form in steps; errors next to the field; a closed draft reopens from "Minu algatused"; submit; the policy manager agrees in the DM', async () => {
    expect((await slack.command(KADRI, '/idee')).status).toBe(200);
    // The modal opens at once and is filled when the flow answers.
    const filled = await until(() => api.of('views.update').at(-1));
    const viewId: string = filled.params.view_id;
    expect(api.of('views.open').at(-1)!.result!.view.id).toBe(viewId);
    // Slack gives a modal a new hash each time it is updated (a submission's key is the view and its hash).
    let hashes = 0;
    const shown = (v: any, id: string) => ({ ...v, id, hash: `h${++hashes}` });
    let view = shown(filled.params.view, viewId);
    expect(view.title.text).toBe('Arendusalgatus 1/6');
    expect(view.callback_id).toBe('flow:proposal.step');
    expect(view.notify_on_close).toBe(true);
    // The hint names what reopens a draft on both platforms.
    expect(JSON.stringify(view.blocks)).toContain('Jätka mustandit');

    // A title over the limit: the step again with the error beside the field, the service chosen kept.
    const tooLong = await slack.submitView(KADRI, view, { title: 'x'.repeat(201), serviceId: 'som-star' });
    expect(tooLong.body.response_action).toBe('update');
    const service = tooLong.body.view.blocks.find((b: any) => b.block_id === 'serviceId');
    expect(service.element.initial_option.value).toBe('som-star');
    expect(JSON.stringify(tooLong.body.view.blocks)).toContain('Liiga pikk: kuni 200 märki.');
    expect(await app.db.prisma.proposal.count()).toBe(0);

    const title = '<!channel> <@U123> <http://x|y> & co';
    let r = await slack.submitView(KADRI, view, { title, serviceId: 'som-star' });
    expect(r.body.response_action).toBe('update');
    view = shown(r.body.view, viewId);
    expect(view.title.text).toBe('Arendusalgatus 2/6');

    // Closing the modal keeps what was typed in this step.
    await slack.submitView(KADRI, view, { currentSituation: 'E-kirjad', problem: 'Viivitused' }, 'view_closed');
    const draft = await until(async () => {
      const p = await app.db.prisma.proposal.findFirst({ where: { submitterId: 'kadri.kask' } });
      return p?.problem ? p : undefined;
    });
    expect(draft).toMatchObject({ title, status: 'draft', currentSituation: 'E-kirjad' });

    // The closed draft reopens: "minu algatused" in the DM lists it with "Jätka", which opens the form.
    await slack.event({
      type: 'message',
      channel_type: 'im',
      channel: 'DKADRI',
      user: KADRI,
      text: 'minu algatused',
      ts: '1700000000.000001',
    });
    const list = await until(() =>
      api
        .of('chat.postMessage')
        .find((c) => c.params.channel === 'DKADRI' && JSON.stringify(c.params).includes('Jätka')),
    );
    const updates = api.of('views.update').length;
    await slack.press(KADRI, 'Jätka', { blocks: list.params.blocks, channel: 'DKADRI', ts: list.result!.ts });
    const reopened = await until(() => api.of('views.update')[updates]);
    view = shown(reopened.params.view, reopened.params.view_id);
    expect(view.title.text).toBe('Arendusalgatus 1/6');
    expect(JSON.stringify(view.blocks)).toContain(`"initial_value":"${title}"`); // typed before it was closed
    r = await slack.submitView(KADRI, view, { title, serviceId: 'som-star' });
    view = shown(r.body.view, view.id);
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"E-kirjad"');

    const steps: Record<string, unknown>[] = [
      { currentSituation: 'E-kirjad', problem: 'Viivitused' },
      { expectedResult: 'Liides', impact: '200 KOV-i', alternatives: 'Käsitsi' },
      { budgetEur: '90 000', fundingSource: 'Riigieelarve', legislationNeed: '', stakeholders: 'TEHIK' },
      { strategicGoals: ['HEA'], strategicGoalNote: '' },
    ];
    for (const values of steps) {
      r = await slack.submitView(KADRI, view, values);
      expect(r.body.response_action).toBe('update');
      view = shown(r.body.view, view.id);
    }
    expect(view.callback_id).toBe('flow:proposal.submit');
    expect(JSON.stringify(view.blocks)).toContain('&lt;!channel&gt; &lt;@U123&gt; &lt;http://x|y&gt; &amp; co');
    r = await slack.submitView(KADRI, view, {});
    // The confirmation in the modal, in the same words as on Teams, with where to go on.
    expect(r.body.response_action).toBe('update');
    const confirmation = JSON.stringify(r.body.view.blocks);
    expect(confirmation).toContain(`Arendusalgatus nr ${draft.number} on esitatud.`);
    expect(confirmation).toContain('Etapp: kooskõlastamisel. Ootab kooskõlastust: Liis Lepp.');
    expect(confirmation).toContain('Minu algatused');
    expect(confirmation).not.toContain('<!channel>');
    expect((await app.db.prisma.proposal.findFirstOrThrow({ where: { submitterId: 'kadri.kask' } })).status).toBe(
      'agreement',
    );

    // The outbox sends the agreement request to Liis (policy manager: STAR has no service manager).
    const dm = await until(() => api.of('chat.postMessage').find((c) => c.params.channel === LIIS));
    const blocks = JSON.stringify(dm.params.blocks);
    expect(blocks).toContain('flow:agreement.agree');
    expect(blocks).toContain('&lt;!channel&gt;');
    expect(blocks).not.toContain('<!channel>');
    const message = { blocks: dm.params.blocks, channel: LIIS, ts: String(dm.result!.ts) };

    // Jaan forges a click on Liis's message: a refusal only he sees, nothing changes.
    await slack.press(JAAN, 'Kooskõlasta', { ...message, responseUrl: `${api.url}../respond/forged` });
    const refusal = await until(() => api.calls.find((c) => c.method.endsWith('respond/forged')));
    expect(refusal.params.text).toContain('poliitikajuht');
    expect(refusal.params.replace_original).toBe(false);
    expect((await app.db.prisma.proposal.findFirstOrThrow({ where: { submitterId: 'kadri.kask' } })).status).toBe(
      'agreement',
    );

    // Liis agrees; Slack retries the same click; the message shows who agreed and when, with no
    // agreement buttons left, and the agreement is recorded once.
    const agree = buttonOf(message.blocks, 'Kooskõlasta');
    const click = {
      type: 'block_actions',
      user: { id: LIIS },
      trigger_id: 'trig-agree',
      channel: { id: LIIS },
      container: { type: 'message', message_ts: message.ts, channel_id: LIIS },
      message: { ts: message.ts, text: '' },
      response_url: `${api.url}../respond/agree`,
      actions: [{ type: 'button', action_id: agree.action_id, value: agree.value, action_ts: '1700000099.000100' }],
    };
    await slack.interaction(click);
    await slack.interaction(click, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    const redrawn = await until(() => api.calls.find((c) => c.method.endsWith('respond/agree')));
    expect(redrawn.params.replace_original).toBe(true);
    expect(JSON.stringify(redrawn.params.blocks)).toContain('Liis Lepp kooskõlastas');
    expect(JSON.stringify(redrawn.params.blocks)).not.toContain('flow:agreement.');
    // The request itself is updated from the outbox as well (as after a click in App Home or "minu ootel").
    const updated = await until(() => api.of('chat.update').find((c) => c.params.ts === message.ts));
    expect(JSON.stringify(updated.params.blocks)).toContain('Liis Lepp kooskõlastas');
    expect(JSON.stringify(updated.params.blocks)).not.toContain('flow:agreement.');
    expect(await app.db.prisma.decision.count({ where: { kind: 'agreed' } })).toBe(1);
    const told = await until(() =>
      api
        .of('chat.postMessage')
        .find((c) => c.params.channel === KADRI && String(c.params.text).includes('kooskõlastatud')),
    );
    expect(told.params.text).toContain('Liis Lepp');
    expect(told.params.text).toContain('&lt;!channel&gt; &lt;@U123&gt;'); // the title, escaped
  });

  it("Slack's 429 with Retry-After delays the outbox, loses nothing and posts once", async () => {
    const { value } = (await app.engine.run({
      command: 'createDraft',
      actorId: 'kadri.kask',
      input: {
        fields: {
          title: 'Teine',
          ...EXAMPLE_FORM,
        },
      },
    })) as { value: { proposalId: string } };
    api.rateLimit.set('chat.postMessage', { times: 1, retryAfter: 7 });
    const before = api.of('chat.postMessage').length;
    await app.engine.run({ command: 'submit', actorId: 'kadri.kask', input: { proposalId: value.proposalId } });
    const row = await until(async () => {
      const m = await app.db.prisma.outboxMessage.findFirst({
        where: { kind: 'agreementRequested', payload: { path: ['proposalId'], equals: value.proposalId } },
      });
      return m?.lastError ? m : undefined;
    });
    expect(row.lastError).toContain('429');
    expect(row.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(4_000);
    expect(row.status).toBe('pending');
    // When it is due again, it goes out exactly once.
    await app.db.prisma.outboxMessage.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
    await until(
      async () =>
        (await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status === 'sent' || undefined,
    );
    await dispatchOnce(
      app.db.prisma,
      {
        deliver: async () => {
          throw new Error('must not be called');
        },
      },
      () => new Date(),
    );
    const posts = api
      .of('chat.postMessage')
      .slice(before)
      .filter((c) => c.params.channel === LIIS && JSON.stringify(c.params.blocks).includes(value.proposalId));
    expect(posts).toHaveLength(1);
  });

  it("App Home shows the person's proposals; /portfell pages a portfolio of 45 items within Block Kit limits", async () => {
    // A draft waits for Kadri: Home offers its button, and the new idea's button (no typed words).
    const draft = (await app.engine.run({
      command: 'createDraft',
      actorId: 'kadri.kask',
      input: { fields: { title: 'Pooleli' } },
    })) as { value: { proposalId: string } };
    await slack.event({ type: 'app_home_opened', user: KADRI, tab: 'home', channel: 'DKADRI' });
    const home = await until(() => api.of('views.publish').find((c) => c.params.user_id === KADRI));
    expect(JSON.stringify(home.params.view)).toContain('Minu arendusalgatused');
    expect(JSON.stringify(home.params.view)).toContain('kooskõlastamisel');
    expect(buttonOf(home.params.view.blocks, 'Uus idee').action_id).toMatch(/^flow:proposal\.new#/);
    // A draft is continued ("Jätka"); "Muuda ja esita uuesti" is a returned proposal's button.
    const resume = buttonOf(home.params.view.blocks, 'Jätka');
    expect(resume.action_id).toMatch(/^flow:proposal\.edit#/);
    expect(JSON.parse(resume.value)).toMatchObject({ proposalId: draft.value.proposalId });
    expect(JSON.stringify(home.params.view)).not.toContain('Muuda ja esita uuesti');
    expect(JSON.stringify(home.params.view)).not.toContain('Kirjuta');

    await app.db.prisma.portfolioItem.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        title: `Töö ${i + 1} <b>`,
        domainId: i % 2 ? 'social' : 'health',
        institutionId: 'SKA',
        startQuarter: '2027Q1',
        endQuarter: '2027Q4',
        status: 'planned',
      })),
    });
    await slack.command(KADRI, '/portfell', '', `${api.url}../respond/1`);
    const first = await until(() => api.calls.find((c) => c.method.endsWith('respond/1')));
    expect(first.params.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(first.params.blocks)).toContain('lehekülg 1/5');
    expect(JSON.stringify(first.params.blocks)).toContain('Töö 1 &lt;b&gt;');
    // Without a public HTTPS address (PUBLIC_URL) Slack could not fetch the picture: a link instead.
    expect(first.params.blocks.some((b: { type: string }) => b.type === 'image')).toBe(false);
    const roadmap = buttonOf(first.params.blocks, 'Teekaart') as { url?: string };
    expect(roadmap.url).toMatch(/\/files\/[A-Za-z0-9_-]{20,}\/teekaart\.png$/);
    // "Edasi" carries the page it opens; the last one asked for here.
    const next = buttonOf(first.params.blocks, 'Edasi');
    await slack.click(
      KADRI,
      next.action_id,
      JSON.stringify({ ...JSON.parse(next.value), page: 4 }),
      { channel: 'DKADRI', ts: '1.1' },
      {},
      `${api.url}../respond/2`,
    );
    const last = await until(() => api.calls.find((c) => c.method.endsWith('respond/2')));
    expect(last.params.replace_original).toBe(true);
    expect(JSON.stringify(last.params.blocks)).toContain('lehekülg 5/5');
    // Filters typed after the command: the social domain only (items 2, 4, … 44).
    await slack.command(KADRI, '/portfell', 'sotsiaal planeeritud', `${api.url}../respond/3`);
    const social = await until(() => api.calls.find((c) => c.method.endsWith('respond/3')));
    expect(JSON.stringify(social.params.blocks)).toContain('Arendusportfell (22 tööd)');
  });

  it('a 5xx from Slack backs off and the message still goes out once', async () => {
    const { value } = (await app.engine.run({
      command: 'createDraft',
      actorId: 'kadri.kask',
      input: {
        fields: {
          title: 'Kolmas',
          ...EXAMPLE_FORM,
        },
      },
    })) as { value: { proposalId: string } };
    api.serverError.set('chat.postMessage', 1);
    await app.engine.run({ command: 'submit', actorId: 'kadri.kask', input: { proposalId: value.proposalId } });
    const row = await until(async () => {
      const m = await app.db.prisma.outboxMessage.findFirst({
        where: { kind: 'agreementRequested', payload: { path: ['proposalId'], equals: value.proposalId } },
      });
      return m?.lastError ? m : undefined;
    });
    expect(row.lastError).toMatch(/slack: Slack HTTP error/);
    expect(row.status).toBe('pending');
    await app.db.prisma.outboxMessage.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
    await until(
      async () =>
        (await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status === 'sent' || undefined,
    );
    expect(
      api
        .of('chat.postMessage')
        .filter((c) => c.params.channel === LIIS && JSON.stringify(c.params.blocks).includes(value.proposalId)),
    ).toHaveLength(1);
  });

  it('a forged click for another proposal changes nothing', async () => {
    const other = await app.db.prisma.proposal.findFirstOrThrow({ where: { title: 'Kolmas' } });
    // Jaan tampers with a button value to point at a proposal he may not agree.
    await slack.click(
      JAAN,
      'flow:agreement.agree#0',
      JSON.stringify({ proposalId: other.id }),
      { channel: JAAN, ts: '9.9' },
      {},
      `${api.url}../respond/tampered`,
    );
    const refused = await until(() => api.calls.find((c) => c.method.endsWith('respond/tampered')));
    expect(refused.params.text).toContain('poliitikajuht');
    expect((await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('agreement');
  });

  it('the agreer agrees from the Home tab: the form, then Home and the request in the DM show the outcome', async () => {
    await slack.event({ type: 'app_home_opened', user: LIIS, tab: 'home', channel: 'DLIIS' });
    const home = await until(() =>
      api
        .of('views.publish')
        .filter((c) => c.params.user_id === LIIS)
        .at(-1),
    );
    const blocks = home.params.view.blocks as any[];
    expect(JSON.stringify(blocks)).toContain('Ootab sinu kooskõlastust.');
    expect(JSON.stringify(blocks)).toContain('Tähtajad ja koosolekud');
    const open = buttonOf(blocks, 'Ava');
    const { proposalId } = JSON.parse(open.value) as { proposalId: string };
    const request = api
      .of('chat.postMessage')
      .find((c) => c.params.channel === LIIS && JSON.stringify(c.params.blocks ?? []).includes(proposalId));
    expect(JSON.stringify(request!.params.blocks)).toContain('flow:agreement.agree');
    const requestTs = String(request!.result!.ts);

    // "Ava" opens the request in a modal at once; Liis agrees there.
    const published = api.of('views.publish').length;
    const updates = api.of('views.update').length;
    await slack.press(LIIS, 'Ava', { view: home.params.view, viewId: 'VHOME' });
    const shown = await until(() => api.of('views.update')[updates]);
    expect(JSON.stringify(shown.params.view)).toContain('flow:agreement.agree');
    await slack.press(LIIS, 'Kooskõlasta', { view: shown.params.view, viewId: shown.params.view_id });
    const outcome = await until(() => api.of('views.update')[updates + 1]);
    expect(JSON.stringify(outcome.params.view)).toContain('Liis Lepp kooskõlastas');
    expect((await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).status).toBe('board');

    // The Home tab is drawn again, and the DM's request no longer has live agreement buttons.
    const again = await until(() =>
      api
        .of('views.publish')
        .slice(published)
        .find((c) => c.params.user_id === LIIS && !JSON.stringify(c.params.view).includes(proposalId)),
    );
    expect(JSON.stringify(again.params.view)).toContain('Minu ootel');
    const dm = await until(() =>
      api.of('chat.update').find((c) => c.params.channel === LIIS && c.params.ts === requestTs),
    );
    expect(JSON.stringify(dm.params.blocks)).toContain('Liis Lepp kooskõlastas');
    expect(JSON.stringify(dm.params.blocks)).not.toContain('flow:agreement.');
  });

  it('people are found by e-mail when Slack ids differ', async () => {
    // A Slack account whose id is not in the organisation file, but whose e-mail is.
    api.emails.set('U0OTHER01', 'kadri.kask@sm.example.ee');
    const opened = api.of('views.open').length;
    await slack.command('U0OTHER01', '/idee');
    await until(() => api.of('views.open').length > opened || undefined);
    expect(api.of('users.info').map((c) => c.params.user)).toContain('U0OTHER01');
  });
  it('a substitute is asked in Slack, told whom they stand in for, and agrees in the DM', async () => {
    // Liis is away this week and names Jaan; dates are the engine's (Tallinn) days, not the test's.
    const day = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Tallinn' }).format(d);
    const now = app.engine.now();
    const set = await app.engine.run({
      command: 'setSubstitute',
      actorId: 'liis.lepp',
      input: { substituteId: 'jaan.tamm', from: day(now), until: day(new Date(now.getTime() + 7 * 86400_000)) },
    });
    expect(set.ok).toBe(true);
    const { value } = (await app.engine.run({
      command: 'createDraft',
      actorId: 'kadri.kask',
      input: {
        fields: {
          title: 'Asendamise ajal',
          ...EXAMPLE_FORM,
        },
      },
    })) as { value: { proposalId: string } };
    await app.engine.run({ command: 'submit', actorId: 'kadri.kask', input: { proposalId: value.proposalId } });
    const dm = await until(() =>
      api
        .of('chat.postMessage')
        .find((c) => c.params.channel === JAAN && JSON.stringify(c.params.blocks ?? []).includes(value.proposalId)),
    );
    expect(JSON.stringify(dm.params.blocks)).toContain('asendad: Liis Lepp');
    await slack.press(JAAN, 'Kooskõlasta', {
      blocks: dm.params.blocks,
      channel: JAAN,
      ts: String(dm.result!.ts),
      responseUrl: `${api.url}../respond/substitute`,
    });
    const agreed = await until(() => api.calls.find((c) => c.method.endsWith('respond/substitute')));
    expect(JSON.stringify(agreed.params.blocks)).toContain('Jaan Tamm kooskõlastas');
    expect(JSON.stringify(agreed.params.blocks)).toContain('asendajana, Liis Lepp eest');
    expect(
      await app.db.prisma.decision.findFirst({ where: { proposalId: value.proposalId, kind: 'agreed' } }),
    ).toMatchObject({
      byId: 'jaan.tamm',
      onBehalfOf: 'liis.lepp',
    });
  });
});
