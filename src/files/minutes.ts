// The minutes (protokoll) of a committee meeting, read from what the bot recorded: who took part,
// each decision (JAH / JAH, KUI with its conditions / EI) with the votes and the co-thinkers' view,
// and the portfolio changes — items the meeting added, status updates received and missing since
// the domain's previous meeting. The minutes are internal (for the Delta register), so names appear.
import { authorizeRead, type Reader } from '../workflow/read-policy.ts';
import type { Queries } from '../engine/queries.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import type { Directory, DomainId, Text2 } from '../workflow/directory.ts';

export interface MinutesDecision {
  number: number;
  title: string;
  institution: Text2 | null;
  decision: 'YES' | 'YES_IF' | 'NO' | null;
  votes: { YES: number; YES_IF: number; NO: number };
  conditions: string[];
  reason: string | null;
  coThinkers: Record<string, number>;
}

export interface MinutesModel {
  committee: Text2;
  startsAt: Date;
  extraordinary: boolean;
  deltaNumber: string | null;
  chair: string;
  attendees: string[];
  decisions: MinutesDecision[];
  added: { title: string; period: string; totalEur: number }[];
  statusReceived: { title: string; status: string; progress: number; by: string }[];
  statusMissing: { title: string }[];
  /** the audit chain head when the minutes were made: printed in them, it anchors the chain outside the database */
  auditHead?: { seq: number; hash: string } | null;
}

/** The minutes (or, before the meeting, its pack) of a meeting, for a reader who may have them. */
export async function loadMinutes(
  db: PrismaClient,
  queries: Queries,
  dir: Directory,
  reader: Reader,
  meetingId: string,
  read: 'minutes' | 'meetingPack' = 'minutes',
): Promise<MinutesModel | null> {
  const agenda = await queries.agenda(reader, meetingId);
  if (!agenda) return null;
  authorizeRead(dir, reader, read, { domainId: agenda.meeting.domainId as DomainId });
  const m = agenda.meeting;
  const domain = dir.domains.get(m.domainId as DomainId);
  const name = (id: string) => dir.people.get(id)?.name ?? id;
  const polls = await db.poll.findMany({ where: { meetingId }, include: { votes: true } });
  const voters = new Set(polls.flatMap((p) => p.votes.map((v) => v.personId)));
  const conditions = await db.condition.findMany({
    where: { pollId: { in: polls.map((p) => p.id) } },
    orderBy: [{ pollId: 'asc' }, { position: 'asc' }],
  });
  const proposals = await db.proposal.findMany({
    where: { id: { in: agenda.items.map((i) => i.proposal.proposalId) } },
    select: { id: true, institutionId: true },
  });
  const institutionOf = new Map(proposals.map((p) => [p.id, p.institutionId]));
  const decisions: MinutesDecision[] = agenda.items.map((i) => {
    const poll = polls.filter((p) => p.proposalId === i.proposal.proposalId).at(-1);
    const inst = institutionOf.get(i.proposal.proposalId);
    return {
      number: i.proposal.number,
      title: i.proposal.title ?? '',
      institution: inst ? (dir.institutions.get(inst)?.name ?? null) : null,
      decision: (poll?.decision as MinutesDecision['decision']) ?? null,
      votes: { YES: i.poll?.tally.YES ?? 0, YES_IF: i.poll?.tally.YES_IF ?? 0, NO: i.poll?.tally.NO ?? 0 },
      conditions: poll ? conditions.filter((c) => c.pollId === poll.id).map((c) => c.text) : [],
      reason: poll?.decisionReason ?? null,
      coThinkers: i.coThinkers.counts,
    };
  });
  const previous = await db.meeting.findFirst({
    where: { domainId: m.domainId, startsAt: { lt: m.startsAt } },
    orderBy: { startsAt: 'desc' },
  });
  const since = previous?.startsAt ?? new Date(0);
  const added = await db.portfolioItem.findMany({
    where: { proposalId: { in: agenda.items.map((i) => i.proposal.proposalId) } },
    orderBy: { title: 'asc' },
  });
  const items = await db.portfolioItem.findMany({
    where: {
      domainId: m.domainId,
      removedAt: null,
      status: { not: 'done' },
      OR: [{ proposalId: null }, { proposalId: { notIn: agenda.items.map((i) => i.proposal.proposalId) } }],
    },
    include: { updates: { where: { at: { gt: since, lte: m.startsAt } }, orderBy: { at: 'desc' }, take: 1 } },
    orderBy: { title: 'asc' },
  });
  return {
    committee: domain?.committeeName ?? { et: m.domainId, en: m.domainId },
    startsAt: m.startsAt,
    extraordinary: m.extraordinary,
    deltaNumber: m.deltaNumber,
    chair: domain ? name(domain.chairId) : '',
    attendees: [...new Set([...(domain && voters.has(domain.chairId) ? [domain.chairId] : []), ...voters])]
      .map(name)
      .sort((a, b) => a.localeCompare(b, 'et')),
    decisions,
    added: added.map((a) => ({
      title: a.title,
      period: `${a.startQuarter}–${a.endQuarter}`,
      totalEur: Object.values(a.moneyPerYear as Record<string, number>).reduce((x, y) => x + Number(y), 0),
    })),
    statusReceived: items
      .filter((i) => i.updates.length)
      .map((i) => ({
        title: i.title,
        status: i.updates[0]!.status,
        progress: i.updates[0]!.progress,
        by: name(i.updates[0]!.byId),
      })),
    statusMissing: items.filter((i) => !i.updates.length).map((i) => ({ title: i.title })),
    auditHead: await db.auditHead
      .findUnique({ where: { id: 1 } })
      .then((h) => (h ? { seq: h.lastSeq, hash: h.hash } : null)),
  };
}
