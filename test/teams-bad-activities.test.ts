// Bad input to Teams' endpoint gets a clear answer, never a 500 or a reset connection: bodies that
// are no activity, bodies over 1 MB, NUL and lone surrogates anywhere in an activity (on PGlite and on
// PostgreSQL), a form step whose proposalId is not a string, required fields holding only spaces, and
// the substitute form refused for its dates (everything comes back as typed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { sdkSender } from '../src/bot/teams/dispatcher.ts';
import { loadConfig } from '../src/config/env.ts';
import { cardProblems } from './support/card-validation.ts';
import { ConnectorStub } from './support/connector-stub.ts';
import { freshPostgres } from './support/databases.ts';
import { TeamsDriver } from './support/teams-driver.ts';

const json = (x: unknown) => JSON.stringify(x);
const NUL = '\u0000';
const LONE = '\uDC00';

interface Rig {
  app: RunningApp;
  stub: ConnectorStub;
  d: TeamsDriver;
  lines: string[];
  close(): Promise<void>;
}

async function start(
  database: { kind: 'pglite'; dir: null } | { kind: 'postgres'; url: string } = { kind: 'pglite', dir: null },
): Promise<Rig> {
  const stub = await new ConnectorStub().start();
  const lines: string[] = [];
  const app = await startApp(
    { ...loadConfig({ PLAYGROUND: 'off' }), port: 0, database },
    { log: (l) => lines.push(l), teamsSender: sdkSender(), outboxIntervalMs: 50 },
  );
  return {
    app,
    stub,
    d: new TeamsDriver(app, stub),
    lines,
    async close() {
      await app.close();
      await stub.close();
    },
  };
}

/** A Bot Framework activity from a person of the organisation file, in their personal chat. */
function activity(rig: Rig, personId: string, extra: Record<string, unknown>) {
  const p = rig.d.who(personId);
  return {
    channelId: 'msteams',
    serviceUrl: rig.stub.url,
    id: `bad-${Math.random()}`,
    timestamp: new Date().toISOString(),
    from: { id: `29:${p.id}`, aadObjectId: p.aad, name: p.name },
    recipient: { id: '28:bot', name: 'Portfellibot' },
    conversation: { id: `a:chat-${personId}`, conversationType: 'personal', tenantId: 't1' },
    ...extra,
  };
}

async function rawPost(app: RunningApp, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, text: await res.text() };
}

describe('what is no activity', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await start();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('a body of null, a number, an array, or an activity without from or conversation gets 400 and a logged warning', async () => {
    const { app } = rig;
    const good = activity(rig, 'mari.maasikas', { type: 'message', text: 'abi' });
    const { from: _from, ...noFrom } = good;
    const { conversation: _conversation, ...noConversation } = good;
    const bodies: [string, unknown][] = [
      ['null', null],
      ['a number', 42],
      ['an array', [good]],
      ['no from', noFrom],
      ['no conversation', noConversation],
      ['from as a string', { ...good, from: 'mari' }],
      ['conversation without an id', { ...good, conversation: { conversationType: 'personal' } }],
      ['no type', { ...good, type: undefined }],
    ];
    for (const [what, body] of bodies) {
      const before = rig.lines.length;
      const r = await rawPost(app, JSON.stringify(body));
      expect(r.status, what).toBe(400);
      expect(JSON.parse(r.text).error, what).toMatch(/Bot Framework activity/);
      expect(rig.lines.slice(before).join('\n'), what).toMatch(/warning: Teams request refused \(400\)/);
    }
    // The endpoint still works.
    expect((await rawPost(app, JSON.stringify(good))).status).toBe(200);
  });

  it('a body over 1 MB gets 413 and a logged warning, not a reset connection', async () => {
    const before = rig.lines.length;
    const big = json(activity(rig, 'mari.maasikas', { type: 'message', text: 'x'.repeat(1_100_000) }));
    const r = await rawPost(rig.app, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text).error).toMatch(/1 MB/);
    expect(rig.lines.slice(before).join('\n')).toMatch(/warning: Teams request refused \(413\)/);
    // Multi-byte characters count as bytes: 600 000 "õ" are 1.2 MB.
    expect(
      (await rawPost(rig.app, json(activity(rig, 'mari.maasikas', { type: 'message', text: 'õ'.repeat(600_000) }))))
        .status,
    ).toBe(413);
    expect(
      (await rawPost(rig.app, json(activity(rig, 'mari.maasikas', { type: 'message', text: 'abi' })))).status,
    ).toBe(200);
  });
});

