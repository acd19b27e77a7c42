// The portfolio manager's desk in Slack (/portfell haldus), the submitter's JAH, KUI conditions
// checklist and the status request (/portfell staatus) — Block Kit messages whose buttons carry only
// ids; the selected values come from the message's state.
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import type { Directory, DomainId, Locale } from '../../workflow/directory.ts';
import { ITEM_STATUSES } from '../../workflow/transitions/portfolio.ts';
import { meetingTitle, type DeskMeeting, type DeskProposal, type PortfolioRow } from '../desk-data.ts';
import { button, section, type Block } from './blocks.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';

const plain = (text: string, max = 75) => ({ type: 'plain_text', text: clip(text, max), emoji: true });

export function deskBlocks(
  dir: Directory,
  locale: Locale,
  toSchedule: DeskProposal[],
  meetings: DeskMeeting[],
  notice?: string,
): Block[] {
  const blocks: Block[] = [
    section(`*${t(locale, 'desk.title')}*${notice ? `\n${escapeMrkdwn(notice)}` : ''}`),
    section(`*${t(locale, 'desk.toSchedule')}*`),
  ];
  if (!toSchedule.length) blocks.push(section(t(locale, 'desk.none')));
  for (const p of toSchedule.slice(0, 8)) {
    const options = meetings
      .filter((m) => m.domainId === p.domainId)
      .slice(0, 5)
      .map((m) => ({ text: plain(meetingTitle(dir, locale, m)), value: m.id }));
    blocks.push(section(`*${p.number}.* ${escapeMrkdwn(clip(p.title ?? '', 200))}`));
    if (options.length) {
      blocks.push({
        type: 'actions',
        block_id: `schedule_${p.id}`,
        elements: [
          {
            type: 'static_select',
            action_id: 'meeting',
            placeholder: plain(t(locale, 'desk.meeting')),
            options,
            initial_option: options[0],
          },
          button(t(locale, 'desk.schedule'), 'desk_schedule', p.id, 'primary'),
        ],
      });
    } else blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t(locale, 'desk.noMeeting') }] });
  }
  blocks.push(section(`*${t(locale, 'desk.meetings')}*`));
  for (const m of meetings.slice(0, 5)) {
    blocks.push(
      section(
        `*${escapeMrkdwn(meetingTitle(dir, locale, m))}* — ${t(locale, `desk.round.${m.round}` as MessageKey)}\n${m.items.map((i) => `${i.number}. ${escapeMrkdwn(clip(i.title ?? '', 90))} — ${t(locale, `stage.${i.status}` as MessageKey)}`).join('\n')}`,
      ),
    );
    const actions: Block[] = [
      button(t(locale, 'files.pack'), 'desk_file:pack', JSON.stringify({ kind: 'packDocx', meetingId: m.id })),
    ];
    if (m.round === 'none' && m.items.length)
      actions.push(button(t(locale, 'desk.openRound'), 'desk_open_round', m.id));
    if (m.round === 'open') actions.push(button(t(locale, 'desk.closeRound'), 'desk_close_round', m.id));
    for (const [k, i] of m.items
      .filter((x) => x.status === 'scheduled')
      .slice(0, 3)
      .entries())
      actions.push(button(`${t(locale, 'desk.openPoll')} ${i.number}`, `desk_open_poll:${k}`, i.proposalId));
    if (actions.length) blocks.push({ type: 'actions', elements: actions });
  }
  blocks.push(section(`*${t(locale, 'desk.newMeeting')}*`));
  blocks.push({
    type: 'actions',
    block_id: 'new_meeting',
    elements: [
      {
        type: 'static_select',
        action_id: 'domain',
        options: [...dir.domains.values()].map((d) => ({ text: plain(d.committeeName[locale]), value: d.id })),
        initial_option: { text: plain(dir.domains.get('social')!.committeeName[locale]), value: 'social' },
      },
      { type: 'datepicker', action_id: 'date', placeholder: plain(t(locale, 'desk.date')) },
      { type: 'timepicker', action_id: 'time', initial_time: '10:00' },
      button(t(locale, 'desk.createMeeting'), 'desk_create_meeting', 'new', 'primary'),
    ],
  });
  return blocks.slice(0, 50);
}

export function conditionsBlocks(
  locale: Locale,
  p: { id: string; number: number; title: string | null },
  conditions: { id: string; text: string; met: boolean }[],
): Block[] {
  const options = conditions.map((c) => ({
    text: { type: 'mrkdwn', text: escapeMrkdwn(clip(c.text, 150)) },
    value: c.id,
  }));
  const met = options.filter((o) => conditions.find((c) => c.id === o.value)?.met);
  return [
    section(
      `*${escapeMrkdwn(t(locale, 'conditions.title', { number: p.number }))}*\n*${escapeMrkdwn(p.title ?? '')}*\n${t(locale, 'conditions.intro')}`,
    ),
    {
      type: 'actions',
      block_id: 'conditions',
      elements: [
        {
          type: 'checkboxes',
          action_id: 'met',
          options: options.slice(0, 10),
          ...(met.length ? { initial_options: met.slice(0, 10) } : {}),
        },
      ],
    },
    {
      type: 'actions',
      elements: [
        button(t(locale, 'conditions.save'), 'conditions_save', p.id),
        button(t(locale, 'conditions.resubmit'), 'conditions_resubmit', p.id, 'primary'),
      ],
    },
  ];
}

export function statusBlocks(locale: Locale, rows: PortfolioRow[], notice?: string): Block[] {
  const blocks: Block[] = [section(`*${t(locale, 'status.title')}*${notice ? `\n${escapeMrkdwn(notice)}` : ''}`)];
  if (!rows.length) blocks.push(section(t(locale, 'desk.none')));
  for (const r of rows.slice(0, 10)) {
    const options = ITEM_STATUSES.map((s) => ({ text: plain(t(locale, `itemStatus.${s}` as MessageKey)), value: s }));
    blocks.push(section(`*${escapeMrkdwn(clip(r.title, 200))}* — ${r.startQuarter}–${r.endQuarter}, ${r.progress}%`));
    blocks.push({
      type: 'actions',
      block_id: `status_${r.id}`,
      elements: [
        {
          type: 'static_select',
          action_id: 'status',
          options,
          initial_option: options.find((o) => o.value === r.status) ?? options[0],
        },
        {
          type: 'static_select',
          action_id: 'progress',
          options: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((n) => ({
            text: plain(`${n}%`),
            value: String(n),
          })),
          initial_option: {
            text: plain(`${Math.round(r.progress / 10) * 10}%`),
            value: String(Math.round(r.progress / 10) * 10),
          },
        },
        button(t(locale, 'status.save'), 'status_save', r.id, 'primary'),
      ],
    });
  }
  return blocks.slice(0, 50);
}

export type { DomainId };
