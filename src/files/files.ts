// What a download link gives: made when the link is opened, from the data of that moment.
import type { Queries } from '../engine/queries.ts';
import { authorizeRead, type Reader } from '../workflow/read-policy.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import type { Directory, DomainId, Locale } from '../workflow/directory.ts';
import { inPeriod, moneyByYear, parsePeriod, planColumns } from '../workflow/portfolio-plan.ts';
import { editionNames, publicItem, type PublicItem } from '../workflow/publication.ts';
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { tallinnDate } from '../workflow/holidays.ts';
import { FILE_READS, type FileKind, type FileRequest } from '../workflow/transitions/files.ts';
import { loadMinutes } from './minutes.ts';
// Spreadsheets (exceljs), Word files (docx) and pictures (resvg) are made only when a link is opened:
// their modules are loaded then, not at start-up (they cost the idle bot ~40 MB and ~0.2 s).
const loadExports = () => import('./exports.ts');
const loadMinutesRender = () => import('./minutes-render.ts');
const loadCharts = () => import('../publish/charts.ts');

export interface ProducedFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

export interface PortfolioFilter {
  domainId?: DomainId | undefined;
  institutionId?: string | undefined;
  status?: string | undefined;
  period?: string | undefined;
}

/** The live portfolio as its public fields, filtered as the chat view filters it. */
export async function filteredItems(
  queries: Queries,
  reader: Reader,
  dir: Directory,
  f: PortfolioFilter,
): Promise<PublicItem[]> {
  const period = f.period ? parsePeriod(f.period) : null;
  const rows = await queries.portfolio(reader, {
    ...(f.domainId ? { domainId: f.domainId } : {}),
    ...(f.institutionId ? { institutionId: f.institutionId } : {}),
    ...(f.status ? { status: f.status } : {}),
  });
  const names = editionNames(dir);
  return rows
    .filter((r) => !period || inPeriod(r, period))
    .map((r) => publicItem({ ...r, linkedIds: r.linksFrom.map((l) => l.toId) }, names));
}

function peopleBy(items: readonly PublicItem[], locale: Locale): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) if (i.people) m.set(i.institution[locale], (m.get(i.institution[locale]) ?? 0) + i.people);
  return m;
}

/** What a file is called (files.name.<…>) and its extension. */
const NAMES: Record<FileKind, [MessageKey, string]> = {
  portfolioXlsx: ['files.name.portfolio', 'xlsx'],
  portfolioCsv: ['files.name.portfolio', 'csv'],
  minutesDocx: ['files.name.minutes', 'docx'],
  minutesMd: ['files.name.minutes', 'md'],
  packDocx: ['files.name.pack', 'docx'],
  packMd: ['files.name.pack', 'md'],
  roadmapPng: ['files.name.roadmap', 'png'],
  moneyPng: ['files.name.money', 'png'],
  peoplePng: ['files.name.people', 'png'],
};

/** The name a download is saved under, in the person's language, with the day it is of (in Tallinn) where it has one. */
export function downloadName(kind: FileKind, locale: Locale, day?: string): string {
  const [name, extension] = NAMES[kind];
  return `${t(locale, name)}${day ? `-${day}` : ''}.${extension}`;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The file a link stands for, made for the person the link was made for: their right to it is asked
 * again now (a role may have ended since the link was made).
 */
export async function produceFile(
  db: PrismaClient,
  queries: Queries,
  dir: Directory,
  reader: Reader,
  req: FileRequest,
  now: Date,
): Promise<ProducedFile | null> {
  const locale: Locale = req.locale ?? 'et';
  const read = FILE_READS[req.kind];
  if (read === 'exports' || read === 'pictures') authorizeRead(dir, reader, read);
  const day = tallinnDate(now);
  const filter: PortfolioFilter = {
    domainId: req.domainId,
    institutionId: req.institutionId,
    status: req.status,
    period: req.period,
  };
  switch (req.kind) {
    case 'portfolioXlsx': {
      const { exportRows, exportXlsx } = await loadExports();
      return {
        filename: downloadName(req.kind, locale, day),
        contentType: XLSX,
        body: await exportXlsx(await exportRows(db, dir, locale), locale),
      };
    }
    case 'portfolioCsv': {
      const { exportCsv, exportRows } = await loadExports();
      return {
        filename: downloadName(req.kind, locale, day),
        contentType: 'text/csv; charset=utf-8',
        body: exportCsv(await exportRows(db, dir, locale), locale),
      };
    }
    case 'minutesDocx':
    case 'minutesMd':
    case 'packDocx':
    case 'packMd': {
      const model = req.meetingId
        ? await loadMinutes(db, queries, dir, reader, req.meetingId, read === 'meetingPack' ? read : 'minutes')
        : null;
      if (!model) return null;
      const kind = req.kind.startsWith('pack') ? 'pack' : 'minutes';
      const filename = downloadName(req.kind, locale, tallinnDate(model.startsAt)); // the meeting's day
      const { minutesDocx, minutesMarkdown } = await loadMinutesRender();
      return req.kind.endsWith('Md')
        ? { filename, contentType: 'text/markdown; charset=utf-8', body: minutesMarkdown(model, locale, kind) }
        : { filename, contentType: DOCX, body: await minutesDocx(model, locale, kind) };
    }
    case 'roadmapPng': {
      const { roadmapSvg, toPng } = await loadCharts();
      const items = await filteredItems(queries, reader, dir, filter);
      return {
        filename: downloadName(req.kind, locale),
        contentType: 'image/png',
        body: await toPng(roadmapSvg(items, items.length, planColumns(now), locale)),
      };
    }
    case 'moneyPng': {
      const { moneySvg, toPng } = await loadCharts();
      return {
        filename: downloadName(req.kind, locale),
        contentType: 'image/png',
        body: await toPng(moneySvg(moneyByYear(await filteredItems(queries, reader, dir, filter)), locale)),
      };
    }
    case 'peoplePng': {
      const { peopleSvg, toPng } = await loadCharts();
      return {
        filename: downloadName(req.kind, locale),
        contentType: 'image/png',
        body: await toPng(peopleSvg(peopleBy(await filteredItems(queries, reader, dir, filter), locale), locale)),
      };
    }
  }
}
