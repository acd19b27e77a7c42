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

/**
 * One statement, so that all of it sees the items as they were at one moment: every item in the
 * portfolio now, or taken out since the last edition ($2; they finished this year), is compared with
 * the version the last edition kept; an item that differs in any public field gets its version closed
 * and a new one added, and the items no longer there get theirs closed. $1 id, $3 year,
 * $4 published at, $5 published by, $6 the names of domains, institutions and services, $7 and $8
 * the audit chain head (its last event's number and hash) when the edition is recorded.
 */
const RECORD = `
WITH live AS (
  SELECT i.id, ${cols('i', FIELDS.slice(0, -1))}, COALESCE(l.ids, ARRAY[]::text[]) AS "linkedIds"
  FROM "PortfolioItem" i
  LEFT JOIN (SELECT "fromId", array_agg("toId" ORDER BY "toId") AS ids FROM "PortfolioLink" GROUP BY "fromId") l ON l."fromId" = i.id
  WHERE i."removedAt" IS NULL OR i."removedAt" > $2
), changed AS (
  SELECT n.id AS "n.id", ${FIELDS.map((f) => `n."${f}" AS "n.${f}"`).join(', ')}, o.id AS "o.id", o."fromEdition" AS "o.fromEdition"
  FROM live n
  FULL JOIN (SELECT * FROM "EditionItem" WHERE "toEdition" IS NULL) o ON o.id = n.id
  WHERE n.id IS NULL OR o.id IS NULL OR (${cols('n', FIELDS)}) IS DISTINCT FROM (${cols('o', FIELDS)})
), edition AS (
  INSERT INTO "Edition" (id, year, "publishedAt", "publishedById", "itemCount", names, "auditSeq", "auditHash")
  VALUES ($1, $3, $4, $5, (SELECT count(*) FROM live), $6::jsonb, $7::int, $8::text)
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

/** The advisory lock of recording an edition (any fixed number other locks do not use). */
const EDITION_LOCK = 727_202;

export async function createEdition(u: Unit): Promise<{ editionId: string; number: number }> {
  // One edition at a time; changes of items go on meanwhile (the statement sees them as committed
  // when it starts; a change committed later is in the next edition).
  await u.tx.$executeRaw`SELECT pg_advisory_xact_lock(${EDITION_LOCK})`;
  const [previous] = await u.tx.$queryRaw<
    { publishedAt: Date }[]
  >`SELECT "publishedAt" FROM "Edition" ORDER BY number DESC LIMIT 1`;
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
