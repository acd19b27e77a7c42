// Absence and delegation (asendamine): a person names a substitute for a period; while it lasts,
// their requests and reminders go to the substitute, who may agree and decide for them, and the
// audit says who acted for whom. The portfolio manager may set it for someone who cannot.
import { z } from 'zod';
import { isPortfolioManager } from '../directory.ts';
import { parseOrRefuse } from '../forms.ts';
import { addDays, tallinnToUtc } from '../calendar.ts';
import { refuse, refuseField } from '../refusal.ts';
import { idField } from '../text.ts';
import type { Ctx } from './types.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const DAY = 86_400_000;
/** the longest absence one substitution covers */
export const MAX_SUBSTITUTION_DAYS = 366;

export const substitutionSchema = z
  .object({
    substituteId: idField(),
    /** first and last day of the absence, Tallinn dates, both included */
    from: day,
    until: day,
    /** someone else's absence: portfolio manager only */
    absentId: idField().optional(),
  })
  .strict();

export function setSubstitute(input: unknown, ctx: Ctx) {
  if (!ctx.dir.people.has(ctx.actorId)) refuse('refusal.unknownPerson');
  const v = parseOrRefuse(substitutionSchema, input);
  const absentId = v.absentId ?? ctx.actorId;
  if (absentId !== ctx.actorId && !isPortfolioManager(ctx.dir, ctx.actorId)) refuse('refusal.substituteOnlyOwn');
  if (!ctx.dir.people.has(absentId)) refuse('refusal.unknownPerson');
  if (!ctx.dir.people.has(v.substituteId)) refuseField('substituteId', 'refusal.substituteUnknown');
  if (v.substituteId === absentId) refuseField('substituteId', 'refusal.substituteSelf');
  // Naming oneself to stand in for someone else would be granting oneself their powers.
  if (absentId !== ctx.actorId && v.substituteId === ctx.actorId)
    refuseField('substituteId', 'refusal.substituteNotYourself');
  const startsAt = tallinnToUtc(v.from, '00:00');
  const endsAt = tallinnToUtc(addDays(v.until, 1), '00:00'); // the last day counts in full
  if (!startsAt || !endsAt) refuseField('from', 'refusal.substitutionDates');
  if (endsAt <= startsAt) refuseField('until', 'refusal.substitutionDates');
  if (endsAt <= ctx.now) refuseField('until', 'refusal.substitutionPast');
  if (endsAt.getTime() - startsAt.getTime() > MAX_SUBSTITUTION_DAYS * DAY)
    refuseField('until', 'refusal.substitutionTooLong', { days: MAX_SUBSTITUTION_DAYS });
  return { absentId, substituteId: v.substituteId, startsAt, endsAt };
}

/** Ends a substitution early: the absent person or a portfolio manager. */
export function cancelSubstitute(s: { absentId: string; cancelledAt: Date | null; endsAt: Date }, ctx: Ctx): void {
  if (s.absentId !== ctx.actorId && !isPortfolioManager(ctx.dir, ctx.actorId)) refuse('refusal.substituteOnlyOwn');
  if (s.cancelledAt || s.endsAt <= ctx.now) refuse('refusal.substitutionOver');
}
