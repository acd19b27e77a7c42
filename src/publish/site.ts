// The published portfolio as a static site: one folder per edition (kept as published), each with an
// Estonian and an English page (HTML + CSS, readable on a phone, no script), the pictures as PNG,
// and the public fields as CSV and JSON; the root lists every edition. Only public fields reach
// these files: they are built from the editions' PublicItem snapshots. An edition's folder is
// written aside and renamed into place, so nobody ever sees half of one.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { formatDate, formatEuros } from '../i18n/dates.ts';
import type { Locale } from '../workflow/directory.ts';
import { moneyByYear, planColumns } from '../workflow/portfolio-plan.ts';
import { csvLine, csvRow, PUBLIC_COLUMNS, type EditionDiff, type PublicItem } from '../workflow/publication.ts';
import { moneySvg, peopleSvg, roadmapSvg, STATUS_COLOURS, toPng } from './charts.ts';
import { STYLE } from './style.ts';
import { esc } from './text.ts';

/** An edition as the site needs it; its items and what changed are read when its folder is written. */
export interface EditionRecord {
  number: number;
  year: number;
  publishedAt: Date;
  count: number;
  /** the audit chain head when the edition was recorded (none for editions recorded before it was kept) */
  auditHead?: { seq: number; hash: string } | null;
  /** its items, in the site's order (domain, start, title, id), and what changed since the edition before */
  read(): Promise<{ items: PublicItem[]; diff: EditionDiff }>;
}

const PAGE = { et: 'index.html', en: 'en.html' } as const;
/** The columns of the items' table, in order (their labels are publish.col.<name>). */
const COLUMNS = ['title', 'institution', 'period', 'status', 'money', 'funding', 'people'] as const;

/** Euros on a page: never broken across lines. */
const euros = (n: number) => formatEuros(n, '\u00a0');
const statusClass = (s: string) => (Object.hasOwn(STATUS_COLOURS, s) ? `status s-${s}` : 'status s-other');
const label = (locale: Locale, key: string) => esc(t(locale, key as MessageKey));

