// Bad payloads to Slack's endpoint, through Bolt's own receiver with signed requests: a modal's
// private_metadata or a button's value that cannot be read (not JSON, `null`, the wrong shape), and
// `actions` that is no list, get a clear answer in the person's language (an error beside a field,
// or an ephemeral message) and an acknowledgement — never a 500. NUL and lone surrogates in what
// Slack sends are cleaned (on PGlite and PostgreSQL), and the substitute form keeps what was picked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { loadConfig } from '../src/config/env.ts';
import { freshPostgres } from './support/databases.ts';
import { until } from './support/slack-app.ts';
import { SIGNING_SECRET, SlackDriver } from './support/slack-driver.ts';
import { SlackApiStub } from './support/slack-stub.ts';

const MARI = 'U0MARI001';
const KADRI = 'U0KADRI01';
const JAAN = 'U0JAAN001';
const ANDRES = 'U0ANDRES1';
const TOOMAS = 'U0TOOMAS1';
const NUL = '\u0000';
const LONE = '\uD800';
const UNREADABLE = 'Seda vormi või nuppu ei saanud lugeda (see võib olla vana). Ava see uuesti ja proovi veel kord.';
const json = (x: unknown) => JSON.stringify(x);

interface Rig {
  app: RunningApp;
  api: SlackApiStub;
  slack: SlackDriver;
  lines: string[];
  close(): Promise<void>;
}

