// An edition's items as the site writes them: each item's CSV line, JSON and table rows (Estonian and
// English) are made once, as UTF-8, and kept one after another in the site's order, so that a file
// is its head, those bytes and its tail. A site writer keeps the rows of the newest edition it wrote;
// the next edition is then made from the items that changed (usually a few hundred of 10,000): only
// those are made again, and the bytes of the others are copied over in runs.
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
export const esc = (s: string) =>
  NEEDS_ESCAPE.test(s)
    ? xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    : s;
/** Euros on a page: never broken across lines. */
export const euros = (n: number) => formatEuros(n, '\u00a0');
export const STATUS_CLASS = new Map(Object.keys(STATUS_COLOURS).map((s) => [s, `status s-${s}`]));
/** The columns of the items' table, in order (their labels are publish.col.<name>). */
export const COLUMNS = ['title', 'institution', 'period', 'status', 'money', 'funding', 'people'] as const;

/**
 * An item as the site orders it (domain id, start, title, id) and shows it, with its money as the
 * chart adds it up. What every pass over all rows reads (id, domain, whether it links) is on the row
 * itself: 10,000 rows are read faster without going to each item.
 */
export interface SiteRow {
  key: string;
  id: string;
  domain: Text2;
  linked: boolean;
  item: PublicItem;
  money: MoneyLine;
}

/** What is written of a row: its CSV line, its JSON (starting with the comma that follows the item before it) and its table rows. */
export type RowKind = 'csv' | 'json' | Locale;
const KINDS: readonly RowKind[] = ['csv', 'json', 'et', 'en'];

/** A row just made, with its text. */
export interface MadeRow {
  row: SiteRow;
  text: Record<RowKind, string>;
}

/** The bytes of every row of one kind, one after another in the site's order: row k ends at ends[k]. */
export interface RowBytes {
  bytes: Buffer;
  ends: Uint32Array;
}

/** Where row k of a kind starts. */
const startOf = (b: RowBytes, k: number) => (k > 0 ? b.ends[k - 1]! : 0);

/** Rows i to j (not included) of a kind, as one piece. */
export function rowSpan(b: RowBytes, i: number, j: number): Buffer {
  return b.bytes.subarray(startOf(b, i), startOf(b, j));
}

/**
 * The rows of one edition in the site's order and their bytes; the names they were made with (as
 * published, and read); how many versions were read to make them; and what changed, when it came
 * with them. The bytes and what changed are made when first asked for (the pictures are started
 * before them).
 */
export interface EditionRows {
  number: number;
  editionId: string;
  names: string;
  lookup: EditionNames;
  rows: readonly SiteRow[];
  bytes(): Record<RowKind, RowBytes>;
  totals: EditionTotals;
  read: number;
  diff?: () => EditionDiff;
  /**
   * The bytes of the edition this one was made from. The edition made from this one gathers its
   * bytes into their memory (no new memory to fault in for 15 MB): by then the edition they
   * belonged to is no longer used. An edition is made from the one kept before it, one at a time.
   */
  spare?: () => Record<RowKind, RowBytes>;
}

/** `make`, run once, when first asked for; then let go (with all it holds, such as an earlier edition). */
export function once<T>(make: () => T): () => T {
  let maker: (() => T) | null = make;
  let made: { value: T } | null = null;
  return () => {
    if (!made) {
      made = { value: maker!() };
      maker = null;
    }
    return made.value;
  };
}

const byKey = (a: SiteRow, b: SiteRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

interface RowLabels {
  status: Map<string, string>;
  people(n: number | null): string;
}
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
      if (s === undefined) {
        s = format.format(n);
        seen.set(n, s);
      }
      return s;
    },
  };
  labels.set(locale, l);
  return l;
}

/** An item's row in the table; joined from its pieces (one flat string: cheaper to make into UTF-8 than a chain of concatenations). */
function tableRow(locale: Locale, i: PublicItem): string {
  const l = labelsOf(locale);
  return [
    '<tr id="i-',
    esc(i.id),
    '"><td><strong>',
    esc(i.title),
    '</strong>',
    i.service ? `<br><span class="sub">${esc(i.service[locale])}</span>` : '',
    '</td><td>',
    esc(i.institution[locale]),
    '</td><td>',
    esc(i.startQuarter),
    '–',
    esc(i.endQuarter),
    '</td><td><span class="',
    STATUS_CLASS.get(i.status) ?? 'status s-other',
    '">',
    l.status.get(i.status) ?? esc(i.status),
    '</span> ',
    String(i.progress),
    '%</td><td class="num">',
    euros(i.totalEur),
    '</td><td>',
    esc(i.fundingSource ?? '—'),
    '</td><td class="num">',
    l.people(i.people),
    '</td></tr>\n',
  ].join('');
}

export function siteRow(key: string, item: PublicItem): MadeRow {
  return {
    row: { key, id: item.id, domain: item.domain, linked: item.linkedIds.length > 0, item, money: moneyLine(item) },
    text: {
      csv: csvLine(csvRow(item)),
      json: `,${JSON.stringify(item)}`,
      et: tableRow('et', item),
      en: tableRow('en', item),
    },
  };
}

/**
 * One kind of bytes of the rows in `from`'s order: from[i] >= 0 is row from[i] of `before`, whose
 * bytes are copied (a run of rows that were together, in one piece); from[i] < 0 is the made row
 * -from[i] - 1, whose text is written.
 */
