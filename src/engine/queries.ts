// Everything the bots read from the engine: my proposals, what waits for me, a proposal, its
// history, a poll, a meeting's agenda, the desk, the calendar, the portfolio, an item's plan and the
// status requests. Read-only. Each read gets the reader first and asks the read policy
// (src/workflow/read-policy.ts) before it answers, as a command asks the command policy: the
// platforms never decide who may see what.
import {
  agreerFor,
  isBoardMember,
  isCoThinker,
  isCommitteeMember,
  isPortfolioManager,
  isRepresentative,
  isTehikRepresentative,
  type Directory,
  type DomainId,
  type Locale,
} from '../workflow/directory.ts';
import { authorizeRead, mayRead, SYSTEM, type Reader } from '../workflow/read-policy.ts';
import {
  RECOMMENDATIONS,
  tally,
  type Recommendation,
  type Tally,
  type VoteRow,
} from '../workflow/transitions/committee.ts';
import type { CommitteeDecision } from '../workflow/outbox-messages.ts';
import type { StrategicGoal } from '../workflow/proposal.ts';
import { NEXT_ACTOR, type Stage } from '../workflow/stages.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import { absentFor } from './substitutes.ts';

export interface ProposalSummary {
  proposalId: string;
  number: number;
  title: string | null;
  status: Stage;
  updatedAt: Date;
}

const summary = (p: {
  id: string;
  number: number;
  title: string | null;
  status: string;
  updatedAt: Date;
}): ProposalSummary => ({
  proposalId: p.id,
  number: p.number,
  title: p.title,
  status: p.status as Stage,
  updatedAt: p.updatedAt,
});

/** A committee poll as both platforms show it. */
export interface PollState {
  pollId: string;
  status: 'open' | 'closed';
  tally: Tally;
  decision: CommitteeDecision | null;
  reason: string | null;
  conditions: string[];
}

export interface DeskProposal {
  id: string;
  number: number;
  title: string | null;
  domainId: DomainId;
  priority: number | null;
}
export interface DeskMeeting {
  id: string;
  domainId: DomainId;
  startsAt: Date;
  extraordinary: boolean;
  round: 'none' | 'open' | 'closed';
  items: { proposalId: string; number: number; title: string | null; status: string }[];
}
/** A meeting that has taken place: its minutes can be downloaded and its Delta number recorded. */
export interface PastMeeting {
  id: string;
  domainId: DomainId;
  startsAt: Date;
  extraordinary: boolean;
  deltaNumber: string | null;
}
export interface PortfolioRow {
  id: string;
  title: string;
  domainId: string;
  institutionId: string;
  startQuarter: string;
  endQuarter: string;
  status: string;
  progress: number;
}
export interface ItemChoice {
  value: string;
  title: string;
}

/** The decisions an agreement or board card shows: its rounds and their outcomes. */
const REVIEW_DECISIONS = [
  'submitted',
  'agreementSkipped',
  'agreed',
  'returned',
  'boardSent',
  'boardNotSent',
  'boardReturned',
] as const;

const itemLabel = (dir: Directory, locale: Locale, i: { title: string; institutionId: string }) =>
  `${i.title} (${dir.institutions.get(i.institutionId)?.name[locale] ?? i.institutionId})`;

export class Queries {
  constructor(
    private readonly db: PrismaClient,
    private readonly dir: () => Directory,
  ) {}

  /** The reader's own proposals, newest first, with who is expected to act next. */
  async myProposals(reader: string) {
    authorizeRead(this.dir(), reader, 'myProposals');
    const rows = await this.db.proposal.findMany({ where: { submitterId: reader }, orderBy: { updatedAt: 'desc' } });
    return rows.map((p) => {
      const s = summary(p);
      const role = NEXT_ACTOR[s.status];
      const service = p.serviceId ? this.dir().services.get(p.serviceId) : undefined;
      const nextPersonId =
        role === 'agreer' && service ? (agreerFor(service)?.personId ?? null) : role === 'submitter' ? reader : null;
      return { ...s, serviceId: p.serviceId, institutionId: p.institutionId, nextRole: role, nextPersonId };
    });
  }

