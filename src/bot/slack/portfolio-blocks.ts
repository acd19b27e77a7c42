// Slack Block Kit for /portfell: the portfolio with filters (domain, institution, status, period),
// pages within Block Kit's 50 blocks, the roadmap picture; and the portfolio manager's files on the
// desk (publish, exports, the minutes of past meetings and their Delta number).
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatEuros as euros } from '../../i18n/dates.ts';
import type { Directory, Locale } from '../../workflow/directory.ts';
import { ITEM_STATUSES } from '../../workflow/transitions/portfolio.ts';
import { meetingTitle, type PastMeeting } from '../desk-data.ts';
import type { PortfolioView } from '../portfolio-view.ts';
import type { Pictures } from '../downloads.ts';
import { button, section, type Block } from './blocks.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';

const plain = (text: string, max = 75) => ({ type: 'plain_text', text: clip(text, max), emoji: true });
/** A button that opens a link; Slack still reports the click, which `registerAcks` acknowledges. */
const linkButton = (text: string, url: string, id: string): Block => ({
  type: 'button',
  text: plain(text),
  url,
  action_id: `open_${id}`,
});

/** The portfolio; for the portfolio manager (`canPlan`) each item has a button to plan it. */
export function portfolioViewBlocks(
  dir: Directory,
  locale: Locale,
  v: PortfolioView,
  pictures: Pictures | null,
  canPlan = false,
): Block[] {
  const f = v.filter;
  const all = { text: plain(t(locale, 'portfolio.all')), value: 'all' };
  const select = (
    actionId: string,
    options: { text: ReturnType<typeof plain>; value: string }[],
    value: string | undefined,
  ) => ({
    type: 'static_select',
    action_id: actionId,
    options: [all, ...options],
    initial_option: [all, ...options].find((o) => o.value === value) ?? all,
  });
  const blocks: Block[] = [
    section(
      `*${t(locale, 'portfolio.title', { count: v.total })}* — ${t(locale, 'portfolio.summary', { total: euros(v.totalEur), page: v.page + 1, pages: v.pages })}\n${ITEM_STATUSES.map((s) => `${t(locale, `itemStatus.${s}` as MessageKey)}: ${v.counts[s] ?? 0}`).join(' · ')}`,
    ),
    {
      type: 'actions',
      block_id: 'portfolio_filter',
      elements: [
        select(
          'domain',
          [...dir.domains.values()].map((d) => ({ text: plain(d.name[locale]), value: d.id })),
          f.domainId,
        ),
        select(
          'institution',
          [...dir.institutions.values()].map((i) => ({ text: plain(i.name[locale]), value: i.id })),
          f.institutionId,
        ),
        select(
          'status',
          ITEM_STATUSES.map((s) => ({ text: plain(t(locale, `itemStatus.${s}` as MessageKey)), value: s })),
          f.status,
        ),
      ],
    },
    {
      type: 'input',
      block_id: 'portfolio_period',
      optional: true,
      label: plain(t(locale, 'portfolio.period')),
      element: {
        type: 'plain_text_input',
        action_id: 'period',
        max_length: 8,
        placeholder: plain('2027Q3 / 2028'),
        ...(f.period ? { initial_value: f.period } : {}),
      },
    },
    { type: 'actions', elements: [button(t(locale, 'portfolio.filter'), 'portfolio_filter', 'go', 'primary')] },
  ];
  if (pictures?.inline)
    blocks.push({ type: 'image', image_url: pictures.roadmap, alt_text: clip(t(locale, 'publish.roadmapAlt'), 2000) });
  if (v.rows.length === 0) blocks.push(section(t(locale, 'desk.none')));
  for (const r of v.rows) {
    const row = section(
      `*${escapeMrkdwn(clip(r.title, 300))}*\n${escapeMrkdwn(r.institution[locale])} · ${r.startQuarter}–${r.endQuarter} · ${t(locale, `itemStatus.${r.status}` as MessageKey)} ${r.progress}% · ${euros(r.totalEur)}`,
    );
    blocks.push(canPlan ? { ...row, accessory: button(t(locale, 'plan.button'), 'plan_open', r.id) } : row);
  }
  const state = { domainId: f.domainId, institutionId: f.institutionId, status: f.status, period: f.period };
  const nav: Block[] = [];
  if (v.page > 0)
    nav.push(button(t(locale, 'button.back'), 'portfolio_page:back', JSON.stringify({ ...state, page: v.page - 1 })));
  if (v.page + 1 < v.pages)
    nav.push(button(t(locale, 'button.next'), 'portfolio_page:next', JSON.stringify({ ...state, page: v.page + 1 })));
  if (pictures)
    nav.push(
      linkButton(t(locale, 'portfolio.roadmapPicture'), pictures.roadmap, 'roadmap'),
      linkButton(t(locale, 'portfolio.moneyPicture'), pictures.money, 'money'),
      linkButton(t(locale, 'portfolio.peoplePicture'), pictures.people, 'people'),
    );
  if (nav.length) blocks.push({ type: 'actions', elements: nav });
  return blocks;
}

export function filesBlocks(dir: Directory, locale: Locale, past: PastMeeting[]): Block[] {
  const blocks: Block[] = [
    section(`*${t(locale, 'files.title')}*`),
    {
      type: 'actions',
      elements: [
        button(t(locale, 'files.publish'), 'desk_publish', 'go', 'primary'),
        button(t(locale, 'files.xlsx'), 'desk_file:xlsx', JSON.stringify({ kind: 'portfolioXlsx' })),
        button(t(locale, 'files.csv'), 'desk_file:csv', JSON.stringify({ kind: 'portfolioCsv' })),
      ],
    },
  ];
  for (const m of past.slice(0, 4)) {
    blocks.push(
      section(
        `*${escapeMrkdwn(meetingTitle(dir, locale, m))}*${m.deltaNumber ? ` — Delta ${escapeMrkdwn(m.deltaNumber)}` : ''}`,
      ),
    );
    blocks.push({
      type: 'input',
      block_id: `delta_${m.id}`,
      optional: true,
      label: plain(t(locale, 'minutes.delta')),
      element: {
        type: 'plain_text_input',
        action_id: 'delta',
        max_length: 100,
        ...(m.deltaNumber ? { initial_value: m.deltaNumber } : {}),
      },
    });
    blocks.push({
      type: 'actions',
      elements: [
        button(
          t(locale, 'files.minutesDocx'),
          'desk_file:docx',
          JSON.stringify({ kind: 'minutesDocx', meetingId: m.id }),
        ),
        button(t(locale, 'files.minutesMd'), 'desk_file:md', JSON.stringify({ kind: 'minutesMd', meetingId: m.id })),
        button(t(locale, 'files.saveDelta'), 'desk_delta', m.id),
      ],
    });
  }
  return blocks;
}

/** An ephemeral answer with the link to open. */
export function linkBlocks(locale: Locale, title: string, url: string): Block[] {
  return [
    section(`*${escapeMrkdwn(title)}*\n${t(locale, 'files.expires')}`),
    { type: 'actions', elements: [linkButton(t(locale, 'files.open'), url, 'file')] },
  ];
}
