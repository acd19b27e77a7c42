// Writes the organisation directory (loaded from config/organization*.yaml) into the directory tables
// in one transaction: institutions, domains, people, services and role assignments are upserted;
// role assignments no longer in the file are removed. Nothing else is deleted: people, institutions
// and services that left the file stay, because proposals, decisions and the audit log refer to them.
import type { Prisma, PrismaClient } from './generated/client.ts';
import type { Directory } from '../workflow/directory.ts';

export type DirectoryRole =
  | 'boardMember'
  | 'representative'
  | 'committeeMember'
  | 'committeeChair'
  | 'coThinker'
  | 'portfolioManager'
  | 'tehikRepresentative';

/** Scope of organisation-wide roles (portfolio manager, TEHIK representative). */
export const ANY_SCOPE = '*';

export interface RoleRow {
  personId: string;
  role: DirectoryRole;
  scope: string;
}

export interface DirectorySyncResult {
  people: number;
  institutions: number;
  domains: number;
  services: number;
  roles: number;
  rolesAdded: number;
  rolesRemoved: number;
}

/** Every role assignment the directory implies, each once. */
export function roleRows(dir: Directory): RoleRow[] {
  const rows = new Map<string, RoleRow>();
  const add = (personId: string, role: DirectoryRole, scope: string) => {
    rows.set(`${personId}\u0000${role}\u0000${scope}`, { personId, role, scope });
  };
  for (const x of dir.institutions.values()) {
    for (const id of x.boardMemberIds) add(id, 'boardMember', x.id);
    for (const id of x.representativeIds) add(id, 'representative', x.id);
  }
  for (const d of dir.domains.values()) {
    add(d.chairId, 'committeeChair', d.id);
    for (const id of d.committeeMemberIds) add(id, 'committeeMember', d.id);
    for (const id of d.coThinkerIds) add(id, 'coThinker', d.id);
  }
  for (const id of dir.portfolioManagerIds) add(id, 'portfolioManager', ANY_SCOPE);
  for (const id of dir.tehikRepresentativeIds) add(id, 'tehikRepresentative', ANY_SCOPE);
  return [...rows.values()];
}

const key = (r: { personId: string; role: string; scope: string }) => `${r.personId}\u0000${r.role}\u0000${r.scope}`;

export async function syncDirectory(prisma: PrismaClient, dir: Directory): Promise<DirectorySyncResult> {
  return prisma.$transaction(async (tx) => {
    for (const x of dir.institutions.values()) {
      const data = { nameEt: x.name.et, nameEn: x.name.en, boardNameEt: x.boardName.et, boardNameEn: x.boardName.en };
      await tx.institution.upsert({ where: { id: x.id }, create: { id: x.id, ...data }, update: data });
    }
    for (const d of dir.domains.values()) {
      const data = {
        nameEt: d.name.et,
        nameEn: d.name.en,
        committeeNameEt: d.committeeName.et,
        committeeNameEn: d.committeeName.en,
      };
      await tx.domain.upsert({ where: { id: d.id }, create: { id: d.id, ...data }, update: data });
    }

    await releaseUniqueValues(tx, dir);
    for (const p of dir.people.values()) {
      const data = {
        name: p.name,
        email: p.email,
        locale: p.locale,
        slackUserId: p.slackUserId ?? null,
        teamsObjectId: p.teamsObjectId ?? null,
        institutionId: p.institutionId ?? null,
      };
      await tx.person.upsert({ where: { id: p.id }, create: { id: p.id, ...data }, update: data });
    }

    for (const s of dir.services.values()) {
      const data = {
        nameEt: s.name.et,
        nameEn: s.name.en,
        institutionId: s.institutionId,
        domainId: s.domainId,
        serviceManagerId: s.serviceManagerId ?? null,
        policyManagerId: s.policyManagerId ?? null,
      };
      await tx.service.upsert({ where: { id: s.id }, create: { id: s.id, ...data }, update: data });
    }

    const wanted = roleRows(dir);
    const wantedKeys = new Set(wanted.map(key));
    const existing = await tx.roleAssignment.findMany({ select: { personId: true, role: true, scope: true } });
    const existingKeys = new Set(existing.map(key));
    const stale = existing.filter((r) => !wantedKeys.has(key(r)));
    const added = wanted.filter((r) => !existingKeys.has(key(r)));
    if (stale.length > 0) await tx.roleAssignment.deleteMany({ where: { OR: stale } });
    if (added.length > 0) await tx.roleAssignment.createMany({ data: added });

    return {
      people: dir.people.size,
      institutions: dir.institutions.size,
      domains: dir.domains.size,
      services: dir.services.size,
      roles: wanted.length,
      rolesAdded: added.length,
      rolesRemoved: stale.length,
    };
  });
}

/**
 * E-mail addresses and chat ids are unique in the table. When the file gives one of them to a
 * different person than the table has it on (an address moved, two people swapped chat ids, or a
 * person left and their address went to a newcomer), take it off the current holder first, so the
 * upserts that follow cannot collide. Chat ids are cleared; an address is replaced by a placeholder
 * that cannot be delivered (the column is required).
 */
async function releaseUniqueValues(tx: Prisma.TransactionClient, dir: Directory): Promise<void> {
  const people = [...dir.people.values()];
  const owner = {
    email: new Map(people.map((p) => [p.email, p.id])),
    slackUserId: new Map(people.flatMap((p) => (p.slackUserId ? [[p.slackUserId, p.id] as const] : []))),
    teamsObjectId: new Map(people.flatMap((p) => (p.teamsObjectId ? [[p.teamsObjectId, p.id] as const] : []))),
  };
  const holders = await tx.person.findMany({
    where: {
      OR: [
        { email: { in: [...owner.email.keys()] } },
        { slackUserId: { in: [...owner.slackUserId.keys()] } },
        { teamsObjectId: { in: [...owner.teamsObjectId.keys()] } },
      ],
    },
    select: { id: true, email: true, slackUserId: true, teamsObjectId: true },
  });
  for (const h of holders) {
    const data: Prisma.PersonUpdateInput = {};
    const emailOwner = owner.email.get(h.email);
    if (emailOwner !== undefined && emailOwner !== h.id) data.email = `${h.id}@released.invalid`;
    const slackOwner = h.slackUserId === null ? undefined : owner.slackUserId.get(h.slackUserId);
    if (slackOwner !== undefined && slackOwner !== h.id) data.slackUserId = null;
    const teamsOwner = h.teamsObjectId === null ? undefined : owner.teamsObjectId.get(h.teamsObjectId);
    if (teamsOwner !== undefined && teamsOwner !== h.id) data.teamsObjectId = null;
    if (Object.keys(data).length > 0) await tx.person.update({ where: { id: h.id }, data });
  }
}
