// The roles a chat channel can have in the process: an institution's board, a domain's steering
// committee or its co-thinkers. The portfolio manager links each channel once, on either platform.
import { t } from '../i18n/catalogue.ts';
import type { Directory, DomainId, Locale } from '../workflow/directory.ts';
import { channelRoles } from '../workflow/transitions/channels.ts';

/** The channel roles of src/workflow/transitions/channels.ts with their names in the reader's language. */
export function channelTargets(dir: Directory, locale: Locale): { value: string; title: string }[] {
  return channelRoles(dir).map((value) => {
    const [kind, id] = value.split(':') as [string, string];
    if (kind === 'board')
      return { value, title: t(locale, 'channel.board', { name: dir.institutions.get(id)!.boardName[locale] }) };
    const d = dir.domains.get(id as DomainId)!;
    return {
      value,
      title:
        kind === 'committee'
          ? t(locale, 'channel.committee', { name: d.committeeName[locale] })
          : t(locale, 'channel.coThinkers', { name: d.name[locale] }),
    };
  });
}
