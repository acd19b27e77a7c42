// The portfolio manager's desk and the status requests: reads what the engine knows, turns clicks
// into engine commands (createMeeting, schedule, openRound, closeRound, openPoll, recordStatusUpdate).
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { t } from '../../i18n/catalogue.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import { isPortfolioManager, isRepresentative, isTehikRepresentative, type DomainId, type Person } from '../../workflow/directory.ts';
import { tallinnToUtc } from '../../workflow/calendar.ts';
import type { Card } from './cards.ts';
import { cardResult, messageResult, refusalText, type InvokeResult } from './handlers.ts';
import { agendaCard, managerCard, meetingTitle, portfolioCard, statusRequestCard, type DeskMeeting, type PortfolioRow } from './manager-cards.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export class ManagerHandlers {
  constructor(private readonly engine: Engine, private readonly queries: Queries, private readonly db: PrismaClient) {}

  private get dir() { return this.engine.dir; }

  async desk(person: Person, notice?: string): Promise<Card> {
    const toSchedule = await this.db.proposal.findMany({ where: { status: 'toCommittee' }, orderBy: [{ priority: 'asc' }, { number: 'asc' }] });
    const meetings = await this.db.meeting.findMany({
      where: { status: 'planned', startsAt: { gt: this.engine.now() } }, orderBy: { startsAt: 'asc' },
      include: { round: true, agenda: { orderBy: { position: 'asc' }, include: { proposal: true } } },
    });
    const desk: DeskMeeting[] = meetings.map((m) => ({
      id: m.id, domainId: m.domainId as DomainId, startsAt: m.startsAt, extraordinary: m.extraordinary,
      round: !m.round ? 'none' : m.round.closedAt ? 'closed' : 'open',
      items: m.agenda.map((a) => ({ proposalId: a.proposalId, number: a.proposal.number, title: a.proposal.title, status: a.proposal.status })),
    }));
    return managerCard(this.dir, person.locale, toSchedule.map((p) => ({ id: p.id, number: p.number, title: p.title, domainId: p.domainId as DomainId, priority: p.priority })), desk, notice);
  }

  async onIntent(person: Person, intent: 'manage' | 'portfolio' | 'status'): Promise<Card | string> {
    const locale = person.locale;
    if (intent === 'manage') return isPortfolioManager(this.dir, person.id) ? this.desk(person) : t(locale, 'refusal.only.portfolioManager', { place: '' });
    if (intent === 'portfolio') return portfolioCard(locale, await this.items({}));
    const rows = isTehikRepresentative(this.dir, person.id) || isPortfolioManager(this.dir, person.id)
      ? await this.items({})
      : await this.items({ institutionIds: [...this.dir.institutions.values()].filter((i) => isRepresentative(this.dir, person.id, i.id)).map((i) => i.id) });
    return statusRequestCard(locale, rows.filter((r) => r.status !== 'done'));
  }

  private async items(f: { institutionIds?: string[] }): Promise<PortfolioRow[]> {
    const rows = await this.queries.portfolio();
    return rows.filter((r) => !f.institutionIds || f.institutionIds.includes(r.institutionId));
  }

  async onAction(person: Person, action: string, data: Record<string, unknown>, key: string): Promise<InvokeResult> {
    const locale = person.locale;
    const run = async (command: Parameters<Engine['run']>[0]['command'], input: Record<string, unknown>, done: string) => {
      const r = await this.engine.run({ command, actorId: person.id, input, platform: 'teams', deliveryKey: key });
      if (!r.ok) return messageResult(refusalText(locale, r.refusal));
      if (action === 'item.status') return cardResult(statusRequestCard(locale, (await this.onIntentRows(person)), t(locale, 'desk.done', { what: done })));
      return cardResult(await this.desk(person, t(locale, 'desk.done', { what: done })));
    };
    switch (action) {
      case 'manage.createMeeting': {
        const startsAt = tallinnToUtc(str(data.date), str(data.time) || '10:00');
        if (!startsAt) return messageResult(`${t(locale, 'desk.date')}: ${t(locale, 'field.required')}`);
        const domainId = str(data.domainId) as DomainId;
        return run('createMeeting', { domainId, startsAt: startsAt.toISOString(), extraordinary: str(data.extraordinary) === 'true' },
          meetingTitle(this.dir, locale, { domainId, startsAt, extraordinary: str(data.extraordinary) === 'true' }));
      }
      case 'manage.schedule': {
        const proposalId = str(data.proposalId);
        return run('schedule', { proposalId, meetingId: str(data[`meeting_${proposalId}`]) }, t(locale, 'desk.schedule'));
      }
      case 'manage.openRound':
        return run('openRound', { meetingId: str(data.meetingId) }, t(locale, 'desk.openRound'));
      case 'manage.closeRound':
        return run('closeRound', { meetingId: str(data.meetingId) }, t(locale, 'desk.closeRound'));
      case 'manage.openPoll':
        return run('openPoll', { proposalId: str(data.proposalId) }, t(locale, 'desk.openPoll'));
      case 'manage.agenda': {
        const agenda = await this.queries.agenda(str(data.meetingId));
        if (!agenda) return messageResult(t(locale, 'refusal.meetingNotFound'));
        const name = (id: string) => this.dir.people.get(id)?.name ?? id;
        return cardResult(agendaCard(locale, meetingTitle(this.dir, locale, { ...agenda.meeting, domainId: agenda.meeting.domainId as DomainId }), agenda.items.map((i) => ({
          number: i.proposal.number, title: i.proposal.title, status: i.proposal.status, priority: i.priority, counts: i.coThinkers.counts,
          notAnswered: i.coThinkers.notAnswered.map(name),
          arguments: i.coThinkers.opinions.flatMap((o) => [o.argumentation, ...o.replies.map((r) => r.text)].filter((x): x is string => !!x).map((a) => `${name(o.personId)}: ${a}`)),
        }))));
      }
      case 'item.status': {
        const itemId = str(data.itemId);
        const progress = Number(str(data[`progress_${itemId}`]) || data[`progress_${itemId}`] || 0);
        const note = str(data[`note_${itemId}`]);
        return run('recordStatusUpdate', { itemId, status: str(data[`status_${itemId}`]), progress, ...(note ? { note } : {}) }, t(locale, 'status.save'));
      }
      default:
        return messageResult(t(locale, 'unknownCommand'));
    }
  }

  private async onIntentRows(person: Person): Promise<PortfolioRow[]> {
    const all = await this.items({});
    if (isTehikRepresentative(this.dir, person.id) || isPortfolioManager(this.dir, person.id)) return all.filter((r) => r.status !== 'done');
    return all.filter((r) => isRepresentative(this.dir, person.id, r.institutionId) && r.status !== 'done');
  }
}
