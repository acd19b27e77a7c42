// What the portfolio manager's desk and the status request show, read from the engine's data;
// shared by the Teams and Slack renderers.
import type { Queries } from '../engine/queries.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import { t } from '../i18n/catalogue.ts';
import { formatDate } from '../i18n/dates.ts';
import { isPortfolioManager, isRepresentative, isTehikRepresentative, type Directory, type DomainId, type Locale } from '../workflow/directory.ts';

export interface DeskProposal { id: string; number: number; title: string | null; domainId: DomainId; priority: number | null }
export interface DeskMeeting {
  id: string; domainId: DomainId; startsAt: Date; extraordinary: boolean;
  round: 'none' | 'open' | 'closed';
  items: { proposalId: string; number: number; title: string | null; status: string }[];
}

export interface PortfolioRow { id: string; title: string; domainId: string; institutionId: string; startQuarter: string; endQuarter: string; status: string; progress: number }

export function meetingTitle(dir: Directory, locale: Locale, m: { domainId: DomainId; startsAt: Date; extraordinary: boolean }): string {
  return `${dir.domains.get(m.domainId)?.committeeName[locale] ?? m.domainId} ${formatDate(m.startsAt)}${m.extraordinary ? ` (${t(locale, 'desk.extraordinaryShort')})` : ''}`;
}

/** A meeting that has taken place: its minutes can be downloaded and its Delta number recorded. */
export interface PastMeeting { id: string; domainId: DomainId; startsAt: Date; extraordinary: boolean; deltaNumber: string | null }

export async function loadPastMeetings(db: PrismaClient, now: Date): Promise<PastMeeting[]> {
  const rows = await db.meeting.findMany({ where: { startsAt: { lte: now } }, orderBy: { startsAt: 'desc' }, take: 4 });
  return rows.map((m) => ({ id: m.id, domainId: m.domainId as DomainId, startsAt: m.startsAt, extraordinary: m.extraordinary, deltaNumber: m.deltaNumber }));
}

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
