// The calendar and absence screens in Teams, through /api/messages: the portfolio manager adds the
// default meetings and moves one (its dates move), a committee member proposes an extraordinary
// meeting and the manager dates it, a person names a substitute and ends it; wrong people are refused
// politely; reminders, digests and overdue summaries arrive in Estonian and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import { enqueue } from '../src/storage/outbox.ts';
import { quarterOf } from '../src/workflow/calendar.ts';
import type { ConnectorStub } from './support/connector-stub.ts';
import { TeamsDriver } from './support/teams-driver.ts';
import { testClock } from './support/clock.ts';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';

let rig: TeamsRig;
let app: RunningApp;
let stub: ConnectorStub;
let d: TeamsDriver;
const json = (x: unknown) => JSON.stringify(x);

beforeAll(async () => {
  rig = await startTeamsRig({}, testClock());
  ({ app, stub, d } = rig);
});
afterAll(async () => {
  await rig?.close();
});

const answer = (personId: string, text: string) => rig.answer(personId, text);

describe('calendar and substitutes in Teams', () => {
  it('the portfolio manager adds default meetings and moves one; the dates move with it', async () => {
    const first = await answer('mari.maasikas', 'kalender');
    d.valid(first);
    expect(json(first)).toContain('Tulevasi koosolekuid pole veel määratud.');
    expect(json(first)).toContain('kvartali 2. kuu 2. neljapäev, kell 10:00');

    const planned = await d.click(
      'mari.maasikas',
      TeamsDriver.button(first, 'calendar.plan', { domainId: 'social' }),
      'cal-1',
    );
    expect(json(planned.value)).toContain('vaikimisi koosolekud lisatud (4)');
    const meetings = await app.db.prisma.meeting.findMany({
      where: { domainId: 'social' },
      orderBy: { startsAt: 'asc' },
    });
    expect(new Set(meetings.map((m) => quarterOf(m.startsAt))).size).toBe(4);
    expect(json(planned.value)).toContain('Kaasamõtlemine algab');

    // Someone else clicking the same button changes nothing and is told who may.
    const stranger = await d.click(
      'siim.sepp',
      {
        ...TeamsDriver.button(planned.value, 'calendar.move', { meetingId: meetings[0]!.id }),
        [`date_${meetings[0]!.id}`]: '2030-01-10',
        [`time_${meetings[0]!.id}`]: '10:00',
      },
      'cal-y',
    );
    expect(json(stranger.value)).toContain('arendusportfellide haldur');
    expect((await app.db.prisma.meeting.findUniqueOrThrow({ where: { id: meetings[0]!.id } })).startsAt).toEqual(
      meetings[0]!.startsAt,
    );

    // A week later, at 13:00 Tallinn time.
    const target = new Date(meetings[0]!.startsAt.getTime() + 7 * 86400_000);
    const day = target.toISOString().slice(0, 10);
    const moved = await d.click(
      'mari.maasikas',
      {
        ...TeamsDriver.button(planned.value, 'calendar.move', { meetingId: meetings[0]!.id }),
        [`date_${meetings[0]!.id}`]: day,
        [`time_${meetings[0]!.id}`]: '13:00',
      },
      'cal-2',
    );
    expect(json(moved.value)).toContain('kõik tähtajad ja meeldetuletused liikusid kaasa');
    const after = await app.db.prisma.meeting.findUniqueOrThrow({ where: { id: meetings[0]!.id } });
    expect(after.startsAt.getTime() - target.getTime()).toBeLessThan(86400_000);
    const rows = await app.db.prisma.deadline.findMany({ where: { meetingId: after.id, personId: null } });
    for (const r of rows) expect(after.startsAt.getTime() - r.dueAt.getTime()).toBe(21 * 86400_000);
  });

  it('a committee member proposes an extraordinary meeting; the portfolio manager dates it', async () => {
    const card = await answer('kristi.kivi', 'calendar');
    d.valid(card);
    const empty = await d.click(
      'kristi.kivi',
      { ...TeamsDriver.button(card, 'calendar.request'), domainId: 'social', reason: '  ' },
      'req-0',
    );
    expect(json(empty.value)).toContain('Palun paranda väljad');
    expect(await app.db.prisma.meetingRequest.count()).toBe(0);
    const sent = await d.click(
      'kristi.kivi',
      { ...TeamsDriver.button(card, 'calendar.request'), domainId: 'social', reason: 'STAR-i rike vajab otsust' },
      'req-1',
    );
    expect(json(sent.value)).toContain('ettepanek saadetud portfellihaldurile');
    // The portfolio manager is told (through the outbox); waited for, so that it is not taken for the answer asked for below.
    await stub.waitFor(
      (s) => s.conversationId === 'a:chat-mari.maasikas' && json(s.body).includes('STAR-i rike vajab otsust'),
    );
    // Not a committee member: no form, and the command is refused.
    expect(json(await answer('siim.sepp', 'kalender'))).not.toContain('calendar.request');

    const desk = await answer('mari.maasikas', 'kalender');
    expect(json(desk)).toContain('STAR-i rike vajab otsust');
    const request = await app.db.prisma.meetingRequest.findFirstOrThrow();
    const accepted = await d.click(
      'mari.maasikas',
      {
        ...TeamsDriver.button(desk, 'calendar.accept', { requestId: request.id }),
        [`date_${request.id}`]: '2030-03-04',
        [`time_${request.id}`]: '09:30',
      },
      'req-2',
    );
    expect(json(accepted.value)).toContain('erakorraline koosolek määratud');
    const m = await app.db.prisma.meeting.findFirstOrThrow({ where: { extraordinary: true } });
    expect(m.startsAt.toISOString()).toBe('2030-03-04T07:30:00.000Z');
  });

  it('a person names a substitute, sees a clear error for a bad one, and ends it', async () => {
    const card = await answer('andres.allik', 'asendaja');
    d.valid(card);
    expect(json(card)).toContain('Asendamine');
    // The picker offers the first people by name and finds the others as the name is typed (not oneself; with or without accents).
    const picker = JSON.parse(json(card)).body.find((e: { id?: string }) => e.id === 'substituteId');
    expect(picker['choices.data']).toEqual({ type: 'Data.Query', dataset: 'people', count: 20 });
    expect(picker.choices.map((c: { value: string }) => c.value)).not.toContain('andres.allik');
    const found = await d.search('andres.allik', 'people', 'jarv');
    expect(found.value.results).toEqual([{ title: 'Eva Järv', value: 'eva.jarv' }]);
    expect((await d.search('andres.allik', 'people', 'Andres')).value.results).toEqual([]);
    expect((await d.search('andres.allik', 'people', '')).value.results).toEqual(picker.choices);
    const self = await d.click(
      'andres.allik',
      {
        ...TeamsDriver.button(card, 'substitute.set'),
        substituteId: 'andres.allik',
        from: '2030-06-01',
        until: '2030-06-10',
      },
      'sub-0',
    );
    expect(json(self.value)).toContain('Asendaja: Asendaja peab olema keegi teine.');
    const ok = await d.click(
      'andres.allik',
      {
        ...TeamsDriver.button(card, 'substitute.set'),
        substituteId: 'toomas.teder',
        from: '2030-06-01',
        until: '2030-06-10',
      },
      'sub-1',
    );
    expect(json(ok.value)).toContain('Toomas');
    expect(json(ok.value)).toContain('01.06.2030–10.06.2030');
    const s = await app.db.prisma.substitution.findFirstOrThrow();
    expect(s).toMatchObject({ absentId: 'andres.allik', substituteId: 'toomas.teder', cancelledAt: null });
    // Toomas sees whom she stands in for; he cannot end it.
    const hers = await answer('toomas.teder', 'away');
    expect(json(hers)).toContain('Asendad: Andres');
    const notHers = await d.click('toomas.teder', { action: 'substitute.cancel', substitutionId: s.id }, 'sub-2');
    expect(json(notHers.value)).toContain('Asendaja saad määrata ainult endale');
    const ended = await d.click(
      'andres.allik',
      TeamsDriver.button(ok.value, 'substitute.cancel', { substitutionId: s.id }),
      'sub-3',
    );
    expect(json(ended.value)).toContain('asendamine lõpetatud');
    expect((await app.db.prisma.substitution.findFirstOrThrow()).cancelledAt).not.toBeNull();
  });

  it("reminders, digests and overdue summaries arrive in each reader's language", async () => {
    for (const p of ['jaan.tamm', 'eva.jarv']) await d.say(p, 'tere');
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
    expect(json(et.body)).toContain('nr 7 „Retseptikeskus“ — kaasamõtleja arvamus (tähtaeg 20.01.2030)');
    expect(json(et.body)).toContain(
      'portfelli töö „Pensioniregister“ — staatuse uuendus (tähtaeg 20.01.2030) — asendad: Andres',
    );
    const en = await stub.waitFor((s) => s.conversationId === 'a:chat-eva.jarv' && json(s.body).includes('Reminder'));
    expect(json(en.body)).toContain('no. 7 \\"Retseptikeskus\\" — co-thinker opinion (due 20.01.2030)');
    const summary = await stub.waitFor(
      (s) => s.conversationId === 'a:chat-mari.maasikas' && json(s.body).includes('Üle aja'),
    );
    expect(json(summary.body)).toContain('Eva');
  });
});
