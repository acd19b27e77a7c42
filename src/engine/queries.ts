// What the bots ask the engine: my proposals, what waits for me, a proposal's full history, a
// meeting's agenda with the co-thinker summary, and the portfolio. Read-only.
import { agreerFor, isBoardMember, isCoThinker, isCommitteeMember, isPortfolioManager, type Directory, type DomainId } from '../workflow/directory.ts';
import { RECOMMENDATIONS, tally, type Recommendation, type VoteRow } from '../workflow/transitions/committee.ts';
import { NEXT_ACTOR, type Stage } from '../workflow/stages.ts';
import type { PrismaClient } from '../storage/generated/client.ts';

export interface ProposalSummary { proposalId: string; number: number; title: string | null; status: Stage; updatedAt: Date }

const summary = (p: { id: string; number: number; title: string | null; status: string; updatedAt: Date }): ProposalSummary =>
  ({ proposalId: p.id, number: p.number, title: p.title, status: p.status as Stage, updatedAt: p.updatedAt });

export class Queries {
  constructor(private readonly db: PrismaClient, private readonly dir: () => Directory) {}

  /** The submitter's proposals, newest first, with who is expected to act next. */
  async myProposals(personId: string) {
    const rows = await this.db.proposal.findMany({ where: { submitterId: personId }, orderBy: { updatedAt: 'desc' } });
    return rows.map((p) => {
      const s = summary(p);
      const role = NEXT_ACTOR[s.status];
      const service = p.serviceId ? this.dir().services.get(p.serviceId) : undefined;
      const nextPersonId = role === 'agreer' && service ? agreerFor(service)?.personId ?? null : role === 'submitter' ? personId : null;
      return { ...s, nextRole: role, nextPersonId };
    });
  }

  /** Everything that waits for this person's action. */
  async waitingFor(personId: string) {
    const dir = this.dir();
    const agreeing = [...dir.services.values()].filter((s) => agreerFor(s)?.personId === personId).map((s) => s.id);
    const boards = [...dir.institutions.values()].filter((i) => isBoardMember(dir, personId, i.id)).map((i) => i.id);
    const coThinking = [...dir.domains.values()].filter((d) => isCoThinker(dir, personId, d.id)).map((d) => d.id);
    const voting = [...dir.domains.values()].filter((d) => isCommitteeMember(dir, personId, d.id)).map((d) => d.id);
    const pm = isPortfolioManager(dir, personId);

    const [agreements, boardItems, toSchedule, own, openRoundItems, openPolls, requests] = await Promise.all([
      this.db.proposal.findMany({ where: { status: 'agreement', serviceId: { in: agreeing }, NOT: { submitterId: personId } }, orderBy: { number: 'asc' } }),
      this.db.proposal.findMany({ where: { status: 'board', institutionId: { in: boards } }, orderBy: { number: 'asc' } }),
      pm ? this.db.proposal.findMany({ where: { status: 'toCommittee' }, orderBy: { number: 'asc' } }) : Promise.resolve([]),
      this.db.proposal.findMany({ where: { submitterId: personId, status: { in: ['draft', 'returned', 'conditions'] } }, orderBy: { number: 'asc' } }),
      this.db.agendaItem.findMany({
        where: { meeting: { domainId: { in: coThinking }, round: { is: { closedAt: null } } }, proposal: { status: 'scheduled' } },
        include: { proposal: true, meeting: { include: { round: true } } },
      }),
      this.db.poll.findMany({ where: { status: 'open', proposal: { domainId: { in: voting } } }, include: { proposal: true, votes: { where: { personId } } } }),
      pm ? this.db.meetingRequest.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' } }) : Promise.resolve([]),
    ]);
    const answered = new Set((await this.db.opinion.findMany({ where: { personId, roundId: { in: openRoundItems.map((i) => i.meeting.round!.id) } } })).map((o) => `${o.roundId}/${o.proposalId}`));
    return {
      agreements: agreements.map(summary),
      boardDecisions: boardItems.map(summary),
      toSchedule: toSchedule.map(summary),
      myDrafts: own.map(summary),
      opinions: openRoundItems
        .filter((i) => !answered.has(`${i.meeting.round!.id}/${i.proposalId}`))
        .map((i) => ({ ...summary(i.proposal), roundId: i.meeting.round!.id, dueAt: i.meeting.round!.opinionsDueAt })),
      votes: openPolls.filter((p) => p.votes.length === 0).map((p) => ({ ...summary(p.proposal), pollId: p.id })),
      meetingRequests: requests.map((r) => ({ requestId: r.id, domainId: r.domainId as DomainId, reason: r.reason, requestedById: r.requestedById })),
    };
  }

