// The committee calendar ("kalender": every coming meeting with the dates counted back from it; the
// portfolio manager moves a meeting, adds the default ones and dates an extraordinary one a member
// asked for; a committee member asks for one) and the substitute ("asendaja") for an absence.
import { z } from 'zod';
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import { DEFAULT_MEETING_RULE } from '../../workflow/calendar.ts';
import { DOMAIN_IDS, type Directory, type DomainId, type Locale } from '../../workflow/directory.ts';
import { mayRead } from '../../workflow/read-policy.ts';
import { tallinnDate } from '../../workflow/holidays.ts';
import { done, show, type Flow, type FlowContext, type Search } from '../conversation/flow.ts';
import { buttons, facts, heading, input, text, type Button, type Part, type View } from '../conversation/view.ts';
import {
  loadCalendar,
  loadSubstitutions,
  meetingDates,
  pickerValues,
  substituteCandidates,
  type CalendarData,
} from '../calendar-data.ts';
import {
  argsOf,
  change,
  formRefusal,
  go,
  id,
  instant,
  meetingWhen,
  saidPart,
  unreadableSaid,
  type Said,
  whenInputs,
} from './desk-common.ts';

/** The dataset of the substitute picker (Teams' typeahead and Slack's external select ask it). */
export const PEOPLE_DATASET = 'people';

/** What the calendar shows at most, within Slack's 50 blocks. */
const CALENDAR = { meetings: 8, requests: 3 } as const;

export function ruleText(dir: Directory, locale: Locale): string {
  const r = dir.calendar?.meetingRule ?? DEFAULT_MEETING_RULE;
  return t(locale, r.week === 5 ? 'calendar.ruleLast' : 'calendar.rule', {
    month: r.month,
    week: r.week,
    weekday: t(locale, `weekday.${r.weekday}` as MessageKey),
    time: r.time,
  });
}

const committeeOf = (dir: Directory, locale: Locale, domainId: string) =>
  dir.domains.get(domainId as DomainId)?.committeeName[locale] ?? domainId;

export function calendarView(dir: Directory, locale: Locale, data: CalendarData, said?: Said): View {
  const parts: Part[] = [
    heading(t(locale, 'calendar.title')),
    ...saidPart(said),
    text(ruleText(dir, locale), { subtle: true }),
  ];
  if (!data.meetings.length) parts.push(text(t(locale, 'calendar.none'), { subtle: true }));
  for (const m of data.meetings.slice(0, CALENDAR.meetings)) {
    parts.push(text(meetingWhen(dir, locale, m), { strong: true }), facts(meetingDates(dir, locale, m.startsAt)));
    if (data.isManager) parts.push(buttons([go(locale, 'calendar.move', 'calendar.moveForm', { meetingId: m.id })]));
  }
  if (data.isManager) {
    parts.push(
      buttons(
        [...dir.domains.values()].map((d) => ({
          label: t(locale, 'calendar.plan', { domain: d.name[locale] }),
          action: 'calendar.plan',
          args: { domainId: d.id },
        })),
      ),
    );
    if (data.requests.length) parts.push(text(t(locale, 'calendar.requests'), { strong: true }));
    for (const r of data.requests.slice(0, CALENDAR.requests))
      parts.push(
        text(
          t(locale, 'calendar.requestedBy', {
            person: dir.people.get(r.requestedById)?.name ?? r.requestedById,
            committee: committeeOf(dir, locale, r.domainId),
            reason: r.reason,
          }),
        ),
        buttons([go(locale, 'calendar.accept', 'calendar.acceptForm', { requestId: r.id }, { style: 'primary' })]),
      );
  }
  const foot: Button[] = [];
  if (data.memberOf.length) foot.push(go(locale, 'calendar.requestTitle', 'calendar.requestForm'));
  if (data.isManager) foot.push(go(locale, 'deskFlow.backToDesk', 'desk.show'));
  else foot.push(go(locale, 'conversation.button.waiting', 'waiting'));
  return { title: t(locale, 'calendar.title'), parts, buttons: foot };
}

async function calendarOf(ctx: FlowContext, said?: Said): Promise<View> {
  const data = await loadCalendar(ctx.queries, ctx.dir, ctx.person.id, ctx.now());
  return calendarView(ctx.dir, ctx.person.locale, data, said);
}