function gather(
  kind: RowKind,
  from: Int32Array,
  before: RowBytes | null,
  made: readonly MadeRow[],
  spare: RowBytes | null,
): RowBytes {
  const ends = new Uint32Array(from.length);
  const lengths = made.map((m) => Buffer.byteLength(m.text[kind], 'utf8'));
  let total = 0;
  for (let i = 0; i < from.length; i += 1) {
    const s = from[i]!;
    total += s >= 0 ? before!.ends[s]! - startOf(before!, s) : lengths[-s - 1]!;
    ends[i] = total;
  }
  // Memory of its own (it lives as long as the edition is kept), with room to grow: the spare's when it is big enough.
  const room =
    spare && spare.bytes.buffer.byteLength >= total ? spare.bytes.buffer : new ArrayBuffer(total + (total >> 4));
  const bytes = Buffer.from(room, 0, total);
  for (let i = 0; i < from.length;) {
    const at = i > 0 ? ends[i - 1]! : 0;
    const s = from[i]!;
    if (s < 0) {
      bytes.write(made[-s - 1]!.text[kind], at, 'utf8');
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < from.length && from[j] === from[j - 1]! + 1) j += 1;
    const b = before!.bytes;
    const start = startOf(before!, s);
    bytes.set(new Uint8Array(b.buffer, b.byteOffset + start, before!.ends[from[j - 1]!]! - start), at); // cheaper than Buffer#copy for thousands of runs
    i = j;
  }
  return { bytes, ends };
}

function gatherAll(
  from: Int32Array,
  before: Record<RowKind, RowBytes> | null,
  made: readonly MadeRow[],
  spare: Record<RowKind, RowBytes> | null = null,
): Record<RowKind, RowBytes> {
  return Object.fromEntries(
    KINDS.map((k) => [k, gather(k, from, before?.[k] ?? null, made, spare?.[k] ?? null)]),
  ) as Record<RowKind, RowBytes>;
}

/** Made rows in the site's order, with their bytes. */
export function ordered(made: MadeRow[]): { rows: SiteRow[]; bytes: () => Record<RowKind, RowBytes> } {
  made.sort((a, b) => byKey(a.row, b.row));
  const from = new Int32Array(made.length);
  for (let k = 0; k < made.length; k += 1) from[k] = -k - 1;
  return { rows: made.map((m) => m.row), bytes: once(() => gatherAll(from, null, made)) };
}

/**
 * The rows of the next edition from those of an earlier one: the items in `removed` are gone, those
 * in `changed` are new or replace their earlier row; the rest stay as they were. One merge, no sort
 * of the unchanged rows. Also gives the earlier rows that were let go.
 */
export function withChanges(
  before: Pick<EditionRows, 'rows' | 'bytes' | 'spare'>,
  changed: MadeRow[],
  removed: Iterable<string>,
): Pick<EditionRows, 'rows' | 'bytes' | 'spare'> & { letGo: SiteRow[] } {
  const gone = new Set(removed);
  for (const m of changed) gone.add(m.row.id);
  changed.sort((a, b) => byKey(a.row, b.row));
  const rows: SiteRow[] = [];
  const from: number[] = [];
  const letGo: SiteRow[] = [];
  let k = 0;
  for (let j = 0; j < before.rows.length; j += 1) {
    const r = before.rows[j]!;
    if (gone.has(r.id)) {
      letGo.push(r);
      continue;
    }
    while (k < changed.length && changed[k]!.row.key < r.key) {
      rows.push(changed[k]!.row);
      from.push(-k - 1);
      k += 1;
    }
    rows.push(r);
    from.push(j);
  }
  while (k < changed.length) {
    rows.push(changed[k]!.row);
    from.push(-k - 1);
    k += 1;
  }
  const sources = Int32Array.from(from);
  return {
    rows,
    bytes: once(() => gatherAll(sources, before.bytes(), changed, before.spare?.() ?? null)),
    spare: before.bytes,
    letGo,
  };
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
  if (sum !== 0) m.set(key, sum);
  else m.delete(key);
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
export function totalsWithChanges(
  before: EditionTotals,
  letGo: readonly SiteRow[],
  changed: readonly SiteRow[],
): EditionTotals {
  const t: EditionTotals = {
    totalEur: before.totalEur,
    perStatus: new Map(before.perStatus),
    peopleTenths: new Map(before.peopleTenths),
    money: new Map([...before.money].map(([year, bySource]) => [year, new Map(bySource)])),
  };
  for (const r of letGo) addRow(t, r, -1);
  for (const r of changed) addRow(t, r, 1);
  return t;
}

/** A link between two items of the edition (e.g. social–health integration), by their ids and titles. */
export interface SiteLink {
  from: { id: string; title: string };
  to: { id: string; title: string };
}

/** The links between the edition's items, in the site's order of the linking item; links to items not in the edition are left out. */
export function editionLinks(rows: readonly SiteRow[]): SiteLink[] {
  const linking = rows.filter((r) => r.linked);
  if (linking.length === 0) return [];
  const wanted = new Set(linking.flatMap((r) => r.item.linkedIds));
  const byId = new Map<string, PublicItem>();
  for (const r of rows) if (wanted.has(r.id)) byId.set(r.id, r.item);
  return linking.flatMap((r) =>
    r.item.linkedIds.flatMap((id) => {
      const to = byId.get(id);
      return to ? [{ from: { id: r.item.id, title: r.item.title }, to: { id, title: to.title } }] : [];
    }),
  );
}

/** The runs of rows of one domain (rows start to end, not included), in the site's order (a domain's rows are together: the order starts with its id). */
export function domainRuns(rows: readonly SiteRow[]): { domain: Text2; start: number; end: number }[] {
  const runs: { domain: Text2; start: number; end: number }[] = [];
  let start = 0;
  for (let k = 1; k <= rows.length; k += 1) {
    if (k === rows.length || rows[k]!.domain !== rows[start]!.domain) {
      runs.push({ domain: rows[start]!.domain, start, end: k });
      start = k;
    }
  }
  return runs;
}
