// Slack: /portfell kalender and /portfell asendaja. Clicks become engine commands (moveMeeting,
// planMeetings, scheduleExtraordinaryMeeting, requestExtraordinaryMeeting, setSubstitute,
// cancelSubstitute); the ephemeral message is redrawn in place with what happened.
import type { App, RespondFn } from '@slack/bolt';
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { t } from '../../i18n/catalogue.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import { tallinnToUtc } from '../../workflow/calendar.ts';
import type { Person } from '../../workflow/directory.ts';
import { tallinnDate } from '../../workflow/holidays.ts';
import { loadCalendar, loadSubstitutions } from '../calendar-data.ts';
import { refusalText } from '../refusal-text.ts';
import { calendarBlocks, substituteBlocks } from './calendar-blocks.ts';
import { afterCommit } from './replies.ts';

interface Ctx {
  app: App;
  engine: Engine;
  queries: Queries;
  db: PrismaClient;
  personOf(userId: string | undefined): Promise<Person | undefined>;
}
type Field = {
  selected_option?: { value: string } | null;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_user?: string | null;
  value?: string | null;
};
type State = Record<string, Record<string, Field>>;
type Command = Parameters<Engine['run']>[0]['command'];

export function registerCalendarFlows(c: Ctx) {
  const { app, engine, db } = c;
  const calendar = async (person: Person, notice?: string) =>
    calendarBlocks(
      engine.dir,
      person.locale,
      await loadCalendar(c.queries, engine.dir, person.id, engine.now()),
      notice,
    );
  const substitute = async (person: Person, notice?: string, typed?: State) => {
    const s = typed?.substitute;
    // Only what Slack can show again (a user id, a date); anything else is left empty.
    const as = (v: string | null | undefined, form: RegExp) => (typeof v === 'string' && form.test(v) ? v : null);
    const day = /^\d{4}-\d{2}-\d{2}$/;
    const picked = s
      ? {
          userId: as(s.who?.selected_user, /^[UW][A-Z0-9]{1,20}$/),
          from: as(s.from?.selected_date, day),
          until: as(s.until?.selected_date, day),
        }
      : undefined;
    return substituteBlocks(
      engine.dir,
      person,
      await loadSubstitutions(c.queries, person.id, engine.now()),
      tallinnDate(engine.now()),
      notice,
      picked,
    );
  };

  async function commandText(person: Person, verb: string): Promise<{ text: string; blocks: unknown[] } | null> {
    if (['kalender', 'calendar'].includes(verb))
      return { text: t(person.locale, 'calendar.title'), blocks: await calendar(person) };
    if (['asendaja', 'asendus', 'substitute', 'away'].includes(verb))
      return { text: t(person.locale, 'substitution.title'), blocks: await substitute(person) };
    return null;
  }

  /** `redraw` gets what was picked when it was refused, so the form comes back as it was. */
  const handle = (
    actionId: string | RegExp,
    redraw: (p: Person, notice?: string, typed?: State) => Promise<unknown[]>,
    build: (a: {
      person: Person;
      value: string;
      state: State;
    }) => Promise<
      { command: Command; input: Record<string, unknown>; done: (v: unknown) => string } | { problem: string }
    >,
  ) => {
    app.action(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      if (body.type !== 'block_actions' || !('value' in action)) return;
      const person = await c.personOf(body.user.id);
      if (!person) return;
      const state = (body.state?.values ?? {}) as State;
      const built = await build({ person, value: action.value ?? '', state });
      const key = `slack:${body.user.id}:${(action as { action_ts?: string }).action_ts ?? body.trigger_id}`;
      let notice: string;
      let refused = true;
      if ('problem' in built) notice = `:warning: ${built.problem}`;
      else {
        const r = await engine.run({
          command: built.command,
          actorId: person.id,
          input: built.input,
          platform: 'slack',
          deliveryKey: key,
        });
        refused = !r.ok;
        notice = r.ok
          ? t(person.locale, 'desk.done', { what: built.done(r.value) })
          : `:warning: ${refusalText(person.locale, r.refusal)}`;
      }
      const answer = async () =>
        (respond as RespondFn)({
          replace_original: true,
          text: notice,
          blocks: (await redraw(person, notice, refused ? state : undefined)) as never,
        });
      if (refused) await answer();
      else await afterCommit('redrawing the calendar', answer);
    });
  };

  const when = (f: Record<string, Field> | undefined) =>
    tallinnToUtc(f?.date?.selected_date ?? '', f?.time?.selected_time ?? '10:00');
  const noDate = (p: Person) => ({ problem: `${t(p.locale, 'desk.date')}: ${t(p.locale, 'field.required')}` });

  handle('calendar_move', calendar, async ({ person, value, state }) => {
    const startsAt = when(state[`move_${value}`]);
    return startsAt
      ? {
          command: 'moveMeeting',
          input: { meetingId: value, startsAt: startsAt.toISOString() },
          done: () => t(person.locale, 'calendar.moved'),
        }
      : noDate(person);
  });
  handle(/^calendar_plan(:|$)/, calendar, async ({ person, value }) => ({
    command: 'planMeetings',
    input: { domainId: value },
    done: (v) => t(person.locale, 'calendar.planned', { count: (v as { meetingIds: string[] }).meetingIds.length }),
  }));
  handle('calendar_accept', calendar, async ({ person, value, state }) => {
    const startsAt = when(state[`accept_${value}`]);
    return startsAt
      ? {
          command: 'scheduleExtraordinaryMeeting',
          input: { requestId: value, startsAt: startsAt.toISOString() },
          done: () => t(person.locale, 'calendar.accepted'),
        }
      : noDate(person);
  });
  handle('calendar_request', calendar, async ({ person, state }) => ({
    command: 'requestExtraordinaryMeeting',
    input: {
      domainId: state.request?.domain?.selected_option?.value ?? '',
      reason: state.request_reason?.reason?.value ?? '',
    },
    done: () => t(person.locale, 'calendar.requestSent'),
  }));
  handle('substitute_set', substitute, async ({ person, state }) => {
    const s = state.substitute ?? {};
    const userId = s.who?.selected_user ?? '';
    // A Slack user who is not in the organisation file: the engine refuses with its own words.
    const chosen = [...engine.dir.people.values()].find((p) => p.slackUserId === userId);
    return {
      command: 'setSubstitute',
      input: {
        substituteId: chosen?.id ?? (userId || '?'),
        from: s.from?.selected_date ?? '',
        until: s.until?.selected_date ?? '',
      },
      done: () => t(person.locale, 'substitution.saved'),
    };
  });
  handle('substitute_cancel', substitute, async ({ person, value }) => ({
    command: 'cancelSubstitute',
    input: { substitutionId: value },
    done: () => t(person.locale, 'substitution.cancelled'),
  }));

  return { commandText };
}
