// The published portfolio as a static site: one folder per edition (kept for ever), each with an
// Estonian and an English page (HTML + CSS, readable on a phone, no script), the pictures as PNG,
// and the public fields as CSV and JSON; the root lists every edition. Only public fields reach
// these files: they are built from the editions' PublicItem snapshots.
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { formatDate } from '../i18n/dates.ts';
import type { Locale } from '../workflow/directory.ts';
import { planColumns, yearsInOrder } from '../workflow/portfolio-plan.ts';
import { csvLine, PUBLIC_COLUMNS, type EditionDiff, type PublicItem } from '../workflow/publication.ts';
import {
  bandedPngAsync,
  moneySvg,
  peopleSvg,
  roadmapPicture,
  STATUS_COLOURS,
  toPngAsync,
  type BandedPicture,
} from './charts.ts';
import type { EncodedBand } from './png-encode.mjs';
import {
  COLUMNS,
  domainRuns,
  editionLinks,
  esc,
  euros,
  rowSpan,
  STATUS_CLASS,
  type EditionRows,
  type EditionTotals,
  type RowBytes,
  type SiteLink,
  type SiteRow,
} from './site-rows.ts';
import { STYLE } from './style.ts';

/**
 * An edition as the site needs it; its items are read only when its folder is written, from the rows
 * of an earlier edition where they are given (only what changed is read then).
 */
export interface EditionRecord {
  id: string;
  number: number;
  year: number;
  publishedAt: Date;
  count: number;
  /** the audit chain head when the edition was recorded (none for editions recorded before it was kept) */
  auditHead?: { seq: number; hash: string } | null;
  diff(): Promise<EditionDiff>;
  rows(earlier: EditionRows | null): Promise<EditionRows>;
  items(): Promise<PublicItem[]>;
}

/** What a site writer keeps of the newest edition it wrote: its rows, its pictures by their SVG, and the bands of its banded pictures by theirs. */
export interface SiteMemory {
  rows: EditionRows | null;
  pictures: Map<string, Buffer>;
  bands: Map<string, EncodedBand>;
}

/** A site writer's memory before it has written anything. */
export const emptyMemory = (): SiteMemory => ({ rows: null, pictures: new Map(), bands: new Map() });

let writes = 0;

/** Told when each step of writing the newest edition ends (the benchmark prints where the time goes). */
export type StepMark = (step: 'rows' | 'data and pages' | 'pictures' | 'files') => void;

const PAGE = { et: 'index.html', en: 'en.html' } as const;

/** A page around its body: what comes before it and what comes after. */
function layoutParts(locale: Locale, title: string, css: string, other: string): [string, string] {
  return [
    `<!doctype html>
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
`,
    `
</main>
<footer><p>${esc(t(locale, 'publish.footer'))}</p></footer>
</body>
</html>
`,
  ];
}

function diffSection(locale: Locale, diff: EditionDiff, first: boolean): string {
  if (first) return `<p>${esc(t(locale, 'publish.firstEdition'))}</p>`;
  const list = (key: MessageKey, rows: { title: string; extra?: string }[]) =>
    `<h3>${esc(t(locale, key))} (${rows.length})</h3>${rows.length ? `<ul>${rows.map((r) => `<li>${esc(r.title)}${r.extra ? ` — ${esc(r.extra)}` : ''}</li>`).join('')}</ul>` : `<p class="none">${esc(t(locale, 'publish.nothing'))}</p>`}`;
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
          `  :lang(${locale}) td:nth-child(${n + 1})::before { content: ${css(t(locale, `publish.col.${k}` as MessageKey))}; }`,
      ),
    )
    .join('\n');
  return `${STYLE}${colours}\n.status.s-other { background: #999; }\n@media (max-width: 640px) {\n${labels}\n}\n`;
}

