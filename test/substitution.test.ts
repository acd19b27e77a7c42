// Absence and delegation on PGlite and PostgreSQL: a person names a substitute for a period; their
// pending and new requests and their reminders go to the substitute, who may agree for them, the
// decision and the audit say who acted for whom, and when the period ends everything goes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationText } from '../src/bot/notifications.ts';
import { NoticeData } from '../src/engine/notice-data.ts';
import { Queries } from '../src/engine/queries.ts';
import { reminderTick } from '../src/engine/reminders.ts';
import type { Database } from '../src/storage/database.ts';
import { syncDirectory } from '../src/storage/directory-sync.ts';
import type { Audience, OutboxPayload } from '../src/workflow/outbox-messages.ts';
import { Refusal } from '../src/workflow/refusal.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { FULL_FORM, ORG } from './support/org.ts';

describe.each(TEST_TARGETS)('substitutes on $name', (target) => {
  let db: Database;
  let h: Harness;
  // The app syncs the directory into Person rows at start-up; substitutions refer to them.
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
    await syncDirectory(db.prisma, ORG);
  });
  afterAll(async () => {
    await db.close();
  });

  const submitted = async (title: string) => {
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: { ...FULL_FORM, title, serviceId: 'pension' } });
    await h.ok('mari', 'submit', { proposalId });
    return proposalId;
  };
  const lastTo = (kind: string) =>
    db.prisma.outboxMessage.findFirstOrThrow({ where: { kind }, orderBy: { createdAt: 'desc' } });

  it('refuses what cannot be, with the field it concerns', async () => {
    h.now = new Date('2027-03-01T08:00:00Z');
    const bad = async (actor: string, input: object) => {
      const r = await h.run(actor, 'setSubstitute', input);
      if (r.ok) throw new Error('expected a refusal');
      return Object.entries(r.refusal.fieldErrors).map(([field, e]) => [field, e.key]);
    };
    expect(await bad('jaan', { substituteId: 'jaan', from: '2027-03-01', until: '2027-03-05' })).toEqual([
      ['substituteId', 'refusal.substituteSelf'],
    ]);
    expect(await bad('jaan', { substituteId: 'nobody', from: '2027-03-01', until: '2027-03-05' })).toEqual([
      ['substituteId', 'refusal.substituteUnknown'],
    ]);
    expect(await bad('jaan', { substituteId: 'anu', from: '2027-03-05', until: '2027-03-01' })).toEqual([
      ['until', 'refusal.substitutionDates'],
    ]);
    expect(await bad('jaan', { substituteId: 'anu', from: '2027-01-01', until: '2027-02-01' })).toEqual([
      ['until', 'refusal.substitutionPast'],
    ]);
    expect(await bad('jaan', { substituteId: 'anu', from: '2027-03-01', until: '2028-06-01' })).toEqual([
      ['until', 'refusal.substitutionTooLong'],
    ]);
    expect(await bad('jaan', { substituteId: 'anu', from: '1.3.2027', until: '2027-03-05' })).toEqual([
      ['from', 'field.invalid'],
    ]);
    expect(
      await h.refused('mari', 'setSubstitute', {
        substituteId: 'anu',
        from: '2027-03-01',
        until: '2027-03-05',
        absentId: 'jaan',
      }),
    ).toBe('refusal.substituteOnlyOwn');
    // A portfolio manager may name someone's substitute, but not themselves: that would grant them the powers.
    expect(await bad('pm', { absentId: 'jaan', substituteId: 'pm', from: '2027-03-01', until: '2027-03-05' })).toEqual([
      ['substituteId', 'refusal.substituteNotYourself'],
    ]);
    expect(await db.prisma.substitution.count()).toBe(0);
  });

  it('pending and new requests and reminders go to the substitute, who agrees for the absent person', async () => {
    h.now = new Date('2027-03-01T08:00:00Z'); // Monday
    const before = await submitted('Enne puhkust');

    // Jaan is away 2–12 March and names Anu; she hears what already waits for him.
    h.now = new Date('2027-03-02T06:00:00Z');
    const { substitutionId } = await h.ok('jaan', 'setSubstitute', {
      substituteId: 'anu',
      from: '2027-03-02',
      until: '2027-03-12',
    });
    const started = await lastTo('substitutionStarted');
    expect(started.audience).toEqual({ kind: 'person', personId: 'anu', onBehalfOf: 'jaan' });
    expect((started.payload as { items: { proposalId: string }[] }).items.map((i) => i.proposalId)).toEqual([before]);
    for (const locale of ['et', 'en'] as const) {
      const text = await notificationText(
        new NoticeData(db.prisma),
        ORG,
        started.payload as unknown as OutboxPayload,
        started.audience as Audience,
        locale,
      );
      expect(text).toContain(
        locale === 'et' ? 'määras sind oma asendajaks 02.03.2027–12.03.2027' : 'from 02.03.2027 to 12.03.2027',
      );
      expect(text).toContain('Enne puhkust');
    }

    // A new request for Jaan goes to Anu, marked as his.
    const during = await submitted('Puhkuse ajal');
    const asked = await lastTo('agreementRequested');
    expect(asked.audience).toEqual({ kind: 'person', personId: 'anu', onBehalfOf: 'jaan' });
    // Anu may read it as Jaan's substitute (the request and, after her decision, its outcome).
    const q = new Queries(db.prisma, () => ORG);
    expect((await q.review('anu', during, h.now))?.standsInFor).toEqual(['jaan']);
    // Her "minu ootel" lists Jaan's agreements while she stands in for him, and not after.
    expect((await q.waitingFor('anu', h.now)).agreements.map((p) => p.proposalId)).toEqual([before, during]);
    expect((await q.waitingFor('anu', new Date('2027-03-13T06:00:00Z'))).agreements).toEqual([]);
    await expect(q.proposal('anu', during)).rejects.toThrow(Refusal);

    // Anu agrees for Jaan: the decision and the audit say so. Someone else still may not.
    expect(await h.refused('kati', 'agree', { proposalId: during })).toBe('refusal.onlyServiceManager');
    await h.ok('anu', 'agree', { proposalId: during });
    const decision = await db.prisma.decision.findFirstOrThrow({ where: { proposalId: during, kind: 'agreed' } });
    expect(decision).toMatchObject({ byId: 'anu', onBehalfOf: 'jaan' });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'proposal', entityId: during, command: 'agree' },
    });
    expect(audit).toMatchObject({ actorId: 'anu', onBehalfOf: 'jaan' });

    // Jaan's reminder (3 working days after the first submission) reaches Anu, marked as his.
    await reminderTick(db.prisma, ORG, new Date('2027-03-04T08:00:00Z'));
    const digest = await lastTo('reminderDigest');
    expect(digest.audience).toEqual({ kind: 'person', personId: 'anu' });
    expect((digest.payload as { items: { onBehalfOf?: string; proposalId: string }[] }).items).toMatchObject([
      { proposalId: before, onBehalfOf: 'jaan' },
    ]);
    const en = await notificationText(
      new NoticeData(db.prisma),
      ORG,
      digest.payload as unknown as OutboxPayload,
      digest.audience as Audience,
      'en',
    );
    expect(en).toContain('standing in for Jaan');

    // Only Jaan (or a portfolio manager) ends it early; then everything is his again.
    expect(await h.refused('anu', 'cancelSubstitute', { substitutionId })).toBe('refusal.substituteOnlyOwn');
    h.now = new Date('2027-03-05T08:00:00Z');
    await h.ok('jaan', 'cancelSubstitute', { substitutionId });
    expect(await h.refused('jaan', 'cancelSubstitute', { substitutionId })).toBe('refusal.substitutionOver');
    expect((await lastTo('substitutionEnded')).audience).toMatchObject({ personId: 'anu' });
    expect(await h.refused('anu', 'agree', { proposalId: before })).toBe('refusal.onlyServiceManager');
    await expect(q.review('anu', before, h.now)).rejects.toThrow(Refusal);
    await submitted('Pärast');
    expect((await lastTo('agreementRequested')).audience).toEqual({ kind: 'person', personId: 'jaan' });
  });

  it('a portfolio manager names a substitute for someone; it starts on its first day and ends after its last', async () => {
    h.now = new Date('2027-04-01T08:00:00Z');
    await h.ok('pm', 'setSubstitute', {
      absentId: 'jaan',
      substituteId: 'toomas',
      from: '2027-04-05',
      until: '2027-04-06',
    });
    const p = await submitted('Enne algust');
    expect((await lastTo('agreementRequested')).audience).toEqual({ kind: 'person', personId: 'jaan' });
    h.now = new Date('2027-04-05T06:00:00Z'); // 09:00 Tallinn on the first day
    await h.ok('toomas', 'agree', { proposalId: p });
    h.now = new Date('2027-04-06T21:30:00Z'); // 00:30 on 7 April in Tallinn: over
    const q = await submitted('Pärast lõppu');
    expect(await h.refused('toomas', 'agree', { proposalId: q })).toBe('refusal.onlyServiceManager');
  });
  it('a vote stays personal, and nobody decides on their own proposal as a substitute', async () => {
    h.now = new Date('2027-05-03T08:00:00Z');
    // The social chair Olev is away; Kati (not on the committee) stands in for him.
    await h.ok('olev', 'setSubstitute', { substituteId: 'kati', from: '2027-05-03', until: '2027-05-31' });
    const proposalId = await h.atBoard();
    await h.scheduled(proposalId);
    h.now = new Date('2027-06-03T08:00:00Z');
    const { pollId } = await h.ok('pm', 'openPoll', { proposalId });
    expect(await h.refused('kati', 'vote', { pollId, choice: 'YES' })).toBe('refusal.only.committeeMember');
    expect(await db.prisma.vote.count({ where: { pollId } })).toBe(0);
    // Mari submits; Jaan, who agrees her proposals, names Mari as his substitute: she cannot agree her own.
    h.now = new Date('2027-06-07T08:00:00Z');
    await h.ok('jaan', 'setSubstitute', { substituteId: 'mari', from: '2027-06-07', until: '2027-06-11' });
    const own = await submitted('Oma ettepanek');
    expect(await h.refused('mari', 'agree', { proposalId: own })).toBe('refusal.onlyServiceManager');
  });
});
