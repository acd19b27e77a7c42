// The yearly publication of the portfolio: which fields are public, and what changed since the last
// edition. Pure. Public means the item itself — what, where, when, how much, how far — never a
// person (names, e-mail addresses, chat ids), an opinion, a vote, a comment or a condition.
import type { Directory, Text2 } from './directory.ts';

export interface PublicItem {
  id: string;
  title: string;
  domain: Text2;
  institution: Text2;
  service: Text2 | null;
  startQuarter: string;
  endQuarter: string;
  status: string;
  progress: number;
  moneyPerYear: Record<string, number>;
  totalEur: number;
  fundingSource: string | null;
  /** full-time equivalents */
  people: number | null;
  tehikTeam: string | null;
  linkedIds: string[];
}

/** The columns of the CSV, in order: exactly the public fields. */
export const PUBLIC_COLUMNS = [
  'id',
  'title',
  'domain_et',
  'domain_en',
  'institution_et',
  'institution_en',
  'service_et',
  'service_en',
  'start_quarter',
  'end_quarter',
  'status',
  'progress_percent',
  'total_eur',
  'money_per_year',
  'funding_source',
  'people_fte',
  'tehik_team',
  'linked_ids',
] as const;

export interface ItemRow {
  id: string;
  title: string;
  domainId: string;
  institutionId: string;
  serviceId: string | null;
  startQuarter: string;
  endQuarter: string;
  status: string;
  progress: number;
  moneyPerYear: unknown;
  fundingSource: string | null;
  people: { toString(): string } | number | null;
  tehikTeam: string | null;
  linkedIds: string[];
}

/** The names of domains, institutions and services as an edition published them (ids → names). */
export interface EditionNames {
  domains: Record<string, Text2>;
  institutions: Record<string, Text2>;
  services: Record<string, Text2>;
}

export function editionNames(dir: Directory): EditionNames {
  const names = <V extends { name: Text2 }>(m: ReadonlyMap<string, V>) =>
    Object.fromEntries([...m].map(([id, v]) => [id, { et: v.name.et, en: v.name.en }]));
  return { domains: names(dir.domains), institutions: names(dir.institutions), services: names(dir.services) };
}

const name = (names: Record<string, Text2>, id: string): Text2 =>
  Object.hasOwn(names, id) ? names[id]! : { et: id, en: id };

/** Euros per year as published (whole, positive amounts of four-digit years) and their total. */
function money(value: unknown): { moneyPerYear: Record<string, number>; totalEur: number } {
  const perYear: Record<string, number> = {};
  let total = 0;
  if (value && typeof value === 'object') {
    for (const [year, eur] of Object.entries(value as Record<string, unknown>)) {
      const n = Number(eur);
      if (/^\d{4}$/.test(year) && Number.isFinite(n) && n > 0) {
        const eurs = Math.round(n);
        perYear[year] = eurs;
        total += eurs;
      }
    }
  }
  return { moneyPerYear: perYear, totalEur: total };
}

/** The item as the public sees it: only the whitelisted fields, with the names of the ids. */
export function publicItem(row: ItemRow, names: EditionNames): PublicItem {
  return {
    id: row.id,
    title: row.title,
    domain: name(names.domains, row.domainId),
    institution: name(names.institutions, row.institutionId),
    service: row.serviceId ? name(names.services, row.serviceId) : null,
    startQuarter: row.startQuarter,
    endQuarter: row.endQuarter,
    status: row.status,
    progress: row.progress,
    ...money(row.moneyPerYear),
    fundingSource: row.fundingSource,
    people: row.people == null ? null : Number(row.people.toString()),
    tehikTeam: row.tehikTeam,
    linkedIds: [...row.linkedIds].sort(),
  };
}

export function csvRow(i: PublicItem): string[] {
  return [
    i.id,
    i.title,
    i.domain.et,
    i.domain.en,
    i.institution.et,
    i.institution.en,
    i.service?.et ?? '',
    i.service?.en ?? '',
    i.startQuarter,
    i.endQuarter,
    i.status,
    String(i.progress),
    String(i.totalEur),
    Object.entries(i.moneyPerYear)
      .map(([y, eur]) => `${y}:${eur}`)
      .join(' '),
    i.fundingSource ?? '',
    i.people == null ? '' : String(i.people),
    i.tehikTeam ?? '',
    i.linkedIds.join(' '),
  ];
}

/** One RFC 4180 CSV line (ending in CRLF); a cell that starts like a formula is prefixed so spreadsheets do not run it. */
export function csvLine(row: readonly string[]): string {
  if (row.length === 0) return '\r\n';
  const cells = row.map(csvCell);
  cells[cells.length - 1] += '\r\n';
  return cells.join(','); // joined: one flat string, not a chain of concatenations
}

