// Editions are stored as versions of items, and a site writer makes the next edition from the items
// that changed since the one it wrote last. On PGlite and PostgreSQL: every edition so made is byte
// for byte the site a writer without memory makes from the whole edition; renamed institutions make
// the writer read everything again; an edition with no changes reads nothing.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORGANIZATION_FILE, loadDirectory } from '../src/directory/load.ts';
import { createEdition } from '../src/engine/commands/publication.ts';
import { commitUnit } from '../src/engine/engine.ts';
import { Unit } from '../src/engine/unit.ts';
import { loadEditions } from '../src/publish/publish.ts';
import { emptyMemory, writeSite, type SiteMemory } from '../src/publish/site.ts';
import type { Database } from '../src/storage/database.ts';
import type { Directory } from '../src/workflow/directory.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { demoItems } from './support/portfolio-demo.ts';

const NOW = new Date('2027-01-15T10:00:00Z');
const COUNT = 240;

async function folder(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const name of await readdir(dir)) out.set(name, await readFile(path.join(dir, name)));
  return out;
}

describe.each(TEST_TARGETS)('publishing from the changes on $name', (target) => {
  let db: Database;
  let dir: Directory;
  const scratch: string[] = [];
  const memory: SiteMemory = emptyMemory();
  let day = 0;
  beforeAll(async () => {
    db = await target.open();
    dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
    await db.prisma.portfolioItem.createMany({ data: demoItems(dir, COUNT, NOW) });
  });
  afterAll(async () => {
    await db.close();
    for (const d of scratch) await rm(d, { recursive: true, force: true });
  });

  async function publish(directory = dir): Promise<number> {
    day += 1;
    return db.prisma.$transaction(async (tx) => {
      const u = new Unit(tx, directory, 'pm', new Date(NOW.getTime() + day * 86_400_000), 'system', 'publishEdition');
      const { number } = await createEdition(u);
      await commitUnit(u);
      return number;
    });
  }

  const site = () =>
    mkdtemp(path.join(tmpdir(), 'incremental-')).then((d) => {
      scratch.push(d);
      return d;
    });
  const kept = site(); // written edition after edition, remembering the last one

  /** Writes the newest edition with the kept memory and without; both folders must be the same. */
  async function writeBoth(number: number): Promise<{ read: number; count: number }> {
    const withMemory = await kept;
    const fresh = await site();
    await writeSite(withMemory, await loadEditions(db.sql), memory);
    const read = memory.rows!.read;
    expect(memory.rows!.number).toBe(number);
    const noMemory: SiteMemory = emptyMemory();
    await writeSite(fresh, await loadEditions(db.sql), noMemory);
    const a = await folder(path.join(withMemory, 'editions', String(number)));
    const b = await folder(path.join(fresh, 'editions', String(number)));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [name, bytes] of b) expect(a.get(name)!.equals(bytes), `editions/${number}/${name}`).toBe(true);
    return { read, count: noMemory.rows!.rows.length };
  }

  it('makes each edition from what changed, the same as from everything', async () => {
    const first = await publish();
    expect(await writeBoth(first)).toEqual({ read: COUNT, count: COUNT });

    // Between editions: moved, re-budgeted, finished, renamed with markup, progress, people, a link, one taken out, one new.
    const ids = (await db.prisma.portfolioItem.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map(
      (i) => i.id,
    );
    await db.prisma.portfolioItem.update({ where: { id: ids[0]! }, data: { endQuarter: '2030Q4' } });
    await db.prisma.portfolioItem.update({ where: { id: ids[1]! }, data: { moneyPerYear: { 2027: 1, 2028: 2 } } });
    await db.prisma.portfolioItem.update({ where: { id: ids[2]! }, data: { status: 'done', progress: 100 } });
    await db.prisma.portfolioItem.update({
      where: { id: ids[3]! },
      data: { title: 'Ümber <nimetatud> & "uus", ; =1+1' },
    });
    await db.prisma.portfolioItem.update({ where: { id: ids[4]! }, data: { progress: 55, people: 7.5 } });
    await db.prisma.portfolioLink.create({ data: { fromId: ids[5]!, toId: ids[6]!, kind: 'integration' } });
    await db.prisma.portfolioItem.update({
      where: { id: ids[7]! },
      data: { removedAt: new Date('2020-01-01T00:00:00Z') },
    });
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
    const second = await publish();
    // Six changed items and the new one are read; the six old versions and the one taken out are gone.
    expect(await writeBoth(second)).toEqual({ read: 7 + 7, count: COUNT });

    // Nothing changed: nothing is read.
    expect(await writeBoth(await publish())).toEqual({ read: 0, count: COUNT });

    // An institution renamed: every row carries its name, so everything is read again.
    const institutionId = [...dir.institutions.keys()][0]!;
    const renamed: Directory = {
      ...dir,
      institutions: new Map(
        [...dir.institutions].map(([id, v]) => [
          id,
          id === institutionId ? { ...v, name: { et: 'Uus nimi', en: 'New name' } } : v,
        ]),
      ),
    };
    expect(await writeBoth(await publish(renamed))).toEqual({ read: COUNT, count: COUNT });
    expect(await readFile(path.join(await kept, 'editions', '4', 'en.html'), 'utf8')).toContain('New name');

    // An item moves to another domain (its place on the pages changes) and the one taken out comes
    // back; the writer misses that edition and reads the changes since the one it kept.
    const mover = await db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: ids[10]! } });
    await db.prisma.portfolioItem.update({
      where: { id: mover.id },
      data: { domainId: mover.domainId === 'health' ? 'social' : 'health' },
    });
    await db.prisma.portfolioItem.update({ where: { id: ids[7]! }, data: { removedAt: null } });
    await publish(renamed);
    await db.prisma.portfolioItem.update({ where: { id: ids[11]! }, data: { title: 'Hilisem muutus' } });
    // Three versions newer than the kept edition; two of its versions closed since.
    expect(await writeBoth(await publish(renamed))).toEqual({ read: 3 + 2, count: COUNT + 1 });

    // The database is not the one the kept edition came from (restored, rebuilt): everything is read again.
    await db.sql.exec(`UPDATE "Edition" SET id = 'restored-elsewhere' WHERE number = 6`);
    expect(await writeBoth(await publish(renamed))).toEqual({ read: COUNT + 1, count: COUNT + 1 });
  });

  it('writes the site into a folder that does not exist yet, even with no edition', async () => {
    const out = path.join(await site(), 'not', 'yet');
    expect(await writeSite(out, [], emptyMemory())).toEqual(['style.css', 'index.html', 'en.html']);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('<html lang="et">');
  });

  it('puts nothing in place when an edition cannot be made: what was written aside is dropped', async () => {
    const out = await site();
    const editions = await loadEditions(db.sql);
    const newest = editions[0]!;
    const failing = { ...newest, diff: () => Promise.reject(new Error('what changed could not be read')) }; // asked for after the CSV is written aside
    await expect(
      writeSite(
        out,
        [failing, ...editions.slice(1).map((e) => ({ ...e, diff: () => Promise.reject(new Error('no')) }))],
        emptyMemory(),
      ),
    ).rejects.toThrow(/could not be read|no/);
    const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
    expect(files.map((d) => d.name)).toEqual([]); // no file at all, not even one left aside
  });

  it('puts each file in place whole: a write that fails leaves the old site and no half-written file', async () => {
    const out = await site();
    const editions = await loadEditions(db.sql);
    await writeSite(out, editions);
    const newest = `editions/${editions[0]!.number}`;
    const before = await readFile(path.join(out, newest, 'portfolio.csv'));
    await rm(path.join(out, newest, 'index.html')); // the folder counts as not written yet
    await rm(path.join(out, newest, 'portfolio.json'));
    await mkdir(path.join(out, newest, 'portfolio.json')); // a file cannot replace this folder
    await expect(writeSite(out, editions)).rejects.toThrow(/portfolio\.json/);
    const names = (await readdir(out, { recursive: true })).map(String);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(names).not.toContain(path.join(newest, 'index.html'));
    expect((await readFile(path.join(out, newest, 'portfolio.csv'))).equals(before)).toBe(true);
  });
});