const WHEN_INPUTS = ['date', 'time'] as const;

/** A date and a time (Tallinn), with the problems beside them: moving a meeting, dating a request. */
function whenForm(
  locale: Locale,
  o: {
    title: string;
    about: string;
    submit: Button;
    date?: string;
    time?: string;
    said?: Said;
    errors?: Record<string, string>;
  },
): View {
  const e = o.errors ?? {};
  return {
    title: o.title,
    parts: [heading(o.title), ...saidPart(o.said), text(o.about), ...whenInputs(locale, o, e)],
    submit: o.submit,
    buttons: [go(locale, 'deskFlow.backToCalendar', 'calendar.show')],
  };
}

/** The date and time typed, or the problems beside them. */
function readWhen(locale: Locale, date: string, time: string): { at: Date } | { errors: Record<string, string> } {
  if (!date.trim()) return { errors: { date: t(locale, 'field.required') } };
  const at = instant(date, time);
  if (at) return { at };
  return {
    errors: /^\d{4}-\d{2}-\d{2}$/.test(date.trim())
      ? { time: t(locale, 'field.invalid') }
      : { date: t(locale, 'field.invalid') },
  };
}

const fix = (locale: Locale): Said => ({ text: t(locale, 'deskFlow.fixFields'), bad: true });

