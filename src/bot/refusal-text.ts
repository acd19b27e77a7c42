// The engine's refusal as a person reads it, in their language — for both platforms.
import type { RefusalInfo } from '../engine/engine.ts';
import { isMessageKey, t } from '../i18n/catalogue.ts';
import type { Locale } from '../workflow/directory.ts';

/** A field's name as the person knows it: the form's label, another known label, or the name. */
export function fieldLabel(locale: Locale, field: string): string {
  for (const key of [`form.${field}`, `label.${field}`]) if (isMessageKey(key)) return t(locale, key);
  return field;
}

/** The engine's refusal in the person's language, with each field's problem on its own line. */
export function refusalText(locale: Locale, r: RefusalInfo): string {
  const names = Object.keys(r.fieldErrors)
    .filter((f) => !f.startsWith('_'))
    .map((f) => fieldLabel(locale, f));
  const params = names.length ? { ...r.params, fields: names.join(', ') } : r.params;
  const lines = Object.entries(r.fieldErrors).map(
    ([f, e]) => `${f.startsWith('_') ? '' : `${fieldLabel(locale, f)}: `}${t(locale, e.key, e.params)}`,
  );
  return [t(locale, r.key, params), ...lines].join('\n');
}
