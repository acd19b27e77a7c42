// The portfolio as people browse it in chat, on both platforms: filtered by domain, institution,
// status and period (a quarter "2027Q3" or a year "2028"), in pages, with its totals.
import { filteredItems, type PortfolioFilter } from '../files/files.ts';
import type { Queries } from '../engine/queries.ts';
import type { Reader } from '../workflow/read-policy.ts';
import { DOMAIN_IDS, type Directory, type DomainId } from '../workflow/directory.ts';
import { parsePeriod } from '../workflow/portfolio-plan.ts';
import type { PublicItem } from '../workflow/publication.ts';
import { ITEM_STATUSES } from '../workflow/transitions/portfolio.ts';

export const PORTFOLIO_PAGE_SIZE = 10;

export interface PortfolioView {
  filter: PortfolioFilter;
  page: number;
  pages: number;
  total: number;
  totalEur: number;
  counts: Record<string, number>;
  rows: PublicItem[];
}

/** Only known values pass: an unknown domain, institution, status or period is dropped. */
export function cleanFilter(dir: Directory, raw: Record<string, unknown>): PortfolioFilter {
  const s = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const domainId = s(raw.domainId);
  const institutionId = s(raw.institutionId);
  const status = s(raw.status);
  const period = s(raw.period);
  return {
    domainId: domainId && (DOMAIN_IDS as readonly string[]).includes(domainId) ? (domainId as DomainId) : undefined,
    institutionId: institutionId && dir.institutions.has(institutionId) ? institutionId : undefined,
    status: status && (ITEM_STATUSES as readonly string[]).includes(status) ? status : undefined,
    period: period && parsePeriod(period) ? period.replace(/\s+/g, '').toUpperCase() : undefined,
  };
}

/** Words after /portfell, e.g. "sotsiaal SKA töös 2027Q3" or "health done 2028". */
export function filterFromWords(dir: Directory, words: readonly string[]): PortfolioFilter {
  const raw: Record<string, string> = {};
  const statusWords: Record<string, string> = {
    planeeritud: 'planned',
    planned: 'planned',
    töös: 'inProgress',
    'in-progress': 'inProgress',
    inprogress: 'inProgress',
    peatatud: 'paused',
    paused: 'paused',
    lõpetatud: 'done',
    valmis: 'done',
    done: 'done',
  };
  for (const w of words) {
    const lower = w.toLowerCase();
    if (parsePeriod(w)) raw.period = w;
    else if (statusWords[lower]) raw.status = statusWords[lower];
    else if (/^(sotsiaal|social)/.test(lower)) raw.domainId = 'social';
    else if (/^(tervis|health|e-tervis)/.test(lower)) raw.domainId = 'health';
    else {
      const inst = [...dir.institutions.keys()].find((id) => id.toLowerCase() === lower);
      if (inst) raw.institutionId = inst;
    }
  }
  return cleanFilter(dir, raw);
}

export async function loadPortfolioView(
  queries: Queries,
  reader: Reader,
  dir: Directory,
  filter: PortfolioFilter,
  page: number,
  size = PORTFOLIO_PAGE_SIZE,
): Promise<PortfolioView> {
  const items = await filteredItems(queries, reader, dir, filter);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(Math.trunc(page) || 0, 0), pages - 1);
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, items.filter((i) => i.status === s).length]));
  return {
    filter,
    page: current,
    pages,
    total: items.length,
    totalEur: items.reduce((a, i) => a + i.totalEur, 0),
    counts,
    rows: items.slice(current * size, (current + 1) * size),
  };
}