/** A page around its body. */
function layout(locale: Locale, title: string, css: string, body: string): string {
  const other = PAGE[locale === 'et' ? 'en' : 'et'];
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
<footer><p>${label(locale, 'publish.footer')}</p></footer>
</body>
</html>
`;
}

function diffSection(locale: Locale, diff: EditionDiff, first: boolean): string {
  if (first) return `<p>${label(locale, 'publish.firstEdition')}</p>`;
  const list = (key: string, rows: { title: string; extra?: string }[]) =>
    `<h3>${label(locale, key)} (${rows.length})</h3>${rows.length ? `<ul>${rows.map((r) => `<li>${esc(r.title)}${r.extra ? ` — ${esc(r.extra)}` : ''}</li>`).join('')}</ul>` : `<p class="none">${label(locale, 'publish.nothing')}</p>`}`;
  return [
    list('publish.added', diff.added),
    list('publish.finished', diff.finished),
    list(
      'publish.moved',
      diff.moved.map((m) => ({ title: m.title, extra: `${m.from} → ${m.to}` })),
    ),
    list(
      'publish.rebudgeted',
      diff.rebudgeted.map((m) => ({ title: m.title, extra: `${euros(m.from)} → ${euros(m.to)}` })),
    ),
    list('publish.removed', diff.removed),
  ].join('\n');
}

/** The site's stylesheet: the fixed part, the status colours, and the labels of the phone's cards. */
export function siteStyle(): string {
  const css = (s: string) => `"${s.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, '\\A ')}: "`;
  const colours = Object.entries(STATUS_COLOURS)
    .map(([s, c]) => `.s-${s} { background: ${c}; }`)
    .join('\n');
  const labels = (['et', 'en'] as const)
    .flatMap((locale) =>
      COLUMNS.map(
        (k, n) =>
          `  :lang(${locale}) td:nth-child(${n + 1})::before { content: ${css(t(locale, `publish.col.${k}`))}; }`,
      ),
    )
    .join('\n');
  return `${STYLE}${colours}\n.status.s-other { background: #999; }\n@media (max-width: 640px) {\n${labels}\n}\n`;
}

/** What a page writes the same way in many rows, made once each: the status badges and the numbers of people. */
function rowWords(locale: Locale) {
  const format = new Intl.NumberFormat(locale === 'et' ? 'et-EE' : 'en-GB');
  const badges = new Map<string, string>();
  const people = new Map<number, string>();
  const badge = (s: string) =>
    `<span class="${statusClass(s)}">${Object.hasOwn(STATUS_COLOURS, s) ? label(locale, `itemStatus.${s}`) : esc(s)}</span>`;
  return {
    badge: (s: string) => badges.get(s) ?? badges.set(s, badge(s)).get(s)!,
    people: (n: number | null) => (n == null ? '—' : (people.get(n) ?? people.set(n, format.format(n)).get(n)!)),
  };
}

/** An item's row in the table. */
function tableRow(locale: Locale, i: PublicItem, words: ReturnType<typeof rowWords>): string {
  return `<tr id="i-${esc(i.id)}"><td><strong>${esc(i.title)}</strong>${i.service ? `<br><span class="sub">${esc(i.service[locale])}</span>` : ''}</td><td>${esc(i.institution[locale])}</td><td>${esc(i.startQuarter)}–${esc(i.endQuarter)}</td><td>${words.badge(i.status)} ${i.progress}%</td><td class="num">${euros(i.totalEur)}</td><td>${esc(i.fundingSource ?? '—')}</td><td class="num">${words.people(i.people)}</td></tr>\n`;
}

/** The links between the edition's items (links to items not in it are left out). */
function linksSection(locale: Locale, items: readonly PublicItem[]): string {
  const byId = new Map(items.map((i) => [i.id, i]));
  const links = items.flatMap((from) =>
    from.linkedIds.flatMap((id) => (byId.has(id) ? [{ from, to: byId.get(id)! }] : [])),
  );
  if (links.length === 0) return '';
  const link = (i: PublicItem) => `<a href="#i-${esc(i.id)}">${esc(i.title)}</a>`;
  return `<section><h2>${label(locale, 'publish.links')}</h2>\n<ul class="links">${links.map((l) => `<li>${link(l.from)} → ${link(l.to)}</li>`).join('')}</ul>\n</section>\n`;
}

/** A page of an edition; `items` in the site's order. */
function editionPage(
  locale: Locale,
  e: EditionRecord,
  items: readonly PublicItem[],
  diff: EditionDiff,
  first: boolean,
) {
  const title = t(locale, 'publish.title', { number: e.number, year: e.year });
  const total = items.reduce((sum, i) => sum + i.totalEur, 0);
  const counts = Object.keys(STATUS_COLOURS)
    .map(
      (s) =>
        `<li><span class="${statusClass(s)}">${label(locale, `itemStatus.${s}`)}</span> ${items.filter((i) => i.status === s).length}</li>`,
    )
    .join('');
  const words = rowWords(locale);
  const byDomain = new Map<string, string[]>(); // domains of the same name share a section
  for (const i of items) {
    const rows = byDomain.get(i.domain[locale]) ?? [];
    if (rows.length === 0) byDomain.set(i.domain[locale], rows);
    rows.push(tableRow(locale, i, words));
  }
  const head = `<table><thead><tr>${COLUMNS.map((k) => `<th scope="col">${label(locale, `publish.col.${k}`)}</th>`).join('')}</tr></thead><tbody>\n`;
  const audit = e.auditHead
    ? `<p class="audit">${esc(t(locale, 'audit.editionHead', { seq: e.auditHead.seq }))}<br><code>npm run audit:verify -- --seq ${e.auditHead.seq} --hash ${esc(e.auditHead.hash)}</code></p>\n`
    : '';
  const sections = [...byDomain].map(
    ([domain, rows]) => `<section><h2>${esc(domain)}</h2>\n${head}${rows.join('')}</tbody></table>\n</section>`,
  );
  return layout(
    locale,
    title,
    '../../style.css',
    `
<p class="meta">${esc(t(locale, 'publish.published', { date: formatDate(e.publishedAt), count: items.length, total: euros(total) }))}</p>
<ul class="counts">${counts}</ul>
<p class="downloads">${label(locale, 'publish.downloads')}: <a href="portfolio.csv">CSV</a> · <a href="portfolio.json">JSON</a> · <a href="../../index.html">${label(locale, 'publish.allEditions')}</a></p>
${audit}<section><h2>${label(locale, 'publish.changes')}</h2>
${diffSection(locale, diff, first)}
</section>
<section><h2>${label(locale, 'publish.roadmapTitle')}</h2>
<figure><img src="roadmap.${locale}.png" alt="${label(locale, 'publish.roadmapAlt')}"></figure>
</section>
<section class="charts"><h2>${label(locale, 'publish.resources')}</h2>
<figure><img src="money.${locale}.png" alt="${label(locale, 'publish.moneyTitle')}"></figure>
<figure><img src="people.${locale}.png" alt="${label(locale, 'publish.peopleTitle')}"></figure>
</section>
${linksSection(locale, items)}${sections.join('\n')}
`,
  );
}

function rootPage(locale: Locale, editions: readonly EditionRecord[]): string {
  const title = t(locale, 'publish.rootTitle');
  const list = editions
    .map(
      (e) =>
        `<li><a href="editions/${e.number}/${PAGE[locale]}">${esc(t(locale, 'publish.title', { number: e.number, year: e.year }))}</a> — ${formatDate(e.publishedAt)}, ${e.count}</li>`,
    )
    .join('\n');
  return layout(
    locale,
    title,
    'style.css',
    `<p>${label(locale, 'publish.rootIntro')}</p>\n<ul class="editions">\n${list}\n</ul>`,
  );
}

/** People per institution name (summed in tenths, so that the sums are exact), in the order of the names. */
function peopleByInstitution(items: readonly PublicItem[], locale: Locale): Map<string, number> {
  const tenths = new Map<string, number>();
  for (const i of items) {
    const name = i.institution[locale];
    if (i.people) tenths.set(name, (tenths.get(name) ?? 0) + Math.round(i.people * 10));
  }
  const sorted = [...tenths].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(sorted.map(([name, v]) => [name, v / 10]));
}

let writes = 0;
/** A name beside `target` to write to before it is renamed into place. */
const aside = (target: string) => `${target}.${process.pid}-${(writes += 1)}.tmp`;

/**
 * Writes an edition's folder aside — each file as soon as it is made, while the next is made and the
 * pictures are drawn on resvg's threads — then renames it into place (a folder left by a failed write
 * is replaced). Returns the names of its files.
 */
async function writeEdition(folder: string, e: EditionRecord, first: boolean): Promise<string[]> {
  const temp = aside(folder);
  const writing: Promise<string>[] = [];
  const put = (name: string, data: string | Promise<Buffer>) => {
    const written = Promise.resolve(data).then(async (d) => {
      await writeFile(path.join(temp, name), d);
      return name;
    });
    written.catch(() => undefined); // awaited below; a failure is reported there
    writing.push(written);
  };
  try {
    await mkdir(temp, { recursive: true });
    const { items, diff } = await e.read();
    const columns = planColumns(e.publishedAt);
    const money = moneyByYear(items);
    for (const locale of ['et', 'en'] as const) {
      put(`roadmap.${locale}.png`, toPng(roadmapSvg(items, items.length, columns, locale)));
      put(`money.${locale}.png`, toPng(moneySvg(money, locale)));
      put(`people.${locale}.png`, toPng(peopleSvg(peopleByInstitution(items, locale), locale)));
    }
    put('portfolio.csv', `\ufeff${csvLine(PUBLIC_COLUMNS)}${items.map((i) => csvLine(csvRow(i))).join('')}`);
    const head = e.auditHead ? { auditChainHead: { seq: e.auditHead.seq, hash: e.auditHead.hash } } : {};
    const { number: edition, year } = e;
    const publishedAt = e.publishedAt.toISOString();
    put('portfolio.json', JSON.stringify({ edition, year, publishedAt, ...head, items, changes: diff }));
    put(PAGE.en, editionPage('en', e, items, diff, first));
    put(PAGE.et, editionPage('et', e, items, diff, first));
    const names = await Promise.all(writing);
    await rm(folder, { recursive: true, force: true });
    await rename(temp, folder);
    return names;
  } finally {
    await Promise.allSettled(writing);
    await rm(temp, { recursive: true, force: true });
  }
}

/** Puts one file in place: written aside, then renamed (whoever opens it meanwhile gets the old file or the new). */
async function placeFile(file: string, data: string): Promise<void> {
  const temp = aside(file);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Writes the folder of every edition not yet written (an edition's folder, once in place, is never
 * written again), then the style and the root pages. Returns the files written.
 */
export async function writeSite(outDir: string, editions: readonly EditionRecord[]): Promise<string[]> {
  const sorted = [...editions].sort((a, b) => b.number - a.number);
  const written: string[] = [];
  await mkdir(path.join(outDir, 'editions'), { recursive: true });
  for (const [index, e] of sorted.entries()) {
    const folder = `editions/${e.number}`;
    if (existsSync(path.join(outDir, folder, PAGE.et))) continue;
    const names = await writeEdition(path.join(outDir, folder), e, index === sorted.length - 1);
    written.push(...names.map((name) => `${folder}/${name}`));
  }
  const roots: [string, string][] = [
    ['style.css', siteStyle()],
    ['index.html', rootPage('et', sorted)],
    ['en.html', rootPage('en', sorted)],
  ];
  for (const [name, data] of roots) await placeFile(path.join(outDir, name), data);
  return [...written, ...roots.map(([name]) => name)];
}