  /** Everything that waits for the reader's action. */
  async waitingFor(reader: string, now?: Date) {
    const dir = this.dir();
    authorizeRead(dir, reader, 'waitingFor');
    const personId = reader;
    // With `now`, also what waits for the people the reader stands in for (agreements, board decisions).
    const actingFor = [personId, ...(now ? await absentFor(this.db, personId, now) : [])];
    const agreeing = [...dir.services.values()]
      .filter((s) => actingFor.includes(agreerFor(s)?.personId ?? ''))
      .map((s) => s.id);
    const boards = [...dir.institutions.values()]
      .filter((i) => actingFor.some((id) => isBoardMember(dir, id, i.id)))
      .map((i) => i.id);
    const coThinking = [...dir.domains.values()].filter((d) => isCoThinker(dir, personId, d.id)).map((d) => d.id);
    const voting = [...dir.domains.values()].filter((d) => isCommitteeMember(dir, personId, d.id)).map((d) => d.id);
    const pm = isPortfolioManager(dir, personId);

    const [agreements, boardItems, toSchedule, own, openRoundItems, openPolls, requests] = await Promise.all([
      this.db.proposal.findMany({
        where: { status: 'agreement', serviceId: { in: agreeing }, NOT: { submitterId: personId } },
        orderBy: { number: 'asc' },
      }),
      this.db.proposal.findMany({
        where: { status: 'board', institutionId: { in: boards } },
        orderBy: { number: 'asc' },
      }),
      pm
        ? this.db.proposal.findMany({ where: { status: 'toCommittee' }, orderBy: { number: 'asc' } })
        : Promise.resolve([]),
      this.db.proposal.findMany({
        where: { submitterId: personId, status: { in: ['draft', 'returned', 'conditions'] } },
        orderBy: { number: 'asc' },
      }),
      this.db.agendaItem.findMany({
        where: {
          meeting: { domainId: { in: coThinking }, round: { is: { closedAt: null } } },
          proposal: { status: 'scheduled' },
        },
        include: { proposal: true, meeting: { include: { round: true } } },
      }),
      this.db.poll.findMany({
        where: { status: 'open', proposal: { domainId: { in: voting } } },
        include: { proposal: true, votes: { where: { personId } } },
      }),
      pm
        ? this.db.meetingRequest.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' } })
        : Promise.resolve([]),
    ]);
    const answered = new Set(
      (
        await this.db.opinion.findMany({
          where: { personId, roundId: { in: openRoundItems.map((i) => i.meeting.round!.id) } },
        })
      ).map((o) => `${o.roundId}/${o.proposalId}`),
    );
    return {
      agreements: agreements.map(summary),
      boardDecisions: boardItems.map(summary),
      toSchedule: toSchedule.map(summary),
      myDrafts: own.map(summary),
      opinions: openRoundItems
        .filter((i) => !answered.has(`${i.meeting.round!.id}/${i.proposalId}`))
        .map((i) => ({ ...summary(i.proposal), roundId: i.meeting.round!.id, dueAt: i.meeting.round!.opinionsDueAt })),
      votes: openPolls.filter((p) => p.votes.length === 0).map((p) => ({ ...summary(p.proposal), pollId: p.id })),
      meetingRequests: requests.map((r) => ({
        requestId: r.id,
        domainId: r.domainId as DomainId,
        reason: r.reason,
        requestedById: r.requestedById,
      })),
    };
  }

  /** A proposal as the forms and cards show it; null when there is none. */
  async proposal(reader: Reader, proposalId: string) {
    const p = proposalId ? await this.db.proposal.findUnique({ where: { id: proposalId } }) : null;
    if (!p) return null;
    authorizeRead(this.dir(), reader, 'proposal', p);
    return { ...p, strategicGoals: p.strategicGoals as StrategicGoal[] };
  }

