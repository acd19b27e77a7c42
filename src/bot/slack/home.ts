// Slack's App Home: the same "waiting for me" and "my proposals" views as the chat's, with their
// buttons (src/bot/flows/conversation.ts, proposals.ts), then the meetings ahead and the portfolio in
// numbers; the start buttons at the top. Built from neutral views and rendered once (src/bot/slack/render.ts).
import type { HomeView } from '@slack/types';
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import type { DomainId } from '../../workflow/directory.ts';
import { ITEM_STATUSES } from '../../workflow/transitions/portfolio.ts';
import type { FlowContext } from '../conversation/flow.ts';
import { buttons, divider, heading, text, type Part, type View } from '../conversation/view.ts';
import { startButtons, waitingView } from '../flows/conversation.ts';
import { myProposalsView } from '../flows/proposals.ts';
import { renderHome } from './render.ts';

/** The Home tab's content as a neutral view. */
export async function homeContent(ctx: FlowContext): Promise<View> {
  const { dir, person } = ctx;
  const locale = person.locale;
  const [waiting, mine, calendar, items] = await Promise.all([
    waitingView(ctx),
    ctx.queries.myProposals(person.id),
    ctx.queries.calendar(person.id, ctx.now()),
    ctx.queries.portfolio(person.id),
  ]);
  const meetings = calendar.meetings
    .slice(0, 5)
    .map((m) => `${formatDate(m.startsAt)} — ${dir.domains.get(m.domainId as DomainId)?.committeeName[locale] ?? ''}`);
  const counts = ITEM_STATUSES.map(
    (s) => `${t(locale, `itemStatus.${s}` as MessageKey)}: ${items.filter((i) => i.status === s).length}`,
  ).join(' · ');
  const parts: Part[] = [
    heading(t(locale, 'app.name')),
    // Where to start; "waiting for me" is this page itself.
    buttons(startButtons(dir, person.id, locale).filter((b) => b.action !== 'waiting')),
    divider,
    // About a dozen rows of what waits, so that the rest of the page fits Slack's 100 blocks.
    ...(waiting.parts.length > 40
      ? [...waiting.parts.slice(0, 40), text(t(locale, 'conversation.waiting.more'))]
      : waiting.parts),
    divider,
    ...myProposalsView(dir, locale, mine).parts,
    divider,
    heading(t(locale, 'slack.deadlines')),
    text(meetings.join('\n') || t(locale, 'review.home.noMeetings')),
    text(t(locale, 'portfolio.title', { count: items.length }), { strong: true }),
    text(counts, { subtle: true }),
  ];
  return { title: t(locale, 'app.name'), parts };
}

/** The Home tab as Slack publishes it. */
export async function homeView(ctx: FlowContext): Promise<HomeView> {
  return renderHome(await homeContent(ctx));
}
