// The roles a chat channel can have in the process: an institution's board, a domain's steering
// committee or its co-thinkers. The portfolio manager links each channel once, on either platform.
import { t } from '../i18n/catalogue.ts';
import type { Directory, Locale } from '../workflow/directory.ts';

export function channelTargets(dir: Directory, locale: Locale): { value: string; title: string }[] {
  return [
    ...[...dir.institutions.values()].map((i) => ({ value: `board:${i.id}`, title: t(locale, 'channel.board', { name: i.boardName[locale] }) })),
    ...[...dir.domains.values()].map((d) => ({ value: `committee:${d.id}`, title: t(locale, 'channel.committee', { name: d.committeeName[locale] }) })),
    ...[...dir.domains.values()].map((d) => ({ value: `coThinkers:${d.id}`, title: t(locale, 'channel.coThinkers', { name: d.name[locale] }) })),
  ];
}

