// Pictures of the portfolio, drawn as SVG and rendered server-side to PNG (resvg, with our own
// fonts, so the pictures look the same on every machine): the roadmap —
// items as bars over the plan's columns, coloured by status, the 18-month detail zone marked — and
// the resources: money per year by funding source, people per institution.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { formatEuros as euros } from '../i18n/dates.ts';
import type { Locale } from '../workflow/directory.ts';
import { columnsOf, type PlanColumn } from '../workflow/portfolio-plan.ts';
import type { PublicItem } from '../workflow/publication.ts';
import { esc } from './text.ts';

// resvg reads a font file again for every glyph it draws: the charts use small subsets of DejaVu
// Sans (assets/fonts, made by scripts/make-chart-fonts.py) and fall back to the full font (npm
// package dejavu-fonts-ttf) only for characters outside them.
const FULL_FONTS = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
const OWN_FONTS = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));
const FONT_FILES = [
  path.join(OWN_FONTS, 'PortfellSans.ttf'),
  path.join(OWN_FONTS, 'PortfellSans-Bold.ttf'),
  path.join(FULL_FONTS, 'DejaVuSans.ttf'),
  path.join(FULL_FONTS, 'DejaVuSans-Bold.ttf'),
];
const FONT = 'Portfell Sans';

export const STATUS_COLOURS: Record<string, string> = {
  planned: '#7a9cc6',
  inProgress: '#2e7d32',
  paused: '#e0a100',
  done: '#8a8a8a',
};
const PALETTE = ['#004899', '#2e7d32', '#e0a100', '#a23b72', '#00838f', '#6d4c41', '#5e35b1'];

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
interface TextStyle {
  size?: number;
  bold?: boolean;
  fill?: string;
}
const text = (x: number, y: number, s: string, o: TextStyle = {}) =>
  `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${o.size ?? 12}" fill="${o.fill ?? '#1a1a1a'}"${o.bold ? ' font-weight="bold"' : ''}>${esc(s)}</text>`;
