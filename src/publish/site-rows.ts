// An edition's items as the site writes them: each item's CSV line, JSON and table rows (Estonian and
// English) are made once, as UTF-8 bytes, in the site's order; a file is then one copy of them. A site writer keeps the rows of the newest edition it
// wrote; the next edition is then made from the items that changed (usually a few hundred of
// 10,000), and every other row is reused as it was.
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { formatEuros } from '../i18n/dates.ts';
import type { Locale, Text2 } from '../workflow/directory.ts';
import { addMoney, moneyLine, type MoneyLine, type MoneySums } from '../workflow/portfolio-plan.ts';
import { csvLine, csvRow, type EditionDiff, type EditionNames, type PublicItem } from '../workflow/publication.ts';
export { siteKey } from '../workflow/publication.ts';
import { STATUS_COLOURS } from './charts.ts';
import { xmlSafe } from './text.ts';

const NEEDS_ESCAPE = /[&<>"\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;
/** Text for HTML: markup characters escaped, characters XML forbids dropped. */
export const esc = (s: string) => (NEEDS_ESCAPE.test(s) ? xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : s);
/** Euros on a page: never broken across lines. */
export const euros = (n: number) => formatEuros(n, '\u00a0');
export const STATUS_CLASS = new Map(Object.keys(STATUS_COLOURS).map((s) => [s, `status s-${s}`]));
/** The columns of the items' table, in order (their labels are publish.col.<name>). */
export const COLUMNS = ['title', 'institution', 'period', 'status', 'money', 'funding', 'people'] as const;

/**
 * An item as the site writes it, with the key that orders the site (domain id, start, title, id) and
 * its money as the chart adds it up. `json` starts with the comma that follows the item before it.
 */
export interface SiteRow { key: string; item: PublicItem; money: MoneyLine; csv: Buffer; json: Buffer; html: Record<Locale, Buffer> }

/**
 * The rows of one edition in the site's order; the names they were made with (as published, and
 * read); how many versions were read to make them; and what changed, when it came with them.
 */
export interface EditionRows { number: number; editionId: string; names: string; lookup: EditionNames; rows: readonly SiteRow[]; totals: EditionTotals; read: number; diff?: EditionDiff }

const byKey = (a: SiteRow, b: SiteRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

interface RowLabels { status: Map<string, string>; people(n: number | null): string }
const labels = new Map<Locale, RowLabels>();

/** Status names and numbers of people as the locale writes them; an edition has few distinct numbers. */
function labelsOf(locale: Locale): RowLabels {
  let l = labels.get(locale);
  if (l) return l;
  const format = new Intl.NumberFormat(locale === 'et' ? 'et-EE' : 'en-GB');
  const seen = new Map<number, string>();
  l = {
    status: new Map(Object.keys(STATUS_COLOURS).map((s) => [s, esc(t(locale, `itemStatus.${s}` as MessageKey))])),
    people(n) {
      if (n == null) return '—';
      let s = seen.get(n);
      if (s === undefined) { s = format.format(n); seen.set(n, s); }
      return s;
    },
  };
  labels.set(locale, l);
  return l;
}

function tableRow(locale: Locale, i: PublicItem): string {
  const l = labelsOf(locale);
  return `<tr id="i-${esc(i.id)}"><td><strong>${esc(i.title)}</strong>${i.service ? `<br><span class="sub">${esc(i.service[locale])}</span>` : ''}</td>`
    + `<td>${esc(i.institution[locale])}</td><td>${esc(i.startQuarter)}–${esc(i.endQuarter)}</td>`
    + `<td><span class="${STATUS_CLASS.get(i.status) ?? 'status s-other'}">${l.status.get(i.status) ?? esc(i.status)}</span> ${i.progress}%</td>`
    + `<td class="num">${euros(i.totalEur)}</td><td>${esc(i.fundingSource ?? '—')}</td><td class="num">${l.people(i.people)}</td></tr>\n`;
}

export function siteRow(key: string, item: PublicItem): SiteRow {
  const csv = csvLine(csvRow(item));
  const json = `,${JSON.stringify(item)}`;
  const et = tableRow('et', item);
  const en = tableRow('en', item);
  const a = Buffer.byteLength(csv, 'utf8');
  const b = a + Buffer.byteLength(json, 'utf8');
  const c = b + Buffer.byteLength(et, 'utf8');
  // One buffer, the parts views of it. Node takes it from its shared 8 KB blocks (a buffer of its own
  // for every row made the publish ~20 ms slower in the collector); a row kept over many editions
  // keeps its block, so the kept edition can grow to ~8 KB a row until the process restarts.
  const bytes = Buffer.allocUnsafe(c + Buffer.byteLength(en, 'utf8'));
  bytes.write(csv, 0, 'utf8');
  bytes.write(json, a, 'utf8');
  bytes.write(et, b, 'utf8');
  bytes.write(en, c, 'utf8');
  return { key, item, money: moneyLine(item), csv: bytes.subarray(0, a), json: bytes.subarray(a, b), html: { et: bytes.subarray(b, c), en: bytes.subarray(c) } };
}

/** Rows in the site's order. */
export function ordered(rows: SiteRow[]): SiteRow[] {
  return rows.sort(byKey);
}

/**
 * The rows of the next edition from those of an earlier one: the items in `removed` are gone, those
 * in `changed` are new or replace their earlier row; the rest stay as they were. One merge, no sort
 * of the unchanged rows. Also gives the earlier rows that were let go.
 */
export function withChanges(before: readonly SiteRow[], changed: SiteRow[], removed: Iterable<string>): { rows: SiteRow[]; letGo: SiteRow[] } {
  const gone = new Set(removed);
  for (const r of changed) gone.add(r.item.id);
  const fresh = ordered(changed);
  const rows: SiteRow[] = [];
  const letGo: SiteRow[] = [];
  let k = 0;
  for (const r of before) {
    if (gone.has(r.item.id)) { letGo.push(r); continue; }
    while (k < fresh.length && byKey(fresh[k]!, r) < 0) rows.push(fresh[k++]!);
    rows.push(r);
  }
  while (k < fresh.length) rows.push(fresh[k++]!);
  return { rows, letGo };
}

/**
 * What the pages and pictures add up over an edition's rows. Sums of whole numbers only (euros,
 * tenths of a person), so that taking rows away gives exactly what adding up the rest gives.
 */
export interface EditionTotals {
  totalEur: number;
  perStatus: Map<string, number>;
  /** euros per year and funding source (years in no order) */
  money: MoneySums;
  /** tenths of a person per institution (by its names) */
  peopleTenths: Map<Text2, number>;
}

function add<K>(m: Map<K, number>, key: K, n: number): void {
  const sum = (m.get(key) ?? 0) + n;
  if (sum !== 0) m.set(key, sum); else m.delete(key);
}

function addRow(t: EditionTotals, r: SiteRow, sign: 1 | -1): void {
  const i = r.item;
  t.totalEur += sign * i.totalEur;
  add(t.perStatus, i.status, sign);
  if (i.people) add(t.peopleTenths, i.institution, sign * Math.round(i.people * 10));
  addMoney(t.money, r.money, sign);
}

export function editionTotals(rows: readonly SiteRow[]): EditionTotals {
  const t: EditionTotals = { totalEur: 0, perStatus: new Map(), money: new Map(), peopleTenths: new Map() };
  for (const r of rows) addRow(t, r, 1);
  return t;
}

/** The totals of the next edition from an earlier one's: the rows let go taken away, the changed ones added. */
export function totalsWithChanges(before: EditionTotals, letGo: readonly SiteRow[], changed: readonly SiteRow[]): EditionTotals {
  const t: EditionTotals = {
    totalEur: before.totalEur, perStatus: new Map(before.perStatus), peopleTenths: new Map(before.peopleTenths),
    money: new Map([...before.money].map(([year, bySource]) => [year, new Map(bySource)])),
  };
  for (const r of letGo) addRow(t, r, -1);
  for (const r of changed) addRow(t, r, 1);
  return t;
}

/** A link between two items of the edition (e.g. social–health integration), by their ids and titles. */
export interface SiteLink { from: { id: string; title: string }; to: { id: string; title: string } }

/** The links between the edition's items, in the site's order of the linking item; links to items not in the edition are left out. */
export function editionLinks(rows: readonly SiteRow[]): SiteLink[] {
  const linking = rows.filter((r) => r.item.linkedIds.length > 0);
  if (linking.length === 0) return [];
  const byId = new Map(rows.map((r) => [r.item.id, r.item]));
  return linking.flatMap((r) => r.item.linkedIds.flatMap((id) => {
    const to = byId.get(id);
    return to ? [{ from: { id: r.item.id, title: r.item.title }, to: { id, title: to.title } }] : [];
  }));
}

/** The runs of rows of one domain, in the site's order (a domain's rows are together: the order starts with its id). */
export function domainRuns(rows: readonly SiteRow[]): { domain: Text2; rows: readonly SiteRow[] }[] {
  const runs: { domain: Text2; rows: readonly SiteRow[] }[] = [];
  let start = 0;
  for (let k = 1; k <= rows.length; k += 1) {
    if (k === rows.length || rows[k]!.item.domain !== rows[start]!.item.domain) {
      runs.push({ domain: rows[start]!.item.domain, rows: rows.slice(start, k) });
      start = k;
    }
  }
  return runs;
}
