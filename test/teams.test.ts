// Teams through its real endpoint: Bot Framework activities POSTed to /api/messages (the Teams
// SDK's own handler), replies and proactive messages landing in a loopback connector stub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { sdkSender } from '../src/bot/teams/dispatcher.ts';
import { loadConfig } from '../src/config/env.ts';
import { cardProblems } from './support/card-validation.ts';
import { cardOf, ConnectorStub, type SentActivity } from './support/connector-stub.ts';
import { TeamsDriver } from './support/teams-driver.ts';

const KADRI = { aad: '77c38aee-dc59-4feb-b99c-6a8658f089d5', id: 'kadri.kask' };
const LIIS = { aad: 'e5f25bc6-67ea-4ca1-ba9e-f9e75ba44e9c', id: 'liis.lepp' };
const JAAN = { aad: '4222dc18-a502-4238-bad4-639ccdd8d889', id: 'jaan.tamm' };

let app: RunningApp;
let stub: ConnectorStub;
let seq = 0;

function activity(who: { aad: string; id: string }, extra: Record<string, unknown>) {
  return {
    channelId: 'msteams',
    serviceUrl: stub.url,
    id: `in-${++seq}`,
    timestamp: new Date().toISOString(),
    from: { id: `29:${who.id}`, aadObjectId: who.aad, name: who.id },
    recipient: { id: '28:bot', name: 'Portfellibot' },
    conversation: { id: `a:chat-${who.id}`, conversationType: 'personal', tenantId: 't1' },
    ...extra,
  };
}

async function post(body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const say = (who: { aad: string; id: string }, text: string) => post(activity(who, { type: 'message', text }));
async function click(who: { aad: string; id: string }, data: Record<string, unknown>, replyToId = 'card-1') {
  const r = await post(
    activity(who, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId,
      value: { action: { type: 'Action.Execute', verb: data.action, data } },
    }),
  );
  expect(r.status).toBe(200);
  return r.body as { statusCode: number; type: string; value: any };
}

const allText = (card: unknown) => JSON.stringify(card);
const checked: unknown[] = [];
function valid(card: unknown) {
  checked.push(card);
  expect(cardProblems(card)).toEqual([]);
  return card as any;
}

beforeAll(async () => {
  stub = await new ConnectorStub().start();
  const config = { ...loadConfig({ PLAYGROUND: 'off' }), port: 0, database: { kind: 'pglite' as const, dir: null } };
  app = await startApp(config, { log: () => undefined, teamsSender: sdkSender(), outboxIntervalMs: 50 });
});
afterAll(async () => {
  await app?.close();
  await stub?.close();
});

