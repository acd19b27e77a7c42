// Naming a substitute for an absence, and ending it early.
import { z } from 'zod';
import { parseOrRefuse } from '../../workflow/forms.ts';
import { refuse } from '../../workflow/refusal.ts';
import { idField } from '../../workflow/text.ts';
import * as flow from '../../workflow/transitions/substitution.ts';
import { openItemsOf } from '../substitutes.ts';
import type { Unit } from '../unit.ts';

export async function setSubstitute(u: Unit, input: unknown): Promise<{ substitutionId: string }> {
  const v = flow.setSubstitute(input, u.ctx);
  // A new period replaces the person's own overlapping ones.
  const overlapping = await u.tx.substitution.findMany({
    where: { absentId: v.absentId, cancelledAt: null, startsAt: { lt: v.endsAt }, endsAt: { gt: v.startsAt } },
  });
  for (const o of overlapping) {
    const after = await u.tx.substitution.update({ where: { id: o.id }, data: { cancelledAt: u.now } });
    u.audit('substitution', o.id, o, after);
  }
  const row = await u.tx.substitution.create({ data: { ...v, createdById: u.actorId } });
  u.audit('substitution', row.id, null, row);
  const items = v.startsAt <= u.now ? await openItemsOf(u.tx, v.absentId) : [];
  u.send([
    {
      audience: { kind: 'person', personId: v.substituteId, onBehalfOf: v.absentId },
      payload: { kind: 'substitutionStarted', substitutionId: row.id, items },
    },
  ]);
  return { substitutionId: row.id };
}

export async function cancelSubstitute(u: Unit, input: unknown): Promise<{ substitutionId: string }> {
  const { substitutionId } = parseOrRefuse(z.object({ substitutionId: idField() }).strict(), input);
  const locked = await u.tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Substitution" WHERE id = ${substitutionId} FOR UPDATE`;
  if (locked.length === 0) refuse('refusal.substitutionNotFound');
  const s = (await u.tx.substitution.findUnique({ where: { id: substitutionId } }))!;
  flow.cancelSubstitute(s, u.ctx);
  const after = await u.tx.substitution.update({ where: { id: s.id }, data: { cancelledAt: u.now } });
  u.audit('substitution', s.id, s, after);
  u.send([
    {
      audience: { kind: 'person', personId: s.substituteId, onBehalfOf: s.absentId },
      payload: { kind: 'substitutionEnded', substitutionId: s.id },
    },
  ]);
  return { substitutionId: s.id };
}
