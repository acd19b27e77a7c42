// The minutes of a meeting with all three decision kinds, on PGlite and PostgreSQL: participants,
// JAH / JAH, KUI with its conditions / EI with the votes and co-thinkers' view, the portfolio
// changes; as Markdown and as a Word document whose text says the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { Queries } from '../src/engine/queries.ts';
import { loadMinutes } from '../src/files/minutes.ts';
import { minutesDocx, minutesMarkdown } from '../src/files/minutes-render.ts';
import type { Database } from '../src/storage/database.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { FULL_FORM, ORG } from './support/org.ts';

describe.each(TEST_TARGETS)('minutes on $name', (target) => {
  let db: Database;
  let h: Harness;
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('lists participants, each decision with votes and conditions, and the portfolio changes', async () => {
    h.now = new Date('2027-02-01T08:00:00Z');
    await db.prisma.portfolioItem.createMany({
      data: [
        {
          id: 'old-1',
          title: 'Vana töö A',
          domainId: 'social',
          institutionId: 'SKA',
          startQuarter: '2026Q3',
          endQuarter: '2027Q4',
          status: 'inProgress',
          createdAt: new Date('2026-09-01T00:00:00Z'),
        },
        {
          id: 'old-2',
          title: 'Vana töö B',
          domainId: 'social',
          institutionId: 'SKA',
          startQuarter: '2026Q3',
          endQuarter: '2027Q4',
          status: 'inProgress',
          createdAt: new Date('2026-09-01T00:00:00Z'),
        },
      ],
    });
    await h.ok('anu', 'recordStatusUpdate', { itemId: 'old-1', status: 'inProgress', progress: 45 });

    const { meetingId } = await h.ok('pm', 'createMeeting', { domainId: 'social', startsAt: '2027-03-04T08:00:00Z' });
    const ids: string[] = [];
    for (const title of ['Pensionide liides', 'Toetuste iseteenindus', 'Paberarhiivi digiteerimine']) {
      const { proposalId } = await h.ok('mari', 'createDraft', {
        fields: { ...FULL_FORM, title, serviceId: 'pension', budgetEur: 120000 },
      });
      await h.ok('mari', 'submit', { proposalId });
      await h.ok('jaan', 'agree', { proposalId });
      await h.ok('liis', 'assess', {
        proposalId,
        expectedResult: 'strong',
        impact: 'strong',
        priorityFit: 'adequate',
        alternatives: 'adequate',
      });
      await h.ok('liis', 'boardDecide', { proposalId, decision: 'send', priority: 1 });
      await h.ok('pm', 'schedule', { proposalId, meetingId });
      ids.push(proposalId);
    }
    await h.ok('pm', 'openRound', { meetingId });
    await h.ok('helen', 'giveOpinion', { proposalId: ids[0], recommendation: 'support', argumentation: 'Hea.' });
    await h.ok('eve', 'giveOpinion', {
      proposalId: ids[1],
      recommendation: 'supportWithConditions',
      argumentation: 'Tingimustel.',
    });

    // Before the meeting: its pack — the agenda with the co-thinkers' view and the status updates.
    const before = (await loadMinutes(
      db.prisma,
      new Queries(db.prisma, () => ORG),
      ORG,
      'pm',
      meetingId,
      'meetingPack',
    ))!;
    const pack = minutesMarkdown(before, 'et', 'pack');
    expect(pack).toContain('# Koosoleku materjalid: Sotsiaalvaldkonna juhtkomisjon, 04.03.2027 kell 10:00');
    expect(pack).toContain('## Päevakord');
    expect(pack).toContain('### 2. nr 2 „Toetuste iseteenindus“\n');
    expect(pack).toContain('Kaasamõtlejad: toetan 0, toetan tingimustel 1, ei toeta 0');
    expect(pack).toContain('### Puuduvad staatuse uuendused\n\n- Vana töö B');
    expect(pack).not.toContain('Hääled');
    const packXml = await (
      await JSZip.loadAsync(await minutesDocx(before, 'en', 'pack'))
    )
      .file('word/document.xml')!
      .async('string');
    expect(packXml).toContain('Meeting pack: Social steering committee');

    h.now = new Date('2027-03-04T08:30:00Z');
    const votes: [string, 'YES' | 'YES_IF' | 'NO', string?][][] = [
      [
        ['olev', 'YES'],
        ['eve', 'YES'],
        ['toomas', 'NO'],
      ],
      [
        ['olev', 'YES_IF', 'Andmekaitse mõjuhinnang enne hanget'],
        ['eve', 'YES_IF', 'Kasutajauuring enne arendust'],
      ],
      [
        ['olev', 'NO'],
        ['toomas', 'NO'],
      ],
    ];
    for (const [k, proposalId] of ids.entries()) {
      const { pollId } = await h.ok('pm', 'openPoll', { proposalId });
      for (const [who, choice, condition] of votes[k]!)
        await h.ok(who, 'vote', { pollId, choice, ...(condition ? { conditions: condition } : {}) });
      await h.ok('olev', 'closePoll', { pollId, ...(k === 2 ? { reason: 'Ei ole prioriteet sel aastal.' } : {}) });
    }
    await h.ok('pm', 'recordMinutes', { meetingId, deltaNumber: '1.1-2/2027/15' });

    const model = (await loadMinutes(db.prisma, new Queries(db.prisma, () => ORG), ORG, 'pm', meetingId))!;
    expect(model.attendees).toEqual(['Eve Ilves', 'Olev Org', 'Toomas Talu']);
    expect(model.decisions.map((d) => [d.title, d.decision, d.votes])).toEqual([
      ['Pensionide liides', 'YES', { YES: 2, YES_IF: 0, NO: 1 }],
      ['Toetuste iseteenindus', 'YES_IF', { YES: 0, YES_IF: 2, NO: 0 }],
      ['Paberarhiivi digiteerimine', 'NO', { YES: 0, YES_IF: 0, NO: 2 }],
    ]);
    expect(model.decisions[1]!.conditions).toEqual([
      'Andmekaitse mõjuhinnang enne hanget',
      'Kasutajauuring enne arendust',
    ]);
    expect(model.added.map((a) => a.title)).toEqual(['Pensionide liides']);
    expect(model.statusReceived).toEqual([{ title: 'Vana töö A', status: 'inProgress', progress: 45, by: 'Anu Saar' }]);
    expect(model.statusMissing).toEqual([{ title: 'Vana töö B' }]);

    const et = minutesMarkdown(model, 'et');
    expect(et).toContain('# Protokoll: Sotsiaalvaldkonna juhtkomisjon, 04.03.2027 kell 10:00');
    expect(et).toContain('Delta registreerimisnumber: 1.1-2/2027/15');
    expect(et).toContain('### 1. nr 1 „Pensionide liides“ — JAH');
    expect(et).toContain('### 2. nr 2 „Toetuste iseteenindus“ — JAH, KUI');
    expect(et).toContain('1. Andmekaitse mõjuhinnang enne hanget\n2. Kasutajauuring enne arendust');
    expect(et).toContain('### 3. nr 3 „Paberarhiivi digiteerimine“ — EI');
    expect(et).toContain('Hääled: JAH 2 · JAH, KUI 0 · EI 1');
    expect(et).toContain('Kaasamõtlejad: toetan 1, toetan tingimustel 0, ei toeta 0');
    const en = minutesMarkdown(model, 'en');
    expect(en).toContain('— YES, IF');
    expect(en).toContain('Status updates missing');

    // The Word document: a real .docx (a zip with word/document.xml) saying the same.
    const docx = await minutesDocx(model, 'et');
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    const words = xml.replace(/<[^>]+>/g, ' ');
    for (const s of [
      'Protokoll: Sotsiaalvaldkonna juhtkomisjon',
      '1.1-2/2027/15',
      'Pensionide liides',
      'JAH, KUI',
      'Kasutajauuring enne arendust',
      'Paberarhiivi digiteerimine',
      'Ei ole prioriteet sel aastal.',
      'Vana töö B',
    ]) {
      expect(words).toContain(s);
    }
  });
});
