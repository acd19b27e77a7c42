// What the plan of a portfolio item reads, through the engine's queries (only the portfolio
// manager may): the item with its links, and the items found by their title for the linked-items
// field (Teams' typeahead, Slack's external select).
import type { Queries, ItemChoice } from '../engine/queries.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { isPortfolioManager, type Directory, type Locale } from '../workflow/directory.ts';
import { linkedIdsOf, type PlanForm } from './plan-form.ts';

export type { ItemChoice };

/**
 * The item this person may plan, or why not: only the portfolio manager, only an item still in the
 * portfolio (the engine refuses the same; this keeps the form from opening at all).
 */
type PlannedRow = NonNullable<Awaited<ReturnType<Queries['plannedItem']>>>;

export async function plannableItem(
  queries: Queries,
  dir: Directory,
  personId: string,
  itemId: string,
): Promise<{ item: PlannedRow } | { problem: MessageKey }> {
  if (!isPortfolioManager(dir, personId)) return { problem: 'refusal.only.portfolioManager' };
  const item = await queries.plannedItem(personId, itemId);
  if (!item) return { problem: 'refusal.itemNotFound' };
  return item.removedAt ? { problem: 'refusal.itemRemoved' } : { item };
}

/** The choices of a form's linked-items field: the items linked (or chosen) first, then, if asked, the first others. */
export function linkChoices(
  queries: Queries,
  personId: string,
  locale: Locale,
  form: PlanForm,
  others: boolean,
): Promise<ItemChoice[]> {
  return queries.itemChoices(personId, locale, {
    ids: linkedIdsOf(form.values),
    ...(others ? { text: '', exceptId: form.itemId } : {}),
  });
}
