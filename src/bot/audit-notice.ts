// What a portfolio manager is told when the audit chain is found broken (at start-up or in the daily
// check): what is wrong, what to do next and when it was checked, in their language. Platform-neutral;
// notices.ts turns it into a view both platforms render.
import { t } from '../i18n/catalogue.ts';
import { formatDateTime } from '../i18n/dates.ts';
import { chainProblemText } from '../engine/audit-check.ts';
import type { ChainProblem } from '../workflow/audit-chain.ts';
import type { Locale } from '../workflow/directory.ts';

export interface AuditNotice {
  title: string;
  what: string;
  next: string;
  checked: string;
}

export function auditNotice(locale: Locale, payload: { problem: ChainProblem; checkedAt: string }): AuditNotice {
  return {
    title: t(locale, 'audit.broken.title'),
    what: chainProblemText(locale, payload.problem),
    next: t(locale, 'audit.broken.next'),
    checked: t(locale, 'audit.broken.checked', { date: formatDateTime(new Date(payload.checkedAt), locale) }),
  };
}
