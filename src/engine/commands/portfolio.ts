// Portfolio items: status updates from institutions and TEHIK, planning and taking out by the manager.
import type { Tx } from '../../storage/tx.ts';
import { refuse } from '../../workflow/refusal.ts';
import { idField } from '../../workflow/text.ts';
import * as pf from '../../workflow/transitions/portfolio.ts';
import type { Unit } from '../unit.ts';

async function lockItem(tx: Tx, raw: unknown) {
  const parsed = idField().safeParse(raw);
  if (!parsed.success) refuse('refusal.itemNotFound');
  const id = parsed.data;
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PortfolioItem" WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0) refuse('refusal.itemNotFound');
  return (await tx.portfolioItem.findUnique({ where: { id } }))!;
}

const itemIdOf = (input: unknown) => (input as { itemId?: unknown } | null)?.itemId;

export async function recordStatusUpdate(u: Unit, input: unknown): Promise<{ statusUpdateId: string }> {
  const item = await lockItem(u.tx, itemIdOf(input));
  const v = pf.recordStatusUpdate({ institutionId: item.institutionId, removed: item.removedAt != null }, input, u.ctx);
  const update = await u.tx.statusUpdate.create({
    data: { itemId: item.id, byId: u.actorId, status: v.status, progress: v.progress, note: v.note ?? null, at: u.now },
  });
  const after = await u.tx.portfolioItem.update({
    where: { id: item.id },
    data: { status: v.status, progress: v.progress },
  });
  u.audit('portfolioItem', item.id, item, after);
  // Whoever answers for the item, the request for its status is met for everyone asked.
  await u.tx.deadline.updateMany({
    where: { itemId: item.id, kind: 'statusUpdate', status: 'open' },
    data: { status: 'done', closedAt: u.now },
  });
  u.send([
    {
      audience: { kind: 'portfolioManagers' },
      payload: { kind: 'statusUpdateRecorded', itemId: item.id, statusUpdateId: update.id },
    },
  ]);
  return { statusUpdateId: update.id };
}

export async function planItem(u: Unit, input: unknown): Promise<{ itemId: string }> {
  const item = await lockItem(u.tx, itemIdOf(input));
  const v = pf.planItem(
    { startQuarter: item.startQuarter, endQuarter: item.endQuarter, removed: item.removedAt != null },
    input,
    u.ctx,
  );
  const { itemId: _id, linkedItemIds, ...data } = v;
  const after = await u.tx.portfolioItem.update({ where: { id: item.id }, data });
  if (linkedItemIds) {
    const found = await u.tx.portfolioItem.count({ where: { id: { in: linkedItemIds } } });
    if (found !== new Set(linkedItemIds).size || linkedItemIds.includes(item.id)) refuse('refusal.itemNotFound');
    await u.tx.portfolioLink.deleteMany({ where: { fromId: item.id } });
    await u.tx.portfolioLink.createMany({
      data: [...new Set(linkedItemIds)].map((toId) => ({ fromId: item.id, toId, kind: 'related' })),
    });
  }
  u.audit('portfolioItem', item.id, item, { ...after, linkedItemIds });
  return { itemId: item.id };
}

/** The portfolio manager takes a finished item out of the portfolio (it stays in the history). */
export async function removeFinishedItem(u: Unit, input: unknown): Promise<{ itemId: string }> {
  const item = await lockItem(u.tx, itemIdOf(input));
  pf.removeFinished({ status: item.status, removed: item.removedAt != null }, u.ctx);
  const after = await u.tx.portfolioItem.update({ where: { id: item.id }, data: { removedAt: u.now } });
  u.audit('portfolioItem', item.id, item, after);
  return { itemId: item.id };
}
