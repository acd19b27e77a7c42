// Teams cards for the committee calendar (every meeting with the dates counted back from it; the
// portfolio manager moves meetings, adds the default ones and accepts extraordinary requests; a
// committee member proposes an extraordinary meeting) and for naming a substitute.
import type { MessageKey } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import { DEFAULT_MEETING_RULE } from '../../workflow/calendar.ts';
import type { Directory, Locale, Person } from '../../workflow/directory.ts';
import {
  meetingDates,
  pickerValues,
  SUBSTITUTE_CHOICES,
  substituteCandidates,
  type CalendarData,
  type SubstitutionData,
} from '../calendar-data.ts';
import { meetingTitle } from '../desk-data.ts';
import { actionSet, card, execute, facts, heading, text, tr, type Card, type Element } from './cards.ts';
import { escapeCardText } from './markdown.ts';
import type { FieldError } from '../../workflow/refusal.ts';

const notice = (value: string | undefined, bad = false): Element[] =>
  value ? [text(value, { color: bad ? 'Attention' : 'Good', weight: 'Bolder' })] : [];

export function ruleText(dir: Directory, locale: Locale): string {
  const r = dir.calendar?.meetingRule ?? DEFAULT_MEETING_RULE;
  const params = {
    month: r.month,
    week: r.week,
    weekday: tr(locale, `weekday.${r.weekday}` as MessageKey),
    time: r.time,
  };
  return tr(locale, r.week === 5 ? 'calendar.ruleLast' : 'calendar.rule', params);
}

export function calendarCard(
  dir: Directory,
  locale: Locale,
  data: CalendarData,
  message?: { text: string; bad?: boolean },
): Card {
  const body: Element[] = [
    heading(tr(locale, 'calendar.title')),
    ...notice(message?.text, message?.bad),
    text(ruleText(dir, locale), { isSubtle: true, size: 'Small' }),
  ];
  if (data.meetings.length === 0) body.push(text(tr(locale, 'calendar.none'), { isSubtle: true }));
  for (const m of data.meetings.slice(0, 8)) {
    const items: Element[] = [
      text(`**${escapeCardText(meetingTitle(dir, locale, m))}**`),
      facts(meetingDates(dir, locale, m.startsAt)),
    ];
    if (data.isManager) {
      const at = pickerValues(m.startsAt);
      items.push({
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            items: [{ type: 'Input.Date', id: `date_${m.id}`, label: tr(locale, 'desk.date'), value: at.date }],
          },
          {
            type: 'Column',
            width: 'stretch',
            items: [{ type: 'Input.Time', id: `time_${m.id}`, label: tr(locale, 'desk.time'), value: at.time }],
          },
        ],
      });
      items.push(actionSet([execute(tr(locale, 'calendar.move'), { action: 'calendar.move', meetingId: m.id })]));
    }
    body.push({ type: 'Container', separator: true, items });
  }
  if (data.isManager) {
    body.push(
      actionSet(
        [...dir.domains.values()].map((d) =>
          execute(tr(locale, 'calendar.plan', { domain: d.name[locale] }), { action: 'calendar.plan', domainId: d.id }),
        ),
      ),
    );
    if (data.requests.length) body.push(text(tr(locale, 'calendar.requests'), { weight: 'Bolder', spacing: 'Large' }));
    for (const r of data.requests) {
      body.push({
        type: 'Container',
        separator: true,
        items: [
          text(
            escapeCardText(
              tr(locale, 'calendar.requestedBy', {
                person: dir.people.get(r.requestedById)?.name ?? r.requestedById,
                committee: dir.domains.get(r.domainId)?.committeeName[locale] ?? r.domainId,
                reason: r.reason,
              }),
            ),
          ),
          {
            type: 'ColumnSet',
            columns: [
              {
                type: 'Column',
                width: 'stretch',
                items: [{ type: 'Input.Date', id: `date_${r.id}`, label: tr(locale, 'desk.date') }],
              },
              {
                type: 'Column',
                width: 'stretch',
                items: [{ type: 'Input.Time', id: `time_${r.id}`, label: tr(locale, 'desk.time'), value: '10:00' }],
              },
            ],
          },
          actionSet([
            execute(
              tr(locale, 'calendar.accept'),
              { action: 'calendar.accept', requestId: r.id },
              { style: 'positive' },
            ),
          ]),
        ],
      });
    }
  }
  if (data.memberOf.length) {
    body.push(text(tr(locale, 'calendar.requestTitle'), { weight: 'Bolder', spacing: 'Large' }));
    body.push({
      type: 'Input.ChoiceSet',
      id: 'domainId',
      label: tr(locale, 'desk.domain'),
      style: 'compact',
      value: data.memberOf[0],
      choices: data.memberOf.map((d) => ({ title: dir.domains.get(d)!.committeeName[locale], value: d })),
    });
    body.push({
      type: 'Input.Text',
      id: 'reason',
      label: tr(locale, 'calendar.reason'),
      isMultiline: true,
      maxLength: 2000,
    });
    body.push(actionSet([execute(tr(locale, 'calendar.request'), { action: 'calendar.request' })]));
  }
  return card(body);
}

