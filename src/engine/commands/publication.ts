// Publishing the portfolio: an edition keeps the public fields of every item and what changed since
// the edition before. The portfolio manager publishes from chat; `npm run portfolio:publish` does
// the same from the command line. The static site is written from the editions (src/publish/).
import { parseOrRefuse } from '../../workflow/forms.ts';
import { editionDiff, publicItem, type PublicItem } from '../../workflow/publication.ts';
import { requirePortfolioManager } from '../../workflow/transitions/meetings.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Unit } from '../unit.ts';

interface RawItem {
  id: string; title: string; domainId: string; institutionId: string; serviceId: string | null; startQuarter: string; endQuarter: string;
  status: string; progress: number; moneyPerYear: unknown; fundingSource: string | null; people: number | null; tehikTeam: string | null; linkedIds: string[];
}

/**
 * Items in the portfolio now, and those taken out since the last edition (they finished this year).
 * Read and written with plain SQL: an edition of 10,000 items is one JSON document, and Prisma's
 * JSON handling of that size costs seconds.
 */
export async function createEdition(u: Unit): Promise<{ editionId: string; number: number }> {
  await u.tx.$executeRawUnsafe('LOCK TABLE "Edition" IN SHARE ROW EXCLUSIVE MODE'); // one edition at a time
  const [previous] = await u.tx.$queryRaw<{ publishedAt: Date; items: string }[]>`SELECT "publishedAt", items FROM "Edition" ORDER BY number DESC LIMIT 1`;
  const since = previous?.publishedAt ?? new Date('9999-12-31T00:00:00Z'); // no edition yet: nothing taken out counts
  const rows = await u.tx.$queryRaw<RawItem[]>`
    SELECT i.id, i.title, i."domainId", i."institutionId", i."serviceId", i."startQuarter", i."endQuarter", i.status, i.progress,
           i."moneyPerYear", i."fundingSource", i.people::float8 AS people, i."tehikTeam",
           COALESCE((SELECT array_agg(l."toId" ORDER BY l."toId") FROM "PortfolioLink" l WHERE l."fromId" = i.id), ARRAY[]::text[]) AS "linkedIds"
    FROM "PortfolioItem" i
    WHERE i."removedAt" IS NULL OR i."removedAt" > ${since}
    ORDER BY i."domainId", i."startQuarter", i.title`;
  const items = rows.map((r) => publicItem({ ...r, moneyPerYear: typeof r.moneyPerYear === 'string' ? JSON.parse(r.moneyPerYear) : r.moneyPerYear }, u.dir));
  const diff = editionDiff(previous ? (JSON.parse(previous.items) as PublicItem[]) : null, items);
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tallinn', year: 'numeric' }).format(u.now));
  const id = randomUUID();
  const [edition] = await u.tx.$queryRaw<{ number: number }[]>`
    INSERT INTO "Edition" (id, year, "publishedAt", "publishedById", items, "itemCount", diff)
    VALUES (${id}, ${year}, ${u.now}, ${u.actorId}, ${JSON.stringify(items)}, ${items.length}, ${JSON.stringify(diff)}::jsonb)
    RETURNING number`;
  const counts = Object.fromEntries(Object.entries(diff).map(([k, v]) => [k, (v as unknown[]).length]));
  u.audit('edition', id, null, { number: edition!.number, year, items: items.length, changes: counts });
  u.send([{ audience: { kind: 'portfolioManagers' }, payload: { kind: 'editionPublished', editionId: id } }]);
  return { editionId: id, number: edition!.number };
}

export async function publishEdition(u: Unit, input: unknown): Promise<{ editionId: string; number: number }> {
  requirePortfolioManager(u.ctx);
  parseOrRefuse(z.object({}).strict(), input);
  return createEdition(u);
}
