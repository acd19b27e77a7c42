// Slack Block Kit for the committee calendar (/portfell kalender) and absence (/portfell asendaja):
// the same content as the Teams cards, as ephemeral messages whose buttons carry only ids; the
// chosen dates, times, people and texts come from the message's state.
import type { MessageKey } from '../../i18n/catalogue.ts';
import { t } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import { DEFAULT_MEETING_RULE } from '../../workflow/calendar.ts';
import type { Directory, Locale, Person } from '../../workflow/directory.ts';
import { meetingDates, pickerValues, type CalendarData, type SubstitutionData } from '../calendar-data.ts';
import { meetingTitle } from '../desk-data.ts';
import { button, section, type Block } from './blocks.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';

/** Clips escaped text without cutting an entity (&amp;) in half. */
const clipEscaped = (s: string, max: number) => clip(s, max).replace(/&[a-z]{0,4}…$/, '…');
const plain = (text: string, max = 75) => ({ type: 'plain_text', text: clip(text, max), emoji: true });
const head = (title: string, notice?: string) =>
  section(`*${escapeMrkdwn(title)}*${notice ? `\n${escapeMrkdwn(notice)}` : ''}`);

function ruleText(dir: Directory, locale: Locale): string {
  const r = dir.calendar?.meetingRule ?? DEFAULT_MEETING_RULE;
  return t(locale, r.week === 5 ? 'calendar.ruleLast' : 'calendar.rule', {
    month: r.month,
    week: r.week,
    weekday: t(locale, `weekday.${r.weekday}` as MessageKey),
    time: r.time,
  });
}

export function calendarBlocks(dir: Directory, locale: Locale, data: CalendarData, notice?: string): Block[] {
  const blocks: Block[] = [
    head(t(locale, 'calendar.title'), notice),
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(ruleText(dir, locale)) }] },
  ];
  if (data.meetings.length === 0) blocks.push(section(t(locale, 'calendar.none')));
  for (const m of data.meetings.slice(0, 8)) {
    const dates = meetingDates(dir, locale, m.startsAt)
      .map((x) => `${x.label}: ${x.value}`)
      .join(' · ');
    blocks.push(section(`*${escapeMrkdwn(meetingTitle(dir, locale, m))}*\n${escapeMrkdwn(dates)}`));
    if (data.isManager) {
      const at = pickerValues(m.startsAt);
      blocks.push({
        type: 'actions',
        block_id: `move_${m.id}`,
        elements: [
          { type: 'datepicker', action_id: 'date', initial_date: at.date, placeholder: plain(t(locale, 'desk.date')) },
          { type: 'timepicker', action_id: 'time', initial_time: at.time },
          button(t(locale, 'calendar.move'), 'calendar_move', m.id),
        ],
      });
    }
  }
  if (data.isManager) {
    blocks.push({
      type: 'actions',
      elements: [...dir.domains.values()].map((d) =>
        button(clip(t(locale, 'calendar.plan', { domain: d.name[locale] }), 75), `calendar_plan:${d.id}`, d.id),
      ),
    });
    if (data.requests.length) blocks.push(section(`*${t(locale, 'calendar.requests')}*`));
    for (const r of data.requests) {
      blocks.push(
        section(
          clipEscaped(
            escapeMrkdwn(
              t(locale, 'calendar.requestedBy', {
                person: dir.people.get(r.requestedById)?.name ?? r.requestedById,
                committee: dir.domains.get(r.domainId)?.committeeName[locale] ?? r.domainId,
                reason: r.reason,
              }),
            ),
            2900,
          ),
        ),
      );
      blocks.push({
        type: 'actions',
        block_id: `accept_${r.id}`,
        elements: [
          { type: 'datepicker', action_id: 'date', placeholder: plain(t(locale, 'desk.date')) },
          { type: 'timepicker', action_id: 'time', initial_time: '10:00' },
          button(t(locale, 'calendar.accept'), 'calendar_accept', r.id, 'primary'),
        ],
      });
    }
  }
  if (data.memberOf.length) {
    const options = data.memberOf.map((d) => ({ text: plain(dir.domains.get(d)!.committeeName[locale]), value: d }));
    blocks.push(section(`*${t(locale, 'calendar.requestTitle')}*`));
    blocks.push({
      type: 'input',
      block_id: 'request_reason',
      optional: true,
      label: plain(t(locale, 'calendar.reason')),
      element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 2000 },
    });
    blocks.push({
      type: 'actions',
      block_id: 'request',
      elements: [
        { type: 'static_select', action_id: 'domain', options, initial_option: options[0] },
        button(t(locale, 'calendar.request'), 'calendar_request', 'new'),
      ],
    });
  }
  return blocks.slice(0, 50);
}

/** What was picked in the form when it was refused: it comes back so. */
export interface SubstitutePicked {
  userId: string | null;
  from: string | null;
  until: string | null;
}

export function substituteBlocks(
  dir: Directory,
  person: Person,
  data: SubstitutionData,
  today: string,
  notice?: string,
  picked?: SubstitutePicked,
): Block[] {
  const locale = person.locale;
  const name = (id: string) => escapeMrkdwn(dir.people.get(id)?.name ?? id);
  const blocks: Block[] = [
    head(t(locale, 'substitution.title'), notice),
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t(locale, 'substitution.intro')) }] },
  ];
  for (const s of data.mine.slice(0, 10)) {
    blocks.push({
      ...section(
        t(locale, 'substitution.mine', {
          person: name(s.substituteId),
          from: formatDate(s.from),
          until: formatDate(s.until),
        }),
      ),
      accessory: button(t(locale, 'substitution.cancel'), 'substitute_cancel', s.id, 'danger'),
    });
  }
  for (const s of data.standingIn.slice(0, 10))
    blocks.push(
      section(
        t(locale, 'substitution.standingIn', {
          person: name(s.absentId),
          from: formatDate(s.from),
          until: formatDate(s.until),
        }),
      ),
    );
  blocks.push({
    type: 'actions',
    block_id: 'substitute',
    elements: [
      {
        type: 'users_select',
        action_id: 'who',
        placeholder: plain(t(locale, 'label.substituteId')),
        ...(picked?.userId ? { initial_user: picked.userId } : {}),
      },
      {
        type: 'datepicker',
        action_id: 'from',
        ...(picked ? (picked.from ? { initial_date: picked.from } : {}) : { initial_date: today }),
        placeholder: plain(t(locale, 'label.from')),
      },
      {
        type: 'datepicker',
        action_id: 'until',
        ...(picked?.until ? { initial_date: picked.until } : {}),
        placeholder: plain(t(locale, 'label.until')),
      },
      button(t(locale, 'substitution.set'), 'substitute_set', 'new', 'primary'),
    ],
  });
  return blocks;
}
