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
/** What the diff looks at, in the order a changed pair comes back: [id, ...these] now, then before. */
const DIFF_FIELDS = ['title', 'status', 'startQuarter', 'endQuarter', 'moneyPerYear'] as const;
const cols = (alias: string, fields: readonly string[]) => fields.map((f) => `${alias}."${f}"`).join(', ');
const as = (alias: string, fields: readonly string[]) => fields.map((f) => `${alias}."${f}" AS "${alias}.${f}"`).join(', ');
const picked = (alias: string, fields: readonly string[]) => fields.map((f) => `"${alias}.${f}"`).join(', ');

/**
 * One statement: the items that belong in the edition (in the portfolio now, or taken out since the
 * last edition: they finished this year) are compared with the current versions; those that differ
 * in any public field get their version closed and a new one added. 10,000 items never pass through
 * the application, and only the changed ones are written; those that changed in what the diff looks
 * at come back to decide what changed, as arrays in the site's order on every database.
 * $1 the new edition's number, $2 the time of the last edition.
 */
const RECORD = `
WITH live AS (
  SELECT i.id, ${cols('i', FIELDS.slice(0, -1))}, COALESCE(l.ids, ARRAY[]::text[]) AS "linkedIds"
  FROM "PortfolioItem" i
  LEFT JOIN (SELECT "fromId", array_agg("toId" ORDER BY "toId") AS ids FROM "PortfolioLink" GROUP BY "fromId") l ON l."fromId" = i.id
  WHERE i."removedAt" IS NULL OR i."removedAt" > $2
), changed AS (
  SELECT ${as('n', ['id', ...FIELDS])}, ${as('o', ['id', 'fromEdition', 'domainId', ...DIFF_FIELDS])}
  FROM live n
  FULL JOIN (SELECT * FROM "EditionItem" WHERE "toEdition" IS NULL) o ON o.id = n.id
  WHERE n.id IS NULL OR o.id IS NULL OR (${cols('n', FIELDS)}) IS DISTINCT FROM (${cols('o', FIELDS)})
), closed AS (
  UPDATE "EditionItem" SET "toEdition" = $1
  WHERE ("fromEdition", id) IN (SELECT "o.fromEdition", "o.id" FROM changed WHERE "o.id" IS NOT NULL)
), added AS (
  INSERT INTO "EditionItem" ("fromEdition", id, ${FIELDS.map((f) => `"${f}"`).join(', ')})
  SELECT $1, ${picked('n', ['id', ...FIELDS])} FROM changed WHERE "n.id" IS NOT NULL
)
SELECT (SELECT count(*) FROM "PortfolioItem" i WHERE i."removedAt" IS NULL OR i."removedAt" > $2)::int AS count,
       (SELECT json_agg(json_build_array(${picked('n', ['id', ...DIFF_FIELDS])}, ${picked('o', ['id', ...DIFF_FIELDS])})
                ORDER BY COALESCE("n.domainId", "o.domainId") COLLATE "C", COALESCE("n.startQuarter", "o.startQuarter") COLLATE "C",
                         COALESCE("n.title", "o.title") COLLATE "C", COALESCE("n.id", "o.id") COLLATE "C")::text
        FROM changed
        WHERE "n.id" IS NULL OR "o.id" IS NULL OR "n.status" <> "o.status" OR "n.startQuarter" <> "o.startQuarter"
           OR "n.endQuarter" <> "o.endQuarter" OR "n.moneyPerYear" <> "o.moneyPerYear") AS pairs`;

/** One side of a changed pair as RECORD returns it: id and DIFF_FIELDS, all null when the side is missing. */
function side(values: readonly unknown[]): DiffRow | null {
  const [id, title, status, startQuarter, endQuarter, moneyPerYear] = values as [string | null, string, string, string, string, unknown];
  return id == null ? null : { id, title, status, startQuarter, endQuarter, moneyPerYear };
}

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
  const width = 1 + DIFF_FIELDS.length;
  const pairs: ChangedPair[] = (JSON.parse(recorded!.pairs ?? '[]') as unknown[][]).map((p) => ({ now: side(p.slice(0, width)), before: side(p.slice(width)) }));
  const items = (pick: (p: ChangedPair) => DiffRow | null): DiffItem[] => pairs.flatMap((p) => { const r = pick(p); return r ? [diffItem(r)] : []; });
  const diff = editionDiff(previous ? items((p) => p.before) : null, items((p) => p.now));
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
