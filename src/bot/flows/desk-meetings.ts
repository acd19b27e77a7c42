// The portfolio manager's desk ("haldus"): proposals waiting for an agenda, the coming meetings with
// their co-thinker round and polls, requests for an extraordinary meeting; a new meeting (also an
// extraordinary one, for the committee the manager chooses); the agenda with the co-thinkers' summary.
import { z } from 'zod';
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { DOMAIN_IDS, type DomainId, type Locale } from '../../workflow/directory.ts';
import { mayRead } from '../../workflow/read-policy.ts';
import { RECOMMENDATIONS } from '../../workflow/transitions/committee.ts';
import { done, show, type Flow, type FlowContext } from '../conversation/flow.ts';
import { buttons, facts, heading, input, text, type Button, type Part, type View } from '../conversation/view.ts';
import { shorten } from '../views.ts';
import { helpView } from './conversation.ts';
import {
  argsOf,
  change,
  formRefusal,
  go,
  id,
  instant,
  meetingName,
  meetingWhen,
  saidPart,
  unreadableSaid,
  type Said,
  whenInputs,
} from './desk-common.ts';

/** What the desk shows at most, within Slack's 50 blocks and Teams' 28 KB. */
const DESK = { proposals: 5, meetings: 4, meetingChoices: 5, requests: 3, polls: 4, title: 90 } as const;

/** Only the portfolio manager has a desk: anyone else gets the help, told so. */
export const notManager = (ctx: FlowContext) =>
  show(helpView(ctx.dir, ctx.person.id, ctx.person.locale, t(ctx.person.locale, 'refusal.only.portfolioManager')));

const domainName = (ctx: FlowContext, domainId: string) =>
  ctx.dir.domains.get(domainId as DomainId)?.committeeName[ctx.person.locale] ?? domainId;

export async function deskView(ctx: FlowContext, said?: Said): Promise<View> {
  const { dir, person } = ctx;
  const locale = person.locale;
  const [{ toSchedule, meetings }, requests] = await Promise.all([
    ctx.queries.desk(person.id, ctx.now()),
    ctx.queries.meetingRequests(person.id),
  ]);
  const parts: Part[] = [heading(t(locale, 'desk.title')), ...saidPart(said)];

  parts.push(text(t(locale, 'desk.toSchedule'), { strong: true }));
  if (!toSchedule.length) parts.push(text(t(locale, 'desk.none'), { subtle: true }));
  for (const p of toSchedule.slice(0, DESK.proposals)) {
    const choices = meetings.filter((m) => m.domainId === p.domainId).slice(0, DESK.meetingChoices);
    const about = t(locale, 'deskFlow.proposalLine', {
      number: p.number,
      title: shorten(locale, p.title ?? '—', DESK.title),
      committee: domainName(ctx, p.domainId),
    });
    const priority = p.priority ? ` · ${t(locale, 'board.priority')}: ${p.priority}` : '';
    parts.push(text(`${about}${priority}`));
    if (choices.length)
      parts.push(
        input({
          kind: 'choice',
          id: `meeting_${p.id}`,
          label: t(locale, 'desk.meeting'),
          choices: choices.map((m) => ({ value: m.id, label: meetingName(dir, locale, m) })),
          value: choices[0]!.id,
          required: true,
        }),
        buttons([
          go(locale, 'desk.schedule', 'desk.schedule', { proposalId: p.id }, { style: 'primary', withInputs: true }),
        ]),
      );
    else
      parts.push(
        text(t(locale, 'deskFlow.noMeeting'), { subtle: true }),
        buttons([go(locale, 'desk.newMeeting', 'desk.meetingForm', { domainId: p.domainId })]),
      );
  }
  if (toSchedule.length > DESK.proposals)
    parts.push(text(t(locale, 'desk.more', { count: toSchedule.length - DESK.proposals }), { subtle: true }));

  parts.push(text(t(locale, 'desk.meetings'), { strong: true }));
  if (!meetings.length) parts.push(text(t(locale, 'deskFlow.noMeetings'), { subtle: true }));
  for (const m of meetings.slice(0, DESK.meetings)) {
    const lines = m.items.map(
      (i) =>
        `${i.number}. ${shorten(locale, i.title ?? '—', DESK.title)} — ${t(locale, `stage.${i.status}` as MessageKey)}`,
    );
    parts.push(
      text(
        [`${meetingName(dir, locale, m)} — ${t(locale, `desk.round.${m.round}` as MessageKey)}`, ...lines].join('\n'),
      ),
    );
    const row: Button[] = [go(locale, 'desk.agenda', 'desk.agenda', { meetingId: m.id })];
    if (m.round === 'none' && m.items.length)
      row.push(go(locale, 'desk.openRound', 'desk.openRound', { meetingId: m.id }, { style: 'primary' }));
    if (m.round === 'open') row.push(go(locale, 'desk.closeRound', 'desk.closeRound', { meetingId: m.id }));
    for (const i of m.items.filter((x) => x.status === 'scheduled').slice(0, DESK.polls))
      row.push({
        label: t(locale, 'deskFlow.openPollOf', { number: i.number }),
        action: 'desk.openPoll',
        args: { proposalId: i.proposalId },
      });
    row.push(go(locale, 'files.pack', 'desk.file', { kind: 'packDocx', meetingId: m.id }));
    parts.push(buttons(row));
  }
  if (meetings.length > DESK.meetings)
    parts.push(text(t(locale, 'deskFlow.moreMeetings', { count: meetings.length - DESK.meetings }), { subtle: true }));

  if (requests.length) {
    parts.push(text(t(locale, 'calendar.requests'), { strong: true }));
    for (const r of requests.slice(0, DESK.requests))
      parts.push(
        text(
          t(locale, 'calendar.requestedBy', {
            person: dir.people.get(r.requestedById)?.name ?? r.requestedById,
            committee: domainName(ctx, r.domainId),
            reason: r.reason,
          }),
        ),
        buttons([go(locale, 'calendar.accept', 'calendar.acceptForm', { requestId: r.id }, { style: 'primary' })]),
      );
  }
  return {
    title: t(locale, 'desk.title'),
    parts,
    buttons: [
      go(locale, 'desk.newMeeting', 'desk.meetingForm'),
      go(locale, 'button.calendar', 'calendar.show'),
      go(locale, 'files.title', 'desk.files'),
      go(locale, 'conversation.button.portfolio', 'portfolio.show'),
    ],
  };
}

