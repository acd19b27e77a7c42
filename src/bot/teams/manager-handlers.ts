// The portfolio manager's desk and the status requests: reads what the engine knows, turns clicks
// into engine commands (createMeeting, schedule, openRound, closeRound, openPoll, recordStatusUpdate).
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { t } from '../../i18n/catalogue.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import { isPortfolioManager, type DomainId, type Person } from '../../workflow/directory.ts';
import { tallinnToUtc } from '../../workflow/calendar.ts';
import type { Card } from './cards.ts';
import { cardResult, messageResult, refusalText, type InvokeResult } from './handlers.ts';
import { agendaCard, managerCard, meetingTitle, statusRequestCard } from './manager-cards.ts';
import type { Element } from './cards.ts';
import { filesSection, linkCard, portfolioViewCard } from './portfolio-cards.ts';
import { planCard, PLAN_LINK_DATASET } from './plan-card.ts';
import { planForm, planInput, refusalField, typedValues, type PlanForm } from '../plan-form.ts';
import { linkChoices, plannableItem, type ItemChoice } from '../plan-data.ts';
import type { Downloads } from '../downloads.ts';
import { cleanFilter, loadPortfolioView } from '../portfolio-view.ts';
import type { FileKind } from '../../workflow/transitions/files.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export class ManagerHandlers {
  constructor(
    private readonly engine: Engine,
    private readonly queries: Queries,
    private readonly db: PrismaClient,
    private readonly downloads: Downloads,
  ) {}

  private get dir() {
    return this.engine.dir;
  }

  async desk(person: Person, notice?: string): Promise<Card> {
    const { toSchedule, meetings, past } = await this.queries.desk(person.id, this.engine.now());
    const desk = managerCard(this.dir, person.locale, toSchedule, meetings, notice);
    return { ...desk, body: [...(desk.body as Element[]), ...filesSection(this.dir, person.locale, past)] };
  }

  /** The portfolio with filters and pages, and a link to its roadmap picture. */
  async portfolio(person: Person, data: Record<string, unknown>, key: string): Promise<Card> {
    const filter = cleanFilter(this.dir, data);
    const view = await loadPortfolioView(this.queries, person.id, this.dir, filter, Number(data.page ?? 0));
    const pictures = await this.downloads.pictures(person, 'teams', key, filter);
    return portfolioViewCard(this.dir, person.locale, view, pictures, isPortfolioManager(this.dir, person.id));
  }

  /** The portfolio manager plans an item: the form, then the engine's planItem; nothing typed is lost on an error. */
  private async plan(
    person: Person,
    action: string,
    data: Record<string, unknown>,
    key: string,
  ): Promise<InvokeResult> {
    const locale = person.locale;
    const found = await plannableItem(this.queries, this.dir, person.id, str(data.itemId));
    if ('problem' in found) return messageResult(t(locale, found.problem, { place: '' }));
    const { item } = found;
    const now = this.engine.now();
    // The way back to the portfolio page the manager came from: from the Planeeri button, then carried by Save.
    const from = (action === 'portfolio.plan' ? data : (data.back ?? {})) as Record<string, unknown>;
    const back = { page: Math.max(0, Math.trunc(Number(from.page)) || 0), ...cleanFilter(this.dir, from) };
    // Teams needs choices in the field (the Adaptive Cards schema): the first other items are offered too.
    const links = (form: PlanForm) => linkChoices(this.queries, person.id, locale, form, true);
    if (action === 'portfolio.plan') {
      const form = planForm(item, now, undefined, locale);
      return cardResult(planCard(locale, form, {}, back, await links(form)));
    }
    if (action === 'portfolio.takeOut') {
      const r = await this.engine.run({
        command: 'removeFinishedItem',
        actorId: person.id,
        input: { itemId: item.id },
        platform: 'teams',
        deliveryKey: key,
      });
      return messageResult(r.ok ? t(locale, 'plan.takenOut', { title: item.title }) : refusalText(locale, r.refusal));
    }
    const form = planForm(
      item,
      now,
      typedValues(planForm(item, now), (f) => data[f]),
      locale,
    );
    const parsed = planInput(form, item);
    if (!parsed.ok)
      return cardResult(
        planCard(
          locale,
          form,
          { errors: Object.fromEntries(Object.entries(parsed.errors).map(([f, k]) => [f, t(locale, k)])) },
          back,
          await links(form),
        ),
      );
    const r = await this.engine.run({
      command: 'planItem',
      actorId: person.id,
      input: parsed.input,
      platform: 'teams',
      deliveryKey: key,
    });
    if (!r.ok)
      return cardResult(
        planCard(
          locale,
          form,
          { errors: { [refusalField(form, r.refusal, item)]: refusalText(locale, r.refusal) } },
          back,
          await links(form),
        ),
      );
    const saved = (await this.queries.plannedItem(person.id, item.id))!;
    const savedForm = planForm(saved, now, undefined, locale);
    return cardResult(planCard(locale, savedForm, { notice: t(locale, 'plan.saved') }, back, await links(savedForm)));
  }

  /** Items found by their title for the plan's linked-items field (the portfolio manager's only). */
  async searchItems(person: Person, dataset: string | undefined, text: string): Promise<ItemChoice[]> {
    if (dataset !== PLAN_LINK_DATASET || !isPortfolioManager(this.dir, person.id)) return [];
    return this.queries.itemChoices(person.id, person.locale, { text, exceptId: '' });
  }

  async onIntent(person: Person, intent: 'manage' | 'portfolio' | 'status'): Promise<Card | string> {
    const locale = person.locale;
    if (intent === 'manage')
      return isPortfolioManager(this.dir, person.id)
        ? this.desk(person)
        : t(locale, 'refusal.only.portfolioManager', { place: '' });
    if (intent === 'portfolio') return this.portfolio(person, {}, `portfolio:${person.id}:${Date.now()}`);
    return statusRequestCard(locale, await this.queries.statusItems(person.id));
  }

  async onAction(person: Person, action: string, data: Record<string, unknown>, key: string): Promise<InvokeResult> {
    const locale = person.locale;
    const run = async (
      command: Parameters<Engine['run']>[0]['command'],
      input: Record<string, unknown>,
      done: string,
    ) => {
      const r = await this.engine.run({ command, actorId: person.id, input, platform: 'teams', deliveryKey: key });
      if (!r.ok) return messageResult(refusalText(locale, r.refusal));
      if (action === 'item.status')
        return cardResult(
          statusRequestCard(locale, await this.queries.statusItems(person.id), t(locale, 'desk.done', { what: done })),
        );
      return cardResult(await this.desk(person, t(locale, 'desk.done', { what: done })));
    };
    switch (action) {
      case 'manage.createMeeting': {
        const startsAt = tallinnToUtc(str(data.date), str(data.time) || '10:00');
        if (!startsAt) return messageResult(`${t(locale, 'desk.date')}: ${t(locale, 'field.required')}`);
        const domainId = str(data.domainId) as DomainId;
        return run(
          'createMeeting',
          { domainId, startsAt: startsAt.toISOString(), extraordinary: str(data.extraordinary) === 'true' },
          meetingTitle(this.dir, locale, { domainId, startsAt, extraordinary: str(data.extraordinary) === 'true' }),
        );
      }
      case 'manage.schedule': {
        const proposalId = str(data.proposalId);
        return run(
          'schedule',
          { proposalId, meetingId: str(data[`meeting_${proposalId}`]) },
          t(locale, 'desk.schedule'),
        );
      }
      case 'manage.openRound':
        return run('openRound', { meetingId: str(data.meetingId) }, t(locale, 'desk.openRound'));
      case 'manage.closeRound':
        return run('closeRound', { meetingId: str(data.meetingId) }, t(locale, 'desk.closeRound'));
      case 'manage.openPoll':
        return run('openPoll', { proposalId: str(data.proposalId) }, t(locale, 'desk.openPoll'));
      case 'portfolio.filter':
      case 'portfolio.page':
        return cardResult(await this.portfolio(person, data, key));
      case 'portfolio.plan':
      case 'portfolio.planSave':
      case 'portfolio.takeOut':
        return this.plan(person, action, data, key);
      case 'manage.publish': {
        const r = await this.downloads.publish(person, 'teams', key);
        return r.ok
          ? cardResult(linkCard(locale, t(locale, 'files.published', { number: r.number }), r.url))
          : messageResult(r.text);
      }
      case 'manage.file': {
        const kind = str(data.kind) as FileKind;
        const r = await this.downloads.link(person, 'teams', key, {
          kind,
          ...(data.meetingId ? { meetingId: str(data.meetingId) } : {}),
        });
        return r.ok ? cardResult(linkCard(locale, t(locale, 'files.ready'), r.url)) : messageResult(r.text);
      }
      case 'manage.delta': {
        const meetingId = str(data.meetingId);
        return run(
          'recordMinutes',
          { meetingId, deltaNumber: str(data[`delta_${meetingId}`]) },
          t(locale, 'files.deltaSaved'),
        );
      }
      case 'manage.agenda': {
        const agenda = await this.queries.agenda(person.id, str(data.meetingId));
        if (!agenda) return messageResult(t(locale, 'refusal.meetingNotFound'));
        const name = (id: string) => this.dir.people.get(id)?.name ?? id;
        return cardResult(
          agendaCard(
            locale,
            meetingTitle(this.dir, locale, { ...agenda.meeting, domainId: agenda.meeting.domainId as DomainId }),
            agenda.items.map((i) => ({
              number: i.proposal.number,
              title: i.proposal.title,
              status: i.proposal.status,
              priority: i.priority,
              counts: i.coThinkers.counts,
              notAnswered: i.coThinkers.notAnswered.map(name),
              arguments: i.coThinkers.opinions.flatMap((o) =>
                [o.argumentation, ...o.replies.map((r) => r.text)]
                  .filter((x): x is string => !!x)
                  .map((a) => `${name(o.personId)}: ${a}`),
              ),
            })),
          ),
        );
      }
      case 'item.status': {
        const itemId = str(data.itemId);
        const progress = Number(str(data[`progress_${itemId}`]) || data[`progress_${itemId}`] || 0);
        const note = str(data[`note_${itemId}`]);
        return run(
          'recordStatusUpdate',
          { itemId, status: str(data[`status_${itemId}`]), progress, ...(note ? { note } : {}) },
          t(locale, 'status.save'),
        );
      }
      default:
        return messageResult(t(locale, 'unknownCommand'));
    }
  }
}