export const calendarFlows: Flow[] = [
  { id: 'calendar.show', run: async (ctx) => show(await calendarOf(ctx)) },
  {
    id: 'calendar.plan',
    run: async (ctx, args) => {
      const locale = ctx.person.locale;
      const a = argsOf({ domainId: z.enum(DOMAIN_IDS) }, args);
      if (!a) return show(await calendarOf(ctx, unreadableSaid(locale)));
      const r = await change(ctx, 'planMeetings', { domainId: a.domainId });
      if (!r.ok) return show(await calendarOf(ctx, formRefusal(locale, r.refusal, []).said));
      const committee = committeeOf(ctx.dir, locale, a.domainId);
      const count = r.value.meetingIds.length;
      return show(
        await calendarOf(ctx, {
          text: count
            ? t(locale, 'deskFlow.planned', { count, committee })
            : t(locale, 'deskFlow.plannedNone', { committee }),
        }),
      );
    },
  },
  {
    id: 'calendar.moveForm',
    opensForm: true,
    run: async (ctx, args) => {
      const locale = ctx.person.locale;
      const a = argsOf({ meetingId: id() }, args);
      const data = await loadCalendar(ctx.queries, ctx.dir, ctx.person.id, ctx.now());
      const m = a && data.meetings.find((x) => x.id === a.meetingId);
      if (!m)
        return show(calendarView(ctx.dir, locale, data, { text: t(locale, 'refusal.meetingNotFound'), bad: true }));
      if (!data.isManager)
        return show(
          calendarView(ctx.dir, locale, data, { text: t(locale, 'refusal.only.portfolioManager'), bad: true }),
        );
      return show(moveForm(ctx, m, pickerValues(m.startsAt)));
    },
  },
  {
    id: 'calendar.move',
    run: async (ctx, args, inputs) => {
      const locale = ctx.person.locale;
      const a = argsOf({ meetingId: id() }, args);
      if (!a) return show(await calendarOf(ctx, unreadableSaid(locale)));
      const data = await loadCalendar(ctx.queries, ctx.dir, ctx.person.id, ctx.now());
      const m = data.meetings.find((x) => x.id === a.meetingId);
      if (!m)
        return show(calendarView(ctx.dir, locale, data, { text: t(locale, 'refusal.meetingNotFound'), bad: true }));
      const typed = { date: inputs.text('date'), time: inputs.text('time') };
      const when = readWhen(locale, typed.date, typed.time);
      if ('errors' in when) return show(moveForm(ctx, m, typed, { said: fix(locale), errors: when.errors }));
      const r = await change(ctx, 'moveMeeting', { meetingId: m.id, startsAt: when.at.toISOString() });
      if (!r.ok)
        return show(
          moveForm(
            ctx,
            m,
            typed,
            formRefusal(locale, r.refusal, WHEN_INPUTS, { startsAt: 'date' }, { 'refusal.meetingInPast': 'date' }),
          ),
        );
      const said = {
        text: t(locale, 'deskFlow.moved', { meeting: meetingWhen(ctx.dir, locale, { ...m, startsAt: when.at }) }),
      };
      return done(said.text, await calendarOf(ctx, said));
    },
  },
  {
    id: 'calendar.acceptForm',
    opensForm: true,
    run: async (ctx, args) => {
      const locale = ctx.person.locale;
      if (!mayRead(ctx.dir, ctx.person.id, 'meetingRequests'))
        return show(await calendarOf(ctx, { text: t(locale, 'refusal.only.portfolioManager'), bad: true }));
      const a = argsOf({ requestId: id() }, args);
      const request = a && (await ctx.queries.meetingRequests(ctx.person.id)).find((r) => r.id === a.requestId);
      if (!request) return show(await calendarOf(ctx, { text: t(locale, 'refusal.requestHandled'), bad: true }));
      return show(acceptForm(ctx, request, {}));
    },
  },
  {
    id: 'calendar.accept',
    run: async (ctx, args, inputs) => {
      const locale = ctx.person.locale;
      if (!mayRead(ctx.dir, ctx.person.id, 'meetingRequests'))
        return show(await calendarOf(ctx, { text: t(locale, 'refusal.only.portfolioManager'), bad: true }));
      const a = argsOf({ requestId: id() }, args);
      const request = a && (await ctx.queries.meetingRequests(ctx.person.id)).find((r) => r.id === a.requestId);
      if (!request) return show(await calendarOf(ctx, { text: t(locale, 'refusal.requestHandled'), bad: true }));
      const typed = { date: inputs.text('date'), time: inputs.text('time') };
      const when = readWhen(locale, typed.date, typed.time);
      if ('errors' in when) return show(acceptForm(ctx, request, typed, { said: fix(locale), errors: when.errors }));
      const r = await change(ctx, 'scheduleExtraordinaryMeeting', {
        requestId: request.id,
        startsAt: when.at.toISOString(),
      });
      if (!r.ok)
        return show(
          acceptForm(
            ctx,
            request,
            typed,
            formRefusal(locale, r.refusal, WHEN_INPUTS, { startsAt: 'date' }, { 'refusal.meetingInPast': 'date' }),
          ),
        );
      const said = {
        text: t(locale, 'deskFlow.accepted', {
          meeting: meetingWhen(ctx.dir, locale, { domainId: request.domainId, startsAt: when.at, extraordinary: true }),
          person: ctx.dir.people.get(request.requestedById)?.name ?? request.requestedById,
        }),
      };
      return done(said.text, await calendarOf(ctx, said));
    },
  },
  {
    id: 'calendar.requestForm',
    opensForm: true,
    run: async (ctx) => {
      const data = await loadCalendar(ctx.queries, ctx.dir, ctx.person.id, ctx.now());
      if (!data.memberOf.length)
        return show(
          calendarView(ctx.dir, ctx.person.locale, data, {
            text: t(ctx.person.locale, 'deskFlow.onlyMembersRequest'),
            bad: true,
          }),
        );
      return show(requestForm(ctx, data.memberOf, { domainId: data.memberOf.length === 1 ? data.memberOf[0] : '' }));
    },
  },
  {
    id: 'calendar.request',
    run: async (ctx, _args, inputs) => {
      const locale = ctx.person.locale;
      const data = await loadCalendar(ctx.queries, ctx.dir, ctx.person.id, ctx.now());
      const typed = { domainId: inputs.text('domainId'), reason: inputs.text('reason') };
      if (!typed.domainId)
        return show(
          requestForm(ctx, data.memberOf, typed, {
            said: fix(locale),
            errors: { domainId: t(locale, 'deskFlow.chooseCommittee') },
          }),
        );
      const r = await change(ctx, 'requestExtraordinaryMeeting', typed);
      if (!r.ok)
        return show(requestForm(ctx, data.memberOf, typed, formRefusal(locale, r.refusal, ['domainId', 'reason'])));
      const said = {
        text: t(locale, 'deskFlow.requestSent', { committee: committeeOf(ctx.dir, locale, typed.domainId) }),
      };
      return done(said.text, calendarView(ctx.dir, locale, data, said));
    },
  },
];

