// The portfolio manager's exports of the full portfolio (internal: with the responsible people,
// priorities and proposal numbers), as CSV and as an Excel workbook (XLSX).
import ExcelJS from 'exceljs';
import { t, type MessageKey } from '../i18n/catalogue.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import { agreerFor, type Directory, type DomainId, type Locale } from '../workflow/directory.ts';
import { toCsv } from '../workflow/publication.ts';

export interface ExportRow {
  id: string;
  number: number | null;
  title: string;
  domain: string;
  institution: string;
  service: string;
  responsible: string;
  tehikTeam: string;
  start: string;
  end: string;
  status: string;
  progress: number;
  priority: number | null;
  moneyPerYear: Record<string, number>;
  totalEur: number;
  fundingSource: string;
  people: number | null;
  months: number | null;
  linked: string;
  removed: string;
}

export async function exportRows(
  db: PrismaClient,
  dir: Directory,
  locale: Locale,
  filter: { includeRemoved?: boolean } = {},
): Promise<ExportRow[]> {
  const rows = await db.portfolioItem.findMany({
    where: filter.includeRemoved ? {} : { removedAt: null },
    include: { proposal: { select: { number: true } }, linksFrom: { select: { toId: true } } },
    orderBy: [{ domainId: 'asc' }, { startQuarter: 'asc' }, { title: 'asc' }],
  });
  return rows.map((r) => {
    const service = r.serviceId ? dir.services.get(r.serviceId) : undefined;
    const agreer = service ? agreerFor(service) : null;
    const money = Object.fromEntries(
      Object.entries(r.moneyPerYear as Record<string, number>).map(([y, v]) => [y, Number(v)]),
    );
    return {
      id: r.id,
      number: r.proposal?.number ?? null,
      title: r.title,
      domain: dir.domains.get(r.domainId as DomainId)?.name[locale] ?? r.domainId,
      institution: dir.institutions.get(r.institutionId)?.name[locale] ?? r.institutionId,
      service: service?.name[locale] ?? '',
      responsible: agreer ? (dir.people.get(agreer.personId)?.name ?? agreer.personId) : '',
      tehikTeam: r.tehikTeam ?? '',
      start: r.startQuarter,
      end: r.endQuarter,
      status: t(locale, `itemStatus.${r.status}` as MessageKey),
      progress: r.progress,
      priority: r.priority,
      moneyPerYear: money,
      totalEur: Object.values(money).reduce((a, b) => a + b, 0),
      fundingSource: r.fundingSource ?? '',
      people: r.people == null ? null : Number(r.people),
      months: r.months,
      linked: r.linksFrom.map((l) => l.toId).join(' '),
      removed: r.removedAt ? r.removedAt.toISOString().slice(0, 10) : '',
    };
  });
}

const HEAD = [
  'id',
  'number',
  'title',
  'domain',
  'institution',
  'service',
  'responsible',
  'tehikTeam',
  'start',
  'end',
  'status',
  'progress',
  'priority',
  'totalEur',
  'fundingSource',
  'people',
  'months',
  'linked',
  'removed',
] as const;

function years(rows: readonly ExportRow[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.moneyPerYear)))].sort();
}

function header(locale: Locale, ys: string[]): string[] {
  return [
    ...HEAD.map((h) => t(locale, `export.${h}` as MessageKey)),
    ...ys.map((y) => `${t(locale, 'export.eur')} ${y}`),
  ];
}

function values(r: ExportRow, ys: string[]): (string | number | null)[] {
  return [...HEAD.map((h) => r[h]), ...ys.map((y) => r.moneyPerYear[y] ?? null)];
}

export function exportCsv(rows: readonly ExportRow[], locale: Locale): string {
  const ys = years(rows);
  return `\ufeff${toCsv(
    header(locale, ys),
    rows.map((r) => values(r, ys).map((v) => (v == null ? '' : String(v)))),
  )}`;
}

export async function exportXlsx(rows: readonly ExportRow[], locale: Locale): Promise<Buffer> {
  const ys = years(rows);
  const book = new ExcelJS.Workbook();
  book.creator = 'Arendusportfell';
  const sheet = book.addWorksheet(t(locale, 'export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header(locale, ys)).font = { bold: true };
  for (const r of rows) sheet.addRow(values(r, ys));
  sheet.columns.forEach((c, i) => {
    c.width = i === 2 ? 48 : 16;
  });
  const firstMoney = HEAD.length + 1;
  for (let c = firstMoney; c < firstMoney + ys.length; c += 1) sheet.getColumn(c).numFmt = '#,##0 "€"';
  sheet.getColumn(HEAD.indexOf('totalEur') + 1).numFmt = '#,##0 "€"';
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEAD.length + ys.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
