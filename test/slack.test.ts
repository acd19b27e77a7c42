// Slack through Bolt's own receiver: correctly signed requests to /slack/events, Web API calls
// landing in a loopback stub that answers as Slack does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { loadConfig } from '../src/config/env.ts';
import { dispatchOnce } from '../src/storage/outbox.ts';
import type { SlackApiStub } from './support/slack-stub.ts';
import { startSlackRig, until, type SlackRig } from './support/slack-app.ts';
import { SIGNING_SECRET, sign, type SlackDriver } from './support/slack-driver.ts';

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
  it('/idee opens the form in steps; errors next to the field; closing keeps the draft; submit; the policy manager agrees in the DM', async () => {
    expect((await slack.command(KADRI, '/idee')).status).toBe(200);
    const opened = await until(() => api.of('views.open').at(-1));
    let view = opened.params.view;
    expect(view.title.text).toBe('Arendusalgatus 1/6');
    expect(view.notify_on_close).toBe(true);

    const tooLong = await slack.submitView(KADRI, view, { title: 'x'.repeat(201), serviceId: 'som-star' });
    expect(tooLong.body).toEqual({ response_action: 'errors', errors: { title: 'Liiga pikk: kuni 200 märki.' } });

    const title = '<!channel> <@U123> <http://x|y> & co';
    let r = await slack.submitView(KADRI, view, { title, serviceId: 'som-star' });
    expect(r.body.response_action).toBe('update');
    view = r.body.view;
    expect(view.title.text).toBe('Arendusalgatus 2/6');

    // Closing the modal keeps what was typed in this step.
    await slack.submitView(KADRI, view, { currentSituation: 'E-kirjad', problem: 'Viivitused' }, 'view_closed');
    const draft = await until(async () => {
      const p = await app.db.prisma.proposal.findFirst({ where: { submitterId: 'kadri.kask' } });
      return p?.problem ? p : undefined;
    });
    expect(draft).toMatchObject({ title, status: 'draft', currentSituation: 'E-kirjad' });

    const steps: Record<string, unknown>[] = [
      { currentSituation: 'E-kirjad', problem: 'Viivitused' },
      { expectedResult: 'Liides', impact: '200 KOV-i', alternatives: 'Käsitsi' },
      { budgetEur: '90 000', fundingSource: 'Riigieelarve', legislationNeed: '', stakeholders: 'TEHIK' },
      { strategicGoals: ['HEA'], strategicGoalNote: '' },
    ];
    for (const values of steps) {
      r = await slack.submitView(KADRI, view, values);
      expect(r.body.response_action).toBe('update');
      view = r.body.view;
    }
    expect(view.callback_id).toBe('proposal_summary');
    expect(JSON.stringify(view.blocks)).toContain('&lt;!channel&gt; &lt;@U123&gt; &lt;http://x|y&gt; &amp; co');
    r = await slack.submitView(KADRI, view, {});
    expect(r.body).toEqual({ response_action: 'clear' });
    expect((await app.db.prisma.proposal.findFirstOrThrow({ where: { submitterId: 'kadri.kask' } })).status).toBe(
      'agreement',
    );

    // The outbox sends the agreement request to Liis (policy manager: STAR has no service manager).
    const dm = await until(() => api.of('chat.postMessage').find((c) => c.params.channel === LIIS));
    const blocks = JSON.stringify(dm.params.blocks);
    expect(blocks).toContain('agreement_agree');
    expect(blocks).toContain('&lt;!channel&gt;');
    expect(blocks).not.toContain('<!channel>');
    const agreeButton = dm.params.blocks
      .find((b: any) => b.type === 'actions')
      .elements.find((e: any) => e.action_id === 'agreement_agree');
    const message = { channel: LIIS, ts: '1700000001.000100' };

    // Jaan forges a click on Liis's message: an ephemeral refusal, nothing changes.
    await slack.click(JAAN, 'agreement_agree', agreeButton.value, message);
    const refusal = await until(() => api.of('chat.postEphemeral').find((c) => c.params.user === JAAN));
    expect(refusal.params.text).toContain('poliitikajuht');
    expect((await app.db.prisma.proposal.findFirstOrThrow({ where: { submitterId: 'kadri.kask' } })).status).toBe(
      'agreement',
    );

    // Liis agrees; Slack retries the same click; the message changes in place once.
    await slack.click(LIIS, 'agreement_agree', agreeButton.value, message);
    await slack.click(LIIS, 'agreement_agree', agreeButton.value, message, {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    const updated = await until(() => api.of('chat.update').find((c) => c.params.ts === message.ts));
    expect(JSON.stringify(updated.params.blocks)).toContain('Liis Lepp kooskõlastas');
    expect(JSON.stringify(updated.params.blocks)).not.toContain('agreement_agree');
    expect(await app.db.prisma.decision.count({ where: { kind: 'agreed' } })).toBe(1);
    const told = await until(() =>
      api
        .of('chat.postMessage')
        .find((c) => c.params.channel === KADRI && String(c.params.text).includes('kooskõlastatud')),
    );
    expect(told.params.text).toContain('Liis Lepp');
    expect(told.params.text).toContain('&lt;!channel&gt; &lt;@U123&gt;'); // the title, escaped
    const confirmation = await until(() =>
      api
        .of('chat.postMessage')
        .find((c) => c.params.channel === KADRI && String(c.params.text).includes('on esitatud')),
    );
    expect(confirmation.params.text).not.toContain('<!channel>');
  });

  it("Slack's 429 with Retry-After delays the outbox, loses nothing and posts once", async () => {
    const { value } = (await app.engine.run({
      command: 'createDraft',
      actorId: 'kadri.kask',
      input: {
        fields: {
          title: 'Teine',
          serviceId: 'som-star',
          currentSituation: 'a',
          problem: 'b',
          expectedResult: 'c',
          impact: 'd',
          alternatives: 'e',
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
    await slack.event({ type: 'app_home_opened', user: KADRI, tab: 'home', channel: 'DKADRI' });
    const home = await until(() => api.of('views.publish').find((c) => c.params.user_id === KADRI));
    expect(JSON.stringify(home.params.view)).toContain('Minu arendusalgatused');
    expect(JSON.stringify(home.params.view)).toContain('kooskõlastamisel');

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
    const roadmap = first.params.blocks
      .flatMap((b: { elements?: { action_id?: string; url?: string }[] }) => b.elements ?? [])
      .find((e: { action_id?: string }) => e.action_id === 'open_roadmap');
    expect(roadmap.url).toMatch(/\/files\/[A-Za-z0-9_-]{20,}\/teekaart\.png$/);
    await slack.click(
      KADRI,
      'portfolio_page',
      JSON.stringify({ page: 4 }),
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
          serviceId: 'som-star',
          currentSituation: 'a',
          problem: 'b',
          expectedResult: 'c',
          impact: 'd',
          alternatives: 'e',
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
    await slack.click(JAAN, 'agreement_agree', JSON.stringify({ proposalId: other.id, n: 'forged' }), {
      channel: JAAN,
      ts: '9.9',
    });
    await until(() => api.of('chat.postEphemeral').filter((c) => c.params.user === JAAN).length >= 2 || undefined);
    expect((await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('agreement');
  });

  it('the Home tab lets the agreer act at once; people are found by e-mail when Slack ids differ', async () => {
    await slack.event({ type: 'app_home_opened', user: LIIS, tab: 'home', channel: 'DLIIS' });
    const home = await until(() =>
      api
        .of('views.publish')
        .filter((c) => c.params.user_id === LIIS)
        .at(-1),
    );
    const blocks = home.params.view.blocks as any[];
    const agreeButton = blocks.find((b) => b.accessory?.action_id === 'home_agree');
    expect(agreeButton).toBeDefined();
    expect(JSON.stringify(blocks)).toContain('Tähtajad ja koosolekud');
    const before = api.of('views.publish').length;
    await slack.interaction({
      type: 'block_actions',
      user: { id: LIIS },
      trigger_id: 'h1',
      view: { id: 'VHOME', type: 'home' },
      actions: [{ type: 'button', action_id: 'home_agree', value: agreeButton.accessory.value, action_ts: 'h1' }],
    });
    await until(() => api.of('views.publish').length > before || undefined);
    expect(
      (await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: agreeButton.accessory.value } })).status,
    ).toBe('board');

    // A Slack account whose id is not in the organisation file, but whose e-mail is.
    api.emails.set('U0OTHER01', 'kadri.kask@sm.example.ee');
    const opened = api.of('views.open').length;
    await slack.command('U0OTHER01', '/idee');
    await until(() => api.of('views.open').length > opened || undefined);
    expect(api.of('users.info').map((c) => c.params.user)).toContain('U0OTHER01');
  });
});