export function moveForm(
  ctx: FlowContext,
  m: { id: string; domainId: string; startsAt: Date; extraordinary: boolean },
  typed: { date?: string; time?: string },
  shown: { said?: Said; errors?: Record<string, string> } = {},
): View {
  const locale = ctx.person.locale;
  return whenForm(locale, {
    title: t(locale, 'calendar.move'),
    about: t(locale, 'deskFlow.moveAbout', { meeting: meetingWhen(ctx.dir, locale, m) }),
    submit: { label: t(locale, 'calendar.move'), action: 'calendar.move', args: { meetingId: m.id }, style: 'primary' },
    ...typed,
    ...shown,
  });
}

export function acceptForm(
  ctx: FlowContext,
  r: { id: string; domainId: string; reason: string; requestedById: string },
  typed: { date?: string; time?: string },
  shown: { said?: Said; errors?: Record<string, string> } = {},
): View {
  const locale = ctx.person.locale;
  return whenForm(locale, {
    title: t(locale, 'deskFlow.acceptTitle'),
    about: t(locale, 'calendar.requestedBy', {
      person: ctx.dir.people.get(r.requestedById)?.name ?? r.requestedById,
      committee: committeeOf(ctx.dir, locale, r.domainId),
      reason: r.reason,
    }),
    submit: {
      label: t(locale, 'calendar.accept'),
      action: 'calendar.accept',
      args: { requestId: r.id },
      style: 'primary',
    },
    ...typed,
    ...shown,
  });
}

export function requestForm(
  ctx: FlowContext,
  memberOf: DomainId[],
  typed: { domainId?: string; reason?: string },
  shown: { said?: Said; errors?: Record<string, string> } = {},
): View {
  const locale = ctx.person.locale;
  const e = shown.errors ?? {};
  return {
    title: t(locale, 'calendar.requestTitle'),
    parts: [
      heading(t(locale, 'calendar.requestTitle')),
      ...saidPart(shown.said),
      text(t(locale, 'deskFlow.requestAbout'), { subtle: true }),
      input({
        kind: 'choice',
        id: 'domainId',
        label: t(locale, 'desk.domain'),
        placeholder: t(locale, 'deskFlow.chooseCommittee'),
        choices: memberOf.map((d) => ({ value: d, label: committeeOf(ctx.dir, locale, d) })),
        ...(typed.domainId ? { value: typed.domainId } : {}),
        required: true,
        ...(e.domainId ? { error: e.domainId } : {}),
      }),
      input({
        kind: 'text',
        id: 'reason',
        label: t(locale, 'calendar.reason'),
        multiline: true,
        maxLength: 2000,
        ...(typed.reason ? { value: typed.reason } : {}),
        required: true,
        ...(e.reason ? { error: e.reason } : {}),
      }),
    ],
    submit: { label: t(locale, 'calendar.request'), action: 'calendar.request', style: 'primary' },
    buttons: [go(locale, 'deskFlow.backToCalendar', 'calendar.show')],
  };
}

// ---- the substitute ----------------------------------------------------------------------------

const SUBSTITUTE_INPUTS = ['substituteId', 'from', 'until'] as const;

