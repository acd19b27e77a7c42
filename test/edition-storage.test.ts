// How editions are stored and read back, on PGlite and PostgreSQL: editions recorded before their
// items became rows come through the migration unchanged; COPY (the publication benchmark's
// baseline) reads one plain SELECT only.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEditions } from '../src/publish/publish.ts';
import { pgClientDriver, pgliteDriver, type SqlDriver } from '../src/storage/driver.ts';
import { migrate, MIGRATIONS_DIR } from '../src/storage/migrate.ts';
import type { PublicItem } from '../src/workflow/publication.ts';
import { freshPostgres } from './support/databases.ts';

interface Session {
  sql: SqlDriver;
  close(): Promise<void>;
}

const SESSIONS: [string, () => Promise<Session>][] = [
  [
    'pglite',
    async () => {
      const lite = new PGlite();
      await lite.waitReady;
      return { sql: pgliteDriver(lite), close: () => lite.close() };
    },
  ],
  ...(process.env.TEST_DATABASE_URL
    ? [
        [
          'postgres',
          async () => {
            const fresh = await freshPostgres(process.env.TEST_DATABASE_URL!);
            const client = new pg.Client({ connectionString: fresh.url });
            await client.connect();
            return {
              sql: pgClientDriver(client),
              async close() {
                await client.end();
                await fresh.drop();
              },
            };
          },
        ] as [string, () => Promise<Session>],
      ]
    : []),
];

const BEFORE_ITEM_ROWS = '20261126090000_edition_items';
const BEFORE_VERSIONS = '20261127090000_edition_item_versions';
const scratch: string[] = [];
afterAll(async () => {
  for (const d of scratch) await rm(d, { recursive: true, force: true });
});

/** The migrations up to (not including) `name`, in a folder of their own. */
async function migrationsBefore(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
  scratch.push(dir);
  for (const entry of await readdir(MIGRATIONS_DIR, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name < name)
      await cp(path.join(MIGRATIONS_DIR, entry.name), path.join(dir, entry.name), { recursive: true });
  }
  return dir;
}

const OLD_ITEMS: PublicItem[] = [
  {
    id: 'old-a',
    title: 'Pensioniregistri uuendus, "teine" etapp',
    domain: { et: 'Sotsiaalvaldkond', en: 'Social domain' },
    institution: { et: 'Sotsiaalkindlustusamet', en: 'Social Insurance Board' },
    service: { et: 'Pensionid', en: 'Pensions' },
    startQuarter: '2026Q1',
    endQuarter: '2027Q2',
    status: 'inProgress',
    progress: 40,
    moneyPerYear: { 2026: 100_000, 2027: 50_000 },
    totalEur: 150_000,
    fundingSource: 'riigieelarve',
    people: 2.5,
    tehikTeam: 'Sotsiaal',
    linkedIds: ['old-b'],
  },
  {
    id: 'old-b',
    title: 'Retseptikeskus,\nliides',
    domain: { et: 'Tervisevaldkond', en: 'Health domain' },
    institution: { et: 'Tervisekassa', en: 'Health Insurance Fund' },
    service: null,
    startQuarter: '2026Q3',
    endQuarter: '2026Q4',
    status: 'done',
    progress: 100,
    moneyPerYear: {},
    totalEur: 0,
    fundingSource: null,
    people: null,
    tehikTeam: null,
    linkedIds: [],
  },
  // The same Estonian names as old-a's, other English ones: must not be merged with them.
  {
    id: 'old-c',
    title: 'Nõustamine',
    domain: { et: 'Sotsiaalvaldkond', en: 'Social affairs' },
    institution: { et: 'Sotsiaalkindlustusamet', en: 'SKA' },
    service: { et: 'Pensionid', en: 'Old-age pensions' },
    startQuarter: '2026Q2',
    endQuarter: '2026Q3',
    status: 'planned',
    progress: 0,
    moneyPerYear: { 2026: 5000 },
    totalEur: 5000,
    fundingSource: null,
    people: 1,
    tehikTeam: null,
    linkedIds: [],
  },
  {
    id: 'old-d',
    title: 'Nimeta teenus',
    domain: { et: 'Sotsiaalvaldkond', en: 'Social domain' },
    institution: { et: 'Sotsiaalkindlustusamet', en: 'Social Insurance Board' },
    service: { et: '', en: 'unnamed' },
    startQuarter: '2026Q2',
    endQuarter: '2026Q3',
    status: 'planned',
    progress: 0,
    moneyPerYear: {},
    totalEur: 0,
    fundingSource: null,
    people: null,
    tehikTeam: null,
    linkedIds: [],
  },
];