  /** A JAH, KUI proposal's conditions in order, each with whether it is met: the submitter's checklist. */
  async conditions(reader: Reader, proposalId: string) {
    const p = proposalId ? await this.db.proposal.findUnique({ where: { id: proposalId } }) : null;
    if (!p) return null;
    authorizeRead(this.dir(), reader, 'conditions', p);
    const rows = await this.db.condition.findMany({
      where: { proposalId },
      orderBy: [{ pollId: 'asc' }, { position: 'asc' }],
    });
    return rows.map((c) => ({ id: c.id, text: c.text, met: c.metAt != null }));
  }

  /** A proposal with every revision, decision, assessment, condition, poll and audit event. */
  async history(reader: Reader, proposalId: string) {
    const p = await this.db.proposal.findUnique({
      where: { id: proposalId },
      include: {
        revisions: { orderBy: { revision: 'asc' } },
        decisions: { orderBy: { at: 'asc' } },
        assessments: { orderBy: { at: 'asc' } },
        conditions: { orderBy: [{ pollId: 'asc' }, { position: 'asc' }] },
        polls: { orderBy: { openedAt: 'asc' }, include: { votes: true } },
        agendaItems: { include: { meeting: true } },
        portfolioItem: true,
      },
    });
    if (!p) return null;
    authorizeRead(this.dir(), reader, 'history', p);
    const audit = await this.db.auditEvent.findMany({
      where: { entityType: 'proposal', entityId: proposalId },
      orderBy: { seq: 'asc' },
    });
    return { ...p, audit };
  }

  /**
   * A proposal before its agreer or its board, as they (or whoever stands in for them now) decide on
   * it: the proposal, the decisions of its rounds (submitted, agreed, returned, the board's), and
   * whom the reader stands in for. `now` tells whose substitute the reader is (the dispatchers read
   * as SYSTEM, for the audience the engine chose, and give null).
   */
  async review(reader: Reader, proposalId: string, now: Date | null) {
    const p = proposalId
      ? await this.db.proposal.findUnique({
          where: { id: proposalId },
          include: { decisions: { where: { kind: { in: [...REVIEW_DECISIONS] } }, orderBy: { at: 'asc' } } },
        })
      : null;
    if (!p) return null;
    const standsInFor = reader === SYSTEM || !now ? [] : await absentFor(this.db, reader, now);
    authorizeRead(this.dir(), reader, 'review', { ...p, standsInFor });
    const { decisions, ...proposal } = p;
    return {
      proposal: { ...proposal, strategicGoals: proposal.strategicGoals as StrategicGoal[] },
      decisions: decisions.map((d) => ({
        kind: d.kind,
        byId: d.byId,
        onBehalfOf: d.onBehalfOf,
        comment: d.comment,
        priority: d.priority,
        at: d.at,
      })),
      standsInFor,
    };
  }

  /** A committee poll with its votes and conditions. */
  async poll(reader: Reader, pollId: string): Promise<(PollState & { proposalId: string; votes: VoteRow[] }) | null> {
    const poll = pollId
      ? await this.db.poll.findUnique({
          where: { id: pollId },
          include: { votes: true, proposal: { select: { domainId: true } } },
        })
      : null;
    if (!poll) return null;
    authorizeRead(this.dir(), reader, 'poll', { domainId: poll.proposal.domainId as DomainId });
    const conditions = await this.db.condition.findMany({ where: { pollId }, orderBy: { position: 'asc' } });
    const votes = poll.votes.map((v) => ({
      personId: v.personId,
      choice: v.choice as CommitteeDecision,
      conditions: v.conditions,
    }));
    return {
      pollId: poll.id,
      proposalId: poll.proposalId,
      status: poll.status as 'open' | 'closed',
      tally: tally(votes),
      votes,
      decision: poll.decision as CommitteeDecision | null,
      reason: poll.decisionReason,
      conditions: conditions.map((c) => c.text),
    };
  }

