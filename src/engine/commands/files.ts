// A download link for someone who may have the file (src/workflow/transitions/files.ts). Audited:
// an export of the full portfolio is a disclosure of names and internal fields.
import { randomBytes } from 'node:crypto';
import type { DomainId } from '../../workflow/directory.ts';
import { FILE_LINK_HOURS, requestFile as flow } from '../../workflow/transitions/files.ts';
import type { Unit } from '../unit.ts';

export async function requestFile(
  u: Unit,
  input: unknown,
): Promise<{ token: string; kind: string; expiresAt: string }> {
  const v = flow(
    input,
    u.ctx,
    async (id) =>
      ((await u.tx.meeting.findUnique({ where: { id }, select: { domainId: true } }))?.domainId as
        DomainId | undefined) ?? null,
  );
  await v.check();
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(u.now.getTime() + FILE_LINK_HOURS * 3600_000);
  await u.tx.fileLink.create({
    data: {
      token,
      kind: v.request.kind,
      params: v.request as object,
      personId: u.actorId,
      createdAt: u.now,
      expiresAt,
    },
  });
  u.audit('fileLink', token.slice(0, 8), null, { kind: v.request.kind, params: v.request, expiresAt });
  return { token, kind: v.request.kind, expiresAt: expiresAt.toISOString() };
}