/** A page of an edition, as the bytes of its parts: the items' rows were made once (site-rows.ts), and each domain's are one piece of them. */
function editionPage(
  locale: Locale,
  e: EditionRecord,
  diff: EditionDiff,
  edition: EditionRows,
  runs: ReturnType<typeof domainRuns>,
  links: readonly SiteLink[],
  first: boolean,
): Buffer[] {
  const title = t(locale, 'publish.title', { number: e.number, year: e.year });
  const { perStatus, totalEur: total } = edition.totals;
  const byDomain = new Map<string, Buffer[]>(); // domains of the same name share a section
  for (const g of runs) {
    const piece = rowSpan(edition.bytes()[locale], g.start, g.end);
    const list = byDomain.get(g.domain[locale]);
    if (list) list.push(piece);
    else byDomain.set(g.domain[locale], [piece]);
  }
  const count = edition.rows.length;
  const counts = Object.keys(STATUS_COLOURS)
    .map(
      (s) =>
        `<li><span class="${STATUS_CLASS.get(s)}">${esc(t(locale, `itemStatus.${s}` as MessageKey))}</span> ${perStatus.get(s) ?? 0}</li>`,
    )
    .join('');
  const [before, after] = layoutParts(locale, title, '../../style.css', PAGE[locale === 'et' ? 'en' : 'et']);
  const head = `<table><thead><tr>${COLUMNS.map((k) => `<th scope="col">${esc(t(locale, `publish.col.${k}` as MessageKey))}</th>`).join('')}</tr></thead><tbody>\n`;
  const parts: Buffer[] = [
    Buffer.from(`${before}
<p class="meta">${esc(t(locale, 'publish.published', { date: formatDate(e.publishedAt), count, total: euros(total) }))}</p>
<ul class="counts">${counts}</ul>
<p class="downloads">${esc(t(locale, 'publish.downloads'))}: <a href="portfolio.csv">CSV</a> · <a href="portfolio.json">JSON</a> · <a href="../../index.html">${esc(t(locale, 'publish.allEditions'))}</a></p>
${e.auditHead ? `<p class="audit">${esc(t(locale, 'audit.editionHead', { seq: e.auditHead.seq }))}<br><code>npm run audit:verify -- --seq ${e.auditHead.seq} --hash ${esc(e.auditHead.hash)}</code></p>\n` : ''}<section><h2>${esc(t(locale, 'publish.changes'))}</h2>
${diffSection(locale, diff, first)}
</section>
<section><h2>${esc(t(locale, 'publish.roadmapTitle'))}</h2>
<figure><img src="roadmap.${locale}.png" alt="${esc(t(locale, 'publish.roadmapAlt'))}"></figure>
</section>
<section class="charts"><h2>${esc(t(locale, 'publish.resources'))}</h2>
<figure><img src="money.${locale}.png" alt="${esc(t(locale, 'publish.moneyTitle'))}"></figure>
<figure><img src="people.${locale}.png" alt="${esc(t(locale, 'publish.peopleTitle'))}"></figure>
</section>
${links.length ? `<section><h2>${esc(t(locale, 'publish.links'))}</h2>\n<ul class="links">${links.map((l) => `<li><a href="#i-${esc(l.from.id)}">${esc(l.from.title)}</a> → <a href="#i-${esc(l.to.id)}">${esc(l.to.title)}</a></li>`).join('')}</ul>\n</section>\n` : ''}`),
  ];
  [...byDomain.entries()].forEach(([domain, pieces], n) => {
    parts.push(Buffer.from(`${n > 0 ? '\n' : ''}<section><h2>${esc(domain)}</h2>\n${head}`), ...pieces);
    parts.push(Buffer.from('</tbody></table>\n</section>'));
  });
  parts.push(Buffer.from(`\n${after}`));
  return parts;
}

function rootPage(locale: Locale, editions: readonly EditionRecord[]): string {
  const title = t(locale, 'publish.rootTitle');
  const list = editions
    .map(
      (e) =>
        `<li><a href="editions/${e.number}/${PAGE[locale]}">${esc(t(locale, 'publish.title', { number: e.number, year: e.year }))}</a> — ${formatDate(e.publishedAt)}, ${e.count}</li>`,
    )
    .join('\n');
  const [before, after] = layoutParts(locale, title, 'style.css', PAGE[locale === 'et' ? 'en' : 'et']);
  return `${before}<p>${esc(t(locale, 'publish.rootIntro'))}</p>\n<ul class="editions">\n${list}\n</ul>${after}`;
}

/** The edition's data: the public fields as CSV, as the bytes of its parts (the rows' own). */
function csvFile(csv: RowBytes): Buffer[] {
  return [Buffer.from(`\ufeff${csvLine(PUBLIC_COLUMNS)}`), csv.bytes];
}