export async function substituteView(
  ctx: FlowContext,
  said?: Said,
  form: { values?: { substituteId: string; from: string; until: string }; errors?: Record<string, string> } = {},
): Promise<View> {
  const { dir, person } = ctx;
  const locale = person.locale;
  const data = await loadSubstitutions(ctx.queries, person.id, ctx.now());
  const name = (personId: string) => dir.people.get(personId)?.name ?? personId;
  const typed = form.values;
  const e = form.errors ?? {};
  const parts: Part[] = [
    heading(t(locale, 'substitution.title')),
    ...saidPart(said),
    text(t(locale, 'substitution.intro'), { subtle: true }),
  ];
  for (const s of data.mine.slice(0, 5))
    parts.push(
      text(
        t(locale, 'substitution.mine', {
          person: name(s.substituteId),
          from: formatDate(s.from),
          until: formatDate(s.until),
        }),
      ),
      buttons([go(locale, 'substitution.cancel', 'substitute.cancel', { substitutionId: s.id }, { style: 'danger' })]),
    );
  for (const s of data.standingIn.slice(0, 5))
    parts.push(
      text(
        t(locale, 'substitution.standingIn', {
          person: name(s.absentId),
          from: formatDate(s.from),
          until: formatDate(s.until),
        }),
      ),
    );
  // The first people by name; the rest are found as the name is typed (a ministry's directory does not fit).
  const choices = substituteCandidates(dir, person.id, '').map((c) => ({ value: c.value, label: c.title }));
  const chosen = typed?.substituteId ? dir.people.get(typed.substituteId) : undefined;
  if (chosen && !choices.some((c) => c.value === chosen.id)) choices.unshift({ value: chosen.id, label: chosen.name });
  parts.push(
    input({
      kind: 'search',
      id: 'substituteId',
      dataset: PEOPLE_DATASET,
      label: t(locale, 'label.substituteId'),
      placeholder: t(locale, 'substitution.search'),
      choices,
      ...(chosen ? { value: [chosen.id] } : {}),
      required: true,
      ...(e.substituteId ? { error: e.substituteId } : {}),
    }),
    input({
      kind: 'date',
      id: 'from',
      label: t(locale, 'label.from'),
      value: typed ? typed.from : tallinnDate(ctx.now()),
      required: true,
      ...(e.from ? { error: e.from } : {}),
    }),
    input({
      kind: 'date',
      id: 'until',
      label: t(locale, 'label.until'),
      ...(typed?.until ? { value: typed.until } : {}),
      required: true,
      ...(e.until ? { error: e.until } : {}),
    }),
    buttons([go(locale, 'substitution.set', 'substitute.set', undefined, { style: 'primary', withInputs: true })]),
  );
  return {
    title: t(locale, 'substitution.title'),
    parts,
    buttons: [go(locale, 'conversation.button.waiting', 'waiting')],
  };
}

/** People found by name for the substitute picker: everyone else in the organisation. */
export const searchPeople: Search = async (ctx, typed) =>
  substituteCandidates(ctx.dir, ctx.person.id, typed).map((c) => ({ value: c.value, label: c.title }));

export const substituteFlows: Flow[] = [
  { id: 'substitute.show', run: async (ctx) => show(await substituteView(ctx)) },
  {
    id: 'substitute.set',
    run: async (ctx, _args, inputs) => {
      const locale = ctx.person.locale;
      const values = {
        substituteId: inputs.text('substituteId').trim(),
        from: inputs.text('from').trim(),
        until: inputs.text('until').trim(),
      };
      const r = await change(ctx, 'setSubstitute', values);
      if (!r.ok) {
        const { said, errors } = formRefusal(locale, r.refusal, SUBSTITUTE_INPUTS);
        return show(await substituteView(ctx, said, { values, errors }));
      }
      const { mine } = await loadSubstitutions(ctx.queries, ctx.person.id, ctx.now());
      const s = mine.find((x) => x.id === r.value.substitutionId);
      const who = ctx.dir.people.get(values.substituteId)?.name ?? values.substituteId;
      return show(
        await substituteView(ctx, {
          text: t(locale, 'deskFlow.substituteSet', {
            person: who,
            from: s ? formatDate(s.from) : values.from,
            until: s ? formatDate(s.until) : values.until,
          }),
        }),
      );
    },
  },
  {
    id: 'substitute.cancel',
    run: async (ctx, args) => {
      const locale = ctx.person.locale;
      const a = argsOf({ substitutionId: id() }, args);
      if (!a) return show(await substituteView(ctx, unreadableSaid(locale)));
      const before = await loadSubstitutions(ctx.queries, ctx.person.id, ctx.now());
      const s = [...before.mine, ...before.standingIn].find((x) => x.id === a.substitutionId);
      const r = await change(ctx, 'cancelSubstitute', { substitutionId: a.substitutionId });
      if (!r.ok) return show(await substituteView(ctx, formRefusal(locale, r.refusal, []).said));
      return show(
        await substituteView(ctx, {
          text: t(locale, 'deskFlow.substituteEnded', {
            person: s ? (ctx.dir.people.get(s.substituteId)?.name ?? s.substituteId) : '',
          }),
        }),
      );
    },
  },
];
