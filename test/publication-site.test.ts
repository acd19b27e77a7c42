// Writing the site, on PGlite and PostgreSQL: into a folder that does not exist yet; an edition's
// folder is put in place whole or not at all, so a failed write leaves the site as it was, with no
// file written aside; the next write puts the edition in place; a page that cannot be put in place
// is named, and nothing is left aside.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORGANIZATION_FILE, loadDirectory } from '../src/directory/load.ts';
import { createEdition } from '../src/engine/commands/publication.ts';
import { commitUnit } from '../src/engine/engine.ts';
import { Unit } from '../src/engine/unit.ts';
import { loadEditions } from '../src/publish/publish.ts';
import { writeSite } from '../src/publish/site.ts';
import type { Database } from '../src/storage/database.ts';
import type { Directory } from '../src/workflow/directory.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { demoItems } from './support/portfolio-demo.ts';

const NOW = new Date('2027-01-15T10:00:00Z');

/** Every file and folder under `dir`, relative to it. */
const everything = async (dir: string) => (await readdir(dir, { recursive: true })).map(String).sort();

describe.each(TEST_TARGETS)('writing the site on $name', (target) => {
  let db: Database;
  let dir: Directory;
  const scratch: string[] = [];
  let day = 0;
  beforeAll(async () => {
    db = await target.open();
    dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
    await db.prisma.portfolioItem.createMany({ data: demoItems(dir, 60, NOW) });
  });
  afterAll(async () => {
    await db.close();
    for (const d of scratch) await rm(d, { recursive: true, force: true });
  });

  async function publish(): Promise<number> {
    day += 1;
    return db.prisma.$transaction(async (tx) => {
      const u = new Unit(tx, dir, 'pm', new Date(NOW.getTime() + day * 86_400_000), 'system', 'publishEdition');
      const { number } = await createEdition(u);
      await commitUnit(u);
      return number;
    });
  }
  const site = async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'site-'));
    scratch.push(d);
    return d;
  };

  it('writes the site into a folder that does not exist yet, even with no edition', async () => {
    const out = path.join(await site(), 'not', 'yet');
    expect(await writeSite(out, [])).toEqual(['style.css', 'index.html', 'en.html']);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('<html lang="et">');
  });

  it('puts nothing in place when an edition cannot be made: what was written aside is dropped', async () => {
    await publish();
    const out = await site();
    const failing = (await loadEditions(db.sql)).map((e) => ({
      ...e,
      read: () => Promise.reject(new Error('what changed could not be read')),
    }));
    await expect(writeSite(out, failing)).rejects.toThrow(/could not be read/);
    expect(await everything(out)).toEqual(['editions']); // no file at all, not even one left aside
  });

  it('a failed write leaves the site as it was and nothing half-written; the next write puts the edition in place', async () => {
    const out = await site();
    await writeSite(out, await loadEditions(db.sql));
    const before = new Map<string, Buffer>();
    for (const name of await everything(out))
      if (name.includes('.')) before.set(name, await readFile(path.join(out, name)));
    const newest = await publish();
    const [edition, ...rest] = await loadEditions(db.sql);
    const broken = {
      ...edition!,
      read: async () => {
        const { items, diff } = await edition!.read();
        return { items: [...items, null as never], diff }; // fails while the pictures and pages are made
      },
    };
    await expect(writeSite(out, [broken, ...rest])).rejects.toThrow();
    expect(await everything(out)).toEqual(
      [...before.keys(), 'editions', ...rest.map((e) => `editions/${e.number}`)].sort(),
    );
    for (const [name, bytes] of before) expect((await readFile(path.join(out, name))).equals(bytes), name).toBe(true);

    const written = await writeSite(out, await loadEditions(db.sql));
    expect(written).toContain(`editions/${newest}/index.html`);
    expect(written.filter((f) => f.startsWith('editions/') && !f.startsWith(`editions/${newest}/`))).toEqual([]); // kept as published
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain(`editions/${newest}/index.html`);
  });

  it('a page that cannot be put in place fails with its name, and leaves nothing aside', async () => {
    const out = await site();
    await mkdir(path.join(out, 'en.html', 'in-the-way'), { recursive: true }); // a file cannot replace this folder
    await expect(writeSite(out, await loadEditions(db.sql))).rejects.toThrow(/en\.html/);
    expect((await everything(out)).filter((n) => n.includes('.tmp'))).toEqual([]);
    const [newest] = await loadEditions(db.sql);
    expect(await readdir(path.join(out, 'editions', String(newest!.number)))).toContain('portfolio.csv');
  });
});
