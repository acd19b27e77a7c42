// What the desk flows share: running a command as the person who clicked, the line at the top of a
// view that says what just happened (or why not), a refusal split into the line and the problems
// beside their fields, and reading a date and a time as Tallinn's wall clock.
import { z } from 'zod';
import type { RefusalInfo } from '../../engine/engine.ts';
import type { CommandName } from '../../engine/commands/index.ts';
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { tallinnToUtc } from '../../workflow/calendar.ts';
import type { Directory, DomainId, Locale } from '../../workflow/directory.ts';
import { idField } from '../../workflow/text.ts';
import { Refusal } from '../../workflow/refusal.ts';
import { show, type Args, type Flow, type FlowContext } from '../conversation/flow.ts';
import { input, text, type Button, type Part } from '../conversation/view.ts';
import { meetingTitle } from '../desk-data.ts';
import { fieldLabel, refusalText } from '../refusal-text.ts';
import { helpView } from './conversation.ts';

/** What a view says first: what was just done and what comes next, or why it was not done. */
export interface Said {
  text: string;
  bad?: boolean;
}

export const saidPart = (said: Said | undefined): Part[] =>
  said ? [text(said.text, { strong: true, tone: said.bad ? 'attention' : 'good' })] : [];

/** Runs an engine command as the person who clicked, with this click's delivery key. */
export function change<C extends CommandName>(ctx: FlowContext, command: C, input: unknown, keySuffix = '') {
  return ctx.engine.run({
    command,
    actorId: ctx.person.id,
    input,
    platform: ctx.platform,
    deliveryKey: `${ctx.key}${keySuffix}`,
  });
}

/**
 * A refusal as a form shows it: the general line at the top, and each field's problem beside the
 * form's input it belongs to (`inputs`: the form's input ids; `rename`: an engine field whose input
 * is called otherwise). Problems of fields the form has not stay in the line at the top. `beside`
 * puts a refusal without fields beside an input (e.g. a date in the past beside the date).
 */
export function formRefusal(
  locale: Locale,
  r: RefusalInfo,
  inputs: readonly string[],
  rename: Record<string, string> = {},
  beside: Partial<Record<MessageKey, string>> = {},
): { said: Said; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [field, e] of Object.entries(r.fieldErrors)) {
    const input = rename[field] ?? field;
    const message = t(locale, e.key, e.params);
    if (inputs.includes(input)) errors[input] = message;
    else unplaced.push(`${field.startsWith('_') ? '' : `${fieldLabel(locale, field)}: `}${message}`);
  }
  const names = Object.keys(r.fieldErrors)
    .filter((f) => !f.startsWith('_'))
    .map((f) => fieldLabel(locale, f));
  const line = t(locale, r.key, names.length ? { ...r.params, fields: names.join(', ') } : r.params);
  const place = beside[r.key];
  if (place && !Object.keys(r.fieldErrors).length) errors[place] = line;
  return { said: { text: [line, ...unplaced].join('\n'), bad: true }, errors };
}

/** An instant from a date picker's and a time picker's values, as Tallinn's wall clock; null if unreadable. */
export function instant(date: string, time: string): Date | null {
  return tallinnToUtc(date.trim(), time.trim() || '10:00');
}

export const meetingName = (
  dir: Directory,
  locale: Locale,
  m: { domainId: string; startsAt: Date; extraordinary: boolean },
) => meetingTitle(dir, locale, { ...m, domainId: m.domainId as DomainId });

/** "Sotsiaalvaldkonna IKT juhtkomisjon, 17.03.2027 kell 11:00 (erakorraline)" */
export function meetingWhen(
  dir: Directory,
  locale: Locale,
  m: { domainId: string; startsAt: Date; extraordinary: boolean },
): string {
  const committee = dir.domains.get(m.domainId as DomainId)?.committeeName[locale] ?? m.domainId;
  return `${committee}, ${formatDateTime(m.startsAt, locale)}${m.extraordinary ? ` (${t(locale, 'desk.extraordinaryShort')})` : ''}`;
}

/** A button of the desk flows. */
export const go = (
  locale: Locale,
  key: MessageKey,
  action: string,
  args?: Button['args'],
  more: Partial<Pick<Button, 'style' | 'withInputs'>> = {},
): Button => ({ label: t(locale, key), action, ...(args ? { args } : {}), ...more });

/** Reads a button's arguments; null when they are not what the button carries (an old or forged click). */
export function argsOf<S extends z.ZodRawShape>(shape: S, args: Args): z.infer<z.ZodObject<S>> | null {
  const parsed = z.object(shape).safeParse(args);
  return parsed.success ? parsed.data : null;
}

export const id = () => idField();

/** The line for a click whose button could not be read (an old message, a forged request). */
export const unreadableSaid = (locale: Locale): Said => ({ text: t(locale, 'slack.unreadable'), bad: true });

/**
 * A read the engine's policy refuses (a forged or old button, someone else's screen) is answered
 * with the help: why not, and the buttons of what the person can do instead.
 */
export const politely =
  (run: Flow['run']): Flow['run'] =>
  async (ctx, args, inputs) => {
    try {
      return await run(ctx, args, inputs);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return show(helpView(ctx.dir, ctx.person.id, ctx.person.locale, refusalText(ctx.person.locale, error)));
    }
  };

/** A meeting's date and time as a form asks for them (10:00 unless typed), each with its error beside it. */
export function whenInputs(
  locale: Locale,
  typed: { date?: string | undefined; time?: string | undefined },
  e: { date?: string | undefined; time?: string | undefined },
): Part[] {
  return [
    input({
      kind: 'date',
      id: 'date',
      label: t(locale, 'desk.date'),
      ...(typed.date ? { value: typed.date } : {}),
      required: true,
      ...(e.date ? { error: e.date } : {}),
    }),
    input({
      kind: 'time',
      id: 'time',
      label: t(locale, 'desk.time'),
      value: typed.time || '10:00',
      required: true,
      ...(e.time ? { error: e.time } : {}),
    }),
  ];
}
