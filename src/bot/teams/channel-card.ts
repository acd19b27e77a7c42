// Linking a Teams channel to its role in the process: an institution's board, a domain's steering
// committee or its co-thinkers. The portfolio manager does it once per channel by @mentioning the bot.
import type { Directory, Locale } from '../../workflow/directory.ts';
import { card, execute, heading, text, tr, type Card } from './cards.ts';

export function channelTargets(dir: Directory, locale: Locale): { value: string; title: string }[] {
  return [
    ...[...dir.institutions.values()].map((i) => ({ value: `board:${i.id}`, title: tr(locale, 'channel.board', { name: i.boardName[locale] }) })),
    ...[...dir.domains.values()].map((d) => ({ value: `committee:${d.id}`, title: tr(locale, 'channel.committee', { name: d.committeeName[locale] }) })),
    ...[...dir.domains.values()].map((d) => ({ value: `coThinkers:${d.id}`, title: tr(locale, 'channel.coThinkers', { name: d.name[locale] }) })),
  ];
}

export function linkChannelCard(dir: Directory, locale: Locale): Card {
  return card(
    [
      heading(tr(locale, 'channel.linkTitle')),
      text(tr(locale, 'channel.linkIntro')),
      { type: 'Input.ChoiceSet', id: 'target', label: tr(locale, 'channel.linkFunction'), style: 'expanded', isMultiSelect: true, isRequired: true, errorMessage: tr(locale, 'field.required'), choices: channelTargets(dir, locale) },
    ],
    [execute(tr(locale, 'channel.link'), { action: 'channel.link' }, { style: 'positive' })],
  );
}
