// Slack's App Home: the person's proposals and what waits for them.
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import type { Directory, DomainId, Locale } from '../../workflow/directory.ts';
import { formatDate } from '../../i18n/dates.ts';
import { ITEM_STATUSES } from '../../workflow/transitions/portfolio.ts';
import type { Queries } from '../../engine/queries.ts';
import { button, section, type Block } from './blocks.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';

/**
 * The App Home: what waits for the person (with buttons to act right there), upcoming deadlines,
 * their proposals and the portfolio in numbers.
 */
export async function homeView(
  queries: Queries,
  dir: Directory,
  personId: string,
  locale: Locale,
  now: Date,
): Promise<Block> {
  const mine = await queries.myProposals(personId);
  const waiting = await queries.waitingFor(personId);
  const line = (p: { number: number; title: string | null; status: string }) =>
    `*${p.number}.* ${escapeMrkdwn(clip(p.title ?? '—', 150))} — ${t(locale, `stage.${p.status}` as MessageKey)}`;
  const act = (
    p: { proposalId: string; number: number; title: string | null; status: string },
    text: string,
    actionId: string,
  ): Block => ({ ...section(line(p)), accessory: button(text, actionId, p.proposalId, 'primary') });
  const waitingBlocks: Block[] = [
    ...waiting.agreements.map((p) => act(p, t(locale, 'button.agree'), 'home_agree')),
    ...waiting.boardDecisions.map((p) => act(p, t(locale, 'slack.decide'), 'home_board')),
    ...waiting.opinions.map((p) => act(p, t(locale, 'opinion.give'), 'opinion_open')),
    ...waiting.votes.map((p) => section(`${line(p)} — ${t(locale, 'slack.voteInChannel')}`)),
    ...waiting.myDrafts.map((p) => section(line(p))),
  ].slice(0, 20);
  const deadlines = [
    ...waiting.opinions.map(
      (o) =>
        `${formatDate(o.dueAt)} — ${t(locale, 'reminder.opinion', { number: o.number, title: escapeMrkdwn(o.title ?? ''), due: formatDate(o.dueAt) }).replace(/^• /, '')}`,
    ),
    ...(await queries.calendar(personId, now)).meetings
      .slice(0, 5)
      .map(
        (m) =>
          `${formatDate(m.startsAt)} — ${escapeMrkdwn(dir.domains.get(m.domainId as DomainId)?.committeeName[locale] ?? m.domainId)}`,
      ),
  ];
  const items = await queries.portfolio(personId);
  const counts = ITEM_STATUSES.map(
    (s) => `${t(locale, `itemStatus.${s}` as MessageKey)}: ${items.filter((i) => i.status === s).length}`,
  ).join(' · ');
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: t(locale, 'app.name') } },
    { type: 'actions', elements: [button(t(locale, 'button.newIdea'), 'open_form', 'new', 'primary')] },
    section(`*${t(locale, 'slack.waiting')}*${waitingBlocks.length ? '' : `\n${t(locale, 'desk.none')}`}`),
    ...waitingBlocks,
    { type: 'divider' },
    section(`*${t(locale, 'slack.deadlines')}*\n${deadlines.join('\n') || t(locale, 'desk.none')}`),
    section(
      `*${t(locale, 'myProposals.title')}*\n${
        mine
          .slice(0, 25)
          .map((p) => `• ${line(p)}`)
          .join('\n') || t(locale, 'myProposals.empty')
      }`,
    ),
    section(`*${t(locale, 'portfolio.title', { count: items.length })}*\n${counts}`),
  ];
  return { type: 'home', blocks };
}
