// The portfolio (arendusportfell): items created by a JAH, kept on a rolling 4-year horizon,
// updated by institution representatives and TEHIK, finished items taken out by the manager.
import { z } from 'zod';
import { addQuarters, compareQuarters, horizon, quarterOf, type Quarter } from '../calendar.ts';
import { isPortfolioManager, isRepresentative, isTehikRepresentative } from '../directory.ts';
import { LIMITS, parseOrRefuse } from '../forms.ts';
import type { ProposalState } from '../proposal.ts';
import { refuse } from '../refusal.ts';
import { idField, textField } from '../text.ts';
import type { Ctx } from './types.ts';

export const ITEM_STATUSES = ['planned', 'inProgress', 'paused', 'done'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** The item a JAH creates: it starts in the quarter after the meeting and runs a year by default. */
export function newItemFrom(p: ProposalState, meetingAt: Date) {
  const start = addQuarters(quarterOf(meetingAt), 1);
  const moneyPerYear: Record<string, number> = {};
  if (p.budgetEur != null) moneyPerYear[start.slice(0, 4)] = p.budgetEur;
  return {
    proposalId: p.id,
    title: p.title ?? '',
    domainId: p.domainId!,
    institutionId: p.institutionId!,
    serviceId: p.serviceId,
    startQuarter: start,
    endQuarter: addQuarters(start, 3),
    moneyPerYear,
    fundingSource: p.fundingSource,
    status: 'planned' as ItemStatus,
    progress: 0,
    priority: p.priority,
  };
}

export const statusUpdateSchema = z
  .object({
    itemId: idField(),
    status: z.enum(ITEM_STATUSES),
    progress: z.number().int().min(0).max(100),
    note: textField().trim().max(LIMITS.comment).nullable().optional(),
  })
  .strict();

export interface ItemRef {
  institutionId: string;
  removed: boolean;
}

/** The institution's representative or TEHIK (or the portfolio manager) reports an item's status. */
export function recordStatusUpdate(item: ItemRef, input: unknown, ctx: Ctx) {
  if (!ctx.dir.people.has(ctx.actorId)) refuse('refusal.unknownPerson');
  const ok =
    isRepresentative(ctx.dir, ctx.actorId, item.institutionId) ||
    isTehikRepresentative(ctx.dir, ctx.actorId) ||
    isPortfolioManager(ctx.dir, ctx.actorId);
  if (!ok) refuse('refusal.only.representative');
  if (item.removed) refuse('refusal.itemRemoved');
  return parseOrRefuse(statusUpdateSchema, input);
}

const quarter = z.string().regex(/^\d{4}Q[1-4]$/);

export const planItemSchema = z
  .object({
    itemId: idField(),
    startQuarter: quarter.optional(),
    endQuarter: quarter.optional(),
    moneyPerYear: z.record(z.string().regex(/^\d{4}$/), z.number().int().min(0).max(LIMITS.budgetEur)).optional(),
    people: z.number().min(0).max(10_000).nullable().optional(),
    months: z.number().int().min(0).max(120).nullable().optional(),
    fundingSource: textField().trim().max(LIMITS.short).nullable().optional(),
    tehikTeam: textField().trim().max(200).nullable().optional(),
    linkedItemIds: z.array(idField()).max(50).optional(),
  })
  .strict();

/** The portfolio manager plans an item: quarters within the horizon, resources, links. */
export function planItem(
  current: { startQuarter: string; endQuarter: string; removed: boolean },
  input: unknown,
  ctx: Ctx,
) {
  if (!ctx.dir.people.has(ctx.actorId)) refuse('refusal.unknownPerson');
  if (!isPortfolioManager(ctx.dir, ctx.actorId)) refuse('refusal.only.portfolioManager', { place: '' });
  if (current.removed) refuse('refusal.itemRemoved');
  const plan = parseOrRefuse(planItemSchema, input);
  const { first, last } = horizon(ctx.now);
  const start = plan.startQuarter ?? current.startQuarter;
  const end = plan.endQuarter ?? current.endQuarter;
  for (const q of [plan.startQuarter, plan.endQuarter]) {
    if (q && (compareQuarters(q, first) < 0 || compareQuarters(q, last) > 0))
      refuse('refusal.quarterOutsideHorizon', { first, last });
  }
  if (compareQuarters(end, start) < 0) refuse('refusal.quarterOrder');
  return plan;
}

export function removeFinished(item: { status: string; removed: boolean }, ctx: Ctx): void {
  if (!ctx.dir.people.has(ctx.actorId)) refuse('refusal.unknownPerson');
  if (!isPortfolioManager(ctx.dir, ctx.actorId)) refuse('refusal.only.portfolioManager', { place: '' });
  if (item.removed) refuse('refusal.itemRemoved');
  if (item.status !== 'done') refuse('refusal.itemNotFinished');
}

export type { Quarter };