describe('the proposal form in Teams', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await start();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('a form step whose proposalId is not an id is refused and makes no draft', async () => {
    const { app, d } = rig;
    const drafts = await app.db.prisma.proposal.count();
    for (const proposalId of [42, { id: 'x' }, ['p'], true, '']) {
      const r = await d.click(
        'mari.maasikas',
        { action: 'proposal.step', args: { proposalId, step: 0 }, title: 'Uus idee', serviceId: 'ska-pensions' },
        `np-${json(proposalId)}`,
      );
      expect(r.type, json(proposalId)).toBe('application/vnd.microsoft.activity.message');
      expect(r.value).toBe(
        'Seda vormi või nuppu ei saanud lugeda (see võib olla vana). Ava see uuesti ja proovi veel kord.',
      );
    }
    expect(await app.db.prisma.proposal.count()).toBe(drafts);
  });

  it("a required field holding only spaces is refused at its step, beside the field, in the person's language", async () => {
    const { app, d } = rig;
    const drafts = await app.db.prisma.proposal.count();
    const blank = await d.click(
      'mari.maasikas',
      { action: 'proposal.step', args: { proposalId: null, step: 0 }, title: '   ', serviceId: 'ska-pensions' },
      'sp-1',
    );
    const card = json(blank.value);
    expect(card).toContain('See väli on kohustuslik.');
    expect(card).toContain('"id":"serviceId"');
    expect(await app.db.prisma.proposal.count()).toBe(drafts);
    const english = await d.click(
      'eva.jarv',
      { action: 'proposal.step', args: { proposalId: null, step: 0 }, title: '\t \n', serviceId: 'ska-pensions' },
      'sp-2',
    );
    expect(json(english.value)).toContain('This field is required.');
    // A later step: the draft exists; its required fields of spaces are refused, the others kept as typed.
    const first = await d.click(
      'mari.maasikas',
      { action: 'proposal.step', args: { proposalId: null, step: 0 }, title: 'Pensionid', serviceId: 'ska-pensions' },
      'sp-3',
    );
    const proposalId = (TeamsDriver.titled(first.value, 'Edasi').args as { proposalId: string }).proposalId;
    const second = await d.click(
      'mari.maasikas',
      { action: 'proposal.step', args: { proposalId, step: 1 }, currentSituation: '  ', problem: 'Aeglane menetlus' },
      'sp-4',
    );
    expect(json(second.value)).toContain('See väli on kohustuslik.');
    expect(json(second.value)).toContain('Aeglane menetlus');
    expect(await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({
      title: 'Pensionid',
      currentSituation: null,
      problem: null,
    });
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

describe.each(DATABASES)('NUL and lone surrogates through Teams on $name', (target) => {
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

  it('are cleaned from typed fields, ids and the conversation, never a 500', async () => {
    const { app, d } = rig;
    const first = await d.click(
      'mari.maasikas',
      {
        action: 'proposal.step',
        args: { proposalId: null, step: 0 },
        title: `Pensio${NUL}nid${LONE}`,
        serviceId: 'ska-pensions',
      },
      `n-1${NUL}`,
    );
    const proposalId = (TeamsDriver.titled(first.value, 'Edasi').args as { proposalId: string }).proposalId;
    expect((await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).title).toBe('Pensionid');
    await d.click(
      'mari.maasikas',
      {
        action: 'proposal.step',
        args: { proposalId, step: 1 },
        currentSituation: `Käsi${NUL}tsi`,
        problem: `Aeg${LONE}lane`,
      },
      'n-2',
    );
    expect(await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({
      currentSituation: 'Käsitsi',
      problem: 'Aeglane',
    });
    // An id with a NUL or a lone surrogate: cleaned like all the rest, so at worst another id — an answer, not a crash.
    for (const id of [`${proposalId}${NUL}`, `x${LONE}`])
      expect(
        (await d.click('mari.maasikas', { action: 'proposal.back', args: { proposalId: id, step: 1 } }, `n-3${id}`))
          .statusCode,
      ).toBe(200);
    // Typed messages and the conversation itself.
    for (const extra of [
      { type: 'message', text: `abi${NUL}` },
      {
        type: 'message',
        text: 'abi',
        conversation: { id: `a:chat${NUL}${LONE}`, conversationType: 'personal', tenantId: 't1' },
      },
    ]) {
      const r = await rawPost(app, json(activity(rig, 'mari.maasikas', extra)));
      expect(r.status, json(extra)).toBe(200);
    }
    // A key of the card's data with a NUL.
    const keyed = await rawPost(
      app,
      json(
        activity(rig, 'mari.maasikas', {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'intent',
              data: { action: 'intent', intent: 'help', [`x${NUL}`]: 1 },
            },
          },
        }),
      ),
    );
    expect(keyed.status).toBe(200);
  });
});

describe('the substitute form in Teams', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await start();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("declares the version it is valid for (Teams' 1.5, typeahead included); a 1.6 property in a 1.5 card is a problem", async () => {
    await rig.d.say('andres.allik', 'asendaja');
    const sent = await rig.stub.waitFor(
      (s) => s.conversationId === 'a:chat-andres.allik' && Array.isArray(s.body.attachments),
    );
    const card = (sent.body.attachments as { content: { version: string; body: { id?: string }[] } }[])[0]!.content;
    expect(card.version).toBe('1.5');
    expect(card.body.find((e) => e.id === 'substituteId')).toHaveProperty('choices.data');
    expect(cardProblems(card)).toEqual([]);
    expect(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'Input.Text', id: 'a', label: 'A', labelPosition: 'inline' }],
      }),
    ).toEqual(['Property "labelPosition" is supported in version 1.6, but you are using version 1.5.']);
    expect(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.6',
        body: [{ type: 'Input.Text', id: 'a', label: 'A', labelPosition: 'inline' }],
      }),
    ).toEqual([]);
  });

  it('"Kuni" before "Alates" is refused beside "Kuni", and the form comes back with everything as typed', async () => {
    const { app, d } = rig;
    const typed = { action: 'substitute.set', substituteId: 'toomas.teder', from: '2030-06-10', until: '2030-06-01' };
    const r = await d.click('andres.allik', typed, 'sub-dates');
    const card = r.value as { body: Record<string, unknown>[] };
    const inputs = JSON.parse(
      json(
        card.body.flatMap(function all(e: Record<string, unknown>): Record<string, unknown>[] {
          return [e, ...((e.columns ?? e.items ?? []) as Record<string, unknown>[]).flatMap(all)];
        }),
      ),
    ) as { id?: string; value?: string; type: string; text?: string }[];
    const byId = (id: string) => inputs.find((e) => e.id === id);
    expect(byId('substituteId')?.value).toBe('toomas.teder');
    expect(byId('from')?.value).toBe('2030-06-10');
    expect(byId('until')?.value).toBe('2030-06-01');
    expect(json(card)).toContain('Midagi sisestatut ei läinud kaduma');
    // The chosen person is among the picker's choices even when not among the first by name.
    expect(json(byId('substituteId'))).toContain('"value":"toomas.teder"');
    // The reason stands beside "Kuni": right after its input.
    const until = inputs.findIndex((e) => e.id === 'until');
    expect(inputs[until + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention' });
    expect(inputs[until + 1]!.text).toContain('„kuni“ ei saa olla enne „alates“');
    expect(await app.db.prisma.substitution.count()).toBe(0);
  });
});
