// Committee meetings (koosolekud): the portfolio manager dates them, any committee member may ask
// for an extraordinary one, the co-thinker round runs before each, the minutes come after.
import { z } from 'zod';
import { DOMAIN_IDS, isCommitteeMember, isPortfolioManager, type DomainId } from '../directory.ts';
import { LIMITS, parseOrRefuse } from '../forms.ts';
import {
  addQuarters,
  DEFAULT_MEETING_RULE,
  defaultMeetingDate,
  meetingDeadlines,
  quarterOf,
  type Quarter,
} from '../calendar.ts';
import { isWorkingDay } from '../holidays.ts';
import { refuse } from '../refusal.ts';
import { idField, textField } from '../text.ts';
import type { Ctx } from './types.ts';

const isoDate = z.coerce.date();

export function requirePortfolioManager(ctx: Ctx): void {
  if (!ctx.dir.people.has(ctx.actorId)) refuse('refusal.unknownPerson');
  if (!isPortfolioManager(ctx.dir, ctx.actorId)) refuse('refusal.only.portfolioManager', { place: '' });
}

export const createMeetingSchema = z
  .object({
    domainId: z.enum(DOMAIN_IDS),
    startsAt: isoDate,
    extraordinary: z.boolean().optional(),
  })
  .strict();

export function createMeeting(input: unknown, ctx: Ctx) {
  requirePortfolioManager(ctx);
  const m = parseOrRefuse(createMeetingSchema, input);
  if (m.startsAt <= ctx.now) refuse('refusal.meetingInPast');
  return {
    ...m,
    extraordinary: m.extraordinary ?? false,
    deadlines: meetingDeadlines(m.startsAt, ctx.dir.calendar?.offsets),
  };
}

export const meetingRequestSchema = z
  .object({
    domainId: z.enum(DOMAIN_IDS),
    reason: textField().trim().min(1).max(LIMITS.comment),
  })
  .strict();

/** Any member of the domain's committee may propose an extraordinary meeting (erakorraline koosolek). */
export function requestExtraordinaryMeeting(input: unknown, ctx: Ctx) {
  if (!ctx.dir.people.has(ctx.actorId)) refuse('refusal.unknownPerson');
  const r = parseOrRefuse(meetingRequestSchema, input);
  if (!isCommitteeMember(ctx.dir, ctx.actorId, r.domainId)) {
    refuse('refusal.only.committeeMember', { place: ctx.dir.domains.get(r.domainId)!.committeeName });
  }
  return r;
}

export const planMeetingsSchema = z
  .object({ domainId: z.enum(DOMAIN_IDS), quarters: z.number().int().min(1).max(8).optional() })
  .strict();

/**
 * The default meetings of the next quarters (one per quarter, from the organisation's rule), from
 * this quarter if its date is still ahead. The engine skips quarters that already have a meeting.
 */
export function planMeetings(input: unknown, ctx: Ctx) {
  requirePortfolioManager(ctx);
  const v = parseOrRefuse(planMeetingsSchema, input);
  const rule = ctx.dir.calendar?.meetingRule ?? DEFAULT_MEETING_RULE;
  const dates: { quarter: Quarter; startsAt: Date }[] = [];
  for (let q = quarterOf(ctx.now); dates.length < (v.quarters ?? 4); q = addQuarters(q, 1)) {
    const startsAt = defaultMeetingDate(q, rule, isWorkingDay);
    if (startsAt > ctx.now) dates.push({ quarter: q, startsAt });
  }
  return { domainId: v.domainId, dates };
}

export const moveMeetingSchema = z.object({ meetingId: idField(), startsAt: isoDate }).strict();

/** The portfolio manager moves a meeting; every deadline tied to it moves with it. */
export function moveMeeting(input: unknown, ctx: Ctx) {
  requirePortfolioManager(ctx);
  const v = parseOrRefuse(moveMeetingSchema, input);
  if (v.startsAt <= ctx.now) refuse('refusal.meetingInPast');
  return { ...v, deadlines: meetingDeadlines(v.startsAt, ctx.dir.calendar?.offsets) };
}

export const openRoundSchema = z
  .object({
    meetingId: idField(),
    discussionAt: isoDate.nullable().optional(),
    opinionsDueAt: isoDate.optional(),
  })
  .strict();

export const minutesSchema = z
  .object({
    meetingId: idField(),
    minutesText: textField().trim().max(100_000).nullable().optional(),
    deltaNumber: textField().trim().min(1).max(100).nullable().optional(),
  })
  .strict();

export function domainOf(id: string): DomainId {
  return id as DomainId;
}
