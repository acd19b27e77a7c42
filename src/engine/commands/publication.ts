// Publishing the portfolio: an edition keeps the public fields of every item as item versions
// (EditionItem rows, written inside the database); what changed since the edition before is read
// from the versions it added and closed. The portfolio manager publishes from chat; `npm run
// portfolio:publish` does the same from the command line. The static site is written from the
// editions (src/publish/).
import { parseOrRefuse } from '../../workflow/forms.ts';
import { editionNames } from '../../workflow/publication.ts';
import { requirePortfolioManager } from '../../workflow/transitions/meetings.ts';
import { readAuditHead } from '../../storage/audit-log.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Unit } from '../unit.ts';

/** The public fields an edition keeps of an item, as EditionItem and the live items both name them. */
const FIELDS = [
  'title',
  'domainId',
  'institutionId',
  'serviceId',
  'startQuarter',
  'endQuarter',
  'status',
  'progress',
  'moneyPerYear',
  'fundingSource',
  'people',
  'tehikTeam',
  'linkedIds',
] as const;
const cols = (alias: string, fields: readonly string[]) => fields.map((f) => `${alias}."${f}"`).join(', ');

/** The items that belong in an edition: in the portfolio now, or taken out since the last edition ($2; they finished this year). */
const BELONGS = `i."removedAt" IS NULL OR i."removedAt" > $2`;

/**
 * One statement, so that all of it sees the items as they were at one moment: the items revised
 * since the last edition ($7; every item when it has none) and those taken out before it are
 * compared with their current versions; those that differ in any public field get their version
 * closed and a new one added, and the items no longer there get theirs closed. The edition is added
 * with the highest item revision and the number of its items: counted when every item is compared,
 * else the last edition's ($8; its current versions) with those that came and went. Items never
 * pass through the application, and only the changed ones are read and written: the others are, by
 * their revision, as the last edition kept them. $1 id, $2 the time of the last edition, $3 year,
 * $4 published at, $5 published by, $6 the names of domains, institutions and services, $9 and $10
 * the audit chain head (its last event's number and hash) when the edition is recorded.
 */
const RECORD = `
WITH revised AS (
  SELECT id FROM "PortfolioItem" WHERE $7::bigint IS NULL OR rev > $7::bigint
  UNION
  SELECT id FROM "PortfolioItem" WHERE "removedAt" <= $2
), live AS (
  SELECT i.id, ${cols('i', FIELDS.slice(0, -1))},
    COALESCE((SELECT array_agg(l."toId" ORDER BY l."toId") FROM "PortfolioLink" l WHERE l."fromId" = i.id), ARRAY[]::text[]) AS "linkedIds"
  FROM "PortfolioItem" i
  WHERE i.id IN (SELECT id FROM revised) AND (${BELONGS})
), current AS (
  SELECT * FROM "EditionItem" WHERE "toEdition" IS NULL AND $7::bigint IS NULL
  UNION ALL
  SELECT o.* FROM revised r JOIN "EditionItem" o ON o.id = r.id AND o."toEdition" IS NULL WHERE $7::bigint IS NOT NULL
), changed AS (
  SELECT n.id AS "n.id", ${FIELDS.map((f) => `n."${f}" AS "n.${f}"`).join(', ')}, o.id AS "o.id", o."fromEdition" AS "o.fromEdition"
  FROM live n
  FULL JOIN current o ON o.id = n.id
  WHERE n.id IS NULL OR o.id IS NULL OR (${cols('n', FIELDS)}) IS DISTINCT FROM (${cols('o', FIELDS)})
), edition AS (
  INSERT INTO "Edition" (id, year, "publishedAt", "publishedById", "itemCount", names, rev, "auditSeq", "auditHash")
  VALUES ($1, $3, $4, $5, CASE WHEN $7::bigint IS NULL THEN (SELECT count(*) FROM live)
    ELSE $8::int + (SELECT count(*) FILTER (WHERE "o.id" IS NULL) - count(*) FILTER (WHERE "n.id" IS NULL) FROM changed) END,
    $6::jsonb, (SELECT max(rev) FROM "PortfolioItem"), $9::int, $10::text)
  RETURNING number, "itemCount"
), closed AS (
  UPDATE "EditionItem" SET "toEdition" = (SELECT number FROM edition)
  WHERE ("fromEdition", id) IN (SELECT "o.fromEdition", "o.id" FROM changed WHERE "o.id" IS NOT NULL)
), added AS (
  INSERT INTO "EditionItem" ("fromEdition", id, ${FIELDS.map((f) => `"${f}"`).join(', ')})
  SELECT (SELECT number FROM edition), "n.id", ${FIELDS.map((f) => `"n.${f}"`).join(', ')} FROM changed WHERE "n.id" IS NOT NULL
)
SELECT (SELECT number FROM edition) AS number, (SELECT "itemCount" FROM edition) AS count,
       (SELECT count(*)::int FROM changed WHERE "n.id" IS NOT NULL) AS added, (SELECT count(*)::int FROM changed WHERE "o.id" IS NOT NULL) AS closed`;

export async function createEdition(u: Unit): Promise<{ editionId: string; number: number }> {
  // One edition at a time. Changes of items still being made are waited for, and new ones wait for
  // the edition: a revision is taken when a change is made, not when it commits, so one made before
  // the highest revision this edition sees must not commit after it. (Reading with FOR UPDATE is not
  // held up; item, then links: the order every change takes them in.)
  await u.tx.$executeRawUnsafe('LOCK TABLE "Edition", "PortfolioItem", "PortfolioLink" IN SHARE ROW EXCLUSIVE MODE');
  const [previous] = await u.tx.$queryRaw<
    { publishedAt: Date; rev: string | null; count: number }[]
  >`SELECT "publishedAt", rev::text, "itemCount" AS count FROM "Edition" ORDER BY number DESC LIMIT 1`;
  const since = previous?.publishedAt ?? new Date('9999-12-31T00:00:00Z'); // no edition yet: nothing taken out counts
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tallinn', year: 'numeric' }).format(u.now));
  const id = randomUUID();
  // The audit chain head as the edition is recorded (the edition's own event comes right after it,
  // or after the events of commands committed meanwhile): printed with the edition, it anchors the
  // chain outside the database (`npm run audit:verify -- --seq N --hash H`).
  const head = await readAuditHead(u.tx);
  const [recorded] = await u.tx.$queryRawUnsafe<{ number: number; count: number; added: number; closed: number }[]>(
    RECORD,
    id,
    since,
    year,
    u.now,
    u.actorId,
    JSON.stringify(editionNames(u.dir)),
    previous?.rev ?? null,
    previous?.count ?? 0,
    head.seq,
    head.hash,
  );
  const { number, count, added, closed } = recorded!;
  u.audit('edition', id, null, {
    number,
    year,
    items: count,
    versions: { added, closed },
    auditHead: { seq: head.seq, hash: head.hash },
  });
  u.send([{ audience: { kind: 'portfolioManagers' }, payload: { kind: 'editionPublished', editionId: id } }]);
  return { editionId: id, number };
}

export async function publishEdition(u: Unit, input: unknown): Promise<{ editionId: string; number: number }> {
  requirePortfolioManager(u.ctx);
  parseOrRefuse(z.object({}).strict(), input);
  return createEdition(u);
}
