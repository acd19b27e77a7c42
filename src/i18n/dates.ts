// Dates as people read them here: Estonian format (25.11.2026, kell 14:00) in Europe/Tallinn.
import type { Locale } from '../workflow/directory.ts';
import { TIME_ZONE } from '../workflow/calendar.ts';

const dateFmt = new Intl.DateTimeFormat('et-EE', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFmt = new Intl.DateTimeFormat('et-EE', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function formatDate(date: Date): string {
  return dateFmt.format(date);
}

export function formatDateTime(date: Date, locale: Locale): string {
  return `${formatDate(date)} ${locale === 'et' ? 'kell' : 'at'} ${timeFmt.format(date)}`;
}

const EUROS = new Intl.NumberFormat('et-EE', { maximumFractionDigits: 0 });

/**
 * An amount as people read it here, in both languages: "1 250 000 €" — Estonian groups digits from
 * five on ("5000 €"). Web pages pass a no-break space so that an amount never breaks across lines. Written out by hand because the published site formats 20,000 amounts and
 * Intl takes microseconds each; test/i18n.test.ts holds it equal to Intl's et-EE.
 */
export function formatEuros(n: number, space = ' '): string {
  const r = Math.round(n);
  if (!(Math.abs(r) < 1e15) || Object.is(r, -0)) return `${EUROS.format(r).replace(/\u00a0/g, space)}${space}€`;
  const digits = String(Math.abs(r));
  let grouped = digits;
  if (digits.length >= 5) {
    grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
    for (let at = grouped.length; at < digits.length; at += 3) grouped += `${space}${digits.slice(at, at + 3)}`;
  }
  return `${r < 0 ? '\u2212' : ''}${grouped}${space}€`;
}
