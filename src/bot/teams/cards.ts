// Adaptive Cards (schema 1.5, as Teams renders them) built from the neutral views. Pure functions:
// data in, card JSON out; every card is checked with the official parser in the tests.
import { randomUUID } from 'node:crypto';
import { t, type MessageKey, type MessageParams } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import type { Locale } from '../../workflow/directory.ts';
import { escapeCardText } from './markdown.ts';

export type Card = Record<string, unknown> & { type: 'AdaptiveCard' };
type Element = Record<string, unknown>;

export type { Element };
export const card = (body: Element[], actions: Element[] = []): Card => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...(actions.length ? { actions } : {}),
});
export const text = (value: string, extra: Element = {}): Element => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
export const heading = (value: string): Element => text(value, { size: 'Medium', weight: 'Bolder', style: 'heading' });
/**
 * A button. Its data carries a nonce of this rendering: a double click on the same card repeats it
 * (the engine then replays the first result), while the same button on a newer card is a new click.
 */
export const execute = (title: string, data: Record<string, unknown>, extra: Element = {}): Element => ({
  type: 'Action.Execute',
  title,
  verb: String(data.action),
  data: { ...data, n: randomUUID().slice(0, 8) },
  ...extra,
});
export const actionSet = (actions: Element[]): Element => ({ type: 'ActionSet', actions });
export const facts = (pairs: { label: string; value: string }[]): Element => ({
  type: 'FactSet',
  facts: pairs.map((p) => ({ title: p.label, value: escapeCardText(p.value) })),
});

export const tr = (locale: Locale, key: MessageKey, params?: MessageParams) => t(locale, key, params);

export { formatDate };
