// Linking a Teams channel to its role in the process: an institution's board, a domain's steering
// committee or its co-thinkers. The portfolio manager does it once per channel by @mentioning the bot.
import type { Directory, Locale } from '../../workflow/directory.ts';
import { card, execute, heading, text, tr, type Card } from './cards.ts';
import { channelTargets } from '../channel-targets.ts';

export function linkChannelCard(dir: Directory, locale: Locale): Card {
  return card(
    [
      heading(tr(locale, 'channel.linkTitle')),
      text(tr(locale, 'channel.linkIntro')),
      {
        type: 'Input.ChoiceSet',
        id: 'target',
        label: tr(locale, 'channel.linkFunction'),
        style: 'expanded',
        isMultiSelect: true,
        isRequired: true,
        errorMessage: tr(locale, 'field.required'),
        choices: channelTargets(dir, locale),
      },
    ],
    [execute(tr(locale, 'channel.link'), { action: 'channel.link' }, { style: 'positive' })],
  );
}
