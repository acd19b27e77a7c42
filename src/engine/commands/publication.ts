// Publishing the portfolio: an edition keeps the public fields of every item (EditionItem rows,
// copied inside the database) and what changed since the edition before. The portfolio manager
// publishes from chat; `npm run portfolio:publish` does the same from the command line. The static
// site is written from the editions (src/publish/).
import { parseOrRefuse } from '../../workflow/forms.ts';
import { diffItem, editionDiff, editionNames, type DiffItem } from '../../workflow/publication.ts';
import { requirePortfolioManager } from '../../workflow/transitions/meetings.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Unit } from '../unit.ts';

type DiffRow = Parameters<typeof diffItem>[0];
interface ChangedPair { now: DiffRow | null; before: DiffRow | null }

const NO_EDITION = -1;

/**
 * Items in the portfolio now, and those taken out since the last edition (they finished this year).
 * 10,000 items never pass through the application: they are copied by INSERT … SELECT, and only the
 * rows that differ from the previous edition come back to decide what changed.
 */
export async function createEdition(u: Unit): Promise<{ editionId: string; number: number }> {
  await u.tx.$executeRawUnsafe('LOCK TABLE "Edition" IN SHARE ROW EXCLUSIVE MODE'); // one edition at a time
  const [previous] = await u.tx.$queryRaw<{ number: number; publishedAt: Date }[]>`SELECT number, "publishedAt" FROM "Edition" ORDER BY number DESC LIMIT 1`;
  const since = previous?.publishedAt ?? new Date('9999-12-31T00:00:00Z'); // no edition yet: nothing taken out counts
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tallinn', year: 'numeric' }).format(u.now));
  const id = randomUUID();
  const [edition] = await u.tx.$queryRaw<{ number: number }[]>`
    INSERT INTO "Edition" (id, year, "publishedAt", "publishedById", "itemCount", names, diff)
    VALUES (${id}, ${year}, ${u.now}, ${u.actorId}, 0, ${JSON.stringify(editionNames(u.dir))}::jsonb, '{}'::jsonb)
    RETURNING number`;
  const number = edition!.number;
  const count = await u.tx.$executeRaw`
    INSERT INTO "EditionItem" (edition, id, title, "domainId", "institutionId", "serviceId", "startQuarter", "endQuarter", status, progress,
                               "moneyPerYear", "fundingSource", people, "tehikTeam", "linkedIds")
    SELECT ${number}, i.id, i.title, i."domainId", i."institutionId", i."serviceId", i."startQuarter", i."endQuarter", i.status, i.progress,
           i."moneyPerYear", i."fundingSource", i.people, i."tehikTeam", COALESCE(l.ids, ARRAY[]::text[])
    FROM "PortfolioItem" i
    LEFT JOIN (SELECT "fromId", array_agg("toId" ORDER BY "toId") AS ids FROM "PortfolioLink" GROUP BY "fromId") l ON l."fromId" = i.id
    WHERE i."removedAt" IS NULL OR i."removedAt" > ${since}`;
  const [changed] = await u.tx.$queryRaw<{ pairs: string | null }[]>`
    SELECT json_agg(json_build_object(
             'now', CASE WHEN n.id IS NOT NULL THEN json_build_object('id', n.id, 'title', n.title, 'status', n.status, 'startQuarter', n."startQuarter", 'endQuarter', n."endQuarter", 'moneyPerYear', n."moneyPerYear") END,
             'before', CASE WHEN o.id IS NOT NULL THEN json_build_object('id', o.id, 'title', o.title, 'status', o.status, 'startQuarter', o."startQuarter", 'endQuarter', o."endQuarter", 'moneyPerYear', o."moneyPerYear") END)
           ORDER BY COALESCE(n."domainId", o."domainId") COLLATE "C", COALESCE(n."startQuarter", o."startQuarter") COLLATE "C",
                    COALESCE(n.title, o.title) COLLATE "C", COALESCE(n.id, o.id) COLLATE "C")::text AS pairs -- the site's order on every database
    FROM (SELECT * FROM "EditionItem" WHERE edition = ${number}) n
    FULL JOIN (SELECT * FROM "EditionItem" WHERE edition = ${previous?.number ?? NO_EDITION}) o ON o.id = n.id
    WHERE n.id IS NULL OR o.id IS NULL OR n.status <> o.status OR n."startQuarter" <> o."startQuarter" OR n."endQuarter" <> o."endQuarter"
       OR n."moneyPerYear" <> o."moneyPerYear"`;
  const pairs = JSON.parse(changed?.pairs ?? '[]') as ChangedPair[];
  const side = (pick: (p: ChangedPair) => DiffRow | null): DiffItem[] => pairs.flatMap((p) => { const r = pick(p); return r ? [diffItem(r)] : []; });
  const diff = editionDiff(previous ? side((p) => p.before) : null, side((p) => p.now));
  await u.tx.$executeRaw`UPDATE "Edition" SET "itemCount" = ${count}, diff = ${JSON.stringify(diff)}::jsonb WHERE number = ${number}`;
  const counts = Object.fromEntries(Object.entries(diff).map(([k, v]) => [k, (v as unknown[]).length]));
  u.audit('edition', id, null, { number, year, items: count, changes: counts });
  u.send([{ audience: { kind: 'portfolioManagers' }, payload: { kind: 'editionPublished', editionId: id } }]);
  return { editionId: id, number };
}

export async function publishEdition(u: Unit, input: unknown): Promise<{ editionId: string; number: number }> {
  requirePortfolioManager(u.ctx);
  parseOrRefuse(z.object({}).strict(), input);
  return createEdition(u);
}
