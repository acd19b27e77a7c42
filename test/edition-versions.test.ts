// An edition compares every item with the versions the edition before kept, on PGlite and
// PostgreSQL: whatever way an item changed, each edition holds every item as it was, and writes
// versions only for the ones that changed; an item deleted leaves the next edition and the earlier
// ones keep it; and on PostgreSQL a change not yet committed when an edition is recorded is in the
// next one, not lost.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORGANIZATION_FILE, loadDirectory } from '../src/directory/load.ts';
import { createEdition } from '../src/engine/commands/publication.ts';
import { commitUnit } from '../src/engine/engine.ts';
import { Unit } from '../src/engine/unit.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import type { Directory } from '../src/workflow/directory.ts';
import { freshPostgres, TEST_TARGETS } from './support/databases.ts';
import { demoItems } from './support/portfolio-demo.ts';

const NOW = new Date('2027-01-15T10:00:00Z');
const COUNT = 40;

interface Fields {
  id: string;
  title: string;
  domainId: string;
  institutionId: string;
  serviceId: string | null;
  startQuarter: string;
  endQuarter: string;
  status: string;
  progress: number;
  moneyPerYear: unknown;
  fundingSource: string | null;
  people: number | null;
  tehikTeam: string | null;
  linkedIds: string[];
}

const byId = (a: Fields, b: Fields) => (a.id < b.id ? -1 : 1);

/** The public fields of the items as they are now that belong in an edition published after `since` (read by Prisma, not by the statement under test). */
async function liveItems(db: Database, since: Date | null): Promise<Fields[]> {
  const items = await db.prisma.portfolioItem.findMany({ include: { linksFrom: true } });
  return items
    .filter((i) => i.removedAt == null || (since != null && i.removedAt > since))
    .map((i) => ({
      id: i.id,
      title: i.title,
      domainId: i.domainId,
      institutionId: i.institutionId,
      serviceId: i.serviceId,
      startQuarter: i.startQuarter,
      endQuarter: i.endQuarter,
      status: i.status,
      progress: i.progress,
      moneyPerYear: i.moneyPerYear,
      fundingSource: i.fundingSource,
      people: i.people == null ? null : Number(i.people),
      tehikTeam: i.tehikTeam,
      linkedIds: i.linksFrom.map((l) => l.toId).sort(),
    }))
    .sort(byId);
}

/** The items edition n holds. */
async function editionItems(db: Database, n: number): Promise<Fields[]> {
  const rows = await db.sql.query<
    Omit<Fields, 'moneyPerYear' | 'people' | 'linkedIds'> & { money: string; people: string | null; linked: string }
  >(
    `SELECT id, title, "domainId", "institutionId", "serviceId", "startQuarter", "endQuarter", status, progress, "moneyPerYear"::text AS money,
       "fundingSource", people::text AS people, "tehikTeam", array_to_json("linkedIds")::text AS linked
     FROM "EditionItem" WHERE "fromEdition" <= $1 AND ("toEdition" IS NULL OR "toEdition" > $1)`,
    [n],
  );
  return rows
    .map(({ money, people, linked, ...r }) => ({
      ...r,
      progress: Number(r.progress),
      moneyPerYear: JSON.parse(money),
      people: people == null ? null : Number(people),
      linkedIds: JSON.parse(linked) as string[],
    }))
    .sort(byId);
}

/** How many versions edition n added and closed. */
async function versionsOf(db: Database, n: number): Promise<{ added: number; closed: number }> {
  const [r] = await db.sql.query<{ added: number; closed: number }>(
    `SELECT (SELECT count(*)::int FROM "EditionItem" WHERE "fromEdition" = $1) AS added, (SELECT count(*)::int FROM "EditionItem" WHERE "toEdition" = $1) AS closed`,
    [n],
  );
  return { added: Number(r!.added), closed: Number(r!.closed) };
}

function publisher(db: Database, dir: Directory) {
  let day = 0;
  let since: Date | null = null;
  return {
    /** Records an edition; checks that it holds every item as it is, and returns what it wrote. */
    async publish(): Promise<{ number: number; added: number; closed: number }> {
      day += 1;
      const now = new Date(NOW.getTime() + day * 86_400_000);
      const { number } = await db.prisma.$transaction(async (tx) => {
        const u = new Unit(tx, dir, 'pm', now, 'system', 'publishEdition');
        const recorded = await createEdition(u);
        await commitUnit(u);
        return recorded;
      });
      const items = await editionItems(db, number);
      expect(items, `edition ${number}`).toEqual(await liveItems(db, since));
      const [edition] = await db.sql.query<{ count: number }>(
        `SELECT "itemCount" AS count FROM "Edition" WHERE number = $1`,
        [number],
      );
      expect(Number(edition!.count), `the count of edition ${number}`).toBe(items.length);
      since = now;
      return { number, ...(await versionsOf(db, number)) };
    },
  };
}

