// An edition's items as the site writes them: each item's CSV line, JSON and table rows (Estonian and
// English) are made once, as UTF-8 bytes, in the site's order; a file is then one copy of them. A site writer keeps the rows of the newest edition it
// wrote; the next edition is then made from the items that changed (usually a few hundred of
// 10,000), and every other row is reused as it was.
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { formatEuros } from '../i18n/dates.ts';
import type { Locale, Text2 } from '../workflow/directory.ts';
import { addMoney, moneyLine, yearsInOrder, type MoneyLine, type MoneySums } from '../workflow/portfolio-plan.ts';
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
export interface EditionRows { number: number; names: string; lookup: EditionNames; rows: readonly SiteRow[]; read: number; diff?: EditionDiff }

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
  return `<tr><td><strong>${esc(i.title)}</strong>${i.service ? `<br><span class="sub">${esc(i.service[locale])}</span>` : ''}</td>`
    + `<td>${esc(i.institution[locale])}</td><td>${esc(i.startQuarter)}–${esc(i.endQuarter)}</td>`
    + `<td><span class="${STATUS_CLASS.get(i.status) ?? 'status s-other'}">${l.status.get(i.status) ?? esc(i.status)}</span> ${i.progress}%</td>`
    + `<td class="num">${euros(i.totalEur)}</td><td>${esc(i.fundingSource ?? '—')}</td><td class="num">${l.people(i.people)}</td></tr>\n`;
}

export function siteRow(key: string, item: PublicItem): SiteRow {
  const csv = csvLine(csvRow(item));
  const json = `,${JSON.stringify(item)}`;
  const et = tableRow('et', item);
  const en = tableRow('en', item);
  const bytes = Buffer.from(csv + json + et + en, 'utf8'); // one buffer; the parts are views of it
  const a = Buffer.byteLength(csv, 'utf8');
  const b = a + Buffer.byteLength(json, 'utf8');
  const c = b + Buffer.byteLength(et, 'utf8');
  return { key, item, money: moneyLine(item), csv: bytes.subarray(0, a), json: bytes.subarray(a, b), html: { et: bytes.subarray(b, c), en: bytes.subarray(c) } };
}

/** Rows in the site's order. */
export function ordered(rows: SiteRow[]): SiteRow[] {
  return rows.sort(byKey);
}

/**
 * The rows of the next edition from those of an earlier one: the items in `removed` are gone, those
 * in `changed` are new or replace their earlier row; the rest stay as they were. One merge, no sort
 * of the unchanged rows.
 */
export function withChanges(before: readonly SiteRow[], changed: SiteRow[], removed: Iterable<string>): SiteRow[] {
  const gone = new Set(removed);
  for (const r of changed) gone.add(r.item.id);
  const fresh = ordered(changed);
  const out: SiteRow[] = [];
  let k = 0;
  for (const r of before) {
    if (gone.has(r.item.id)) continue;
    while (k < fresh.length && byKey(fresh[k]!, r) < 0) out.push(fresh[k++]!);
    out.push(r);
  }
  while (k < fresh.length) out.push(fresh[k++]!);
  return out;
}

/** What the pages and pictures add up over an edition's rows, in one pass. */
export interface EditionTotals {
  totalEur: number;
  perStatus: Map<string, number>;
  /** euros per year and funding source */
  money: MoneySums;
  /** people per institution (by its names) */
  people: Map<Text2, number>;
  /** the rows of each domain in the site's order (a domain's rows are consecutive: the order starts with its id) */
  domains: { domain: Text2; rows: SiteRow[] }[];
}

export function editionTotals(rows: readonly SiteRow[]): EditionTotals {
  const t: EditionTotals = { totalEur: 0, perStatus: new Map(), money: new Map(), people: new Map(), domains: [] };
  let group: { domain: Text2; rows: SiteRow[] } | undefined;
  for (const r of rows) {
    const i = r.item;
    t.totalEur += i.totalEur;
    t.perStatus.set(i.status, (t.perStatus.get(i.status) ?? 0) + 1);
    if (i.people) t.people.set(i.institution, (t.people.get(i.institution) ?? 0) + i.people);
    addMoney(t.money, r.money);
    if (group?.domain !== i.domain) { group = { domain: i.domain, rows: [] }; t.domains.push(group); }
    group.rows.push(r);
  }
  t.money = yearsInOrder(t.money);
  return t;
}