async function start(
  database: { kind: 'pglite'; dir: null } | { kind: 'postgres'; url: string } = { kind: 'pglite', dir: null },
): Promise<Rig> {
  const api = await new SlackApiStub().start();
  const lines: string[] = [];
  const config = {
    ...loadConfig({ PLAYGROUND: 'off', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    port: 0,
    database,
  };
  const app = await startApp(config, { log: (l) => lines.push(l), slackApiUrl: api.url, outboxIntervalMs: 50 });
  return {
    app,
    api,
    slack: new SlackDriver(app.url),
    lines,
    async close() {
      await app.close();
      await api.close();
    },
  };
}

/** A modal submitted with the given private_metadata; its one input block is `blockId`. */
function modal(callbackId: string, privateMetadata: string, blockId = 'comment') {
  return {
    id: `V-${callbackId}`,
    callback_id: callbackId,
    private_metadata: privateMetadata,
    hash: 'h1',
    blocks: [{ type: 'input', block_id: blockId, element: { type: 'plain_text_input', action_id: 'v' } }],
    state: { values: { [blockId]: { v: { type: 'plain_text_input', value: 'Midagi' } } } },
  };
}

describe('unreadable modals and buttons in Slack', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await start();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('a modal whose private_metadata cannot be read is answered beside its field, never a 500', async () => {
    const callbacks: [string, string][] = [
      ['flow:proposal.step', 'title'],
      ['flow:proposal.submit', 'title'],
      ['flow:agreement.returnSend', 'comment'],
      ['flow:board.decide', 'reason'],
      ['flow:opinion.give', 'argumentation'],
      ['flow:poll.vote', 'conditions'],
      ['flow:poll.close', 'conditions'],
      ['flow:plan.save', 'startQuarter'],
    ];
    // Forms of no flow: one from before an update (the old callback ids), a forged one, the notice modal's.
    const noFlow: [string, string][] = [
      ['proposal_step', 'title'],
      ['opinion_give', 'argumentation'],
      ['poll_yes_if', 'conditions'],
      ['poll_close', 'conditions'],
      ['flow:no.such', 'title'],
      ['flow:none', 'title'],
    ];
    const unreadableMeta = [
      '{oops',
      'null',
      '42',
      '"text"',
      '[]',
      // The old shape, and the new one ({a: args, m: meta}) holding what no flow can read.
      '{"proposalId":5,"pollId":[],"itemId":{},"step":"x"}',
      '{"a":null,"m":{}}',
      '{"a":{},"m":null}',
      '{"a":{"proposalId":[]},"m":{}}',
    ];
    // Metadata that is read, holding arguments of the wrong kind for every flow here.
    const wrongArgs = '{"a":{"proposalId":5,"pollId":7,"itemId":8,"step":"x"},"m":{}}';
    const cases = [
      ...callbacks.flatMap(([c, b]) => unreadableMeta.map((m) => [c, b, m] as const)),
      // A form of no flow is not run even with arguments that could be read.
      ...noFlow.flatMap(([c, b]) =>
        [...unreadableMeta, wrongArgs, '{"a":{},"m":{}}', '{"a":{"proposalId":"p1"},"m":{}}'].map(
          (m) => [c, b, m] as const,
        ),
      ),
    ];
    for (const [callbackId, blockId, meta] of cases) {
      const r = await rig.slack.interaction({
        type: 'view_submission',
        user: { id: KADRI },
        trigger_id: 't',
        view: modal(callbackId, meta, blockId),
      });
      expect(r.status, `${callbackId} ${meta}`).toBe(200);
      expect(r.body, `${callbackId} ${meta}`).toEqual({
        response_action: 'errors',
        errors: { [blockId]: UNREADABLE },
      });
    }
    // Arguments a flow cannot read: its own answer says so, beside the field or in the form's place.
    for (const [callbackId, blockId] of callbacks) {
      const r = await rig.slack.interaction({
        type: 'view_submission',
        user: { id: KADRI },
        trigger_id: 't',
        view: modal(callbackId, wrongArgs, blockId),
      });
      expect(r.status, callbackId).toBe(200);
      expect(['errors', 'update'], callbackId).toContain(r.body.response_action);
      expect(JSON.stringify(r.body), callbackId).toContain(UNREADABLE);
    }
    expect(await rig.app.db.prisma.proposal.count()).toBe(0);
    expect(await rig.app.db.prisma.portfolioItem.count()).toBe(0);
  });

  it('closing such a modal, or typing in its search field, is acknowledged', async () => {
    for (const meta of ['{oops', 'null', '7']) {
      for (const callbackId of ['flow:proposal.step', 'proposal_step', 'flow:no.such']) {
        const closed = await rig.slack.interaction({
          type: 'view_closed',
          user: { id: KADRI },
          view: modal(callbackId, meta, 'title'),
        });
        expect(closed.status, `${callbackId} ${meta}`).toBe(200);
      }
      const typed = await rig.slack.interaction({
        type: 'block_suggestion',
        user: { id: KADRI },
        action_id: 'search:portfolioItems',
        block_id: 'linkedItemIds',
        value: 'pens',
        view: modal('flow:plan.save', meta, 'linkedItemIds'),
      });
      expect(typed.status, meta).toBe(200);
      expect(typed.body).toEqual({ options: [] });
    }
  });

  it("a button whose value cannot be read gets an ephemeral answer in the person's language", async () => {
    let n = 0;
    // Flows' buttons with values no flow reads, and buttons of no flow (from before an update, or forged).
    const values = ['{oops', 'null', '"p"', '{"proposalId":7}', '{"proposalId":"a\\tb"}'];
    const cases = [
      ...['flow:agreement.agree#0', 'flow:board.card#1'].flatMap((a) => values.map((v) => [a, v] as const)),
      // A button of no flow is not run even with a value that could be read.
      ...['proposal_step', 'opinion_give'].flatMap((a) =>
        [...values, '{"proposalId":"p1"}'].map((v) => [a, v] as const),
      ),
    ];
    for (const [actionId, value] of cases) {
      const answer = `${rig.api.url}../unreadable/${(n += 1)}`;
      const r = await rig.slack.click(JAAN, actionId, value, { channel: 'D0JAAN', ts: '1.000' }, {}, answer);
      expect(r.status, `${actionId} ${value}`).toBe(200);
      const told = await until(() => rig.api.calls.find((c) => c.method.endsWith(`unreadable/${n}`)));
      expect(told.params, `${actionId} ${value}`).toMatchObject({
        response_type: 'ephemeral',
        replace_original: false,
        text: UNREADABLE,
      });
    }
    expect(rig.api.of('views.open')).toEqual([]);
  });

  it('`actions` that is no list, or holds no action, is acknowledged and changes nothing', async () => {
    for (const actions of ['agreement_agree', 42, null, [], [null], ['x'], [{ action_id: 'flow:agreement.agree#0' }]]) {
      const r = await rig.slack.interaction({
        type: 'block_actions',
        user: { id: JAAN },
        trigger_id: 't',
        channel: { id: 'D0JAAN' },
        message: { ts: '1.0' },
        container: { type: 'message' },
        actions,
      });
      expect(r.status, json(actions)).toBe(200);
    }
    expect(rig.lines.join('\n')).toMatch(/warning: Slack request answered without a listener: .*not iterable/);
  });

  it('a listener that fails on a request it cannot take apart still answers, and tells the person', async () => {
    const before = rig.api.of('chat.postMessage').length;
    // A board button whose message state cannot be taken apart.
    const r = await rig.slack.interaction({
      type: 'block_actions',
      user: { id: JAAN },
      trigger_id: 't',
      message: { ts: '1.0' },
      state: { values: { decision: null } },
      actions: [{ type: 'button', action_id: 'flow:board.card#0', value: '{"proposalId":"p1"}', action_ts: 'b1' }],
    });
    expect(r.status).toBe(200);
    const told = await until(() =>
      rig.api
        .of('chat.postMessage')
        .slice(before)
        .find((c) => c.params.channel === JAAN),
    );
    expect(told.params.text).toBe(
      'Seda ei õnnestunud praegu teha. Proovi veel kord; kui see ei aita, anna teada arendusportfellide haldurile.',
    );
    expect(rig.lines.join('\n')).toMatch(/warning: Slack block_actions failed and was answered/);
  });
});

const DATABASES = [
  {
    name: 'pglite',
    open: async () => ({ database: { kind: 'pglite' as const, dir: null }, drop: async () => undefined }),
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: 'postgres',
          open: async () => {
            const f = await freshPostgres(process.env.TEST_DATABASE_URL!);
            return { database: { kind: 'postgres' as const, url: f.url }, drop: f.drop };
          },
        },
      ]
    : []),
];

