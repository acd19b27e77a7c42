// Publishing the portfolio: an edition keeps the public fields of every item and what changed since
// the edition before. The portfolio manager publishes from chat; `npm run portfolio:publish` does
// the same from the command line. The static site is written from the editions (src/publish/).
import { parseOrRefuse } from '../../workflow/forms.ts';
import { editionDiff, publicItem, type PublicItem } from '../../workflow/publication.ts';
import { requirePortfolioManager } from '../../workflow/transitions/meetings.ts';
import { z } from 'zod';
import type { Unit } from '../unit.ts';

/** Items in the portfolio now, and those taken out since the last edition (they finished this year). */
export async function createEdition(u: Unit): Promise<{ editionId: string; number: number }> {
  await u.tx.$executeRawUnsafe('LOCK TABLE "Edition" IN SHARE ROW EXCLUSIVE MODE'); // one edition at a time
  const previous = await u.tx.edition.findFirst({ orderBy: { number: 'desc' } });
  const rows = await u.tx.portfolioItem.findMany({
    where: previous ? { OR: [{ removedAt: null }, { removedAt: { gt: previous.publishedAt } }] } : { removedAt: null },
    include: { linksFrom: { select: { toId: true } } },
    orderBy: [{ domainId: 'asc' }, { startQuarter: 'asc' }, { title: 'asc' }],
  });
  const items = rows.map((r) => publicItem({ ...r, linkedIds: r.linksFrom.map((l) => l.toId) }, u.dir));
  const diff = editionDiff(previous ? (previous.items as unknown as PublicItem[]) : null, items);
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tallinn', year: 'numeric' }).format(u.now));
  const edition = await u.tx.edition.create({ data: { year, publishedAt: u.now, publishedById: u.actorId, items: items as object[], diff: diff as object } });
  u.audit('edition', edition.id, null, { number: edition.number, year, items: items.length, diff });
  u.send([{ audience: { kind: 'portfolioManagers' }, payload: { kind: 'editionPublished', editionId: edition.id } }]);
  return { editionId: edition.id, number: edition.number };
}

export async function publishEdition(u: Unit, input: unknown): Promise<{ editionId: string; number: number }> {
  requirePortfolioManager(u.ctx);
  parseOrRefuse(z.object({}).strict(), input);
  return createEdition(u);
}
