// End to end in Microsoft's own Teams emulator: the bot as `npm start` runs it, the Microsoft 365
// Agents Playground, and headless Chromium (Debian's, installed by .ci/run) clicking through the
// proposal form. Screenshots go to docs/screenshots/ for the README.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/catalogue.ts';
import { startApp, type RunningApp } from '../src/app.ts';
import { loadConfig } from '../src/config/env.ts';
import { demoItems } from './support/portfolio-demo.ts';

// UPDATE_SCREENSHOTS=1 refreshes the README's pictures; otherwise they go to a temporary folder.
const SHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.resolve(import.meta.dirname, '../docs/screenshots')
    : mkdtempSync(path.join(tmpdir(), 'playground-'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

let app: RunningApp;
let browser: Browser;
let page: Page;
let playgroundUrl = '';

beforeAll(async () => {
  const playgroundPort = await freePort();
  const config = {
    ...loadConfig({}),
    port: 0,
    database: { kind: 'pglite' as const, dir: null },
    playground: true,
    playgroundPort,
  };
  const lines: string[] = [];
  app = await startApp(config, { log: (l) => lines.push(l), outboxIntervalMs: 200 });
  playgroundUrl = `http://localhost:${playgroundPort}`;
  for (let i = 0; i < 120; i += 1) {
    if (
      (await fetch(playgroundUrl).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  // A person in Tallinn, whose browser tells the same time as the bot (also when the suite runs under
  // a moved clock that Chromium might not follow).
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1000 },
    timezoneId: 'Europe/Tallinn',
    locale: 'en-US',
  });
  await context.clock.setFixedTime(new Date());
  page = await context.newPage();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function say(text: string) {
  const box = page.locator('div[role="textbox"]');
  await box.click();
  await box.fill(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

async function waitText(text: string) {
  await page.waitForFunction(
    (t) => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.includes(t),
    text,
    { timeout: 20_000 },
  );
}

/** The date picker's name for the 28th of the month after `now`'s month in Tallinn: "28, January, 2027". */
function twentyEighthOfNextMonth(now: Date): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Tallinn',
    year: 'numeric',
    month: '2-digit',
  })
    .format(now)
    .split('-')
    .map(Number) as [number, number];
  const next = new Date(Date.UTC(year, month, 28)); // month is 1-based here, so this is the next month
  return `28, ${next.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })}, ${next.getUTCFullYear()}`;
}

describe('Teams in the Agents Playground', () => {
  it('a submitter walks the proposal form in Estonian and submits; the proposal waits for agreement', async () => {
    await page.goto(playgroundUrl, { waitUntil: 'networkidle' });
    await page.getByRole('treeitem', { name: /Personal Chat/ }).click();
    await say('abi');
    await waitText('Tere! Olen arendusportfelli bot.');
    await page.screenshot({ path: path.join(SHOTS, 'teams-help.png') });

    // The help card's "Uus idee" opens the form in place of the card.
    await page.locator('.ac-adaptiveCard').last().locator('button', { hasText: 'Uus idee' }).click();
    await waitText('samm 1/6');
    let form = page.locator('.ac-adaptiveCard').last();
    await form.locator('button', { hasText: 'Edasi' }).click(); // nothing filled: inline errors, in Estonian
    await waitText('See väli on kohustuslik.');
    await form.locator('input').first().fill('STAR-i andmevahetus omavalitsustega');
    await form.getByRole('combobox').first().click();
    await page.getByRole('option', { name: /STAR/ }).click();
    await form.locator('button', { hasText: 'Edasi' }).click();

    const steps: [string, string[]][] = [
      ['samm 2/6', ['Omavalitsused saadavad andmed e-kirjaga.', 'Andmed jõuavad hilja ja vigadega.']],
      [
        'samm 3/6',
        [
          'Masinliides STAR-i ja omavalitsuste vahel.',
          '200 omavalitsust, 30 000 juhtumit aastas.',
          'Jätkata käsitsi; lisapersonal.',
        ],
      ],
      ['samm 4/6', ['180000', 'Riigieelarve', 'Ei ole vaja.', 'Omavalitsused, TEHIK']],
    ];
    for (const [header, values] of steps) {
      await waitText(header);
      form = page.locator('.ac-adaptiveCard').last();
      const inputs = form.locator('input[type="text"], textarea');
      for (const [i, v] of values.entries()) await inputs.nth(i).fill(v);
      if (header === 'samm 3/6') await page.screenshot({ path: path.join(SHOTS, 'teams-form-step.png') });
      await form.locator('button', { hasText: 'Edasi' }).click();
    }
    await waitText('samm 5/6');
    form = page.locator('.ac-adaptiveCard').last();
    await form.getByText('Heaolu arengukava (HEA)').click();
    await form.locator('button', { hasText: 'Edasi' }).click();
    await waitText('Kontrolli ja esita');
    await page.screenshot({ path: path.join(SHOTS, 'teams-summary.png'), fullPage: true });
    await page.locator('.ac-adaptiveCard').last().locator('button', { hasText: 'Esita' }).click();
    await waitText('on esitatud');
    await page.screenshot({ path: path.join(SHOTS, 'teams-submitted.png') });

    const p = await app.db.prisma.proposal.findFirstOrThrow({ where: { submitterId: 'kadri.kask' } });
    expect(p).toMatchObject({
      status: 'agreement',
      serviceId: 'som-star',
      budgetEur: 180000,
      strategicGoals: ['HEA'],
      title: 'STAR-i andmevahetus omavalitsustega',
    });
    const ask = await app.db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'agreementRequested' } });
    expect(ask.audience).toEqual({ kind: 'person', personId: 'liis.lepp' });
  }, 180_000);

  it('the portfolio manager fills the calendar from the default rule; a substitute is named for an absence', async () => {
    await page.goto(playgroundUrl, { waitUntil: 'networkidle' });
    await page.getByRole('treeitem', { name: /Personal Chat/ }).click();
    await say('kalender');
    await waitText('Juhtkomisjonide kalender');
    await page
      .locator('.ac-adaptiveCard')
      .last()
      .locator('button', { hasText: 'Vaikimisi koosolekud: sotsiaalvaldkond' })
      .click();
    await waitText('Vaikimisi koosolekud lisatud (4)');
    expect(await app.db.prisma.meeting.count({ where: { domainId: 'social' } })).toBe(4);
    await page.screenshot({ path: path.join(SHOTS, 'teams-calendar.png') });

    // The portfolio manager's desk: the meetings just added, each with what can be done next.
    await say('haldus');
    await waitText(t('et', 'desk.title'));
    await page.screenshot({ path: path.join(SHOTS, 'teams-desk.png') });

    await say('asendaja');
    await waitText('Kui oled eemal, määra asendaja.');
    const card = page.locator('.ac-adaptiveCard').last();
    await card.getByRole('combobox').first().click();
    await card.getByRole('combobox').first().fill('Mari');
    await page.getByRole('option', { name: /Mari Maasikas/ }).click();
    // "Alates" is today already; "Kuni" is picked in the date picker: the 28th of next month, by its
    // full name (the picker's grid also shows the last days of this month and the first of the next).
    await card.getByPlaceholder('Select a date...').nth(1).click();
    await page.getByRole('button', { name: /next month/i }).click();
    await page.getByRole('button', { name: twentyEighthOfNextMonth(new Date()), exact: true }).click();
    await card.locator('button', { hasText: 'Määra asendaja' }).click();
    await waitText('Mari Maasikas asendab sind');
    await page.screenshot({ path: path.join(SHOTS, 'teams-substitute.png') });
    expect(await app.db.prisma.substitution.findFirstOrThrow()).toMatchObject({
      absentId: 'kadri.kask',
      substituteId: 'mari.maasikas',
    });
  }, 120_000);

  it('the portfolio with its roadmap picture; the portfolio manager plans an item', async () => {
    await app.db.prisma.portfolioItem.createMany({ data: demoItems(app.engine.dir, 16, new Date()) });
    await say('portfell');
    await waitText('Arendusportfell (16 tööd)');
    await page.waitForFunction(
      () =>
        [
          ...(globalThis as unknown as { document: { images: { naturalWidth: number; src: string }[] } }).document
            .images,
        ].some((i) => i.src.includes('teekaart.png') && i.naturalWidth > 0),
      undefined,
      { timeout: 20_000 },
    );
    await page.locator('.ac-adaptiveCard').last().locator('img').first().scrollIntoViewIfNeeded(); // the card's top: totals, filters, roadmap
    await page.screenshot({ path: path.join(SHOTS, 'teams-portfolio.png') });

    // The portfolio manager plans the first item: people and a TEHIK team, saved through the card.
    await page.locator('.ac-adaptiveCard').last().locator('button', { hasText: 'Planeeri' }).first().click();
    await waitText('Töö plaan:');
    const card = page.locator('.ac-adaptiveCard').last();
    await card.getByPlaceholder('2,5').fill('3,5');
    await card.locator('button', { hasText: 'Salvesta plaan' }).click();
    await waitText('Plaan on salvestatud.');
    await page.screenshot({ path: path.join(SHOTS, 'teams-plan.png'), fullPage: true });
    const planned = await app.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'portfolioItem', actorId: 'kadri.kask' },
    });
    expect(
      Number((await app.db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: planned.entityId } })).people),
    ).toBe(3.5);
  }, 120_000);
});