const MEETING_INPUTS = ['domainId', 'date', 'time', 'extraordinary'] as const;

/** The new meeting: the committee (the manager chooses it), the date and time, and whether it is extraordinary. */
export function meetingForm(
  ctx: FlowContext,
  typed: { domainId?: string; date?: string; time?: string; extraordinary?: boolean } = {},
  shown: { said?: Said; errors?: Record<string, string> } = {},
): View {
  const locale = ctx.person.locale;
  const e = shown.errors ?? {};
  return {
    title: t(locale, 'desk.newMeeting'),
    parts: [
      heading(t(locale, 'desk.newMeeting')),
      ...saidPart(shown.said),
      input({
        kind: 'choice',
        id: 'domainId',
        label: t(locale, 'desk.domain'),
        placeholder: t(locale, 'deskFlow.chooseCommittee'),
        choices: [...ctx.dir.domains.values()].map((d) => ({ value: d.id, label: d.committeeName[locale] })),
        ...(typed.domainId ? { value: typed.domainId } : {}),
        required: true,
        ...(e.domainId ? { error: e.domainId } : {}),
      }),
      ...whenInputs(locale, typed, e),
      input({
        kind: 'toggle',
        id: 'extraordinary',
        label: t(locale, 'desk.extraordinary'),
        value: typed.extraordinary ?? false,
        hint: t(locale, 'deskFlow.extraordinaryHint'),
      }),
    ],
    submit: { label: t(locale, 'desk.createMeeting'), action: 'desk.createMeeting', style: 'primary' },
    buttons: [go(locale, 'deskFlow.backToDesk', 'desk.show')],
  };
}

/** The desk is the portfolio manager's (the engine's read policy says whose): anyone else gets the help. */
export const guard =
  (run: Flow['run']): Flow['run'] =>
  async (ctx, args, inputs) =>
    mayRead(ctx.dir, ctx.person.id, 'desk') ? run(ctx, args, inputs) : notManager(ctx);

/** A desk command on a meeting or a proposal: done, the desk again with what happened; refused, with why. */
async function onDesk(ctx: FlowContext, said: Said): Promise<ReturnType<typeof show>> {
  return show(await deskView(ctx, said));
}