  /** A proposal with every revision, decision, assessment, condition, poll and audit event. */
  async history(proposalId: string) {
    const p = await this.db.proposal.findUnique({
      where: { id: proposalId },
      include: {
        revisions: { orderBy: { revision: 'asc' } }, decisions: { orderBy: { at: 'asc' } },
        assessments: { orderBy: { at: 'asc' } }, conditions: { orderBy: [{ pollId: 'asc' }, { position: 'asc' }] },
        polls: { orderBy: { openedAt: 'asc' }, include: { votes: true } }, agendaItems: { include: { meeting: true } },
        portfolioItem: true,
      },
    });
    if (!p) return null;
    const audit = await this.db.auditEvent.findMany({ where: { entityType: 'proposal', entityId: proposalId }, orderBy: { seq: 'asc' } });
    return { ...p, audit };
  }

  /** The agenda of a meeting with the co-thinkers' summary per item. */
  async agenda(meetingId: string) {
    const dir = this.dir();
    const meeting = await this.db.meeting.findUnique({
      where: { id: meetingId },
      include: { round: { include: { opinions: true } }, agenda: { orderBy: { position: 'asc' }, include: { proposal: true } }, polls: { include: { votes: true } } },
    });
    if (!meeting) return null;
    const coThinkers = dir.domains.get(meeting.domainId as DomainId)?.coThinkerIds ?? [];
    const items = meeting.agenda.map((a) => {
      const opinions = (meeting.round?.opinions ?? []).filter((o) => o.proposalId === a.proposalId);
      const counts = Object.fromEntries(RECOMMENDATIONS.map((r) => [r, 0])) as Record<Recommendation, number>;
      for (const o of opinions) if (o.recommendation) counts[o.recommendation as Recommendation] += 1;
      const poll = meeting.polls.filter((p) => p.proposalId === a.proposalId).at(-1);
      return {
        position: a.position,
        proposal: summary(a.proposal),
        priority: a.proposal.priority,
        coThinkers: {
          counts,
          opinions: opinions.map((o) => ({
            personId: o.personId, recommendation: o.recommendation as Recommendation | null, argumentation: o.argumentation,
            checklist: { legislation: o.legislation, strategyFit: o.strategyFit, risks: o.risks, feasibility: o.feasibility },
            replies: o.replies as { at: string; text: string }[],
          })),
          notAnswered: coThinkers.filter((id) => !opinions.some((o) => o.personId === id)),
        },
        poll: poll ? { pollId: poll.id, status: poll.status, decision: poll.decision, tally: tally(poll.votes as VoteRow[]) } : null,
      };
    });
    const { round, agenda: _a, polls: _p, ...rest } = meeting;
    return { meeting: rest, round: round ? { id: round.id, openedAt: round.openedAt, opinionsDueAt: round.opinionsDueAt, discussionAt: round.discussionAt, closedAt: round.closedAt } : null, items };
  }

  /** Pending requests for an extraordinary meeting, for those who answer them (portfolio managers); none for others. */
  async pendingMeetingRequests(personId: string) {
    if (!isPortfolioManager(this.dir(), personId)) return [];
    return this.db.meetingRequest.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, take: 5 });
  }

  /** Planned committee meetings from now on, soonest first. */
  async upcomingMeetings(now: Date) {
    return this.db.meeting.findMany({ where: { status: 'planned', startsAt: { gt: now } }, orderBy: { startsAt: 'asc' }, take: 10 });
  }

  /** Portfolio items by domain, institution and status; taken-out items only when asked. */
  async portfolio(filter: { domainId?: DomainId; institutionId?: string; status?: string; includeRemoved?: boolean } = {}) {
    return this.db.portfolioItem.findMany({
      where: {
        ...(filter.domainId ? { domainId: filter.domainId } : {}),
        ...(filter.institutionId ? { institutionId: filter.institutionId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.includeRemoved ? {} : { removedAt: null }),
      },
      orderBy: [{ domainId: 'asc' }, { startQuarter: 'asc' }, { title: 'asc' }],
      include: { linksFrom: true },
    });
  }
}
