// The portfolio manager's files: publish the portfolio, its exports, and for each meeting held its
// minutes and the Delta number they were registered under; a meeting's pack from the desk. Each file
// is a link the engine allowed this person, valid for a day.
import { z } from 'zod';
import { t } from '../../i18n/catalogue.ts';
import { FILE_KINDS } from '../../workflow/transitions/files.ts';
import { show, type Flow, type FlowContext } from '../conversation/flow.ts';
import { buttons, heading, input, text, type Part, type View } from '../conversation/view.ts';
import {
  argsOf,
  change,
  formRefusal,
  go,
  id,
  meetingName,
  saidPart,
  unreadableSaid,
  type Said,
} from './desk-common.ts';
import { mayRead } from '../../workflow/read-policy.ts';
import { helpView } from './conversation.ts';
import { guard } from './desk-meetings.ts';

/** The files a button on the desk may ask for (pictures come with the portfolio view). */
const DESK_FILES = ['packDocx', 'portfolioXlsx', 'portfolioCsv', 'minutesDocx', 'minutesMd'] as const;

export async function filesView(ctx: FlowContext, said?: Said, typed: Record<string, string> = {}): Promise<View> {
  const { dir, person } = ctx;
  const locale = person.locale;
  const { past } = await ctx.queries.desk(person.id, ctx.now());
  const parts: Part[] = [
    heading(t(locale, 'files.title')),
    ...saidPart(said),
    buttons([
      go(locale, 'files.publish', 'desk.publish', undefined, { style: 'primary' }),
      go(locale, 'files.xlsx', 'desk.file', { kind: 'portfolioXlsx' }),
      go(locale, 'files.csv', 'desk.file', { kind: 'portfolioCsv' }),
    ]),
  ];
  if (past.length) parts.push(text(t(locale, 'files.pastMeetings'), { strong: true }));
  for (const m of past) {
    const field = `delta_${m.id}`;
    parts.push(
      text(`${meetingName(dir, locale, m)}${m.deltaNumber ? ` — Delta ${m.deltaNumber}` : ''}`, { strong: true }),
      input({
        kind: 'text',
        id: field,
        label: t(locale, 'minutes.delta'),
        value: typed[field] ?? m.deltaNumber ?? '',
        placeholder: '1.1-2/2027/15',
        maxLength: 100,
      }),
      buttons([
        go(locale, 'files.minutesDocx', 'desk.file', { kind: 'minutesDocx', meetingId: m.id }),
        go(locale, 'files.minutesMd', 'desk.file', { kind: 'minutesMd', meetingId: m.id }),
        go(locale, 'files.saveDelta', 'desk.delta', { meetingId: m.id }, { withInputs: true }),
      ]),
    );
  }
  return { title: t(locale, 'files.title'), parts, buttons: [go(locale, 'deskFlow.backToDesk', 'desk.show')] };
}

/** The files again with what happened; to someone the desk is not for, the help with it. */
async function filesOrHelp(ctx: FlowContext, said: Said): Promise<View> {
  return mayRead(ctx.dir, ctx.person.id, 'desk')
    ? filesView(ctx, said)
    : helpView(ctx.dir, ctx.person.id, ctx.person.locale, said.text);
}

/** A link to open, what it is, how long it works, and the way back. */
function linkView(
  ctx: FlowContext,
  title: string,
  url: string,
  back: { key: 'deskFlow.backToDesk' | 'deskFlow.backToFiles' | 'button.calendar'; action: string },
  note?: string,
): View {
  const locale = ctx.person.locale;
  return {
    title,
    parts: [
      heading(title),
      text(note ?? t(locale, 'files.expires'), { subtle: !note }),
      { kind: 'link', label: t(locale, 'files.open'), url },
    ],
    buttons: [go(locale, back.key, back.action)],
  };
}

export const filesFlows: Flow[] = [
  { id: 'desk.files', run: guard(async (ctx) => show(await filesView(ctx))) },
  {
    id: 'desk.publish',
    run: guard(async (ctx) => {
      const locale = ctx.person.locale;
      const r = await ctx.downloads.publish(ctx.person, ctx.platform, ctx.key);
      if (!r.ok) return show(await filesView(ctx, { text: r.text, bad: true }));
      return show(
        linkView(
          ctx,
          t(locale, 'files.published', { number: r.number }),
          r.url,
          { key: 'deskFlow.backToFiles', action: 'desk.files' },
          t(locale, 'deskFlow.publishedNote'),
        ),
      );
    }),
  },
  {
    // Not only the manager's: the engine's policy says who may have which file (a committee its minutes).
    id: 'desk.file',
    run: async (ctx, args) => {
      const locale = ctx.person.locale;
      const a = argsOf({ kind: z.enum(DESK_FILES), meetingId: id().optional() }, args);
      if (!a || !(FILE_KINDS as readonly string[]).includes(a.kind))
        return show(await filesOrHelp(ctx, unreadableSaid(locale)));
      const back = !mayRead(ctx.dir, ctx.person.id, 'desk')
        ? ({ key: 'button.calendar', action: 'calendar.show' } as const)
        : a.kind === 'packDocx'
          ? ({ key: 'deskFlow.backToDesk', action: 'desk.show' } as const)
          : ({ key: 'deskFlow.backToFiles', action: 'desk.files' } as const);
      const r = await ctx.downloads.link(ctx.person, ctx.platform, ctx.key, {
        kind: a.kind,
        ...(a.meetingId ? { meetingId: a.meetingId } : {}),
      });
      if (!r.ok) return show(await filesOrHelp(ctx, { text: r.text, bad: true }));
      return show(linkView(ctx, t(locale, 'files.ready'), r.url, back));
    },
  },
  {
    id: 'desk.delta',
    run: guard(async (ctx, args, inputs) => {
      const locale = ctx.person.locale;
      const a = argsOf({ meetingId: id() }, args);
      if (!a) return show(await filesView(ctx, unreadableSaid(locale)));
      const field = `delta_${a.meetingId}`;
      const deltaNumber = inputs.text(field).trim();
      if (!deltaNumber)
        return show(await filesView(ctx, { text: t(locale, 'deskFlow.deltaMissing'), bad: true }, { [field]: '' }));
      const r = await change(ctx, 'recordMinutes', { meetingId: a.meetingId, deltaNumber });
      if (!r.ok) return show(await filesView(ctx, formRefusal(locale, r.refusal, []).said, { [field]: deltaNumber }));
      return show(await filesView(ctx, { text: t(locale, 'deskFlow.deltaSaved', { number: deltaNumber }) }));
    }),
  },
];