describe.each(SESSIONS)('edition storage on %s', (_name, open) => {
  it('COPY gives the rows as CSV with a header line, and reads one plain SELECT only', async () => {
    const s = await open();
    try {
      await s.sql.exec(`CREATE TABLE t (n int, v text); INSERT INTO t VALUES (1, 'a,b'), (2, NULL)`);
      expect(await s.sql.copyCsv('SELECT n, v FROM t ORDER BY n')).toBe('n,v\n1,"a,b"\n2,\n');
      await expect(s.sql.copyCsv('SELECT n FROM t; DROP TABLE t')).rejects.toThrow(/one plain SELECT/);
      await expect(s.sql.copyCsv("SELECT n FROM t) TO '/tmp/x' --")).rejects.toThrow(/one plain SELECT/);
    } finally {
      await s.close();
    }
  });

  it('keeps the editions recorded before items were rows, with their names in both languages', async () => {
    const s = await open();
    try {
      await migrate(s.sql, await migrationsBefore(BEFORE_ITEM_ROWS));
      const none = '{"added":[],"finished":[],"moved":[],"rebudgeted":[],"removed":[]}';
      const withoutLinks = { ...OLD_ITEMS[1]!, id: 'old-e', linkedIds: null }; // hand-made JSON: no list at all
      await s.sql.query(
        `INSERT INTO "Edition" (id, year, "publishedAt", "publishedById", items, "itemCount", diff) VALUES ('e1', 2026, '2026-01-10T10:00:00Z', 'pm', $1, 1, $2)`,
        [JSON.stringify([withoutLinks]), none],
      );
      await s.sql.query(
        `INSERT INTO "Edition" (id, year, "publishedAt", "publishedById", items, "itemCount", diff) VALUES ('e2', 2026, '2026-12-01T10:00:00Z', 'pm', $1, 4, $2)`,
        [JSON.stringify(OLD_ITEMS), none],
      );
      await migrate(s.sql);
      const [second, first] = await loadEditions(s.sql);
      expect(second).toMatchObject({ number: 2, year: 2026, count: 4 });
      expect((await second!.read()).items.sort((a, b) => a.id.localeCompare(b.id))).toEqual(OLD_ITEMS);
      expect((await first!.read()).items).toEqual([{ ...withoutLinks, linkedIds: [] }]);
    } finally {
      await s.close();
    }
  });

  it('makes the item rows of earlier editions versions, also when edition numbers have gaps', async () => {
    const s = await open();
    try {
      await migrate(s.sql, await migrationsBefore(BEFORE_VERSIONS));
      const none = '{"added":[],"finished":[],"moved":[],"rebudgeted":[],"removed":[]}';
      const names = JSON.stringify({
        domains: { social: { et: 'Sotsiaal', en: 'Social' } },
        institutions: { SKA: { et: 'SKA', en: 'SIB' } },
        services: {},
      });
      for (const number of [1, 3, 7]) {
        await s.sql.query(
          `INSERT INTO "Edition" (id, number, year, "publishedAt", "publishedById", "itemCount", names, diff) VALUES ($1, $2, 2027, '2027-01-10T10:00:00Z', 'pm', 0, $3, $4)`,
          [`e${number}`, number, names, none],
        );
      }
      const row = (edition: number, id: string, title: string) =>
        s.sql.query(
          `INSERT INTO "EditionItem" (edition, id, title, "domainId", "institutionId", "startQuarter", "endQuarter", status, progress, "moneyPerYear", "linkedIds") VALUES ($1, $2, $3, 'social', 'SKA', '2027Q1', '2027Q4', 'planned', 0, '{}', '{}')`,
          [edition, id, title],
        );
      await row(1, 'a', 'A');
      await row(1, 'b', 'B'); // b is not in edition 3
      await row(3, 'a', 'A');
      await row(7, 'a', 'A2');
      await row(7, 'b', 'B');
      await migrate(s.sql);
      const versions = await s.sql.query<{ id: string; fromEdition: number; toEdition: number | null }>(
        `SELECT id, "fromEdition", "toEdition" FROM "EditionItem" ORDER BY "fromEdition", id`,
      );
      expect(versions.map((v) => [v.id, v.fromEdition, v.toEdition])).toEqual([
        ['a', 1, 3],
        ['b', 1, 3],
        ['a', 3, 7],
        ['a', 7, null],
        ['b', 7, null],
      ]);
      const byNumber = new Map((await loadEditions(s.sql)).map((e) => [e.number, e]));
      const titles = async (n: number) => (await byNumber.get(n)!.read()).items.map((i) => i.title);
      expect([await titles(1), await titles(3), await titles(7)]).toEqual([['A', 'B'], ['A'], ['A2', 'B']]);
      expect((await byNumber.get(7)!.read()).diff).toEqual(JSON.parse(none)); // the diff recorded then is kept
    } finally {
      await s.close();
    }
  });
});

// Two processes writing the site on one PostgreSQL (the bot and `npm run portfolio:publish`) take turns.
describe.each(process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [])(
  'the site lock on PostgreSQL',
  (adminUrl) => {
    it('lets one writer in at a time, and the next one in when the first is done or has failed', async () => {
      const fresh = await freshPostgres(adminUrl);
      const pools = [
        new pg.Pool({ connectionString: fresh.url, max: 2 }),
        new pg.Pool({ connectionString: fresh.url, max: 2 }),
      ];
      try {
        const [a, b] = pools.map((p) => pgClientDriver(p));
        const events: string[] = [];
        const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
        const first = a!.exclusive(42, async () => {
          events.push('a in');
          await pause(150);
          events.push('a out');
          throw new Error('write failed');
        });
        await pause(30);
        const second = b!.exclusive(42, async () => {
          events.push('b in');
          await b!.query('SELECT 1');
          events.push('b out');
          return 'b done';
        });
        await expect(first).rejects.toThrow('write failed');
        expect(await second).toBe('b done');
        expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
      } finally {
        for (const p of pools) await p.end();
        await fresh.drop();
      }
    });
  },
);
