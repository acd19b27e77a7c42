// Files from chat, through Teams' endpoint and the bot's HTTP server: the portfolio manager's
// exports (XLSX, CSV), the minutes of a past meeting (.docx, .md) and its Delta number, publishing
// the portfolio (served at /portfell/), the roadmap picture of the portfolio view, each named in the
// person's language. Someone else is refused; a link expires; nothing outside the published folder
// is served.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import { demoItems } from './support/portfolio-demo.ts';
import { TeamsDriver } from './support/teams-driver.ts';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';

let rig: TeamsRig;
let app: RunningApp;
let d: TeamsDriver;
let publishDir: string;
const json = (x: unknown) => JSON.stringify(x);

beforeAll(async () => {
  publishDir = await mkdtemp(path.join(tmpdir(), 'files-publish-'));
  rig = await startTeamsRig({ publishDir });
  ({ app, d } = rig);
  await app.db.prisma.portfolioItem.createMany({ data: demoItems(app.engine.dir, 12, new Date()) });
});
afterAll(async () => {
  await rig?.close();
  await rm(publishDir, { recursive: true, force: true });
});

const answer = (personId: string, text: string) => rig.answer(personId, text);
/** The address of the card's first link button. */
const urlOf = (card: unknown) => {
  const found = /"type":"Action.OpenUrl","title":"[^"]*","url":"([^"]+)"/.exec(json(card));
  if (!found) throw new Error(`no link on ${json(card).slice(0, 300)}`);
  return found[1]!;
};
/** The portfolio manager's files, from the desk's button. */
const filesOf = async (desk: unknown, replyToId: string) =>
  (await d.press('mari.maasikas', desk, 'Portfell ja failid', {}, replyToId)).value;
const get = async (url: string) => {
  const r = await fetch(url);
  return {
    status: r.status,
    type: r.headers.get('content-type') ?? '',
    saveAs: r.headers.get('content-disposition') ?? '',
    body: Buffer.from(await r.arrayBuffer()),
  };
};
/** Today in Tallinn, as file names carry it. */
const today = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Tallinn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

describe('files from chat', () => {
  it('the portfolio manager exports the portfolio as XLSX and CSV; someone else is refused', async () => {
    const desk = await answer('mari.maasikas', 'haldus');
    d.valid(desk);
    const files = await filesOf(desk, 'desk-1');
    const xlsx = await d.click(
      'mari.maasikas',
      TeamsDriver.button(files, 'desk.file', { kind: 'portfolioXlsx' }),
      'desk-1',
    );
    const file = await get(urlOf(xlsx.value));
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    expect(file.saveAs).toBe(`attachment; filename="portfell-${today()}.xlsx"`); // named in her language, with the day in Tallinn
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as never);
    const sheet = book.getWorksheet('Portfell')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Töö');
    expect(sheet.getRow(1).getCell(7).value).toBe('Vastutav teenuse-/poliitikajuht');
    expect(sheet.rowCount).toBe(13);

    const csv = await d.click(
      'mari.maasikas',
      TeamsDriver.button(files, 'desk.file', { kind: 'portfolioCsv' }),
      'desk-2',
    );
    const text = (await get(urlOf(csv.value))).body.toString('utf8');
    expect(text.startsWith('\ufeffID,Algatuse nr,Töö,')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(13);

    const links = await app.db.prisma.fileLink.count();
    const refused = await d.click('siim.sepp', { action: 'desk.file', args: { kind: 'portfolioXlsx' } }, 'desk-x');
    expect(json(refused.value)).toContain('arendusportfellide haldur');
    expect(await app.db.prisma.fileLink.count()).toBe(links);
    expect(await app.db.prisma.auditEvent.count({ where: { entityType: 'fileLink', actorId: 'mari.maasikas' } })).toBe(
      2,
    );
  });

  it('the minutes of a past meeting, and its Delta number', async () => {
    // Held at 00:30 in Tallinn on 3 November, which is still 2 November in UTC.
    const meeting = await app.db.prisma.meeting.create({
      data: { domainId: 'social', startsAt: new Date('2026-11-02T22:30:00Z'), status: 'held' },
    });
    const files = await filesOf(await answer('mari.maasikas', 'haldus'), 'desk-3');
    const saved = await d.click(
      'mari.maasikas',
      {
        ...TeamsDriver.button(files, 'desk.delta', { meetingId: meeting.id }),
        [`delta_${meeting.id}`]: '1.1-2/2026/99',
      },
      'desk-3',
    );
    expect(json(saved.value)).toContain('Delta number 1.1-2/2026/99 on salvestatud');
    expect((await app.db.prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).deltaNumber).toBe(
      '1.1-2/2026/99',
    );

    const docx = await d.click(
      'mari.maasikas',
      TeamsDriver.button(files, 'desk.file', { kind: 'minutesDocx', meetingId: meeting.id }),
      'desk-4',
    );
    const file = await get(urlOf(docx.value));
    expect(file.type).toContain('wordprocessingml');
    expect(file.saveAs).toBe('attachment; filename="protokoll-2026-11-03.docx"');
    const xml = await (await JSZip.loadAsync(file.body)).file('word/document.xml')!.async('string');
    expect(xml).toContain('1.1-2/2026/99');
    const md = await d.click(
      'mari.maasikas',
      TeamsDriver.button(files, 'desk.file', { kind: 'minutesMd', meetingId: meeting.id }),
      'desk-5',
    );
    expect((await get(urlOf(md.value))).body.toString('utf8')).toContain(
      '# Protokoll: Sotsiaalvaldkonna IKT juhtkomisjon',
    );
    // A committee member may read the minutes; a stranger to the committee may not.
    expect(
      json(
        (
          await d.click(
            'kristi.kivi',
            { action: 'desk.file', args: { kind: 'minutesMd', meetingId: meeting.id } },
            'k-1',
          )
        ).value,
      ),
    ).toContain('Ava');
    expect(
      json(
        (await d.click('siim.sepp', { action: 'desk.file', args: { kind: 'minutesMd', meetingId: meeting.id } }, 's-1'))
          .value,
      ),
    ).toContain('juhtkomisjon');
  });

  it('publishing from chat writes the site the bot serves at /portfell/; links expire; nothing else is served', async () => {
    const files = await filesOf(await answer('mari.maasikas', 'haldus'), 'desk-6');
    const published = await d.press('mari.maasikas', files, 'Avalda portfell', {}, 'desk-6');
    expect(json(published.value)).toContain('Portfelli väljaanne 1 on avaldatud.');
    const page = await get(urlOf(published.value));
    expect(page.status).toBe(200);
    expect(page.body.toString('utf8')).toContain('Arendusportfell, väljaanne 1');
    expect((await get(`${app.url}/portfell/editions/1/roadmap.et.png`)).type).toBe('image/png');
    expect((await get(`${app.url}/portfell/`)).body.toString('utf8')).toContain('editions/1/index.html');

    const raw = await new Promise<number>((resolve) => {
      http.get(`${app.url}/portfell/%2e%2e/%2e%2e/package.json`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
    });
    expect(raw).toBe(404);
    const bare = await fetch(`${app.url}/portfell`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/portfell/']);
    expect((await get(`${app.url}/portfell/%E0`)).status).toBe(404);

    const link = await app.db.prisma.fileLink.findFirstOrThrow({ where: { kind: 'portfolioCsv' } });
    await app.db.prisma.fileLink.update({
      where: { token: link.token },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await get(`${app.url}/files/${link.token}/portfell.csv`);
    expect(expired.status).toBe(404);
    expect(expired.body.toString('utf8')).toContain('See link on aegunud');
  });

  it('the portfolio view shows its roadmap picture and filters', async () => {
    const card = await answer('siim.sepp', 'portfell');
    d.valid(card);
    const image = JSON.parse(json(card)).body.find((e: { type: string }) => e.type === 'Image');
    const png = await get(image.url);
    expect(png.type).toBe('image/png');
    expect(png.body.subarray(1, 4).toString()).toBe('PNG');
    expect([image.url.split('/').pop(), png.saveAs]).toEqual(['teekaart.png', 'inline; filename="teekaart.png"']);
    // Someone who reads English gets the picture under an English name.
    const english = JSON.parse(json(await answer('eva.jarv', 'portfolio'))).body.find(
      (e: { type: string }) => e.type === 'Image',
    );
    expect([english.url.split('/').pop(), (await get(english.url)).saveAs]).toEqual([
      'roadmap.png',
      'inline; filename="roadmap.png"',
    ]);
    const filtered = await d.click(
      'siim.sepp',
      {
        ...TeamsDriver.titled(card, 'Filtreeri'),
        domainId: 'health',
        institutionId: 'all',
        status: 'all',
        period: '',
      },
      'pf-1',
    );
    const total = await app.db.prisma.portfolioItem.count({ where: { domainId: 'health' } });
    expect(json(filtered.value)).toContain(`Arendusportfell \\\\(${total} tööd\\\\)`); // escaped: typed text stays literal
  });
});
