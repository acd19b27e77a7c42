import { z } from 'zod';
import { parseOrRefuse } from '../../workflow/forms.ts';
import { idField } from '../../workflow/text.ts';

const id = idField();

/** Splits `{ proposalId, ...body }` and validates the id; the body is validated by the transition. */
export function splitId<K extends string>(key: K, input: unknown): { id: string; body: Record<string, unknown> } {
  const obj = parseOrRefuse(z.record(z.string(), z.unknown()), input ?? {});
  const { [key]: raw, ...body } = obj;
  const parsed = parseOrRefuse(z.object({ [key]: id }), { [key]: raw }) as Record<K, string>;
  return { id: parsed[key], body };
}
