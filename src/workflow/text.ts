// Text as people and platforms send it, made safe to store and show: one rule for every field of
// every command, and for whatever a platform's request carries. PostgreSQL refuses NUL in text
// (22021) and a lone surrogate in JSON; other control characters are invisible and only confuse.
import { z } from 'zod';

/** C0 controls but tab, line feed and carriage return; DEL and C1 controls; lone surrogates. */
const UNSAFE =
  /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without what may not be stored; a vertical tab or form feed (Word's line and page breaks) becomes a new line. */
export function cleanText(s: string): string {
  return s.replace(/[\v\f]/g, '\n').replace(UNSAFE, '');
}

/** A text field of a command or a form: cleaned first, then trimmed and limited as the field says. */
export const textField = () => z.string().overwrite(cleanText);

/** An id: never typed by people, so anything unsafe, or a tab or new line, makes it no id at all. */
export const idField = (max = 100) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => s === cleanText(s) && !/[\t\n\r]/.test(s));

/**
 * Cleans every string (and every key) of parsed JSON in place and returns it. Iterative, so a deeply
 * nested body cannot overflow the stack.
 */
export function cleanJsonInPlace<T>(root: T): T {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i += 1) {
        const v: unknown = node[i];
        if (typeof v === 'string') node[i] = cleanText(v);
        else if (v && typeof v === 'object') stack.push(v);
      }
    } else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        const v = obj[key];
        const cleanKey = cleanText(key);
        if (cleanKey !== key) {
          delete obj[key];
          Object.defineProperty(obj, cleanKey, { value: v, enumerable: true, writable: true, configurable: true });
        }
        if (typeof v === 'string') obj[cleanKey] = cleanText(v);
        else if (v && typeof v === 'object') stack.push(v);
      }
    }
  }
  return root;
}

/** A JSON object stored as it came (a platform's conversation reference), cleaned. */
export const jsonObjectField = () =>
  z.record(z.string(), z.unknown()).transform((r) => cleanJsonInPlace(structuredClone(r)));