export const deskMeetingFlows: Flow[] = [
  { id: 'desk.show', run: guard(async (ctx) => show(await deskView(ctx))) },
  {
    id: 'desk.meetingForm',
    opensForm: true,
    run: guard(async (ctx, args) => {
      const a = argsOf({ domainId: z.enum(DOMAIN_IDS).optional() }, args);
      return show(meetingForm(ctx, { domainId: a?.domainId }));
    }),
  },
  {
    id: 'desk.createMeeting',
    run: guard(async (ctx, _args, inputs) => {
      const locale = ctx.person.locale;
      const typed = {
        domainId: inputs.text('domainId'),
        date: inputs.text('date'),
        time: inputs.text('time'),
        extraordinary: inputs.bool('extraordinary'),
      };
      const errors: Record<string, string> = {};
      if (!(DOMAIN_IDS as readonly string[]).includes(typed.domainId))
        errors.domainId = t(locale, 'deskFlow.chooseCommittee');
      const startsAt = instant(typed.date, typed.time);
      if (!typed.date.trim()) errors.date = t(locale, 'field.required');
      else if (!startsAt)
        errors[/^\d{4}-\d{2}-\d{2}$/.test(typed.date.trim()) ? 'time' : 'date'] = t(locale, 'field.invalid');
      if (Object.keys(errors).length || !startsAt)
        return show(meetingForm(ctx, typed, { said: { text: t(locale, 'deskFlow.fixFields'), bad: true }, errors }));
      const r = await change(ctx, 'createMeeting', {
        domainId: typed.domainId,
        startsAt: startsAt.toISOString(),
        extraordinary: typed.extraordinary,
      });
      if (!r.ok)
        return show(
          meetingForm(
            ctx,
            typed,
            formRefusal(locale, r.refusal, MEETING_INPUTS, { startsAt: 'date' }, { 'refusal.meetingInPast': 'date' }),
          ),
        );
      const said = {
        text: t(locale, 'deskFlow.meetingCreated', {
          meeting: meetingWhen(ctx.dir, locale, { ...typed, startsAt }),
        }),
      };
      return done(said.text, await deskView(ctx, said));
    }),
  },
  {
    id: 'desk.schedule',
    run: guard(async (ctx, args, inputs) => {
      const locale = ctx.person.locale;
      const a = argsOf({ proposalId: id() }, args);
      if (!a) return onDesk(ctx, unreadableSaid(locale));
      const meetingId = inputs.text(`meeting_${a.proposalId}`);
      if (!meetingId) return onDesk(ctx, { text: t(locale, 'deskFlow.chooseMeeting'), bad: true });
      const r = await change(ctx, 'schedule', { proposalId: a.proposalId, meetingId });
      if (!r.ok) return onDesk(ctx, formRefusal(locale, r.refusal, []).said);
      const { meetings } = await ctx.queries.desk(ctx.person.id, ctx.now());
      const m = meetings.find((x) => x.id === meetingId);
      const item = m?.items.find((i) => i.proposalId === a.proposalId);
      const p = item ?? (await ctx.queries.proposal(ctx.person.id, a.proposalId));
      return onDesk(ctx, {
        text: t(locale, m?.round === 'open' ? 'deskFlow.scheduledInRound' : 'deskFlow.scheduled', {
          number: p?.number ?? '',
          title: p?.title ?? '—',
          meeting: m ? meetingName(ctx.dir, locale, m) : '',
        }),
      });
    }),
  },
  {
    id: 'desk.openRound',
    run: guard(async (ctx, args) => {
      const locale = ctx.person.locale;
      const a = argsOf({ meetingId: id() }, args);
      if (!a) return onDesk(ctx, unreadableSaid(locale));
      const r = await change(ctx, 'openRound', { meetingId: a.meetingId });
      if (!r.ok) return onDesk(ctx, formRefusal(locale, r.refusal, []).said);
      const agenda = await ctx.queries.agenda(ctx.person.id, a.meetingId);
      return onDesk(ctx, {
        text: t(locale, 'deskFlow.roundOpened', {
          meeting: agenda ? meetingName(ctx.dir, locale, agenda.meeting) : '',
          due: agenda?.round ? formatDateTime(agenda.round.opinionsDueAt, locale) : '',
        }),
      });
    }),
  },
  {
    id: 'desk.closeRound',
    run: guard(async (ctx, args) => {
      const locale = ctx.person.locale;
      const a = argsOf({ meetingId: id() }, args);
      if (!a) return onDesk(ctx, unreadableSaid(locale));
      const r = await change(ctx, 'closeRound', { meetingId: a.meetingId });
      if (!r.ok) return onDesk(ctx, formRefusal(locale, r.refusal, []).said);
      const agenda = await ctx.queries.agenda(ctx.person.id, a.meetingId);
      return onDesk(ctx, {
        text: t(locale, 'deskFlow.roundClosed', {
          meeting: agenda ? meetingName(ctx.dir, locale, agenda.meeting) : '',
        }),
      });
    }),
  },
  {
    id: 'desk.openPoll',
    run: guard(async (ctx, args) => {
      const locale = ctx.person.locale;
      const a = argsOf({ proposalId: id() }, args);
      if (!a) return onDesk(ctx, unreadableSaid(locale));
      const r = await change(ctx, 'openPoll', { proposalId: a.proposalId });
      if (!r.ok) return onDesk(ctx, formRefusal(locale, r.refusal, []).said);
      const p = await ctx.queries.proposal(ctx.person.id, a.proposalId);
      return onDesk(ctx, {
        text: t(locale, 'deskFlow.pollOpened', {
          number: p?.number ?? '',
          title: p?.title ?? '—',
          committee: p?.domainId ? domainName(ctx, p.domainId) : '',
        }),
      });
    }),
  },
  {
    // Not only the manager's: whoever the read policy lets see the agenda (its committee, its co-thinkers).
    id: 'desk.agenda',
    run: async (ctx, args) => {
      const locale = ctx.person.locale;
      const a = argsOf({ meetingId: id() }, args);
      const agenda = a ? await ctx.queries.agenda(ctx.person.id, a.meetingId) : null;
      if (!agenda)
        return mayRead(ctx.dir, ctx.person.id, 'desk')
          ? onDesk(ctx, { text: t(locale, 'refusal.meetingNotFound'), bad: true })
          : notManager(ctx);
      return show(agendaView(ctx, agenda));
    },
  },
];