  /** The reader's own opinion on a proposal in its open co-thinker round (to change it), or `given: false`. */
  async myOpinion(reader: string, proposalId: string) {
    authorizeRead(this.dir(), reader, 'myOpinion');
    const o = await this.db.opinion.findFirst({
      where: { proposalId, personId: reader, round: { closedAt: null } },
      orderBy: { updatedAt: 'desc' },
    });
    return {
      given: o != null,
      legislation: o?.legislation ?? null,
      strategyFit: o?.strategyFit ?? null,
      risks: o?.risks ?? null,
      feasibility: o?.feasibility ?? null,
      recommendation: o?.recommendation ?? null,
      argumentation: o?.argumentation ?? null,
    };
  }

  /** The agenda of a meeting with the co-thinkers' summary per item: names and arguments. */
  async agenda(reader: Reader, meetingId: string) {
    const dir = this.dir();
    const meeting = meetingId
      ? await this.db.meeting.findUnique({
          where: { id: meetingId },
          include: {
            round: { include: { opinions: true } },
            agenda: { orderBy: { position: 'asc' }, include: { proposal: true } },
            polls: { include: { votes: true } },
          },
        })
      : null;
    if (!meeting) return null;
    authorizeRead(dir, reader, 'agenda', { domainId: meeting.domainId as DomainId });
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
            personId: o.personId,
            recommendation: o.recommendation as Recommendation | null,
            argumentation: o.argumentation,
            checklist: {
              legislation: o.legislation,
              strategyFit: o.strategyFit,
              risks: o.risks,
              feasibility: o.feasibility,
            },
            replies: o.replies as { at: string; text: string }[],
          })),
          notAnswered: coThinkers.filter((id) => !opinions.some((o) => o.personId === id)),
        },
        poll: poll
          ? { pollId: poll.id, status: poll.status, decision: poll.decision, tally: tally(poll.votes as VoteRow[]) }
          : null,
      };
    });
    const { round, agenda: _a, polls: _p, ...rest } = meeting;
    return {
      meeting: rest,
      round: round
        ? {
            id: round.id,
            openedAt: round.openedAt,
            opinionsDueAt: round.opinionsDueAt,
            discussionAt: round.discussionAt,
            closedAt: round.closedAt,
          }
        : null,
      items,
    };
  }

  /** The portfolio manager's desk: what waits for an agenda, the coming meetings with theirs, the last four held. */
  async desk(
    reader: string,
    now: Date,
  ): Promise<{ toSchedule: DeskProposal[]; meetings: DeskMeeting[]; past: PastMeeting[] }> {
    authorizeRead(this.dir(), reader, 'desk');
    const [toSchedule, meetings, past] = await Promise.all([
      this.db.proposal.findMany({
        where: { status: 'toCommittee' },
        orderBy: [{ priority: 'asc' }, { number: 'asc' }],
      }),
      this.db.meeting.findMany({
        where: { status: 'planned', startsAt: { gt: now } },
        orderBy: { startsAt: 'asc' },
        include: { round: true, agenda: { orderBy: { position: 'asc' }, include: { proposal: true } } },
      }),
      this.db.meeting.findMany({ where: { startsAt: { lte: now } }, orderBy: { startsAt: 'desc' }, take: 4 }),
    ]);
    return {
      toSchedule: toSchedule.map((p) => ({
        id: p.id,
        number: p.number,
        title: p.title,
        domainId: p.domainId as DomainId,
        priority: p.priority,
      })),
      meetings: meetings.map((m) => ({
        id: m.id,
        domainId: m.domainId as DomainId,
        startsAt: m.startsAt,
        extraordinary: m.extraordinary,
        round: !m.round ? 'none' : m.round.closedAt ? 'closed' : 'open',
        items: m.agenda.map((a) => ({
          proposalId: a.proposalId,
          number: a.proposal.number,
          title: a.proposal.title,
          status: a.proposal.status,
        })),
      })),
      past: past.map((m) => ({
        id: m.id,
        domainId: m.domainId as DomainId,
        startsAt: m.startsAt,
        extraordinary: m.extraordinary,
        deltaNumber: m.deltaNumber,
      })),
    };
  }

  /** Pending requests for an extraordinary meeting (the portfolio managers answer them). */
  async meetingRequests(reader: string) {
    authorizeRead(this.dir(), reader, 'meetingRequests');
    return this.db.meetingRequest.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, take: 5 });
  }

  /** The planned committee meetings from now on, soonest first; and the requests, for those who answer them. */
  async calendar(reader: string, now: Date) {
    const dir = this.dir();
    authorizeRead(dir, reader, 'calendar');
    const meetings = await this.db.meeting.findMany({
      where: { status: 'planned', startsAt: { gt: now } },
      orderBy: { startsAt: 'asc' },
      take: 12,
    });
    return { meetings, requests: mayRead(dir, reader, 'meetingRequests') ? await this.meetingRequests(reader) : [] };
  }

  /** The reader's current and coming absences, and whom they stand in for. */
  async substitutions(reader: string, now: Date) {
    authorizeRead(this.dir(), reader, 'substitutions');
    return this.db.substitution.findMany({
      where: { cancelledAt: null, endsAt: { gt: now }, OR: [{ absentId: reader }, { substituteId: reader }] },
      orderBy: { startsAt: 'asc' },
      take: 20,
    });
  }

  /** Portfolio items by domain, institution and status; taken-out items only when asked. Shown as their public fields. */
  async portfolio(
    reader: Reader,
    filter: { domainId?: DomainId; institutionId?: string; status?: string; includeRemoved?: boolean } = {},
  ) {
    authorizeRead(this.dir(), reader, 'portfolio');
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

  /** Unfinished items the reader reports on: TEHIK and the portfolio managers all, a representative their institution's. */
  async statusItems(reader: string): Promise<PortfolioRow[]> {
    const dir = this.dir();
    authorizeRead(dir, reader, 'statusItems');
    const all = (await this.portfolio(reader)).filter((r) => r.status !== 'done');
    if (isTehikRepresentative(dir, reader) || isPortfolioManager(dir, reader)) return all;
    return all.filter((r) => isRepresentative(dir, reader, r.institutionId));
  }

  /** An item's plan with its internal fields and links (the portfolio manager plans it). */
  async plannedItem(reader: string, itemId: string) {
    authorizeRead(this.dir(), reader, 'plannedItem');
    const i = itemId
      ? await this.db.portfolioItem.findUnique({
          where: { id: itemId },
          include: { linksFrom: { select: { toId: true }, orderBy: { toId: 'asc' } } },
        })
      : null;
    return i ? { ...i, linkedIds: i.linksFrom.map((l) => l.toId) } : null;
  }

  /**
   * Items found by their title for a plan's linked-items field: at most 20, taken-out items and
   * `exceptId` left out; with `ids`, those items first (the ones already chosen).
   */
  async itemChoices(
    reader: string,
    locale: Locale,
    find: { text?: string; exceptId?: string; ids?: readonly string[] },
  ): Promise<ItemChoice[]> {
    const dir = this.dir();
    authorizeRead(dir, reader, 'plannedItem');
    const words = (find.text ?? '').trim().slice(0, 100);
    const chosen = find.ids?.length
      ? await this.db.portfolioItem.findMany({
          where: { id: { in: [...find.ids] } },
          select: { id: true, title: true, institutionId: true },
        })
      : [];
    const byId = new Map(chosen.map((i) => [i.id, i]));
    const first = (find.ids ?? []).flatMap((id) => {
      const i = byId.get(id);
      return i ? [{ value: id, title: itemLabel(dir, locale, i) }] : [];
    });
    if (find.text === undefined) return first;
    const found = await this.db.portfolioItem.findMany({
      where: {
        removedAt: null,
        id: { not: find.exceptId ?? '' },
        ...(words ? { title: { contains: words, mode: 'insensitive' } } : {}),
      },
      select: { id: true, title: true, institutionId: true },
      orderBy: [{ title: 'asc' }, { id: 'asc' }],
      take: 20,
    });
    return [
      ...first,
      ...found.filter((f) => !byId.has(f.id)).map((i) => ({ value: i.id, title: itemLabel(dir, locale, i) })),
    ];
  }
}