describe('Teams', () => {
  it("answers help in the person's chat with a valid card in Estonian", async () => {
    expect((await say(KADRI, 'abi')).status).toBe(200);
    const reply = await stub.waitFor((s) => s.conversationId === `a:chat-${KADRI.id}`);
    const card = valid(cardOf(reply));
    expect(allText(card)).toContain('uus idee');
  });

  it('a submitter fills the form step by step, sees errors next to the field, submits; the policy manager agrees in place', async () => {
    await say(LIIS, 'tere'); // Liis opens her chat: the bot can reach her later
    // "Uus idee" on the help card opens the form's first step.
    await say(KADRI, 'abi');
    const help = await stub.waitFor(
      (s) => s.conversationId === `a:chat-${KADRI.id}` && allText(s.body).includes('proposal.new'),
    );
    let r = await click(KADRI, TeamsDriver.titled(cardOf(help), 'Uus idee'));
    expect(r.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(allText(valid(r.value))).toContain('samm 1/6');
    const next = (card: unknown, values: Record<string, string>) =>
      click(KADRI, { ...TeamsDriver.titled(card, 'Edasi'), ...values });

    // A title over the limit comes back on the same step with the error beside it, what was typed kept, nothing saved.
    r = await next(r.value, { title: 'x'.repeat(201), serviceId: 'som-star' });
    valid(r.value);
    expect(allText(r.value)).toContain('Liiga pikk: kuni 200 märki.');
    expect(allText(r.value)).toContain('x'.repeat(150));
    expect(allText(r.value)).toContain('samm 1/6');
    expect(await app.db.prisma.proposal.count()).toBe(0);

    r = await next(r.value, { title: 'STAR-i *andmevahetus* [link](http://x)', serviceId: 'som-star' });
    const proposal = await app.db.prisma.proposal.findFirstOrThrow({ where: { submitterId: KADRI.id } });
    const steps: Record<string, string>[] = [
      { currentSituation: 'Andmed liiguvad e-kirjaga.', problem: 'Viivitused ja vead.' },
      { expectedResult: 'Masinliides.', impact: '200 omavalitsust.', alternatives: 'Jätkata käsitsi.' },
      { budgetEur: '120 000', fundingSource: 'Riigieelarve', legislationNeed: 'Ei', stakeholders: 'KOVid, TEHIK' },
      { strategicGoals: 'HEA,DIGI2030', strategicGoalNote: 'HEA meede 2' },
    ];
    for (const [i, values] of steps.entries()) {
      expect(allText(valid(r.value))).toContain(`samm ${i + 2}/6`);
      r = await next(r.value, values);
      if (i === 1) {
        // Back shows the step before with what was saved; the person goes on from there.
        const back = await click(KADRI, TeamsDriver.titled(r.value, 'Tagasi'));
        expect(allText(valid(back.value))).toContain('"value":"Masinliides."');
        r = await next(back.value, steps[1]!);
      }
    }
    const summary = valid(r.value);
    expect(allText(summary)).toContain('Kontrolli ja esita');
    expect(allText(summary)).toContain('120');
    expect(allText(summary)).toContain('STAR-i \\\\*andmevahetus\\\\* \\\\[link\\\\]\\\\(http://x\\\\)'); // escaped, shown literally
    r = await click(KADRI, TeamsDriver.titled(summary, 'Esita'));
    // The confirmation: submitted, its stage and who is next, and where to go on.
    const confirmation = allText(valid(r.value));
    expect(confirmation).toContain(`Arendusalgatus nr ${proposal.number} on esitatud.`);
    expect(confirmation).toContain('Etapp: kooskõlastamisel. Ootab kooskõlastust: Liis Lepp.');
    expect(confirmation).toContain('"title":"Minu algatused"');
    expect(await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({
      status: 'agreement',
      budgetEur: 120000,
      strategicGoals: ['HEA', 'DIGI2030'],
    });

    // The outbox brings the agreement card to Liis (policy manager: the service has no service manager).
    const ask = await stub.waitFor(
      (s) => s.conversationId === `a:chat-${LIIS.id}` && allText(s.body).includes('agreement.agree'),
    );
    const askCard = valid(cardOf(ask));
    expect(allText(askCard)).toContain('Kooskõlastamiseks');

    // Jaan is not the agreer: a polite refusal, the card stays, nothing changes.
    const wrong = await click(JAAN, TeamsDriver.titled(askCard, 'Kooskõlasta'), ask.id);
    expect(wrong.type).toBe('application/vnd.microsoft.activity.message');
    expect(wrong.value).toContain('poliitikajuht');
    expect((await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe('agreement');

    const done = await click(LIIS, TeamsDriver.titled(askCard, 'Kooskõlasta'), ask.id);
    valid(done.value);
    expect(allText(done.value)).toContain('Liis Lepp kooskõlastas');
    expect(allText(done.value)).not.toContain('agreement.agree'); // no buttons left
    const again = await click(LIIS, TeamsDriver.titled(askCard, 'Kooskõlasta'), ask.id); // double click
    expect(again.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await app.db.prisma.decision.count({ where: { proposalId: proposal.id, kind: 'agreed' } })).toBe(1);
    expect((await app.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe('board');

    const told = await stub.waitFor(
      (s: SentActivity) => s.conversationId === `a:chat-${KADRI.id}` && allText(s.body).includes('kooskõlastatud'),
    );
    expect(allText(told.body)).toContain(`nr ${proposal.number}`);
  });

  it('lists "minu algatused" and refuses people outside the directory', async () => {
    await say(KADRI, 'minu algatused');
    const list = await stub.waitFor(
      (s) => s.conversationId === `a:chat-${KADRI.id}` && allText(s.body).includes('Minu arendusalgatused'),
    );
    expect(allText(valid(cardOf(list)))).toContain('asutuse juhtrühmas');
    expect(allText(cardOf(list))).toContain('Ootab asutuse juhtrühma otsust: SoM juhtkond.');
    await say({ aad: '00000000-0000-0000-0000-000000000000', id: 'stranger' }, 'abi');
    const refused = await stub.waitFor((s) => s.conversationId === 'a:chat-stranger');
    expect(refused.body.text).toContain('organisatsiooni kataloogist');
  });

  it('stays quiet in a channel unless addressed', async () => {
    const before = stub.sent.length;
    const channel = { id: '19:general@thread.tacv2;messageid=m1', conversationType: 'channel', tenantId: 't1' };
    await post({ ...activity(KADRI, { type: 'message', text: 'Kas keegi lõunale tuleb?' }), conversation: channel });
    await post({
      ...activity(KADRI, { type: 'message', text: '<at>Portfellibot</at> mis see on' }),
      conversation: { ...channel, id: '19:general@thread.tacv2;messageid=m2' },
    });
    const answered = await stub.waitFor((s) => s.conversationId === '19:general@thread.tacv2;messageid=m2');
    expect(allText(answered.body)).toContain('Ma ei saanud aru');
    expect(stub.sent.slice(before).filter((s) => s.conversationId.endsWith('messageid=m1'))).toEqual([]);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const res = await fetch(`${app.url}/api/messages`, { method: 'POST', body: 'nope' });
    expect(res.status).toBe(400);
    expect(checked.length).toBeGreaterThan(5);
  });
});
