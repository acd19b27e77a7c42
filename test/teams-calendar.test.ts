// Teams' own part of the calendar and absence screens, through /api/messages: the substitute picker's
// typeahead (card.search); reminders, digests and overdue summaries arrive in Estonian and English.
// (The calendar and substitutes themselves run on both platforms in test/parity/desk.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import { enqueue } from '../src/storage/outbox.ts';
import type { ConnectorStub } from './support/connector-stub.ts';
import { TeamsDriver } from './support/teams-driver.ts';
import { testClock } from './support/clock.ts';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';

let rig: TeamsRig;
let app: RunningApp;
let stub: ConnectorStub;
let d: TeamsDriver;
const json = (x: unknown) => JSON.stringify(x);
/** A card's text as read: the escapes that keep typed text literal (\\( \\)) taken off. */
const seen = (x: unknown) => json(x).replace(/\\\\([()])/g, '$1');

beforeAll(async () => {
  rig = await startTeamsRig({}, testClock());
  ({ app, stub, d } = rig);
});
afterAll(async () => {
  await rig?.close();
});

const answer = (personId: string, text: string) => rig.answer(personId, text);

describe('calendar and substitutes in Teams', () => {
  it("the substitute picker is Teams' typeahead: the first people by name, the others found as the name is typed", async () => {
    const card = await answer('andres.allik', 'asendaja');
    d.valid(card);
    const picker = JSON.parse(json(card)).body.find((e: { id?: string }) => e.id === 'substituteId');
    expect(picker['choices.data']).toEqual({ type: 'Data.Query', dataset: 'people', count: 20 });
    expect(picker.choices.map((c: { value: string }) => c.value)).not.toContain('andres.allik');
    const found = await d.search('andres.allik', 'people', 'jarv');
    expect(found.value.results).toEqual([{ title: 'Eva Järv', value: 'eva.jarv' }]);
    expect((await d.search('andres.allik', 'people', 'Andres')).value.results).toEqual([]);
    expect((await d.search('andres.allik', 'people', '')).value.results).toEqual(picker.choices);
    expect((await d.search('andres.allik', 'no-such-dataset', 'jarv')).value.results).toEqual([]);
    // A forged choice is refused by the engine, told beside the picker, and nothing is saved.
    const self = await d.press('andres.allik', card, 'Määra asendaja', {
      substituteId: 'andres.allik',
      from: '2030-06-01',
      until: '2030-06-10',
    });
    expect(json(self.value)).toContain('Asendaja peab olema keegi teine.');
    expect(await app.db.prisma.substitution.count()).toBe(0);
  });

  it("reminders, digests and overdue summaries arrive in each reader's language", async () => {
    for (const p of ['jaan.tamm', 'eva.jarv', 'mari.maasikas']) await d.say(p, 'tere');
    const item = {
      kind: 'opinion' as const,
      proposalId: 'p-1',
      number: 7,
      title: 'Retseptikeskus',
      since: '2030-01-02T08:00:00.000Z',
      dueAt: '2030-01-20T08:00:00.000Z',
    };
    await app.db.prisma.$transaction((tx) =>
      enqueue(tx, app.engine.now(), [
        {
          audience: { kind: 'person', personId: 'jaan.tamm' },
          payload: {
            kind: 'reminderDigest',
            items: [
              item,
              {
                ...item,
                kind: 'statusUpdate',
                proposalId: null,
                number: null,
                title: 'Pensioniregister',
                onBehalfOf: 'andres.allik',
              },
            ],
          },
        },
        { audience: { kind: 'person', personId: 'eva.jarv' }, payload: { kind: 'reminderDigest', items: [item] } },
        {
          audience: { kind: 'portfolioManagers' },
          payload: { kind: 'overdueSummary', items: [{ ...item, personId: 'eva.jarv' }] },
        },
      ]),
    );
    const et = await stub.waitFor(
      (s) => s.conversationId === 'a:chat-jaan.tamm' && json(s.body).includes('Meeldetuletus'),
    );
    expect(seen(et.body)).toContain('nr 7 „Retseptikeskus“ — kaasamõtleja arvamus (tähtaeg 20.01.2030)');
    expect(seen(et.body)).toContain(
      'portfelli töö „Pensioniregister“ — staatuse uuendus (tähtaeg 20.01.2030) — asendad: Andres',
    );
    const en = await stub.waitFor((s) => s.conversationId === 'a:chat-eva.jarv' && json(s.body).includes('Reminder'));
    expect(seen(en.body)).toContain('no. 7 \\"Retseptikeskus\\" — co-thinker opinion (due 20.01.2030)');
    const summary = await stub.waitFor(
      (s) => s.conversationId === 'a:chat-mari.maasikas' && json(s.body).includes('Üle aja'),
    );
    expect(seen(summary.body)).toContain('Eva');
  });
});