/** The same as JSON, as JSON.stringify({ edition, year, publishedAt, auditChainHead?, items, changes }) writes it. */
function jsonFile(e: EditionRecord, diff: EditionDiff, json: RowBytes): Buffer[] {
  const head = e.auditHead
    ? `"auditChainHead":${JSON.stringify({ seq: e.auditHead.seq, hash: e.auditHead.hash })},`
    : '';
  return [
    Buffer.from(
      `{"edition":${JSON.stringify(e.number)},"year":${JSON.stringify(e.year)},"publishedAt":${JSON.stringify(e.publishedAt.toISOString())},${head}"items":[`,
    ),
    json.bytes.subarray(1), // a row's JSON starts with its comma
    Buffer.from(`],"changes":${JSON.stringify(diff)}}`),
  ];
}

/** The edition's pictures as SVG (the roadmap in bands), by file name. */
function pictures(
  folder: string,
  publishedAt: Date,
  rows: readonly SiteRow[],
  totals: EditionTotals,
): [string, string | BandedPicture][] {
  const columns = planColumns(publishedAt);
  function* items() {
    for (const r of rows) yield r.item;
  }
  const people = (locale: Locale) => {
    // institutions of the same name are added up; in the order of their names
    const m = new Map<string, number>();
    for (const [names, tenths] of [...totals.peopleTenths].sort(([a], [b]) =>
      a[locale] < b[locale] ? -1 : a[locale] > b[locale] ? 1 : 0,
    )) {
      m.set(names[locale], (m.get(names[locale]) ?? 0) + tenths);
    }
    return new Map([...m].map(([name, tenths]) => [name, tenths / 10]));
  };
  const money = yearsInOrder(totals.money);
  return (['et', 'en'] as const).flatMap(
    (locale) =>
      [
        [`${folder}/roadmap.${locale}.png`, roadmapPicture(items(), rows.length, columns, locale)],
        [`${folder}/money.${locale}.png`, moneySvg(money, locale)],
        [`${folder}/people.${locale}.png`, peopleSvg(people(locale), locale)],
      ] as [string, string | BandedPicture][],
  );
}

/** A file written from its parts, without joining them first. */
async function writeParts(file: string, parts: readonly Buffer[]): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const pieces = parts.filter((p) => p.length > 0);
    for (let k = 0; k < pieces.length; k += 512) {
      // a gathering write takes at most IOV_MAX pieces (1,024 on Linux)
      const batch = pieces.slice(k, k + 512);
      let left = batch.reduce((n, p) => n + p.length, 0);
      let { bytesWritten } = await handle.writev(batch);
      while (bytesWritten < left) {
        // a short write: the rest, joined
        if (bytesWritten === 0) throw new Error(`Nothing could be written to ${file}.`);
        left -= bytesWritten;
        ({ bytesWritten } = await handle.write(Buffer.concat(batch).subarray(-left)));
      }
    }
  } finally {
    await handle.close();
  }
}

/** A file written aside, to be put in place (renamed: whoever opens the site meanwhile gets the old file or the new, never half of one) or dropped. */
interface Staged {
  place(): Promise<void>;
  drop(): Promise<void>;
}

async function stage(file: string, data: string | Buffer | readonly Buffer[]): Promise<Staged> {
  const aside = `${file}.${process.pid}-${(writes += 1)}.tmp`;
  const drop = () => rm(aside, { force: true });
  try {
    if (Array.isArray(data)) await writeParts(aside, data as readonly Buffer[]);
    else await writeFile(aside, data as string | Buffer);
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    drop,
    async place() {
      try {
        await rename(aside, file);
      } catch (error) {
        await drop();
        throw error;
      }
    },
  };
}

/**
 * Writes the newest edition's folder (older ones are kept as they were written) and the root. The
 * newest edition's rows and pictures are kept in `memory`: the next edition reads only the items that
 * changed, and a picture (or a band of one) whose SVG is the same is not drawn again.
 */
