// The portfolio manager's desk in a personal chat ("haldus"): proposals to put on an agenda,
// upcoming meetings with their co-thinker round and polls, a new meeting; the agenda with the
// co-thinkers' summary; the portfolio summary ("portfell"); status requests ("staatus").
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { Directory, Locale } from '../../workflow/directory.ts';
import { ITEM_STATUSES } from '../../workflow/transitions/portfolio.ts';
import { RECOMMENDATIONS } from '../../workflow/transitions/committee.ts';
import { actionSet, card, execute, facts, heading, text, tr, type Card, type Element } from './cards.ts';
import { escapeCardText } from './markdown.ts';
import { meetingTitle, type DeskMeeting, type DeskProposal, type PortfolioRow } from '../desk-data.ts';
export { meetingTitle };
import { shorten } from '../views.ts';

/** What one desk card shows at most, to stay within Teams' 28 KB card size. */
const DESK = { proposals: 8, meetings: 5, meetingOptions: 5, title: 90 } as const;

export function managerCard(
  dir: Directory,
  locale: Locale,
  toSchedule: DeskProposal[],
  meetings: DeskMeeting[],
  notice?: string,
): Card {
  const body: Element[] = [heading(tr(locale, 'desk.title'))];
  if (notice) body.push(text(notice, { color: 'Good', weight: 'Bolder' }));
  body.push(text(tr(locale, 'desk.toSchedule'), { weight: 'Bolder', spacing: 'Large' }));
  if (toSchedule.length === 0) body.push(text(tr(locale, 'desk.none'), { isSubtle: true }));
  for (const p of toSchedule.slice(0, DESK.proposals)) {
    const options = meetings.filter((m) => m.domainId === p.domainId).slice(0, DESK.meetingOptions);
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(
          `**${p.number}. ${escapeCardText(shorten(locale, p.title ?? '', DESK.title))}** — ${dir.domains.get(p.domainId)?.name[locale] ?? ''}${p.priority ? `, ${tr(locale, 'board.priority')}: ${p.priority}` : ''}`,
        ),
        options.length
          ? {
              type: 'Input.ChoiceSet',
              id: `meeting_${p.id}`,
              label: tr(locale, 'desk.meeting'),
              style: 'compact',
              value: options[0]!.id,
              choices: options.map((m) => ({ title: meetingTitle(dir, locale, m), value: m.id })),
            }
          : text(tr(locale, 'desk.noMeeting'), { isSubtle: true }),
        ...(options.length
          ? [actionSet([execute(tr(locale, 'desk.schedule'), { action: 'manage.schedule', proposalId: p.id })])]
          : []),
      ],
    });
  }
  if (toSchedule.length > DESK.proposals)
    body.push(text(tr(locale, 'desk.more', { count: toSchedule.length - DESK.proposals }), { isSubtle: true }));
  body.push(text(tr(locale, 'desk.meetings'), { weight: 'Bolder', spacing: 'Large' }));
  if (meetings.length === 0) body.push(text(tr(locale, 'desk.none'), { isSubtle: true }));
  for (const m of meetings.slice(0, DESK.meetings)) {
    const actions: Element[] = [
      execute(tr(locale, 'desk.agenda'), { action: 'manage.agenda', meetingId: m.id }),
      execute(tr(locale, 'files.pack'), { action: 'manage.file', kind: 'packDocx', meetingId: m.id }),
    ];
    if (m.round === 'none' && m.items.length)
      actions.push(execute(tr(locale, 'desk.openRound'), { action: 'manage.openRound', meetingId: m.id }));
    if (m.round === 'open')
      actions.push(execute(tr(locale, 'desk.closeRound'), { action: 'manage.closeRound', meetingId: m.id }));
    const items = m.items.map((i) => ({
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            text(
              `${i.number}. ${escapeCardText(shorten(locale, i.title ?? '', DESK.title))} — ${tr(locale, `stage.${i.status}` as MessageKey)}`,
            ),
          ],
        },
        ...(i.status === 'scheduled'
          ? [
              {
                type: 'Column',
                width: 'auto',
                items: [
                  actionSet([
                    execute(tr(locale, 'desk.openPoll'), { action: 'manage.openPoll', proposalId: i.proposalId }),
                  ]),
                ],
              },
            ]
          : []),
      ],
    }));
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(
          `**${escapeCardText(meetingTitle(dir, locale, m))}** — ${tr(locale, `desk.round.${m.round}` as MessageKey)}`,
        ),
        ...items,
        actionSet(actions),
      ],
    });
  }
  body.push(text(tr(locale, 'desk.newMeeting'), { weight: 'Bolder', spacing: 'Large' }));
  body.push({
    type: 'Input.ChoiceSet',
    id: 'domainId',
    label: tr(locale, 'desk.domain'),
    style: 'compact',
    value: 'social',
    choices: [...dir.domains.values()].map((d) => ({ title: d.committeeName[locale], value: d.id })),
  });
  body.push({ type: 'Input.Date', id: 'date', label: tr(locale, 'desk.date') });
  body.push({ type: 'Input.Time', id: 'time', label: tr(locale, 'desk.time'), value: '10:00' });
  body.push({
    type: 'Input.Toggle',
    id: 'extraordinary',
    title: tr(locale, 'desk.extraordinary'),
    value: 'false',
    valueOn: 'true',
    valueOff: 'false',
  });
  body.push(
    actionSet([execute(tr(locale, 'desk.createMeeting'), { action: 'manage.createMeeting' }, { style: 'positive' })]),
  );
  return card(body);
}

