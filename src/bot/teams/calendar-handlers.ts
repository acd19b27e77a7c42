// Teams: the calendar ("kalender") and absence ("asendaja") screens. Clicks become engine commands
// (moveMeeting, planMeetings, scheduleExtraordinaryMeeting, requestExtraordinaryMeeting,
// setSubstitute, cancelSubstitute); the card is redrawn in place with what happened.
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { t } from '../../i18n/catalogue.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import { tallinnToUtc } from '../../workflow/calendar.ts';
import type { Person } from '../../workflow/directory.ts';
import { tallinnDate } from '../../workflow/holidays.ts';
import { loadCalendar, loadSubstitutions } from '../calendar-data.ts';
import { refusalText } from '../refusal-text.ts';
import { calendarCard, substituteCard, type SubstituteForm } from './calendar-cards.ts';
import type { Card } from './cards.ts';
import { cardResult, type InvokeResult } from './handlers.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
type Message = { text: string; bad?: boolean };

export class CalendarHandlers {
  constructor(
    private readonly engine: Engine,
    private readonly queries: Queries,
    private readonly db: PrismaClient,
  ) {}

  async calendar(person: Person, message?: Message): Promise<Card> {
    return calendarCard(
      this.engine.dir,
      person.locale,
      await loadCalendar(this.queries, this.engine.dir, person.id, this.engine.now()),
      message,
    );
  }

  async substitute(person: Person, message?: Message, form?: SubstituteForm): Promise<Card> {
    const now = this.engine.now();
    return substituteCard(
      this.engine.dir,
      person,
      await loadSubstitutions(this.queries, person.id, now),
      tallinnDate(now),
      message,
      form,
    );
  }

  async onAction(person: Person, action: string, data: Record<string, unknown>, key: string): Promise<InvokeResult> {
    const locale = person.locale;
    const run = async (
      command: Parameters<Engine['run']>[0]['command'],
      input: Record<string, unknown>,
      done: (value: unknown) => string,
      redraw: (m: Message) => Promise<Card>,
    ) => {
      const r = await this.engine.run({ command, actorId: person.id, input, platform: 'teams', deliveryKey: key });
      return cardResult(
        await redraw(
          r.ok
            ? { text: t(locale, 'desk.done', { what: done(r.value) }) }
            : { text: refusalText(locale, r.refusal), bad: true },
        ),
      );
    };
    const cal = (m: Message) => this.calendar(person, m);
    const sub = (m: Message) => this.substitute(person, m);
    const at = (id: string) => tallinnToUtc(str(data[`date_${id}`]), str(data[`time_${id}`]) || '10:00');
    switch (action) {
      case 'calendar.move': {
        const id = str(data.meetingId);
        const startsAt = at(id);
        if (!startsAt)
          return cardResult(
            await cal({ text: `${t(locale, 'desk.date')}: ${t(locale, 'field.required')}`, bad: true }),
          );
        return run(
          'moveMeeting',
          { meetingId: id, startsAt: startsAt.toISOString() },
          () => t(locale, 'calendar.moved'),
          cal,
        );
      }
      case 'calendar.plan':
        return run(
          'planMeetings',
          { domainId: str(data.domainId) },
          (v) => t(locale, 'calendar.planned', { count: (v as { meetingIds: string[] }).meetingIds.length }),
          cal,
        );
      case 'calendar.accept': {
        const id = str(data.requestId);
        const startsAt = at(id);
        if (!startsAt)
          return cardResult(
            await cal({ text: `${t(locale, 'desk.date')}: ${t(locale, 'field.required')}`, bad: true }),
          );
        return run(
          'scheduleExtraordinaryMeeting',
          { requestId: id, startsAt: startsAt.toISOString() },
          () => t(locale, 'calendar.accepted'),
          cal,
        );
      }
      case 'calendar.request':
        return run(
          'requestExtraordinaryMeeting',
          { domainId: str(data.domainId), reason: str(data.reason) },
          () => t(locale, 'calendar.requestSent'),
          cal,
        );
      case 'substitute.set': {
        // Refused: the form comes back with everything as typed and each reason beside its field.
        const values = { substituteId: str(data.substituteId), from: str(data.from), until: str(data.until) };
        const r = await this.engine.run({
          command: 'setSubstitute',
          actorId: person.id,
          input: values,
          platform: 'teams',
          deliveryKey: key,
        });
        if (r.ok)
          return cardResult(await sub({ text: t(locale, 'desk.done', { what: t(locale, 'substitution.saved') }) }));
        return cardResult(
          await this.substitute(
            person,
            { text: refusalText(locale, r.refusal), bad: true },
            { values, errors: r.refusal.fieldErrors },
          ),
        );
      }
      case 'substitute.cancel':
        return run(
          'cancelSubstitute',
          { substitutionId: str(data.substitutionId) },
          () => t(locale, 'substitution.cancelled'),
          sub,
        );
      default:
        return cardResult(await cal({ text: t(locale, 'unknownCommand'), bad: true }));
    }
  }
}
