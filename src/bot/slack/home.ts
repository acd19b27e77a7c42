// Slack's App Home (the person's proposals and what waits for them) and /portfell (the portfolio,
// paged so that even 500 items stay within Block Kit's 50 blocks per message).
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import type { Locale } from '../../workflow/directory.ts';
import type { Queries } from '../../engine/queries.ts';
import { button, section, type Block } from './blocks.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

export const PORTFOLIO_PAGE = 20;

export async function homeView(queries: Queries, personId: string, locale: Locale): Promise<Block> {
  const mine = await queries.myProposals(personId);
  const waiting = await queries.waitingFor(personId);
  const line = (p: { number: number; title: string | null; status: string }) =>
    `• *${p.number}.* ${escapeMrkdwn(p.title ?? '—')} — ${t(locale, `stage.${p.status}` as MessageKey)}`;
  const waitingLines = [...waiting.agreements, ...waiting.boardDecisions, ...waiting.toSchedule].map(line);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: t(locale, 'app.name') } },
    { type: 'actions', elements: [button(t(locale, 'button.newIdea'), 'open_form', 'new', 'primary')] },
    section(`*${t(locale, 'slack.waiting')}*\n${waitingLines.slice(0, 30).join('\n') || t(locale, 'desk.none')}`),
    section(`*${t(locale, 'myProposals.title')}*\n${mine.slice(0, 30).map(line).join('\n') || t(locale, 'myProposals.empty')}`),
  ];
  return { type: 'home', blocks };
}

export async function portfolioBlocks(queries: Queries, locale: Locale, page: number): Promise<Block[]> {
  const rows = await queries.portfolio();
  const pages = Math.max(1, Math.ceil(rows.length / PORTFOLIO_PAGE));
  const current = Math.min(Math.max(page, 0), pages - 1);
  const slice = rows.slice(current * PORTFOLIO_PAGE, (current + 1) * PORTFOLIO_PAGE);
  const blocks: Block[] = [
    section(`*${t(locale, 'portfolio.title', { count: rows.length })}* — ${t(locale, 'slack.page', { page: current + 1, pages })}`),
    ...slice.map((r) => section(`*${escapeMrkdwn(r.title)}* — ${r.institutionId}, ${r.startQuarter}–${r.endQuarter}, ${t(locale, `itemStatus.${r.status}` as MessageKey)} ${r.progress}%`)),
  ];
  const nav: Block[] = [];
  if (current > 0) nav.push(button(t(locale, 'button.back'), 'portfolio_page', String(current - 1)));
  if (current + 1 < pages) nav.push(button(t(locale, 'button.next'), 'portfolio_page', String(current + 1)));
  if (nav.length) blocks.push({ type: 'actions', elements: nav });
  return blocks;
}