describe.each(TEST_TARGETS)('edition versions on $name', (target) => {
  let db: Database;
  let dir: Directory;
  let ids: string[];
  beforeAll(async () => {
    db = await target.open();
    dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
    await db.prisma.portfolioItem.createMany({ data: demoItems(dir, COUNT, NOW) });
    ids = (await db.prisma.portfolioItem.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((i) => i.id);
    await db.prisma.portfolioLink.create({ data: { fromId: ids[0]!, toId: ids[1]!, kind: 'related' } });
  });
  afterAll(async () => {
    await db.close();
  });
  /** Records an edition without checking it. */
  const record = () =>
    db.prisma.$transaction(async (tx) => {
      const u = new Unit(tx, dir, 'pm', NOW, 'system', 'publishEdition');
      const { number } = await createEdition(u);
      await commitUnit(u);
      return number;
    });

  it('writes versions for the items that changed, however they changed, and holds every item as it is', async () => {
    const p = publisher(db, dir);
    expect(await p.publish()).toEqual({ number: 1, added: COUNT, closed: 0 });
    expect(await p.publish()).toEqual({ number: 2, added: 0, closed: 0 });

    await db.prisma.portfolioItem.update({ where: { id: ids[2]! }, data: { endQuarter: '2030Q4' } }); // through Prisma
    await db.sql.exec(`UPDATE "PortfolioItem" SET status = 'done' WHERE id = '${ids[3]!}'`); // by hand, past the application
    await db.prisma.portfolioItem.update({ where: { id: ids[4]! }, data: { priority: 1, months: 7 } }); // no public field
    await db.prisma.portfolioLink.create({ data: { fromId: ids[5]!, toId: ids[6]!, kind: 'integration' } }); // a link added
    await db.prisma.portfolioLink.delete({ where: { fromId_toId: { fromId: ids[0]!, toId: ids[1]! } } }); // a link removed
    await db.prisma.portfolioItem.update({
      where: { id: ids[7]! },
      data: { removedAt: new Date(NOW.getTime() + 2.5 * 86_400_000) },
    }); // taken out
    await db.prisma.portfolioItem.create({
      data: {
        id: 'zz-new',
        title: 'Uus arendus',
        domainId: 'health',
        institutionId: [...dir.institutions.keys()][0]!,
        startQuarter: '2027Q2',
        endQuarter: '2027Q4',
        status: 'planned',
      },
    });
    // The two changed fields, the two links and the new item; the one taken out is still in this edition (it left since the last one).
    expect(await p.publish()).toEqual({ number: 3, added: 5, closed: 4 });
    // Nothing changed since, but the item taken out before the last edition leaves now.
    expect(await p.publish()).toEqual({ number: 4, added: 0, closed: 1 });
    await db.prisma.portfolioItem.update({ where: { id: ids[7]! }, data: { removedAt: null } }); // and comes back
    expect(await p.publish()).toEqual({ number: 5, added: 1, closed: 0 });
    await db.sql.exec(`UPDATE "PortfolioLink" SET "toId" = '${ids[9]!}' WHERE "fromId" = '${ids[5]!}'`); // a link leads elsewhere
    expect(await p.publish()).toEqual({ number: 6, added: 1, closed: 1 });
  });

  it('counts its items, whatever the edition before says', async () => {
    const p = publisher(db, dir);
    const { number } = await p.publish();
    await db.sql.exec(`UPDATE "Edition" SET "itemCount" = 3 WHERE number = ${number}`); // made wrong by hand
    const counted = await record();
    const [{ count }] = (await db.sql.query<{ count: number }>(
      `SELECT "itemCount" AS count FROM "Edition" WHERE number = $1`,
      [counted],
    )) as [{ count: number }];
    expect(Number(count)).toBe((await editionItems(db, counted)).length);
  });

  it('takes an item deleted out of the next edition, and the earlier editions keep it', async () => {
    const p = publisher(db, dir);
    const before = await p.publish();
    await db.prisma.statusUpdate.deleteMany({ where: { itemId: ids[8]! } });
    await db.prisma.portfolioItem.delete({ where: { id: ids[8]! } });
    expect(await p.publish()).toMatchObject({ added: 0, closed: 1 }); // publish checks every item
    expect((await editionItems(db, before.number)).map((i) => i.id)).toContain(ids[8]);
  });
});

describe.each(process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [])(
  'an edition beside changes in flight on PostgreSQL',
  (adminUrl) => {
    it('records items as committed when it starts, and a change committed after it in the next edition', async () => {
      const fresh = await freshPostgres(adminUrl);
      const db = await openDatabase({ kind: 'postgres', url: fresh.url });
      const other = new pg.Client({ connectionString: fresh.url });
      try {
        await other.connect();
        const dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
        await db.prisma.portfolioItem.createMany({ data: demoItems(dir, 10, NOW) });
        const p = publisher(db, dir);
        await p.publish();
        // One change is begun and not committed; another commits.
        await other.query('BEGIN');
        await other.query(`UPDATE "PortfolioItem" SET title = 'Begun first' WHERE id = 'demo-00001'`);
        await db.sql.exec(`UPDATE "PortfolioItem" SET title = 'Committed second' WHERE id = 'demo-00002'`);
        // The edition does not wait for the change in flight; it holds the items as committed (publish checks every item).
        expect(await p.publish()).toMatchObject({ added: 1, closed: 1 });
        await other.query('COMMIT');
        expect(await p.publish()).toMatchObject({ added: 1, closed: 1 }); // the change in flight, now committed
        expect(await p.publish()).toMatchObject({ added: 0, closed: 0 });
      } finally {
        await other.end().catch(() => undefined);
        await db.close();
        await fresh.drop();
      }
    });
  },
);
