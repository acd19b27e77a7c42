// Teams cards: the portfolio browsed with filters and pages and its roadmap picture; a card with a
// download link; the portfolio manager's files (publish, exports, minutes and the Delta number).
import type { MessageKey } from '../../i18n/catalogue.ts';
import { formatEuros } from '../../i18n/dates.ts';
import type { Directory, Locale } from '../../workflow/directory.ts';
import { ITEM_STATUSES } from '../../workflow/transitions/portfolio.ts';
import { meetingTitle, type PastMeeting } from '../desk-data.ts';
import type { PortfolioView } from '../portfolio-view.ts';
import type { Pictures } from '../downloads.ts';
import { actionSet, card, execute, facts, heading, text, tr, type Card, type Element } from './cards.ts';
import { escapeCardText } from './markdown.ts';

const openUrl = (title: string, url: string): Element => ({ type: 'Action.OpenUrl', title, url });
/** Euros never broken across lines (a narrow card wraps "1 602 000 €" otherwise). */
const euros = (n: number) => formatEuros(n, '\u00a0');

/** The portfolio; for the portfolio manager (`canPlan`) each item has a button to plan it. */
export function portfolioViewCard(
  dir: Directory,
  locale: Locale,
  v: PortfolioView,
  pictures: Pictures | null,
  canPlan = false,
): Card {
  const f = v.filter;
  const choice = (
    id: string,
    label: string,
    value: string | undefined,
    choices: { title: string; value: string }[],
  ): Element => ({
    type: 'Input.ChoiceSet',
    id,
    label,
    style: 'compact',
    value: value ?? 'all',
    choices: [{ title: tr(locale, 'portfolio.all'), value: 'all' }, ...choices],
  });
  const body: Element[] = [
    heading(tr(locale, 'portfolio.title', { count: v.total })),
    text(tr(locale, 'portfolio.summary', { total: euros(v.totalEur), page: v.page + 1, pages: v.pages }), {
      isSubtle: true,
    }),
    facts(
      ITEM_STATUSES.map((s) => ({
        label: tr(locale, `itemStatus.${s}` as MessageKey),
        value: String(v.counts[s] ?? 0),
      })),
    ),
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            choice(
              'domainId',
              tr(locale, 'portfolio.domain'),
              f.domainId,
              [...dir.domains.values()].map((d) => ({ title: d.name[locale], value: d.id })),
            ),
          ],
        },
        {
          type: 'Column',
          width: 'stretch',
          items: [
            choice(
              'institutionId',
              tr(locale, 'portfolio.institution'),
              f.institutionId,
              [...dir.institutions.values()].map((i) => ({ title: i.name[locale], value: i.id })),
            ),
          ],
        },
      ],
    },
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            choice(
              'status',
              tr(locale, 'portfolio.status'),
              f.status,
              ITEM_STATUSES.map((s) => ({ title: tr(locale, `itemStatus.${s}` as MessageKey), value: s })),
            ),
          ],
        },
        {
          type: 'Column',
          width: 'stretch',
          items: [
            {
              type: 'Input.Text',
              id: 'period',
              label: tr(locale, 'portfolio.period'),
              placeholder: '2027Q3 / 2028',
              value: f.period ?? '',
              maxLength: 8,
            },
          ],
        },
      ],
    },
    actionSet([execute(tr(locale, 'portfolio.filter'), { action: 'portfolio.filter' }, { style: 'positive' })]),
  ];
  // Where the manager was: the plan card's way back returns to this page with this filter.
  const filterData = {
    domainId: f.domainId ?? '',
    institutionId: f.institutionId ?? '',
    status: f.status ?? '',
    period: f.period ?? '',
  };
  if (pictures?.inline)
    body.push({
      type: 'Image',
      url: pictures.roadmap,
      altText: tr(locale, 'publish.roadmapAlt'),
      size: 'Stretch',
      selectAction: { type: 'Action.OpenUrl', url: pictures.roadmap },
    });
  if (v.rows.length === 0) body.push(text(tr(locale, 'desk.none'), { isSubtle: true }));
  for (const r of v.rows) {
    const about: Element[] = [
      text(`**${escapeCardText(r.title)}**`),
      text(
        `${escapeCardText(r.institution[locale])} · ${r.startQuarter}–${r.endQuarter} · ${tr(locale, `itemStatus.${r.status}` as MessageKey)} ${r.progress}% · ${euros(r.totalEur)}`,
        { isSubtle: true, spacing: 'None', size: 'Small' },
      ),
    ];
    body.push(
      canPlan
        ? {
            type: 'ColumnSet',
            separator: true,
            columns: [
              { type: 'Column', width: 'stretch', items: about },
              {
                type: 'Column',
                width: 'auto',
                verticalContentAlignment: 'Center',
                items: [
                  actionSet([
                    execute(tr(locale, 'plan.button'), {
                      action: 'portfolio.plan',
                      itemId: r.id,
                      page: v.page,
                      ...filterData,
                    }),
                  ]),
                ],
              },
            ],
          }
        : { type: 'Container', separator: true, items: about },
    );
  }
  const nav: Element[] = [];
  if (v.page > 0)
    nav.push(execute(tr(locale, 'button.back'), { action: 'portfolio.page', page: v.page - 1, ...filterData }));
  if (v.page + 1 < v.pages)
    nav.push(execute(tr(locale, 'button.next'), { action: 'portfolio.page', page: v.page + 1, ...filterData }));
  if (pictures)
    nav.push(
      openUrl(tr(locale, 'portfolio.roadmapPicture'), pictures.roadmap),
      openUrl(tr(locale, 'portfolio.moneyPicture'), pictures.money),
      openUrl(tr(locale, 'portfolio.peoplePicture'), pictures.people),
    );
  if (nav.length) body.push(actionSet(nav));
  return card(body);
}

