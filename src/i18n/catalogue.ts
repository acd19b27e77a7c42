// One typed catalogue for every text a person sees: Estonian (default) and English.
import type { Locale } from '../workflow/directory.ts';
import { en } from './en.ts';
import { et } from './et.ts';

export type MessageKey = keyof typeof et;
export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { et, en };

export type MessageParams = Record<string, string | number | { et: string; en: string }>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(et, key);
}

/** Fills {name} placeholders; a "@key" value is translated, a { et, en } value picked by locale. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  // A key built at run time (`stage.${x}`) that is not in the catalogue shows as itself, not a crash.
  const template = CATALOGUES[locale][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    if (typeof v === 'object') return v[locale];
    if (typeof v === 'string' && v.startsWith('@') && isMessageKey(v.slice(1)))
      return t(locale, v.slice(1) as MessageKey);
    return String(v);
  });
}