describe.each(DATABASES)('NUL and lone surrogates through Slack on $name', (target) => {
  let rig: Rig;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const t = await target.open();
    drop = t.drop;
    rig = await start(t.database);
  });
  afterAll(async () => {
    await rig?.close();
    await drop?.();
  });

  it('are cleaned from modal fields, commands and events, never a 500', async () => {
    const { app, api, slack } = rig;
    expect((await slack.command(KADRI, '/idee')).status).toBe(200);
    // The modal opens at once ("working…") and is filled with the form's first step when the flow answers.
    const filled = (await until(() => api.of('views.update').at(-1))).params;
    const view = { ...filled.view, id: filled.view_id };
    expect(view.callback_id).toBe('flow:proposal.step');
    const r = await slack.submitView(KADRI, view, { title: `Pensio${NUL}nid${LONE}`, serviceId: 'som-star' });
    expect(r.status).toBe(200);
    expect(r.body.response_action).toBe('update');
    expect((await app.db.prisma.proposal.findFirstOrThrow({ where: { submitterId: 'kadri.kask' } })).title).toBe(
      'Pensionid',
    );
    expect((await slack.command(MARI, '/portfell', `kalender${NUL}`)).status).toBe(200);
    const event = await slack.event({
      type: 'message',
      channel: `C1${NUL}`,
      channel_type: 'channel',
      user: MARI,
      text: `arvamus${NUL}`,
      ts: '2.0',
      thread_ts: `1.0${NUL}${LONE}`,
    });
    expect(event.status).toBe(200);
    for (const meta of [
      `{"a":{"proposalId":"p${NUL}"},"m":{}}`,
      `{"a":{"proposalId":"p${LONE}"},"m":{"channel":"C${NUL}"}}`,
    ]) {
      const metadata = await slack.interaction({
        type: 'view_submission',
        user: { id: KADRI },
        trigger_id: 't',
        view: modal('flow:opinion.give', meta, 'argumentation'),
      });
      expect(metadata.status, meta).toBe(200);
      expect(metadata.body.response_action, meta).toBe('errors');
    }
  });
});

describe('the substitute form in Slack', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await start();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('"Kuni" before "Alates" is refused, and the form comes back with the person and both dates as picked', async () => {
    const url = `${rig.api.url}../resp/sub`;
    const r = await rig.slack.interaction({
      type: 'block_actions',
      user: { id: ANDRES },
      trigger_id: 't',
      response_url: url,
      channel: { id: `D${ANDRES}` },
      message: { ts: '1.0' },
      state: {
        values: {
          substituteId: { 'search:people': { type: 'external_select', selected_option: { value: 'toomas.teder' } } },
          from: { v: { type: 'datepicker', selected_date: '2030-06-10' } },
          until: { v: { type: 'datepicker', selected_date: '2030-06-01' } },
        },
      },
      actions: [{ type: 'button', action_id: 'flow:substitute.set#0', value: '{}', action_ts: 'a1' }],
    });
    expect(r.status).toBe(200);
    const redrawn = (await until(() => rig.api.calls.find((c) => c.method.endsWith('resp/sub')))).params;
    const blocks = redrawn.blocks as {
      type: string;
      block_id?: string;
      element?: Record<string, any>;
      elements?: { text: string }[];
    }[];
    const at = (id: string) => blocks.findIndex((b) => b.block_id === id);
    // The reason beside "Kuni", and everything as it was picked.
    expect(blocks[at('until') + 1]!.elements![0]!.text).toContain('„kuni“ ei saa olla enne „alates“');
    expect(blocks[at('substituteId')]!.element!.initial_option.value).toBe('toomas.teder');
    expect(blocks[at('from')]!.element!.initial_date).toBe('2030-06-10');
    expect(blocks[at('until')]!.element!.initial_date).toBe('2030-06-01');
    expect(await rig.app.db.prisma.substitution.count()).toBe(0);
    expect(TOOMAS).toMatch(/^U/);
  });
});
