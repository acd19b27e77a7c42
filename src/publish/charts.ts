// Pictures of the portfolio, drawn as SVG and rendered server-side to PNG (resvg, with our own
// fonts, so the pictures look the same on every machine): the roadmap —
// items as bars over the plan's columns, coloured by status, the 18-month detail zone marked — and
// the resources: money per year by funding source, people per institution.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { formatEuros as euros } from '../i18n/dates.ts';
import type { Locale } from '../workflow/directory.ts';
import { columnsOf, type PlanColumn } from '../workflow/portfolio-plan.ts';
import type { PublicItem } from '../workflow/publication.ts';
import { encodePng } from './png-encode.mjs';
import { xmlSafe } from './text.ts';

// resvg reads a font file again for every glyph it draws: the charts use small subsets of DejaVu
// Sans (assets/fonts, made by scripts/make-chart-fonts.py) and fall back to the full font (npm
// package dejavu-fonts-ttf) only for characters outside them.
const FULL_FONTS = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const OWN_FONTS = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));
const FONT_FILES = [
  path.join(OWN_FONTS, 'PortfellSans.ttf'), path.join(OWN_FONTS, 'PortfellSans-Bold.ttf'),
  path.join(FULL_FONTS, 'DejaVuSans.ttf'), path.join(FULL_FONTS, 'DejaVuSans-Bold.ttf'),
];
const FONT = 'Portfell Sans';

export const STATUS_COLOURS: Record<string, string> = { planned: '#7a9cc6', inProgress: '#2e7d32', paused: '#e0a100', done: '#8a8a8a' };
const PALETTE = ['#004899', '#2e7d32', '#e0a100', '#a23b72', '#00838f', '#6d4c41', '#5e35b1'];

const esc = (s: string) => xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
interface TextStyle { size?: number; bold?: boolean; fill?: string }
const text = (x: number, y: number, s: string, o: TextStyle = {}) =>
  `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${o.size ?? 12}" fill="${o.fill ?? '#1a1a1a'}"${o.bold ? ' font-weight="bold"' : ''}>${esc(s)}</text>`;
