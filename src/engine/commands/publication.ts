// Publishing the portfolio: an edition keeps the public fields of every item (EditionItem rows,
// versions written inside the database) and what changed since the edition before. The portfolio
// manager publishes from chat; `npm run portfolio:publish` does the same from the command line. The
// static site is written from the editions (src/publish/).
import { parseOrRefuse } from '../../workflow/forms.ts';
import { diffItem, editionDiff, editionNames, type DiffItem } from '../../workflow/publication.ts';
import { requirePortfolioManager } from '../../workflow/transitions/meetings.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Unit } from '../unit.ts';

type DiffRow = Parameters<typeof diffItem>[0];
interface ChangedPair { now: DiffRow | null; before: DiffRow | null }

/** The public fields an edition keeps of an item, as EditionItem and the live items both name them. */
const FIELDS = ['title', 'domainId', 'institutionId', 'serviceId', 'startQuarter', 'endQuarter', 'status', 'progress',
  'moneyPerYear', 'fundingSource', 'people', 'tehikTeam', 'linkedIds'] as const;
const list = (alias: string) => FIELDS.map((f) => `${alias}."${f}"`).join(', ');
const diffFields = (alias: string) => `json_build_object('id', ${alias}.id, 'title', ${alias}.title, 'status', ${alias}.status, 'startQuarter', ${alias}."startQuarter", 'endQuarter', ${alias}."endQuarter", 'moneyPerYear', ${alias}."moneyPerYear")`;

/**
 * One statement: the items that belong in the edition (in the portfolio now, or taken out since the
 * last edition: they finished this year) are compared with the current versions; those that differ
 * in any public field get their version closed and a new one added. 10,000 items never pass through
 * the application, and only the changed ones are written; they come back to decide what changed.
 * $1 the new edition's number, $2 the time of the last edition.
 */
const RECORD = `
WITH live AS (
  SELECT i.id, ${FIELDS.slice(0, -1).map((f) => `i."${f}"`).join(', ')}, COALESCE(l.ids, ARRAY[]::text[]) AS "linkedIds"
  FROM "PortfolioItem" i
  LEFT JOIN (SELECT "fromId", array_agg("toId" ORDER BY "toId") AS ids FROM "PortfolioLink" GROUP BY "fromId") l ON l."fromId" = i.id
  WHERE i."removedAt" IS NULL OR i."removedAt" > $2
), changed AS (
  SELECT n, o, COALESCE(n.id, o.id) AS id,
         COALESCE(n."domainId", o."domainId") AS d, COALESCE(n."startQuarter", o."startQuarter") AS q, COALESCE(n.title, o.title) AS t
  FROM live n
  FULL JOIN (SELECT * FROM "EditionItem" WHERE "toEdition" IS NULL) o ON o.id = n.id
  WHERE n.id IS NULL OR o.id IS NULL OR (${list('n')}) IS DISTINCT FROM (${list('o')})
), closed AS (
  UPDATE "EditionItem" e SET "toEdition" = $1 FROM changed c WHERE e."toEdition" IS NULL AND e.id = c.id AND (c.o).id IS NOT NULL
), added AS (
  INSERT INTO "EditionItem" ("fromEdition", id, ${FIELDS.map((f) => `"${f}"`).join(', ')})
  SELECT $1, (c.n).id, ${FIELDS.map((f) => `(c.n)."${f}"`).join(', ')} FROM changed c WHERE (c.n).id IS NOT NULL
)
SELECT (SELECT count(*) FROM live)::int AS count,
       (SELECT json_agg(json_build_object(
                  'now', CASE WHEN (c.n).id IS NOT NULL THEN ${diffFields('(c.n)')} END,
                  'before', CASE WHEN (c.o).id IS NOT NULL THEN ${diffFields('(c.o)')} END)
                ORDER BY c.d COLLATE "C", c.q COLLATE "C", c.t COLLATE "C", c.id COLLATE "C")::text -- the site's order on every database
        FROM changed c) AS pairs`;

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
  const [recorded] = await u.tx.$queryRawUnsafe<{ count: number; pairs: string | null }[]>(RECORD, number, since);
  const count = recorded!.count;
  const pairs = JSON.parse(recorded!.pairs ?? '[]') as ChangedPair[];
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