export interface AgendaItemView {
  number: number;
  title: string | null;
  status: string;
  priority: number | null;
  counts: Record<string, number>;
  notAnswered: string[];
  arguments: string[];
}

export function agendaCard(locale: Locale, title: string, items: AgendaItemView[]): Card {
  const body: Element[] = [heading(tr(locale, 'desk.agendaTitle', { meeting: title }))];
  for (const i of items) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(
          `**${i.number}. ${escapeCardText(i.title ?? '')}** — ${tr(locale, `stage.${i.status}` as MessageKey)}${i.priority ? ` · ${tr(locale, 'board.priority')}: ${i.priority}` : ''}`,
        ),
        facts(
          RECOMMENDATIONS.map((r) => ({
            label: tr(locale, `recommendation.${r}` as MessageKey),
            value: String(i.counts[r] ?? 0),
          })),
        ),
        ...i.arguments.slice(0, 10).map((a) => text(`— ${escapeCardText(a)}`, { spacing: 'Small', size: 'Small' })),
        ...(i.notAnswered.length
          ? [
              text(tr(locale, 'opinion.notAnswered', { names: i.notAnswered.join(', ') }), {
                isSubtle: true,
                size: 'Small',
              }),
            ]
          : []),
      ],
    });
  }
  if (items.length === 0) body.push(text(tr(locale, 'desk.none'), { isSubtle: true }));
  return card(body);
}

export function statusRequestCard(locale: Locale, rows: PortfolioRow[], notice?: string): Card {
  const body: Element[] = [heading(tr(locale, 'status.title'))];
  if (notice) body.push(text(notice, { color: 'Good', weight: 'Bolder' }));
  if (rows.length === 0) body.push(text(tr(locale, 'desk.none'), { isSubtle: true }));
  for (const r of rows.slice(0, 10)) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(`**${escapeCardText(r.title)}** — ${r.startQuarter}–${r.endQuarter}`),
        {
          type: 'Input.ChoiceSet',
          id: `status_${r.id}`,
          label: tr(locale, 'status.status'),
          style: 'compact',
          value: r.status,
          choices: ITEM_STATUSES.map((s) => ({ title: tr(locale, `itemStatus.${s}` as MessageKey), value: s })),
        },
        {
          type: 'Input.Number',
          id: `progress_${r.id}`,
          label: tr(locale, 'status.progress'),
          min: 0,
          max: 100,
          value: r.progress,
        },
        { type: 'Input.Text', id: `note_${r.id}`, label: tr(locale, 'status.note'), maxLength: 2000 },
        actionSet([execute(tr(locale, 'status.save'), { action: 'item.status', itemId: r.id }, { style: 'positive' })]),
      ],
    });
  }
  return card(body);
}