function csvCell(v: string): string {
  if (!NEEDS_CARE.test(v)) return v; // most cells: one test, no copy
  const safe = FORMULA.test(v) ? `'${v}` : v;
  return QUOTED.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV: the header line, then the rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  let out = csvLine(header);
  for (const r of rows) out += csvLine(r);
  return out;
}
const FORMULA = /^[=+\-@\t\r]/;
const QUOTED = /[",\r\n;]/;
const NEEDS_CARE = /^[=+\-@\t\r]|[",\r\n;]/;

export interface ItemRef {
  id: string;
  title: string;
}
export interface EditionDiff {
  added: ItemRef[];
  finished: ItemRef[];
  moved: (ItemRef & { from: string; to: string })[];
  rebudgeted: (ItemRef & { from: number; to: number })[];
  removed: ItemRef[];
}

/** The same euros in the same years, whatever the order of the years. */
function sameMoney(a: Record<string, number>, b: Record<string, number>): boolean {
  const years = Object.keys(a);
  if (years.length !== Object.keys(b).length) return false;
  for (const y of years) if (!Object.hasOwn(b, y) || a[y] !== b[y]) return false;
  return true;
}

/** What the diff between editions looks at. */
export type DiffItem = Pick<
  PublicItem,
  'id' | 'title' | 'status' | 'startQuarter' | 'endQuarter' | 'moneyPerYear' | 'totalEur'
>;

export function diffItem(
  row: Pick<ItemRow, 'id' | 'title' | 'status' | 'startQuarter' | 'endQuarter' | 'moneyPerYear'>,
): DiffItem {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    startQuarter: row.startQuarter,
    endQuarter: row.endQuarter,
    ...money(row.moneyPerYear),
  };
}

/**
 * The order of the published portfolio, as code units compare (COLLATE "C" in the database): domain
 * id, start, title, id. The fields are joined by U+0000, which PostgreSQL text cannot hold, so
 * comparing keys compares the fields one by one.
 */
export function siteKey(domainId: string, startQuarter: string, title: string, id: string): string {
  return `${domainId}\u0000${startQuarter}\u0000${title}\u0000${id}`;
}

/** An item version as the diff reads it: what the diff looks at, and where the site puts the item. */
export type DiffSource = Pick<
  ItemRow,
  'id' | 'title' | 'status' | 'startQuarter' | 'endQuarter' | 'moneyPerYear' | 'domainId'
>;

/** An item version as the diff reads it, with its place in the site's order (siteKey). */
export interface KeyedDiffItem {
  key: string;
  item: DiffItem;
}

/**
 * What changed in an edition, from the item versions it added (`added`) and closed (`closed`): an
 * item in both changed, one only added is new, one only closed was taken out. In the site's order
 * of the item as it is, or was. `hadPrevious` false: the first edition, whose items are all new.
 */
export function versionsDiff(
  hadPrevious: boolean,
  added: readonly DiffSource[],
  closed: readonly DiffSource[],
): EditionDiff {
  const keyed = (r: DiffSource): KeyedDiffItem => ({
    key: siteKey(r.domainId, r.startQuarter, r.title, r.id),
    item: diffItem(r),
  });
  return keyedDiff(hadPrevious, added.map(keyed), closed.map(keyed));
}

/**
 * The same, from versions already read as the diff reads them (a site writer has them as its rows):
 * new, finished, moved in time, re-budgeted, taken out. Items that are the same in both may be left
 * out of both (only the versions that changed are given).
 */
export function keyedDiff(
  hadPrevious: boolean,
  added: readonly KeyedDiffItem[],
  closed: readonly KeyedDiffItem[],
): EditionDiff {
  const pairs = new Map<string, { key: string; now: DiffItem | null; before: DiffItem | null }>();
  if (hadPrevious) for (const r of closed) pairs.set(r.item.id, { key: r.key, now: null, before: r.item });
  for (const r of added) {
    const p = pairs.get(r.item.id);
    if (p) {
      p.now = r.item;
      p.key = r.key;
    } else pairs.set(r.item.id, { key: r.key, now: r.item, before: null });
  }
  const sorted = [...pairs.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ref = (i: DiffItem): ItemRef => ({ id: i.id, title: i.title });
  const diff: EditionDiff = { added: [], finished: [], moved: [], rebudgeted: [], removed: [] };
  for (const { now, before } of sorted) {
    if (!now) {
      diff.removed.push(ref(before!));
      continue;
    }
    if (!before) {
      diff.added.push(ref(now));
      continue;
    }
    if (now.status === 'done' && before.status !== 'done') diff.finished.push(ref(now));
    if (now.startQuarter !== before.startQuarter || now.endQuarter !== before.endQuarter) {
      diff.moved.push({
        ...ref(now),
        from: `${before.startQuarter}–${before.endQuarter}`,
        to: `${now.startQuarter}–${now.endQuarter}`,
      });
    }
    if (!sameMoney(before.moneyPerYear, now.moneyPerYear))
      diff.rebudgeted.push({ ...ref(now), from: before.totalEur, to: now.totalEur });
  }
  return diff;
}
