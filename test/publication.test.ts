// The yearly publication on PGlite and PostgreSQL: only the portfolio manager publishes; the files
// carry only public fields (no person's name or e-mail, no opinion, comment or condition, however
// the data around the items looks); each edition says what changed since the one before; earlier
// editions stay as they were published.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationText } from '../src/bot/notifications.ts';
import { NoticeData } from '../src/engine/notice-data.ts';
import { loadEditions, Publication } from '../src/publish/publish.ts';
import type { Database } from '../src/storage/database.ts';
import type { Audience, OutboxPayload } from '../src/workflow/outbox-messages.ts';
import { PUBLIC_COLUMNS } from '../src/workflow/publication.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { ORG } from './support/org.ts';

const SECRET_OPINION = 'Salajane arvamus: riskid on alahinnatud (kaasamõtleja HH)';
const SECRET_COMMENT = 'Sisemine märkus juhtrühmale, mitte avaldamiseks';
const SECRET_CONDITION = 'Tingimus: andmekaitse mõjuhinnang enne hanget';

async function filesOf(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), (await readFile(full)).toString('latin1') + (await readFile(full, 'utf8')));
  }
  return out;
}

describe.each(TEST_TARGETS)('publication on $name', (target) => {
  let db: Database;
  let h: Harness;
  let out: string;
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
    out = await mkdtemp(path.join(tmpdir(), 'publish-'));
  });
  afterAll(async () => {
    await db.close();
    await rm(out, { recursive: true, force: true });
  });

  it('publishes public fields only, says what changed, and keeps earlier editions', async () => {
    // A proposal that went through co-thinkers and a JAH, KUI vote, with texts that must stay inside.
    h.now = new Date('2027-01-11T08:00:00Z');
    const proposalId = await h.atBoard();
    const meetingId = await h.scheduled(proposalId);
    await h.ok('pm', 'openRound', { meetingId });
    await h.ok('helen', 'giveOpinion', {
      proposalId,
      recommendation: 'supportWithConditions',
      argumentation: SECRET_OPINION,
    });
    await h.ok('pm', 'closeRound', { meetingId });
    const { pollId } = await h.ok('pm', 'openPoll', { proposalId });
    await h.ok('olev', 'vote', { pollId, choice: 'YES_IF', conditions: SECRET_CONDITION });
    await h.ok('eve', 'vote', { pollId, choice: 'YES' });
    const returned = await h.atBoard('mari', 'pension');
    await h.ok('margus', 'boardDecide', { proposalId: returned, decision: 'return', reason: SECRET_COMMENT });
    await db.prisma.portfolioItem.createMany({
      data: [
        {
          id: 'pub-a',
          title: 'Pensioniregistri uuendus',
          domainId: 'social',
          institutionId: 'SKA',
          serviceId: 'pension',
          startQuarter: '2027Q1',
          endQuarter: '2028Q2',
          status: 'inProgress',
          progress: 30,
          moneyPerYear: { 2027: 200_000, 2028: 100_000 },
          fundingSource: 'riigieelarve',
          people: 3.5,
          tehikTeam: 'Sotsiaalsüsteemid',
        },
        {
          id: 'pub-b',
          title: 'Retseptikeskuse liides',
          domainId: 'health',
          institutionId: 'TerK',
          serviceId: 'ehealth',
          startQuarter: '2027Q1',
          endQuarter: '2027Q4',
          status: 'inProgress',
          progress: 70,
          moneyPerYear: { 2027: 80_000 },
          fundingSource: 'EL',
          people: 2,
          tehikTeam: 'Tervis',
        },
        {
          id: 'pub-c',
          title: 'Rehabilitatsiooni e-teenus',
          domainId: 'social',
          institutionId: 'SKA',
          serviceId: 'rehab',
          startQuarter: '2027Q2',
          endQuarter: '2029Q4',
          status: 'planned',
          progress: 0,
          moneyPerYear: { 2028: 150_000, 2029: 150_000 },
          fundingSource: 'riigieelarve',
        },
      ],
    });

    await h.ok('pm', 'planItem', { itemId: 'pub-a', linkedItemIds: ['pub-b'] }); // a social–health link

    expect(await h.refused('mari', 'publishEdition')).toBe('refusal.only.portfolioManager');
    expect((await h.ok('pm', 'publishEdition')).number).toBe(1);
    await new Publication(db.sql, out).write();
    const first = await filesOf(out);
    expect([...first.keys()].sort()).toEqual(
      expect.arrayContaining([
        'index.html',
        'en.html',
        'style.css',
        'editions/1/index.html',
        'editions/1/en.html',
        'editions/1/portfolio.csv',
        'editions/1/portfolio.json',
        'editions/1/roadmap.et.png',
        'editions/1/roadmap.en.png',
        'editions/1/money.et.png',
        'editions/1/people.et.png',
      ]),
    );
    const json = JSON.parse(await readFile(path.join(out, 'editions/1/portfolio.json'), 'utf8'));
    expect(json.items.map((i: { id: string }) => i.id).sort()).toEqual(['pub-a', 'pub-b', 'pub-c']);
    expect(Object.keys(json.items[0]).sort()).toEqual(
      [
        'domain',
        'endQuarter',
        'fundingSource',
        'id',
        'institution',
        'linkedIds',
        'moneyPerYear',
        'people',
        'progress',
        'service',
        'startQuarter',
        'status',
        'tehikTeam',
        'title',
        'totalEur',
      ].sort(),
    );
    const csv = await readFile(path.join(out, 'editions/1/portfolio.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(`\ufeff${PUBLIC_COLUMNS.join(',')}`);
    expect(csv).toContain('pub-a,Pensioniregistri uuendus,sotsiaalvaldkond');
    const page1 = await readFile(path.join(out, 'editions/1/index.html'), 'utf8');
    expect(page1).toContain('See on esimene väljaanne.');
    // Links between items are listed and lead to the linked rows.
    expect(page1).toContain(
      '<h2>Seosed tööde vahel</h2>\n<ul class="links"><li><a href="#i-pub-a">Pensioniregistri uuendus</a> → <a href="#i-pub-b">Retseptikeskuse liides</a></li></ul>',
    );
    expect(page1).toContain('<tr id="i-pub-b">');

    // Between editions: A moves and is re-budgeted, B finishes, D is new.
    h.now = new Date('2027-06-01T08:00:00Z');
    await h.ok('pm', 'planItem', {
      itemId: 'pub-a',
      endQuarter: '2028Q4',
      moneyPerYear: { 2027: 200_000, 2028: 180_000 },
    });
    await h.ok('rein', 'recordStatusUpdate', { itemId: 'pub-b', status: 'done', progress: 100 });
    await db.prisma.portfolioItem.create({
      data: {
        id: 'pub-d',
        title: 'Töövõime hindamise andmevahetus',
        domainId: 'social',
        institutionId: 'SKA',
        startQuarter: '2027Q3',
        endQuarter: '2028Q2',
        status: 'planned',
        moneyPerYear: { 2027: 50_000 },
      },
    });
    expect((await h.ok('pm', 'publishEdition')).number).toBe(2);
    const [second] = await loadEditions(db.sql);
    expect((await second!.read()).diff).toEqual({
      added: [{ id: 'pub-d', title: 'Töövõime hindamise andmevahetus' }],
      finished: [{ id: 'pub-b', title: 'Retseptikeskuse liides' }],
      moved: [{ id: 'pub-a', title: 'Pensioniregistri uuendus', from: '2027Q1–2028Q2', to: '2027Q1–2028Q4' }],
      rebudgeted: [{ id: 'pub-a', title: 'Pensioniregistri uuendus', from: 300_000, to: 380_000 }],
      removed: [],
    });
    // The portfolio manager is told, with the counts of what changed, and with all new for the first edition.
    const told = await db.prisma.outboxMessage.findMany({
      where: { kind: 'editionPublished' },
      orderBy: { createdAt: 'asc' },
    });
    const text = (m: (typeof told)[number], locale: 'et' | 'en') =>
      notificationText(
        new NoticeData(db.prisma),
        ORG,
        m.payload as unknown as OutboxPayload,
        m.audience as unknown as Audience,
        locale,
      );
    expect(await text(told[0]!, 'en')).toBe(
      'Portfolio edition 1 is published: 3 items; 3 new, 0 finished, 0 moved, 0 re-budgeted.',
    );
    expect(await text(told[1]!, 'et')).toBe(
      'Arendusportfelli väljaanne 2 on avaldatud: 4 tööd; uusi 1, lõpetatud 1, ajas nihkunud 1, eelarve muutunud 1.',
    );
    await new Publication(db.sql, out).write();
    const page2 = await readFile(path.join(out, 'editions/2/en.html'), 'utf8');
    expect(page2).toContain('Moved in time (1)');
    expect(page2).toContain('2027Q1–2028Q2 → 2027Q1–2028Q4');
    expect(page2).toContain('300\u00a0000\u00a0€ → 380\u00a0000\u00a0€'); // amounts do not break across lines
    // The first edition is kept exactly as it was published; the root lists both.
    const again = await filesOf(out);
    for (const [file, content] of first) if (file.startsWith('editions/1/')) expect(again.get(file)).toBe(content);
    expect(again.get('index.html')).toContain('editions/2/index.html');
    expect(again.get('index.html')).toContain('editions/1/index.html');

    // B, finished, is taken out: still in the next edition (finished this year), gone from the one after.
    h.now = new Date('2027-06-15T08:00:00Z');
    await h.ok('pm', 'removeFinishedItem', { itemId: 'pub-b' });
    h.now = new Date('2027-06-15T09:00:00Z');
    await h.ok('pm', 'publishEdition');
    h.now = new Date('2027-07-01T08:00:00Z');
    await h.ok('pm', 'publishEdition');
    const [fourth, third] = await loadEditions(db.sql);
    expect((await third!.read()).items.find((i) => i.id === 'pub-b')).toMatchObject({ status: 'done' });
    expect((await fourth!.read()).items.map((i) => i.id).sort()).toEqual(['pub-a', 'pub-c', 'pub-d']);
    expect((await fourth!.read()).diff).toMatchObject({ removed: [{ id: 'pub-b' }] });
    await new Publication(db.sql, out).write();

    // Nothing personal or internal reached any public file.
    const secrets = [SECRET_OPINION, SECRET_COMMENT, SECRET_CONDITION];
    for (const p of ORG.people.values()) secrets.push(p.name, p.email);
    for (const [file, content] of await filesOf(out)) {
      for (const s of secrets) expect(content.includes(s), `${file} contains "${s}"`).toBe(false);
    }
    // The audit names who published.
    expect(await db.prisma.auditEvent.count({ where: { entityType: 'edition', actorId: 'pm' } })).toBe(4);
  });
});
