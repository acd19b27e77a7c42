// The published portfolio as a static site: one folder per edition (kept for ever), each with an
// Estonian and an English page (HTML + CSS, readable on a phone, no script), the pictures as PNG,
// and the public fields as CSV and JSON; the root lists every edition. Only public fields reach
// these files: they are built from the editions' PublicItem snapshots.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { formatDate, formatEuros } from '../i18n/dates.ts';
import type { Locale } from '../workflow/directory.ts';
import { moneyByYear, planColumns } from '../workflow/portfolio-plan.ts';
import { csvRow, PUBLIC_COLUMNS, toCsv, type EditionDiff, type PublicItem } from '../workflow/publication.ts';
import { moneySvg, peopleSvg, roadmapSvg, STATUS_COLOURS, toPngAsync } from './charts.ts';
import { STYLE } from './style.ts';
import { xmlSafe } from './text.ts';

/** An edition as the site needs it; its items are read only when its folder is written. */
export interface EditionRecord { number: number; year: number; publishedAt: Date; count: number; diff: EditionDiff; items(): Promise<PublicItem[]> }

const NEEDS_ESCAPE = /[&<>"\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;
const esc = (s: string) => (NEEDS_ESCAPE.test(s) ? xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : s);
const PAGE = { et: 'index.html', en: 'en.html' } as const;
const euros = (n: number) => formatEuros(n, '\u00a0'); // never broken across lines

function layout(locale: Locale, title: string, body: string, css: string, other: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${css}">
</head>
<body>
<header><p class="lang"><a href="${other}" hreflang="${locale === 'et' ? 'en' : 'et'}">${locale === 'et' ? 'In English' : 'Eesti keeles'}</a></p><h1>${esc(title)}</h1></header>
<main>
${body}
</main>
<footer><p>${esc(t(locale, 'publish.footer'))}</p></footer>
</body>
</html>
`;
}

function diffSection(locale: Locale, diff: EditionDiff, first: boolean): string {
  if (first) return `<p>${esc(t(locale, 'publish.firstEdition'))}</p>`;
  const list = (key: MessageKey, rows: { title: string; extra?: string }[]) =>
    `<h3>${esc(t(locale, key))} (${rows.length})</h3>${rows.length ? `<ul>${rows.map((r) => `<li>${esc(r.title)}${r.extra ? ` — ${esc(r.extra)}` : ''}</li>`).join('')}</ul>` : `<p class="none">${esc(t(locale, 'publish.nothing'))}</p>`}`;
  return [
    list('publish.added', diff.added),
    list('publish.finished', diff.finished),
    list('publish.moved', diff.moved.map((m) => ({ title: m.title, extra: `${m.from} → ${m.to}` }))),
    list('publish.rebudgeted', diff.rebudgeted.map((m) => ({ title: m.title, extra: `${euros(m.from)} → ${euros(m.to)}` }))),
    list('publish.removed', diff.removed),
  ].join('\n');
}

const COLUMNS = ['title', 'institution', 'period', 'status', 'money', 'funding', 'people'] as const;
const STATUS_CLASS = new Map(Object.keys(STATUS_COLOURS).map((s) => [s, `status s-${s}`]));

/** The site's stylesheet: the fixed part, the status colours, and the labels of the phone's cards. */
export function siteStyle(): string {
  const css = (s: string) => `"${s.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, '\\A ')}: "`;
  const colours = Object.entries(STATUS_COLOURS).map(([s, c]) => `.s-${s} { background: ${c}; }`).join('\n');
  const labels = (['et', 'en'] as const).flatMap((locale) => COLUMNS.map((k, n) =>
    `  :lang(${locale}) td:nth-child(${n + 1})::before { content: ${css(t(locale, `publish.col.${k}` as MessageKey))}; }`)).join('\n');
  return `${STYLE}${colours}\n.status.s-other { background: #999; }\n@media (max-width: 640px) {\n${labels}\n}\n`;
}

/** A decimal as the locale writes it; an edition has few distinct numbers of people, so remembered. */
function decimals(locale: Locale): (n: number | null) => string {
  const format = new Intl.NumberFormat(locale === 'et' ? 'et-EE' : 'en-GB');
  const seen = new Map<number, string>();
  return (n) => {
    if (n == null) return '—';
    let s = seen.get(n);
    if (s === undefined) { s = format.format(n); seen.set(n, s); }
    return s;
  };
}

/** One table of items; 10,000 rows are one string built by appending (no per-row arrays). */
function itemsTable(locale: Locale, items: readonly PublicItem[]): string {
  const head = COLUMNS.map((k) => `<th scope="col">${esc(t(locale, `publish.col.${k}` as MessageKey))}</th>`).join('');
  const statusLabel = new Map(Object.keys(STATUS_COLOURS).map((s) => [s, esc(t(locale, `itemStatus.${s}` as MessageKey))]));
  const people = decimals(locale);
  let rows = '';
  for (const i of items) {
    rows += `<tr><td><strong>${esc(i.title)}</strong>${i.service ? `<br><span class="sub">${esc(i.service[locale])}</span>` : ''}</td>`
      + `<td>${esc(i.institution[locale])}</td><td>${esc(i.startQuarter)}–${esc(i.endQuarter)}</td>`
      + `<td><span class="${STATUS_CLASS.get(i.status) ?? 'status s-other'}">${statusLabel.get(i.status) ?? esc(i.status)}</span> ${i.progress}%</td>`
      + `<td class="num">${euros(i.totalEur)}</td><td>${esc(i.fundingSource ?? '—')}</td><td class="num">${people(i.people)}</td></tr>\n`;
  }
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}</tbody></table>`;
}

function editionPage(locale: Locale, e: EditionRecord, items: readonly PublicItem[], first: boolean): string {
  const title = t(locale, 'publish.title', { number: e.number, year: e.year });
  const byDomain = new Map<string, PublicItem[]>();
  for (const i of items) {
    const list = byDomain.get(i.domain[locale]);
    if (list) list.push(i); else byDomain.set(i.domain[locale], [i]);
  }
  const total = items.reduce((a, i) => a + i.totalEur, 0);
  const perStatus = new Map<string, number>();
  for (const i of items) perStatus.set(i.status, (perStatus.get(i.status) ?? 0) + 1);
  const counts = Object.keys(STATUS_COLOURS).map((s) => `<li><span class="${STATUS_CLASS.get(s)}">${esc(t(locale, `itemStatus.${s}` as MessageKey))}</span> ${perStatus.get(s) ?? 0}</li>`).join('');
  const body = `
<p class="meta">${esc(t(locale, 'publish.published', { date: formatDate(e.publishedAt), count: items.length, total: euros(total) }))}</p>
<ul class="counts">${counts}</ul>
<p class="downloads">${esc(t(locale, 'publish.downloads'))}: <a href="portfolio.csv">CSV</a> · <a href="portfolio.json">JSON</a> · <a href="../../index.html">${esc(t(locale, 'publish.allEditions'))}</a></p>
<section><h2>${esc(t(locale, 'publish.changes'))}</h2>
${diffSection(locale, e.diff, first)}
</section>
<section><h2>${esc(t(locale, 'publish.roadmapTitle'))}</h2>
<figure><img src="roadmap.${locale}.png" alt="${esc(t(locale, 'publish.roadmapAlt'))}"></figure>
</section>
<section class="charts"><h2>${esc(t(locale, 'publish.resources'))}</h2>
<figure><img src="money.${locale}.png" alt="${esc(t(locale, 'publish.moneyTitle'))}"></figure>
<figure><img src="people.${locale}.png" alt="${esc(t(locale, 'publish.peopleTitle'))}"></figure>
</section>
${[...byDomain.entries()].map(([domain, items]) => `<section><h2>${esc(domain)}</h2>\n${itemsTable(locale, items)}\n</section>`).join('\n')}
`;
  return layout(locale, title, body, '../../style.css', PAGE[locale === 'et' ? 'en' : 'et']);
}

function rootPage(locale: Locale, editions: readonly EditionRecord[]): string {
  const title = t(locale, 'publish.rootTitle');
  const list = editions.map((e) => `<li><a href="editions/${e.number}/${PAGE[locale]}">${esc(t(locale, 'publish.title', { number: e.number, year: e.year }))}</a> — ${formatDate(e.publishedAt)}, ${e.count}</li>`).join('\n');
  return layout(locale, title, `<p>${esc(t(locale, 'publish.rootIntro'))}</p>\n<ul class="editions">\n${list}\n</ul>`, 'style.css', PAGE[locale === 'et' ? 'en' : 'et']);
}

/** Writes the newest edition's folder (older ones are kept as they were written) and the root. */
export async function writeSite(outDir: string, editions: readonly EditionRecord[]): Promise<string[]> {
  const sorted = [...editions].sort((a, b) => b.number - a.number);
  const written: string[] = [];
  const put = async (rel: string, data: string | Buffer) => {
    const file = path.join(outDir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
    written.push(rel);
  };
  for (const [index, e] of sorted.entries()) {
    const folder = `editions/${e.number}`;
    if (index > 0 && existsSync(path.join(outDir, folder, 'index.html'))) continue; // previous editions stay as published
    const first = index === sorted.length - 1;
    const items = await e.items();
    const columns = planColumns(e.publishedAt);
    const people = (locale: Locale) => {
      const m = new Map<string, number>();
      for (const i of items) if (i.people) m.set(i.institution[locale], (m.get(i.institution[locale]) ?? 0) + i.people);
      return m;
    };
    const money = moneyByYear(items);
    const pictures = (['et', 'en'] as const).flatMap((locale) => [
      [`${folder}/roadmap.${locale}.png`, roadmapSvg(items, columns, locale)],
      [`${folder}/money.${locale}.png`, moneySvg(money, locale)],
      [`${folder}/people.${locale}.png`, peopleSvg(people(locale), locale)],
    ] as const);
    // The pictures are drawn on their own thread while this one builds the pages and the data.
    const rendered = Promise.all(pictures.map(async ([file, svg]) => [file, await toPngAsync(svg)] as const));
    rendered.catch(() => undefined); // awaited below; a failure then is reported there, not as an unhandled rejection
    const csv = `\ufeff${toCsv(PUBLIC_COLUMNS, items.map(csvRow))}`;
    const json = JSON.stringify({ edition: e.number, year: e.year, publishedAt: e.publishedAt.toISOString(), items, changes: e.diff });
    const pages = { et: editionPage('et', e, items, first), en: editionPage('en', e, items, first) };
    // index.html last: it marks the folder as published, so a failure before it is written again next time.
    for (const [file, png] of await rendered) await put(file, png);
    await put(`${folder}/portfolio.csv`, csv);
    await put(`${folder}/portfolio.json`, json);
    await put(`${folder}/${PAGE.en}`, pages.en);
    await put(`${folder}/${PAGE.et}`, pages.et);
  }
  await put('style.css', siteStyle());
  await put('index.html', rootPage('et', sorted));
  await put('en.html', rootPage('en', sorted));
  return written;
}