const svg = (w: number, h: number, body: string[]) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="100%" height="100%" fill="#ffffff"/>${body.join('')}</svg>`;

/** Up to this many items are drawn; the rest are counted under the picture. */
export const ROADMAP_ROWS = 40;

/** A label in a row of the picture: at most two accents on a letter (as Vietnamese writes), so that no stack of them reaches into the next row. */
const rowLabel = (s: string, n: number) =>
  clip(
    s
      .normalize('NFD')
      .replace(/(\p{M}\p{M})\p{M}+/gu, '$1')
      .normalize('NFC'),
    n,
  );

/**
 * The roadmap of `count` items, `items` in the order they are drawn (only the first that fall in the
 * horizon are looked at): the title and the columns, a row for each item (its bar, and its share of
 * the detail zone and of the column lines), and the legend; each drawn in its own coordinates.
 */
export function roadmapSvg(
  items: Iterable<PublicItem>,
  count: number,
  columns: readonly PlanColumn[],
  locale: Locale,
): string {
  const left = 300,
    top = 56,
    row = 22,
    colW = 62,
    foot = 70;
  const shown: { item: PublicItem; cols: number[] }[] = [];
  for (const item of items) {
    // the first rows that fall in the horizon; not all 10,000 items are looked at
    if (shown.length === ROADMAP_ROWS) break;
    const cols = columnsOf(item, columns);
    if (cols.length > 0) shown.push({ item, cols });
  }
  const hidden = count - shown.length;
  const detail = columns.filter((c) => c.kind === 'quarter').length;
  /** The detail zone and the column lines from y0 to y1 of a band. */
  const grid = (y0: number, y1: number) => [
    `<rect x="${left}" y="${y0}" width="${detail * colW}" height="${y1 - y0}" fill="#eef3fa"/>`,
    ...columns.map(
      (_, i) => `<line x1="${left + i * colW}" y1="${y0}" x2="${left + i * colW}" y2="${y1}" stroke="#d0d7e2"/>`,
    ),
  ];
  const head = [text(10, 22, t(locale, 'publish.roadmapTitle'), { size: 16, bold: true })];
  head.push(...grid(top - 24, top));
  head.push(text(left + 4, top - 30, t(locale, 'publish.detailZone'), { size: 11, fill: '#004899' }));
  head.push(...columns.map((c, i) => text(left + i * colW + 4, top - 8, c.label, { size: 11 })));
  const rows = shown.map(({ item, cols }) => ({
    height: row,
    body: [
      ...grid(0, row),
      text(10, 15, rowLabel(`${item.title} (${item.institution[locale]})`, 44)),
      `<rect x="${left + cols[0]! * colW + 2}" y="4" width="${cols.length * colW - 4}" height="${row - 8}" rx="4" fill="${Object.hasOwn(STATUS_COLOURS, item.status) ? STATUS_COLOURS[item.status] : '#999'}"/>`,
    ].join(''),
  }));
  const legend = Object.entries(STATUS_COLOURS).flatMap(([status, colour], i) => [
    `<rect x="${10 + i * 150}" y="14" width="14" height="14" rx="3" fill="${colour}"/>`,
    text(30 + i * 150, 26, t(locale, `itemStatus.${status}` as MessageKey)),
  ]);
  if (hidden > 0) legend.push(text(10, 52, t(locale, 'publish.moreItems', { count: hidden }), { fill: '#555' }));
  const bands = [{ height: top, body: head.join('') }, ...rows, { height: foot, body: legend.join('') }];
  let y = 0;
  const body = bands.map((b) => {
    const g = `<g transform="translate(0,${y})">${b.body}</g>`;
    y += b.height;
    return g;
  });
  return svg(left + columns.length * colW + 20, y, body);
}

export function moneySvg(byYear: Map<string, Map<string, number>>, locale: Locale): string {
  const years = [...byYear.keys()];
  const sources = [...new Set([...byYear.values()].flatMap((m) => [...m.keys()]))].sort();
  const max = Math.max(1, ...[...byYear.values()].map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const left = 110,
    top = 40,
    barW = 56,
    gap = 28,
    height = 220;
  const w = Math.max(460, left + years.length * (barW + gap) + 20);
  const h = top + height + 50 + Math.ceil(sources.length / 3) * 20;
  const body: string[] = [text(10, 22, t(locale, 'publish.moneyTitle'), { size: 16, bold: true })];
  for (let k = 0; k <= 4; k += 1) {
    const y = top + height - (height * k) / 4;
    body.push(
      `<line x1="${left}" y1="${y}" x2="${w - 10}" y2="${y}" stroke="#e3e7ee"/>`,
      text(8, y + 4, euros((max * k) / 4), { size: 10 }),
    );
  }
  years.forEach((year, i) => {
    let y = top + height;
    const x = left + gap / 2 + i * (barW + gap);
    sources.forEach((s, j) => {
      const v = byYear.get(year)?.get(s) ?? 0;
      const hgt = (v / max) * height;
      y -= hgt;
      if (v > 0)
        body.push(`<rect x="${x}" y="${y}" width="${barW}" height="${hgt}" fill="${PALETTE[j % PALETTE.length]}"/>`);
    });
    body.push(text(x + 10, top + height + 16, year));
  });
  sources.forEach((s, j) => {
    const x = 10 + (j % 3) * 180,
      y = top + height + 40 + Math.floor(j / 3) * 20;
    body.push(
      `<rect x="${x}" y="${y - 10}" width="14" height="14" fill="${PALETTE[j % PALETTE.length]}"/>`,
      text(x + 20, y + 2, clip(s, 24)),
    );
  });
  return svg(w, h, body);
}

export function peopleSvg(byInstitution: Map<string, number>, locale: Locale): string {
  const rows = [...byInstitution.entries()].sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const left = 220,
    top = 40,
    row = 26,
    width = 300;
  const body: string[] = [text(10, 22, t(locale, 'publish.peopleTitle'), { size: 16, bold: true })];
  rows.forEach(([name, v], i) => {
    const y = top + i * row;
    body.push(
      text(10, y + 16, clip(name, 32)),
      `<rect x="${left}" y="${y + 4}" width="${(v / max) * width}" height="${row - 8}" fill="#004899"/>`,
      text(left + (v / max) * width + 6, y + 16, v.toLocaleString('et-EE')),
    );
  });
  return svg(left + width + 80, top + Math.max(1, rows.length) * row + 16, body);
}

/** How resvg draws the pictures: our fonts only, at 1.5 times their size. */
export const RENDER = {
  font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT },
  fitTo: { mode: 'zoom' as const, value: 1.5 },
};

/** The SVG as a PNG: drawn on resvg's own threads, encoded by resvg (loaded when first needed). */
export async function toPng(svgText: string): Promise<Buffer> {
  const { renderAsync } = await import('@resvg/resvg-js');
  try {
    return (await renderAsync(svgText, RENDER)).asPng();
  } catch (error) {
    throw new Error(`A picture could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
  }
}
