// What the plan of a portfolio item reads: the item with its links, and the items found by their
// title for the linked-items field (Teams' typeahead, Slack's external select): at most 20, the item
// being planned and items taken out left out.
import type { MessageKey } from '../i18n/catalogue.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import { isPortfolioManager, type Directory, type Locale } from '../workflow/directory.ts';
import { linkedIdsOf, type PlanForm, type PlannedItem } from './plan-form.ts';

export async function loadPlannedItem(db: PrismaClient, id: string): Promise<(PlannedItem & { removedAt: Date | null }) | null> {
  if (!id) return null;
  const i = await db.portfolioItem.findUnique({ where: { id }, include: { linksFrom: { select: { toId: true }, orderBy: { toId: 'asc' } } } });
  return i ? { ...i, linkedIds: i.linksFrom.map((l) => l.toId) } : null;
}

/**
 * The item this person may plan, or why not: only the portfolio manager, only an item still in the
 * portfolio (the engine refuses the same; this keeps the form from opening at all).
 */
export async function plannableItem(db: PrismaClient, dir: Directory, personId: string, itemId: string): Promise<{ item: PlannedItem & { removedAt: Date | null } } | { problem: MessageKey }> {
  if (!isPortfolioManager(dir, personId)) return { problem: 'refusal.only.portfolioManager' };
  const item = await loadPlannedItem(db, itemId);
  if (!item) return { problem: 'refusal.itemNotFound' };
  return item.removedAt ? { problem: 'refusal.itemRemoved' } : { item };
}

export interface ItemChoice { value: string; title: string }

/** The choices of a form's linked-items field: the items linked (or chosen) first, then, if asked, the first others. */
export async function linkChoices(db: PrismaClient, dir: Directory, locale: Locale, form: PlanForm, others: boolean): Promise<ItemChoice[]> {
  const chosen = await itemChoices(db, dir, locale, linkedIdsOf(form.values));
  if (!others) return chosen;
  const more = await searchItems(db, dir, locale, '', form.itemId);
  return [...chosen, ...more.filter((m) => !chosen.some((c) => c.value === m.value))];
}

const label = (dir: Directory, locale: Locale, i: { title: string; institutionId: string }) =>
  `${i.title} (${dir.institutions.get(i.institutionId)?.name[locale] ?? i.institutionId})`;

export async function searchItems(db: PrismaClient, dir: Directory, locale: Locale, text: string, exceptId: string): Promise<ItemChoice[]> {
  const words = text.trim().slice(0, 100);
  const found = await db.portfolioItem.findMany({
    where: { removedAt: null, id: { not: exceptId }, ...(words ? { title: { contains: words, mode: 'insensitive' } } : {}) },
    select: { id: true, title: true, institutionId: true }, orderBy: [{ title: 'asc' }, { id: 'asc' }], take: 20,
  });
  return found.map((i) => ({ value: i.id, title: label(dir, locale, i) }));
}

/** The items with these ids, as choices (those that exist). */
export async function itemChoices(db: PrismaClient, dir: Directory, locale: Locale, ids: readonly string[]): Promise<ItemChoice[]> {
  if (ids.length === 0) return [];
  const found = await db.portfolioItem.findMany({ where: { id: { in: [...ids] } }, select: { id: true, title: true, institutionId: true } });
  const byId = new Map(found.map((i) => [i.id, i]));
  return ids.flatMap((id) => { const i = byId.get(id); return i ? [{ value: id, title: label(dir, locale, i) }] : []; });
}
