// What Slack hands back that the bot wrote itself — a modal's private_metadata, a button's value —
// read with a schema: an old, edited or forged request may carry anything there. Unreadable is null,
// and the person is told so (beside the modal's first field, or in an ephemeral message).
import { z } from 'zod';
import { t } from '../../i18n/catalogue.ts';
import type { Locale } from '../../workflow/directory.ts';
import { idField } from '../../workflow/text.ts';

/** JSON text read with `schema`; null when it is not JSON or not of that shape. */
export function readJson<S extends z.ZodType>(raw: unknown, schema: S): z.output<S> | null {
  if (typeof raw !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const itemMeta = z.object({ itemId: idField() });

export const unreadable = (locale: Locale) => t(locale, 'slack.unreadable');

/** Slack's answer to a modal submission: `text` beside its first input (as Slack shows errors), if it has one. */
export function besideFirstField(
  view: unknown,
  text: string,
): { response_action: 'errors'; errors: Record<string, string> } | undefined {
  const blocks = (view as { blocks?: unknown } | null)?.blocks;
  const first = Array.isArray(blocks)
    ? blocks.find(
        (b): b is { block_id: string } =>
          (b as { type?: unknown })?.type === 'input' && typeof (b as { block_id?: unknown }).block_id === 'string',
      )
    : undefined;
  return first ? { response_action: 'errors', errors: { [first.block_id]: text } } : undefined;
}

/** A modal that cannot be read back: the reason beside its first input. */
export const unreadableModal = (view: unknown, locale: Locale) => besideFirstField(view, unreadable(locale));