type Agenda = NonNullable<Awaited<ReturnType<FlowContext['queries']['agenda']>>>;

/** A meeting's agenda with what the co-thinkers said of each item, and who has not answered. */
export function agendaView(ctx: FlowContext, agenda: Agenda): View {
  const locale: Locale = ctx.person.locale;
  const name = (personId: string) => ctx.dir.people.get(personId)?.name ?? personId;
  const title = t(locale, 'desk.agendaTitle', { meeting: meetingName(ctx.dir, locale, agenda.meeting) });
  const parts: Part[] = [heading(title)];
  if (!agenda.items.length) parts.push(text(t(locale, 'desk.none'), { subtle: true }));
  for (const i of agenda.items.slice(0, 10)) {
    const priority = i.priority ? ` · ${t(locale, 'board.priority')}: ${i.priority}` : '';
    parts.push(
      text(
        `${i.proposal.number}. ${i.proposal.title ?? '—'} — ${t(locale, `stage.${i.proposal.status}` as MessageKey)}${priority}`,
        { strong: true },
      ),
      facts(
        RECOMMENDATIONS.map((r) => ({
          label: t(locale, `recommendation.${r}` as MessageKey),
          value: String(i.coThinkers.counts[r] ?? 0),
        })),
      ),
    );
    const said = i.coThinkers.opinions
      .flatMap((o) =>
        [o.argumentation, ...o.replies.map((r) => r.text)]
          .filter((x): x is string => !!x)
          .map((x) => `— ${name(o.personId)}: ${x}`),
      )
      .slice(0, 10);
    const missing = i.coThinkers.notAnswered.length
      ? [t(locale, 'opinion.notAnswered', { names: i.coThinkers.notAnswered.map(name).join(', ') })]
      : [];
    if (said.length || missing.length) parts.push(text([...said, ...missing].join('\n'), { subtle: true }));
  }
  const back = mayRead(ctx.dir, ctx.person.id, 'desk')
    ? go(locale, 'deskFlow.backToDesk', 'desk.show')
    : go(locale, 'button.calendar', 'calendar.show');
  return { title, parts, buttons: [back] };
}
