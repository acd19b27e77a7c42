// Download links: who may have which file. The full portfolio exports carry names and internal
// fields, so only portfolio managers get them; a meeting's minutes go to the portfolio managers and
// that committee's members, and so does its meeting pack before it; pictures of the portfolio to anyone in the organisation (the same data
// as the portfolio view in chat).
import { z } from 'zod';
import { DOMAIN_IDS, LOCALES, type DomainId } from '../directory.ts';
import { mayRead, type ReadName } from '../read-policy.ts';
import { parseOrRefuse } from '../forms.ts';
import { refuse } from '../refusal.ts';
import { idField } from '../text.ts';
import type { Ctx } from './types.ts';

export const FILE_KINDS = [
  'portfolioXlsx',
  'portfolioCsv',
  'minutesDocx',
  'minutesMd',
  'packDocx',
  'packMd',
  'roadmapPng',
  'moneyPng',
  'peoplePng',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Which read of the read policy (src/workflow/read-policy.ts) each file is. */
export const FILE_READS = {
  portfolioXlsx: 'exports',
  portfolioCsv: 'exports',
  minutesDocx: 'minutes',
  minutesMd: 'minutes',
  packDocx: 'meetingPack',
  packMd: 'meetingPack',
  roadmapPng: 'pictures',
  moneyPng: 'pictures',
  peoplePng: 'pictures',
} as const satisfies Record<FileKind, ReadName>;

export const fileRequestSchema = z
  .object({
    kind: z.enum(FILE_KINDS),
    locale: z.enum(LOCALES).optional(),
    meetingId: idField().optional(),
    domainId: z.enum(DOMAIN_IDS).optional(),
    institutionId: idField(50).optional(),
    status: idField(30).optional(),
    period: idField(8).min(4).optional(),
  })
  .strict();
export type FileRequest = z.output<typeof fileRequestSchema>;

/** How long a link works. */
export const FILE_LINK_HOURS = 24;

export function requestFile(input: unknown, ctx: Ctx, meetingDomain: (id: string) => Promise<DomainId | null>) {
  if (!ctx.dir.people.has(ctx.actorId)) refuse('refusal.unknownPerson');
  const v = parseOrRefuse(fileRequestSchema, input);
  return {
    request: v,
    async check(): Promise<void> {
      const read = FILE_READS[v.kind];
      if (read === 'exports' && !mayRead(ctx.dir, ctx.actorId, read))
        refuse('refusal.only.portfolioManager', { place: '' });
      if (read === 'minutes' || read === 'meetingPack') {
        const domain = v.meetingId ? await meetingDomain(v.meetingId) : null;
        if (!domain) refuse('refusal.meetingNotFound');
        if (!mayRead(ctx.dir, ctx.actorId, read, { domainId: domain })) {
          refuse('refusal.only.committeeMember', { place: ctx.dir.domains.get(domain)?.committeeName ?? '' });
        }
      }
    },
  };
}