export function linkCard(locale: Locale, title: string, url: string, note?: string): Card {
  return card(
    [
      heading(title),
      ...(note ? [text(note)] : []),
      text(tr(locale, 'files.expires'), { isSubtle: true, size: 'Small' }),
    ],
    [openUrl(tr(locale, 'files.open'), url)],
  );
}

/** The portfolio manager's files: publish, exports, and per past meeting the minutes and Delta number. */
export function filesSection(dir: Directory, locale: Locale, past: PastMeeting[]): Element[] {
  const out: Element[] = [
    text(tr(locale, 'files.title'), { weight: 'Bolder', spacing: 'Large' }),
    actionSet([
      execute(tr(locale, 'files.publish'), { action: 'manage.publish' }, { style: 'positive' }),
      execute(tr(locale, 'files.xlsx'), { action: 'manage.file', kind: 'portfolioXlsx' }),
      execute(tr(locale, 'files.csv'), { action: 'manage.file', kind: 'portfolioCsv' }),
    ]),
  ];
  if (past.length) out.push(text(tr(locale, 'files.pastMeetings'), { weight: 'Bolder' }));
  for (const m of past) {
    out.push({
      type: 'Container',
      separator: true,
      items: [
        text(
          `**${escapeCardText(meetingTitle(dir, locale, m))}**${m.deltaNumber ? ` — Delta ${escapeCardText(m.deltaNumber)}` : ''}`,
        ),
        {
          type: 'Input.Text',
          id: `delta_${m.id}`,
          label: tr(locale, 'minutes.delta'),
          value: m.deltaNumber ?? '',
          placeholder: '1.1-2/2027/15',
          maxLength: 100,
        },
        actionSet([
          execute(tr(locale, 'files.minutesDocx'), { action: 'manage.file', kind: 'minutesDocx', meetingId: m.id }),
          execute(tr(locale, 'files.minutesMd'), { action: 'manage.file', kind: 'minutesMd', meetingId: m.id }),
          execute(tr(locale, 'files.saveDelta'), { action: 'manage.delta', meetingId: m.id }),
        ]),
      ],
    });
  }
  return out;
}
