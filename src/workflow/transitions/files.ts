// Download links: who may have which file. The full portfolio exports carry names and internal
// fields, so only portfolio managers get them; a meeting's minutes go to the portfolio managers and
// that committee's members, and so does its meeting pack before it; pictures of the portfolio to anyone in the organisation (the same data
// as the portfolio view in chat).
import { z } from 'zod';
import { DOMAIN_IDS, isCommitteeMember, isPortfolioManager, LOCALES, type DomainId } from '../directory.ts';
import { parseOrRefuse } from '../forms.ts';
import { refuse } from '../refusal.ts';
import type { Ctx } from './types.ts';

export const FILE_KINDS = ['portfolioXlsx', 'portfolioCsv', 'minutesDocx', 'minutesMd', 'packDocx', 'packMd', 'roadmapPng', 'moneyPng', 'peoplePng'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const fileRequestSchema = z.object({
  kind: z.enum(FILE_KINDS),
  locale: z.enum(LOCALES).optional(),
  meetingId: z.string().min(1).max(100).optional(),
  domainId: z.enum(DOMAIN_IDS).optional(),
  institutionId: z.string().min(1).max(50).optional(),
  status: z.string().min(1).max(30).optional(),
  period: z.string().min(4).max(8).optional(),
}).strict();
export type FileRequest = z.output<typeof fileRequestSchema>;

/** How long a link works. */
export const FILE_LINK_HOURS = 24;

export function requestFile(input: unknown, ctx: Ctx, meetingDomain: (id: string) => Promise<DomainId | null>) {
  if (!ctx.dir.people.has(ctx.actorId)) refuse('refusal.unknownPerson');
  const v = parseOrRefuse(fileRequestSchema, input);
  return {
    request: v,
    async check(): Promise<void> {
      if (v.kind === 'portfolioXlsx' || v.kind === 'portfolioCsv') {
        if (!isPortfolioManager(ctx.dir, ctx.actorId)) refuse('refusal.only.portfolioManager', { place: '' });
      }
      if (v.kind === 'minutesDocx' || v.kind === 'minutesMd' || v.kind === 'packDocx' || v.kind === 'packMd') {
        const domain = v.meetingId ? await meetingDomain(v.meetingId) : null;
        if (!domain) refuse('refusal.meetingNotFound');
        if (!isPortfolioManager(ctx.dir, ctx.actorId) && !isCommitteeMember(ctx.dir, ctx.actorId, domain)) {
          refuse('refusal.only.committeeMember', { place: ctx.dir.domains.get(domain)?.committeeName ?? '' });
        }
      }
    },
  };
}
