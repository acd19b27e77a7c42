// A refusal: the command was not allowed or not valid. It changes nothing and carries a message key
// that the catalogue (src/i18n) has in both languages, plus per-field errors for forms.
import type { MessageKey } from '../i18n/catalogue.ts';

/**
 * Message parameters. A string starting with "@" is itself a message key (translated too);
 * a { et, en } pair is shown in the reader's language.
 */
export type Params = Record<string, string | number | { et: string; en: string }>;
export interface FieldError {
  key: MessageKey;
  params?: Params;
}

export class Refusal extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
    readonly fieldErrors: Record<string, FieldError> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'Refusal';
  }
}

export function refuse(key: MessageKey, params: Params = {}): never {
  throw new Refusal(key, params);
}

/** Refuses because of one field: "check the fields", and the message beside that field. */
export function refuseField(field: string, key: MessageKey, params: Params = {}): never {
  throw new Refusal('validation.invalid', { fields: field }, { [field]: { key, params } });
}
