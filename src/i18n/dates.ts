// Dates as people read them here: Estonian format (25.11.2026, kell 14:00) in Europe/Tallinn.
import type { Locale } from '../workflow/directory.ts';
import { TIME_ZONE } from '../workflow/calendar.ts';

const dateFmt = new Intl.DateTimeFormat('et-EE', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('et-EE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function formatDate(date: Date): string {
  return dateFmt.format(date);
}

export function formatDateTime(date: Date, locale: Locale): string {
  return `${formatDate(date)} ${locale === 'et' ? 'kell' : 'at'} ${timeFmt.format(date)}`;
}

const EUROS = new Intl.NumberFormat('et-EE', { maximumFractionDigits: 0 });

/** An amount as people read it here, in both languages: "1 250 000 €". */
export function formatEuros(n: number): string {
  return `${EUROS.format(Math.round(n)).replace(/\u00a0/g, ' ')} €`;
}
