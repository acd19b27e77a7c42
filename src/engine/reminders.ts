// The reminder tick: collects what waits for whom, lets the workflow decide who is reminded, and
// writes one digest per person per period and one overdue summary for the portfolio managers.
// A digest's key (person + period) is claimed with an INSERT … ON CONFLICT DO NOTHING in the same
// transaction as its outbox row, so a restart or a second replica never sends it twice.
import { agreerFor, type Directory, type DomainId } from '../workflow/directory.ts';
import { tallinnDate } from '../workflow/holidays.ts';
import { digestPeriod, planReminders, type PendingAction } from '../workflow/reminders.ts';
import type { ReminderItem } from '../workflow/outbox-messages.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import { enqueue } from '../storage/outbox.ts';
import type { Tx } from '../storage/tx.ts';

export type DigestFrequency = 'daily' | 'weekly';

/** Everything that waits for someone's action now. */
export async function collectPending(db: PrismaClient, dir: Directory): Promise<PendingAction[]> {
  const out: PendingAction[] = [];
  const lastDecision = async (proposalId: string, kinds: string[], fallback: Date) =>
    (await db.decision.findFirst({ where: { proposalId, kind: { in: kinds } }, orderBy: { at: 'desc' } }))?.at ?? fallback;

  for (const p of await db.proposal.findMany({ where: { status: { in: ['agreement', 'board'] } } })) {
    const base = { proposalId: p.id, number: p.number, title: p.title ?? '' };
    if (p.status === 'agreement') {
      const service = p.serviceId ? dir.services.get(p.serviceId) : undefined;
      const agreer = service ? agreerFor(service) : null;
      if (agreer) out.push({ ...base, kind: 'agreement', personId: agreer.personId, since: await lastDecision(p.id, ['submitted'], p.updatedAt) });
    } else {
      const since = await lastDecision(p.id, ['agreed', 'agreementSkipped'], p.updatedAt);
      for (const m of (p.institutionId && dir.institutions.get(p.institutionId)?.boardMemberIds) || []) out.push({ ...base, kind: 'boardDecision', personId: m, since });
    }
  }

  const rounds = await db.coThinkerRound.findMany({ where: { closedAt: null }, include: { opinions: true, meeting: { include: { agenda: { include: { proposal: true } } } } } });
  for (const r of rounds) {
    const coThinkers = dir.domains.get(r.meeting.domainId as DomainId)?.coThinkerIds ?? [];
    for (const a of r.meeting.agenda.filter((x) => x.proposal.status === 'scheduled')) {
      for (const personId of coThinkers) {
        if (r.opinions.some((o) => o.proposalId === a.proposalId && o.personId === personId)) continue;
        out.push({ kind: 'opinion', personId, proposalId: a.proposalId, number: a.proposal.number, title: a.proposal.title ?? '', since: r.openedAt, dueAt: r.opinionsDueAt });
      }
    }
  }

  for (const poll of await db.poll.findMany({ where: { status: 'open' }, include: { votes: true, proposal: true } })) {
    const d = dir.domains.get(poll.proposal.domainId as DomainId);
    if (!d) continue;
    for (const personId of new Set([d.chairId, ...d.committeeMemberIds])) {
      if (poll.votes.some((v) => v.personId === personId)) continue;
      out.push({ kind: 'vote', personId, proposalId: poll.proposalId, number: poll.proposal.number, title: poll.proposal.title ?? '', since: poll.openedAt });
    }
  }
  return out;
}

const item = (a: PendingAction): ReminderItem => ({ kind: a.kind, proposalId: a.proposalId, number: a.number, title: a.title, since: a.since.toISOString(), dueAt: a.dueAt?.toISOString() ?? null });

/** Claims a key for this tick; false when another tick (now or before a restart) already has it. */
async function claim(tx: Tx, key: string): Promise<boolean> {
  return (await tx.$executeRaw`INSERT INTO "ProcessedDelivery" (key, command, result) VALUES (${key}, 'reminder', 'null'::jsonb) ON CONFLICT (key) DO NOTHING`) === 1;
}

export interface TickReport { digests: number; summaries: number; statusRequests: number }

/** Quarterly monitoring (PROCESS.md stage 3): this many days before a meeting, ask for status. */
export const STATUS_REQUEST_DAYS = 21;

/**
 * Asks each institution representative (for their institution's unfinished items in the meeting's
 * domain) and each TEHIK representative (for all of them) once per meeting.
 */
async function statusRequests(db: PrismaClient, dir: Directory, now: Date): Promise<number> {
  const horizon = new Date(now.getTime() + STATUS_REQUEST_DAYS * 86_400_000);
  const meetings = await db.meeting.findMany({ where: { status: 'planned', startsAt: { gt: now, lte: horizon } } });
  let sent = 0;
  for (const m of meetings) {
    const items = await db.portfolioItem.findMany({ where: { domainId: m.domainId, removedAt: null, status: { not: 'done' } }, select: { id: true, institutionId: true } });
    if (items.length === 0) continue;
    const asks = new Map<string, string[]>();
    for (const i of items) {
      for (const rep of dir.institutions.get(i.institutionId)?.representativeIds ?? []) asks.set(rep, [...(asks.get(rep) ?? []), i.id]);
      for (const rep of dir.tehikRepresentativeIds) asks.set(rep, [...(asks.get(rep) ?? []), i.id]);
    }
    for (const [personId, itemIds] of asks) {
      const ok = await db.$transaction(async (tx) => {
        if (!(await claim(tx, `status:${m.id}:${personId}`))) return false;
        await enqueue(tx, now, [{ audience: { kind: 'person', personId }, payload: { kind: 'statusRequested', meetingId: m.id, itemIds: [...new Set(itemIds)] } }]);
        return true;
      });
      if (ok) sent += 1;
    }
  }
  return sent;
}

export async function reminderTick(db: PrismaClient, dir: Directory, now: Date, frequency: DigestFrequency = 'daily'): Promise<TickReport> {
  const { digests, overdue } = planReminders(await collectPending(db, dir), now);
  const period = digestPeriod(tallinnDate(now), frequency);
  const report = { digests: 0, summaries: 0, statusRequests: await statusRequests(db, dir, now) };
  for (const [personId, actions] of digests) {
    const sent = await db.$transaction(async (tx) => {
      if (!(await claim(tx, `reminder:${period}:${personId}`))) return false;
      await enqueue(tx, now, [{ audience: { kind: 'person', personId }, payload: { kind: 'reminderDigest', items: actions.map(item) } }]);
      return true;
    });
    if (sent) report.digests += 1;
  }
  if (overdue.length) {
    const sent = await db.$transaction(async (tx) => {
      if (!(await claim(tx, `overdue:${period}`))) return false;
      await enqueue(tx, now, [{ audience: { kind: 'portfolioManagers' }, payload: { kind: 'overdueSummary', items: overdue.map((a) => ({ ...item(a), personId: a.personId })) } }]);
      return true;
    });
    if (sent) report.summaries += 1;
  }
  return report;
}