const svg = (w: number, h: number, body: string[]) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="100%" height="100%" fill="#ffffff"/>${body.join('')}</svg>`;

/** Up to this many items are drawn; the rest are counted under the picture. */
export const ROADMAP_ROWS = 40;

/** The roadmap of `count` items, `items` in the order they are drawn (only the first that fall in the horizon are looked at). */
export function roadmapSvg(items: Iterable<PublicItem>, count: number, columns: readonly PlanColumn[], locale: Locale): string {
  const left = 300, top = 56, row = 22, colW = 62;
  const shown: { item: PublicItem; cols: number[] }[] = [];
  for (const item of items) { // the first rows that fall in the horizon; not all 10,000 items are looked at
    if (shown.length === ROADMAP_ROWS) break;
    const cols = columnsOf(item, columns);
    if (cols.length > 0) shown.push({ item, cols });
  }
  const hidden = count - shown.length;
  const w = left + columns.length * colW + 20;
  const h = top + shown.length * row + 70;
  const body: string[] = [text(10, 22, t(locale, 'publish.roadmapTitle'), { size: 16, bold: true })];
  const detail = columns.filter((c) => c.kind === 'quarter').length;
  body.push(`<rect x="${left}" y="${top - 24}" width="${detail * colW}" height="${shown.length * row + 24}" fill="#eef3fa"/>`);
  body.push(text(left + 4, top - 30, t(locale, 'publish.detailZone'), { size: 11, fill: '#004899' }));
  columns.forEach((c, i) => {
    body.push(`<line x1="${left + i * colW}" y1="${top - 24}" x2="${left + i * colW}" y2="${top + shown.length * row}" stroke="#d0d7e2"/>`);
    body.push(text(left + i * colW + 4, top - 8, c.label, { size: 11 }));
  });
  shown.forEach(({ item, cols }, r) => {
    const y = top + r * row;
    body.push(text(10, y + 15, clip(`${item.title} (${item.institution[locale]})`, 44)));
    body.push(`<rect x="${left + cols[0]! * colW + 2}" y="${y + 4}" width="${cols.length * colW - 4}" height="${row - 8}" rx="4" fill="${Object.hasOwn(STATUS_COLOURS, item.status) ? STATUS_COLOURS[item.status] : '#999'}"/>`);
  });
  const legendY = top + shown.length * row + 24;
  Object.entries(STATUS_COLOURS).forEach(([status, colour], i) => {
    body.push(`<rect x="${10 + i * 150}" y="${legendY - 10}" width="14" height="14" rx="3" fill="${colour}"/>`);
    body.push(text(30 + i * 150, legendY + 2, t(locale, `itemStatus.${status}` as MessageKey)));
  });
  if (hidden > 0) body.push(text(10, legendY + 28, t(locale, 'publish.moreItems', { count: hidden }), { fill: '#555' }));
  return svg(w, h, body);
}


export function moneySvg(byYear: Map<string, Map<string, number>>, locale: Locale): string {
  const years = [...byYear.keys()];
  const sources = [...new Set([...byYear.values()].flatMap((m) => [...m.keys()]))].sort();
  const max = Math.max(1, ...[...byYear.values()].map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const left = 110, top = 40, barW = 56, gap = 28, height = 220;
  const w = Math.max(460, left + years.length * (barW + gap) + 20);
  const h = top + height + 50 + Math.ceil(sources.length / 3) * 20;
  const body: string[] = [text(10, 22, t(locale, 'publish.moneyTitle'), { size: 16, bold: true })];
  for (let k = 0; k <= 4; k += 1) {
    const y = top + height - (height * k) / 4;
    body.push(`<line x1="${left}" y1="${y}" x2="${w - 10}" y2="${y}" stroke="#e3e7ee"/>`, text(8, y + 4, euros((max * k) / 4), { size: 10 }));
  }
  years.forEach((year, i) => {
    let y = top + height;
    const x = left + gap / 2 + i * (barW + gap);
    sources.forEach((s, j) => {
      const v = byYear.get(year)?.get(s) ?? 0;
      const hgt = (v / max) * height;
      y -= hgt;
      if (v > 0) body.push(`<rect x="${x}" y="${y}" width="${barW}" height="${hgt}" fill="${PALETTE[j % PALETTE.length]}"/>`);
    });
    body.push(text(x + 10, top + height + 16, year));
  });
  sources.forEach((s, j) => {
    const x = 10 + (j % 3) * 180, y = top + height + 40 + Math.floor(j / 3) * 20;
    body.push(`<rect x="${x}" y="${y - 10}" width="14" height="14" fill="${PALETTE[j % PALETTE.length]}"/>`, text(x + 20, y + 2, clip(s, 24)));
  });
  return svg(w, h, body);
}

export function peopleSvg(byInstitution: Map<string, number>, locale: Locale): string {
  const rows = [...byInstitution.entries()].sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const left = 220, top = 40, row = 26, width = 300;
  const body: string[] = [text(10, 22, t(locale, 'publish.peopleTitle'), { size: 16, bold: true })];
  rows.forEach(([name, v], i) => {
    const y = top + i * row;
    body.push(text(10, y + 16, clip(name, 32)), `<rect x="${left}" y="${y + 4}" width="${(v / max) * width}" height="${row - 8}" fill="#004899"/>`, text(left + (v / max) * width + 6, y + 16, v.toLocaleString('et-EE')));
  });
  return svg(left + width + 80, top + Math.max(1, rows.length) * row + 16, body);
}

const RENDER = { font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT }, fitTo: { mode: 'zoom' as const, value: 1.5 } };

export function toPng(svgText: string): Buffer {
  return encodePng(new Resvg(svgText, RENDER).render());
}

interface Waiting { resolve(png: Buffer): void; reject(error: Error): void; timer: NodeJS.Timeout }
interface PictureThread { worker: Worker; waiting: Map<number, Waiting> }
/** Up to two rendering threads: an edition's two roadmaps are drawn side by side. */
const THREADS = Math.min(2, availableParallelism());
const threads: (PictureThread | null)[] = Array.from({ length: THREADS }, () => null);
let nextId = 0;
/** A picture that takes longer than this is given up and its thread replaced (a few hundred ms is usual). */
const PICTURE_TIMEOUT_MS = 60_000;

/**
 * The least busy rendering thread, started on first use; a thread keeps the process alive only while
 * it works.
 */
function pictureThread(): PictureThread {
  let slot = 0;
  for (let k = 0; k < threads.length; k += 1) {
    const t = threads[k];
    if (!t) { slot = k; break; }
    if (t.waiting.size < threads[slot]!.waiting.size) slot = k;
  }
  const running = threads[slot];
  if (running) return running;
  const worker = new Worker(new URL('./png-worker.mjs', import.meta.url));
  const t: PictureThread = { worker, waiting: new Map() };
  const fail = (error: Error) => { // everything this thread still owes fails; the next picture starts a new one
    if (threads[slot] === t) threads[slot] = null;
    for (const w of t.waiting.values()) { clearTimeout(w.timer); w.reject(error); }
    t.waiting.clear();
  };
  worker.on('message', (m: { id: number; png?: Uint8Array; error?: string }) => {
    const w = t.waiting.get(m.id);
    if (!w) return;
    t.waiting.delete(m.id);
    clearTimeout(w.timer);
    if (t.waiting.size === 0) worker.unref();
    if (m.png) w.resolve(Buffer.from(m.png.buffer, m.png.byteOffset, m.png.byteLength));
    else w.reject(new Error(`A picture could not be drawn: ${m.error}`));
  });
  worker.on('messageerror', (error) => fail(error));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The picture thread stopped (exit code ${code}).`)));
  worker.unref();
  threads[slot] = t;
  return t;
}

/** The same on the picture thread: the pictures are drawn while the main thread goes on. */
export function toPngAsync(svgText: string): Promise<Buffer> {
  const t = pictureThread();
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => {
      const slot = threads.indexOf(t);
      if (slot >= 0) threads[slot] = null; // the next picture starts a new thread
      void t.worker.terminate(); // its 'exit' fails whatever else it owed
      reject(new Error(`A picture took longer than ${PICTURE_TIMEOUT_MS / 1000} s and was given up.`));
    }, PICTURE_TIMEOUT_MS);
    t.waiting.set(id, { resolve, reject, timer });
    t.worker.ref();
    t.worker.postMessage({ id, svg: svgText, options: RENDER });
  });
}