export async function writeSite(
  outDir: string,
  editions: readonly EditionRecord[],
  memory: SiteMemory = emptyMemory(),
  mark: StepMark = () => undefined,
): Promise<string[]> {
  const sorted = [...editions].sort((a, b) => b.number - a.number);
  const written: string[] = [];
  await mkdir(outDir, { recursive: true });
  // Files written aside and not yet in place: if anything fails, they are dropped once written (so
  // that no write still reads the rows' bytes, whose memory the next edition may reuse).
  const waiting = new Set<Promise<Staged>>();
  const aside: Aside = (rel, data) => {
    const staged = stage(path.join(outDir, rel), data);
    staged.catch(() => undefined); // awaited where it is put in place; a failure is reported there
    waiting.add(staged);
    return {
      ready: staged,
      async place() {
        waiting.delete(staged);
        await (await staged).place();
        written.push(rel);
      },
    };
  };
  try {
    // The root pages and the style are written at once, and put in place last (listed in this order).
    const roots = [
      aside('style.css', siteStyle()),
      aside('index.html', rootPage('et', sorted)),
      aside('en.html', rootPage('en', sorted)),
    ];
    await writeEditions(outDir, sorted, memory, mark, aside);
    await allWritten(roots);
    for (const file of roots) await file.place();
  } catch (error) {
    await Promise.all(
      [...waiting].map((staged) =>
        staged.then(
          (s) => s.drop(),
          () => undefined,
        ),
      ),
    );
    throw error;
  }
  return written;
}

/** A file being written aside, and how to put it in place once written. */
interface AsideFile {
  ready: Promise<unknown>;
  place(): Promise<void>;
}
type Aside = (rel: string, data: string | Buffer | readonly Buffer[]) => AsideFile;

/** Waits until every file is written; fails (after all have settled) if any could not be. */
async function allWritten(files: readonly AsideFile[]): Promise<void> {
  const failed = (await Promise.allSettled(files.map((f) => f.ready))).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The folders of the editions not written yet (the newest is always written again). */
async function writeEditions(
  outDir: string,
  sorted: readonly EditionRecord[],
  memory: SiteMemory,
  mark: StepMark,
  aside: Aside,
): Promise<void> {
  // The kept edition counts only if it is still the one recorded under its number (not a restored or rebuilt database).
  const kept =
    memory.rows && sorted.find((e) => e.number === memory.rows!.number)?.id === memory.rows.editionId
      ? memory.rows
      : null;
  for (const [index, e] of sorted.entries()) {
    const folder = `editions/${e.number}`;
    if (index > 0 && existsSync(path.join(outDir, folder, 'index.html'))) continue; // previous editions stay as published
    const first = index === sorted.length - 1;
    const edition = await e.rows(index === 0 ? kept : null);
    const { rows } = edition;
    if (index === 0) mark('rows');
    // The pictures are drawn on their own threads, started first, while this one builds the data and the pages.
    const drawn = new Map<string, Buffer>();
    const bands = new Map<string, EncodedBand>();
    const rendered = Promise.all(
      pictures(folder, e.publishedAt, rows, edition.totals).map(async ([file, picture]) => {
        if (typeof picture !== 'string') return [file, await bandedPngAsync(picture, memory.bands, bands)] as const;
        const png = memory.pictures.get(picture) ?? (await toPngAsync(picture));
        drawn.set(picture, png);
        return [file, png] as const;
      }),
    );
    rendered.catch(() => undefined); // awaited below; a failure then is reported there, not as an unhandled rejection
    const runs = domainRuns(rows);
    const links = editionLinks(rows);
    // Each file is written aside as soon as it is made, while the next is made; once all are
    // written they are put in place, index.html last: it marks the folder as published, so a
    // failure before it is written again next time.
    await mkdir(path.join(outDir, folder), { recursive: true });
    const files: AsideFile[] = [];
    const start = (rel: string, data: string | Buffer | readonly Buffer[]) => {
      files.push(aside(rel, data));
    };
    start(`${folder}/portfolio.csv`, csvFile(edition.bytes().csv));
    const diff = edition.diff?.() ?? (await e.diff());
    start(`${folder}/portfolio.json`, jsonFile(e, diff, edition.bytes().json));
    start(`${folder}/${PAGE.en}`, editionPage('en', e, diff, edition, runs, links, first));
    const et = aside(`${folder}/${PAGE.et}`, editionPage('et', e, diff, edition, runs, links, first));
    if (index === 0) mark('data and pages');
    for (const [file, png] of await rendered) start(file, png);
    if (index === 0) mark('pictures');
    await allWritten([...files, et]);
    await Promise.all(files.map((file) => file.place()));
    await et.place();
    if (index === 0) mark('files');
    if (index === 0) {
      memory.rows = edition;
      memory.pictures = drawn;
      memory.bands = bands;
    }
  }
}