/** The dataset Teams names when it asks for the people a substitute picker offers. */
export const SUBSTITUTE_DATASET = 'people';

/** The substitute form as it was typed, and why it was refused, by field. */
export interface SubstituteForm {
  values: { substituteId: string; from: string; until: string };
  errors: Record<string, FieldError>;
}

export function substituteCard(
  dir: Directory,
  person: Person,
  data: SubstitutionData,
  today: string,
  message?: { text: string; bad?: boolean },
  form?: SubstituteForm,
): Card {
  const locale = person.locale;
  const typed = form?.values;
  const beside = (field: string): Element[] => {
    const e = form?.errors[field];
    return e ? [text(tr(locale, e.key, e.params), { color: 'Attention', size: 'Small', spacing: 'None' })] : [];
  };
  // The chosen person stays chosen, also when not among the first offered by name.
  const choices = substituteCandidates(dir, person.id, '');
  const chosen = typed?.substituteId ? dir.people.get(typed.substituteId) : undefined;
  if (chosen && !choices.some((c) => c.value === chosen.id)) choices.unshift({ title: chosen.name, value: chosen.id });
  const name = (id: string) => dir.people.get(id)?.name ?? id;
  const body: Element[] = [
    heading(tr(locale, 'substitution.title')),
    ...notice(message?.text, message?.bad),
    text(tr(locale, 'substitution.intro'), { isSubtle: true }),
  ];
  for (const s of data.mine) {
    body.push({
      type: 'ColumnSet',
      separator: true,
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            text(
              escapeCardText(
                tr(locale, 'substitution.mine', {
                  person: name(s.substituteId),
                  from: formatDate(s.from),
                  until: formatDate(s.until),
                }),
              ),
            ),
          ],
        },
        {
          type: 'Column',
          width: 'auto',
          items: [
            actionSet([
              execute(
                tr(locale, 'substitution.cancel'),
                { action: 'substitute.cancel', substitutionId: s.id },
                { associatedInputs: 'none' },
              ),
            ]),
          ],
        },
      ],
    });
  }
  for (const s of data.standingIn)
    body.push(
      text(
        escapeCardText(
          tr(locale, 'substitution.standingIn', {
            person: name(s.absentId),
            from: formatDate(s.from),
            until: formatDate(s.until),
          }),
        ),
      ),
    );
  // The first people by name, and the rest found as the name is typed (Teams asks the bot: card.search);
  // a ministry's whole directory would not fit in a card.
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: 'substituteId',
      label: tr(locale, 'label.substituteId'),
      style: 'filtered',
      placeholder: tr(locale, 'substitution.search'),
      isRequired: true,
      errorMessage: tr(locale, 'field.required'),
      ...(chosen ? { value: chosen.id } : {}),
      choices,
      'choices.data': { type: 'Data.Query', dataset: SUBSTITUTE_DATASET, count: SUBSTITUTE_CHOICES },
    },
    ...beside('substituteId'),
  );
  const date = (id: 'from' | 'until', value: string | undefined): Element[] => [
    {
      type: 'Input.Date',
      id,
      label: tr(locale, `label.${id}`),
      ...(value ? { value } : {}),
      isRequired: true,
      errorMessage: tr(locale, 'field.required'),
    },
    ...beside(id),
  ];
  body.push({
    type: 'ColumnSet',
    columns: [
      { type: 'Column', width: 'stretch', items: date('from', typed ? typed.from : today) },
      { type: 'Column', width: 'stretch', items: date('until', typed?.until) },
    ],
  });
  body.push(actionSet([execute(tr(locale, 'substitution.set'), { action: 'substitute.set' }, { style: 'positive' })]));
  return card(body);
}
