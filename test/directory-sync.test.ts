import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { EXAMPLE_ORGANIZATION_FILE, parseDirectory } from '../src/directory/load.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import { roleRows, syncDirectory } from '../src/storage/directory-sync.ts';
import type { Directory } from '../src/workflow/directory.ts';

const exampleText = readFileSync(EXAMPLE_ORGANIZATION_FILE, 'utf8');

function example(change: (org: any) => void = () => {}): Directory {
  const org = parse(exampleText);
  change(org);
  return parseDirectory(stringify(org), 'test.yaml');
}

const without = (list: string[], id: string) => list.filter((x) => x !== id);

describe('syncDirectory', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dir: null });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const roles = async (personId: string) =>
    (
      await db.prisma.roleAssignment.findMany({ where: { personId }, orderBy: [{ role: 'asc' }, { scope: 'asc' }] })
    ).map((r) => `${r.role}@${r.scope}`);

  it('writes the example directory', async () => {
    const dir = example();
    const result = await syncDirectory(db.prisma, dir);
    expect(result).toMatchObject({
      people: dir.people.size,
      institutions: 4,
      domains: 2,
      services: dir.services.size,
      rolesRemoved: 0,
    });
    expect(result.rolesAdded).toBe(result.roles);

    expect(await db.prisma.person.count()).toBe(dir.people.size);
    expect(await db.prisma.institution.count()).toBe(4);
    expect(await db.prisma.domain.count()).toBe(2);
    expect(await db.prisma.service.count()).toBe(dir.services.size);
    expect(await db.prisma.roleAssignment.count()).toBe(roleRows(dir).length);

    expect(await roles('jaan.tamm')).toEqual(['boardMember@SoM', 'committeeChair@social']);
    expect(await roles('mari.maasikas')).toEqual(['portfolioManager@*']);
    expect(await roles('siim.sepp')).toEqual(['coThinker@social', 'representative@TEHIK', 'tehikRepresentative@*']);
    expect(await roles('piret.pihlakas')).toEqual([
      'boardMember@TEHIK',
      'committeeMember@health',
      'committeeMember@social',
    ]);

    const byRole = await db.prisma.roleAssignment.groupBy({ by: ['role'], _count: true });
    expect(byRole.map((r) => r.role).sort()).toEqual([
      'boardMember',
      'coThinker',
      'committeeChair',
      'committeeMember',
      'portfolioManager',
      'representative',
      'tehikRepresentative',
    ]);

    expect(await db.prisma.person.findUnique({ where: { id: 'eva.jarv' } })).toMatchObject({
      name: 'Eva Järv',
      email: 'eva.jarv@tehik.example.ee',
      locale: 'en',
      institutionId: 'TEHIK',
      slackUserId: 'U0EVA0001',
    });
    expect(await db.prisma.service.findUnique({ where: { id: 'som-star' } })).toMatchObject({
      institutionId: 'SoM',
      domainId: 'social',
      serviceManagerId: null,
      policyManagerId: 'liis.lepp',
    });
    expect(await db.prisma.domain.findUnique({ where: { id: 'health' } })).toMatchObject({
      committeeNameEt: 'E-tervise juhtkomisjon',
    });
  });

  it('changes nothing when synced again', async () => {
    const result = await syncDirectory(db.prisma, example());
    expect(result).toMatchObject({ rolesAdded: 0, rolesRemoved: 0 });
  });

  it('removes roles no longer in the file and keeps the people', async () => {
    const dir = example((org) => {
      // Liis Lepp is no longer a co-thinker of the social domain.
      const social = org.domains.find((d: any) => d.id === 'social');
      social.coThinkers = without(social.coThinkers, 'liis.lepp');
      // Ott Oja leaves the organisation altogether.
      org.people = org.people.filter((p: any) => p.id !== 'ott.oja');
      for (const x of org.institutions) x.boardMembers = without(x.boardMembers, 'ott.oja');
      for (const d of org.domains) d.coThinkers = without(d.coThinkers, 'ott.oja');
      // Kadri Kask becomes a TEHIK representative too, and a service gets a new name.
      org.tehikRepresentatives.push('kadri.kask');
      org.services[0].name.en = 'Pensions';
    });
    const before = await db.prisma.roleAssignment.count();
    const result = await syncDirectory(db.prisma, dir);
    expect(result).toMatchObject({ rolesAdded: 1, rolesRemoved: 4 });
    expect(await db.prisma.roleAssignment.count()).toBe(before - 3);

    expect(
      await db.prisma.roleAssignment.findUnique({
        where: { personId_role_scope: { personId: 'liis.lepp', role: 'coThinker', scope: 'social' } },
      }),
    ).toBeNull();
    expect(await roles('liis.lepp')).toEqual(['representative@SoM']);
    expect(await roles('ott.oja')).toEqual([]);
    expect(await db.prisma.person.findUnique({ where: { id: 'ott.oja' } })).toMatchObject({ name: 'Ott Oja' });
    expect(await db.prisma.person.count()).toBe(dir.people.size + 1);
    expect(await roles('kadri.kask')).toEqual(['portfolioManager@*', 'tehikRepresentative@*']);
    expect((await db.prisma.service.findUnique({ where: { id: dir.services.keys().next().value! } }))?.nameEn).toBe(
      'Pensions',
    );
  });

  it('lets two people swap e-mail addresses and chat ids', async () => {
    const dir = example((org) => {
      const mari = org.people.find((p: any) => p.id === 'mari.maasikas');
      const kadri = org.people.find((p: any) => p.id === 'kadri.kask');
      for (const field of ['email', 'slackUserId', 'teamsObjectId'])
        [mari[field], kadri[field]] = [kadri[field], mari[field]];
    });
    await syncDirectory(db.prisma, dir);
    expect(await db.prisma.person.findUnique({ where: { id: 'mari.maasikas' } })).toMatchObject({
      email: 'kadri.kask@sm.example.ee',
      slackUserId: 'U0KADRI01',
    });
    expect(await db.prisma.person.findUnique({ where: { slackUserId: 'U0MARI001' } })).toMatchObject({
      id: 'kadri.kask',
    });
  });

  it('leaves the tables as they were when the sync fails', async () => {
    const roleCount = await db.prisma.roleAssignment.count();
    const dir = example();
    // A directory that bypassed the loader's checks: a role for a person who is not in it.
    const broken: Directory = { ...dir, portfolioManagerIds: [...dir.portfolioManagerIds, 'ghost.person'] };
    await expect(syncDirectory(db.prisma, broken)).rejects.toThrow();
    expect(await db.prisma.roleAssignment.count()).toBe(roleCount);
    expect(await db.prisma.person.findUnique({ where: { id: 'mari.maasikas' } })).toMatchObject({
      email: 'kadri.kask@sm.example.ee',
    });
  });
});
