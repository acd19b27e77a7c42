// The published portfolio opened as people open it: headless Chromium (Debian's, installed by
// .ci/run) at desktop and phone width, in Estonian and English — no console errors, every picture
// loads, no script, the table turns into cards on a phone. UPDATE_SCREENSHOTS=1 refreshes the
// README's pictures in docs/screenshots/.
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORGANIZATION_FILE, loadDirectory } from '../src/directory/load.ts';
import { Engine } from '../src/engine/engine.ts';
import { Publication } from '../src/publish/publish.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import { demoItems } from './support/portfolio-demo.ts';

const SHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.resolve(import.meta.dirname, '../docs/screenshots')
    : mkdtempSync(path.join(tmpdir(), 'publish-shots-'));
const OUT = mkdtempSync(path.join(tmpdir(), 'publish-site-'));
let db: Database;
let browser: Browser;

beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dir: null });
  const dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
  let now = new Date('2026-12-01T10:00:00Z');
  const engine = new Engine(db.prisma, dir, () => now);
  await db.prisma.portfolioItem.createMany({ data: demoItems(dir, 18, now) });
  const first = await engine.run({ command: 'publishEdition', actorId: 'mari.maasikas', input: {} });
  expect(first.ok).toBe(true);
  // A quarter later: two items moved and re-budgeted, one finished, one new.
  now = new Date('2027-03-01T10:00:00Z');
  await db.prisma.portfolioItem.update({
    where: { id: 'demo-00002' },
    data: { endQuarter: '2028Q4', moneyPerYear: { 2027: 300_000, 2028: 240_000 } },
  });
  await db.prisma.portfolioItem.update({ where: { id: 'demo-00003' }, data: { status: 'done', progress: 100 } });
  await db.prisma.portfolioItem.createMany({ data: demoItems(dir, 19, now).slice(18) });
  expect((await engine.run({ command: 'publishEdition', actorId: 'mari.maasikas', input: {} })).ok).toBe(true);
  await new Publication(db.sql, OUT).write();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--allow-file-access-from-files'],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await db?.close();
});

describe('the published portfolio in a browser', () => {
  for (const [name, viewport, locale] of [
    ['desktop', { width: 1280, height: 900 }, 'et'],
    ['phone', { width: 390, height: 844 }, 'et'],
    ['desktop-en', { width: 1280, height: 900 }, 'en'],
  ] as const) {
    it(`reads well on ${name}`, async () => {
      const page = await browser.newPage({ viewport, javaScriptEnabled: false });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
      await page.goto(pathToFileURL(path.join(OUT, 'editions/2', locale === 'et' ? 'index.html' : 'en.html')).href, {
        waitUntil: 'load',
      });
      const images = await page
        .locator('img')
        .evaluateAll((els) =>
          els.map((e) => ({ src: (e as { src: string }).src, width: (e as { naturalWidth: number }).naturalWidth })),
        );
      expect(images).toHaveLength(3);
      for (const i of images) expect(i.width, i.src).toBeGreaterThan(100);
      await expect.poll(() => problems).toEqual([]);
      const heading = await page.locator('h1').innerText();
      expect(heading).toBe(
        locale === 'et' ? 'Arendusportfell, väljaanne 2 (2027)' : 'Development portfolio, edition 2 (2027)',
      );
      const body = await page.locator('main').innerText();
      expect(body).toContain(locale === 'et' ? 'Ajas nihkunud (1)' : 'Moved in time (1)');
      if (name === 'phone') {
        // On a phone the table is cards: no horizontal scrolling, each value labelled.
        expect(
          await page.evaluate(
            () =>
              (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
                .documentElement.scrollWidth,
          ),
        ).toBeLessThanOrEqual(390);
        expect(
          await page
            .locator('thead')
            .first()
            .evaluate(
              (e) =>
                (globalThis as unknown as { getComputedStyle(e: unknown): { position: string } }).getComputedStyle(e)
                  .position,
            ),
        ).toBe('absolute');
        const label = (n: number) =>
          page
            .locator(`tbody tr:first-child td:nth-child(${n})`)
            .first()
            .evaluate(
              (e) =>
                (
                  globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string): { content: string } }
                ).getComputedStyle(e, '::before').content,
            );
        expect(await label(2)).toBe('"Asutus: "');
        expect(await label(5)).toBe('"Eelarve: "');
        await page.goto(pathToFileURL(path.join(OUT, 'editions/2/en.html')).href, { waitUntil: 'load' });
        expect(await label(2)).toBe('"Institution: "');
        await page.goto(pathToFileURL(path.join(OUT, 'editions/2/index.html')).href, { waitUntil: 'load' }); // for the screenshot
      }
      await page.screenshot({ path: path.join(SHOTS, `publish-${name}.png`), fullPage: name === 'desktop' });
      await page.close();
    });
  }

  it('has no script, and the root lists both editions', async () => {
    for (const file of [
      'index.html',
      'en.html',
      'editions/1/index.html',
      'editions/2/index.html',
      'editions/2/en.html',
    ]) {
      expect(await readFile(path.join(OUT, file), 'utf8')).not.toMatch(/<script|javascript:|\son[a-z]+\s*=/i);
    }
    const root = await readFile(path.join(OUT, 'index.html'), 'utf8');
    expect(root).toContain('Arendusportfell, väljaanne 1 (2026)');
    expect(root).toContain('Arendusportfell, väljaanne 2 (2027)');
  });
});
