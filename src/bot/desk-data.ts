// What the portfolio manager's desk and the status request show, read from the engine's data;
// shared by the Teams and Slack renderers.
import type { Queries } from '../engine/queries.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import { isPortfolioManager, isRepresentative, isTehikRepresentative, type Directory, type DomainId } from '../workflow/directory.ts';
import type { DeskMeeting, DeskProposal, PortfolioRow } from './teams/manager-cards.ts';

export async function loadDesk(db: PrismaClient, now: Date): Promise<{ toSchedule: DeskProposal[]; meetings: DeskMeeting[] }> {
  const toSchedule = await db.proposal.findMany({ where: { status: 'toCommittee' }, orderBy: [{ priority: 'asc' }, { number: 'asc' }] });
  const meetings = await db.meeting.findMany({
    where: { status: 'planned', startsAt: { gt: now } }, orderBy: { startsAt: 'asc' },
    include: { round: true, agenda: { orderBy: { position: 'asc' }, include: { proposal: true } } },
  });
  return {
    toSchedule: toSchedule.map((p) => ({ id: p.id, number: p.number, title: p.title, domainId: p.domainId as DomainId, priority: p.priority })),
    meetings: meetings.map((m) => ({
      id: m.id, domainId: m.domainId as DomainId, startsAt: m.startsAt, extraordinary: m.extraordinary,
      round: !m.round ? 'none' : m.round.closedAt ? 'closed' : 'open',
      items: m.agenda.map((a) => ({ proposalId: a.proposalId, number: a.proposal.number, title: a.proposal.title, status: a.proposal.status })),
    })),
  };
}

/** Unfinished portfolio items a person reports on: TEHIK and the portfolio manager all, a representative their institution's. */
export async function statusRows(queries: Queries, dir: Directory, personId: string): Promise<PortfolioRow[]> {
  const all = (await queries.portfolio()).filter((r) => r.status !== 'done');
  if (isTehikRepresentative(dir, personId) || isPortfolioManager(dir, personId)) return all;
  return all.filter((r) => isRepresentative(dir, personId, r.institutionId));
}
