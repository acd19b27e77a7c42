// What the portfolio manager's desk and the status request show; shared by the Teams and Slack
// renderers. The data comes from the engine's queries (src/engine/queries.ts), which decide who may read it.
import { t } from '../i18n/catalogue.ts';
import { formatDate } from '../i18n/dates.ts';
import type { Directory, DomainId, Locale } from '../workflow/directory.ts';

export type { DeskMeeting, DeskProposal, PastMeeting, PortfolioRow } from '../engine/queries.ts';

export function meetingTitle(
  dir: Directory,
  locale: Locale,
  m: { domainId: DomainId; startsAt: Date; extraordinary: boolean },
): string {
  return `${dir.domains.get(m.domainId)?.committeeName[locale] ?? m.domainId} ${formatDate(m.startsAt)}${m.extraordinary ? ` (${t(locale, 'desk.extraordinaryShort')})` : ''}`;
}
