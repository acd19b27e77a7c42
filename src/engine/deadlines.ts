// Keeps the Deadline rows in step with the state, inside the command's own transaction: after a
// command touches a proposal, its expected actions are read again; what is no longer expected is
// closed, what is new is opened with its reminder and escalation dates, and what moved (a meeting
// moved, so the opinions deadline moved) gets new dates. The reminder tick only reads these rows.
import { meetingDeadlines } from '../workflow/calendar.ts';
import type { Directory } from '../workflow/directory.ts';
import {
  dueOf,
  expectationsFor,
  firstSchedule,
  PROPOSAL_KINDS,
  type Expectation,
  type ProposalSnapshot,
} from '../workflow/reminders.ts';
import type { Tx } from '../storage/tx.ts';
import type { Unit } from './unit.ts';

const STAGE_DECISIONS: Record<string, string[]> = { agreement: ['submitted'], board: ['agreed', 'agreementSkipped'] };

async function snapshotOf(tx: Tx, proposalId: string): Promise<ProposalSnapshot | null> {
  const p = await tx.proposal.findUnique({ where: { id: proposalId } });
  if (!p) return null;
  const kinds = STAGE_DECISIONS[p.status];
  const last = kinds
    ? await tx.decision.findFirst({ where: { proposalId, kind: { in: kinds } }, orderBy: { at: 'desc' } })
    : null;
  const agenda =
    p.status === 'scheduled'
      ? await tx.agendaItem.findFirst({
          where: { proposalId, meeting: { status: 'planned', round: { closedAt: null } } },
          include: { meeting: { include: { round: true } } },
          orderBy: { addedAt: 'desc' },
        })
      : null;
  const round = agenda?.meeting.round ?? null;
  const opinionsBy = round
    ? (await tx.opinion.findMany({ where: { roundId: round.id, proposalId }, select: { personId: true } })).map(
        (o) => o.personId,
      )
    : [];
  const poll = await tx.poll.findFirst({
    where: { proposalId, status: 'open' },
    include: { votes: { select: { personId: true } } },
  });
  return {
    id: p.id,
    status: p.status,
    serviceId: p.serviceId,
    institutionId: p.institutionId,
    domainId: p.domainId,
    stageSince: last?.at ?? p.updatedAt,
    round: round
      ? {
          id: round.id,
          meetingId: round.meetingId,
          openedAt: round.openedAt,
          opinionsDueAt: round.opinionsDueAt,
          opinionsBy,
        }
      : null,
    poll: poll ? { id: poll.id, openedAt: poll.openedAt, voters: poll.votes.map((v) => v.personId) } : null,
  };
}

/** Opens (or re-opens) the rows of these expectations; an open row whose deadline moved gets new dates. */
export async function expectAll(tx: Tx, expected: readonly Expectation[]): Promise<void> {
  if (expected.length === 0) return;
  const rows = await tx.deadline.findMany({
    where: { key: { in: expected.map((e) => e.key) } },
    select: { key: true, status: true, deadlineAt: true, escalatedAt: true },
  });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const created = [];
  for (const e of expected) {
    const plan = firstSchedule(e);
    const fields = {
      kind: e.kind,
      personId: e.personId,
      proposalId: e.proposalId ?? null,
      meetingId: e.meetingId ?? null,
      itemId: e.itemId ?? null,
      since: e.since,
      deadlineAt: e.deadlineAt ?? null,
    };
    const fresh = {
      ...fields,
      remindAt: plan.remindAt,
      escalateAt: plan.escalateAt,
      dueAt: dueOf(plan.remindAt, plan.escalateAt)!,
      status: 'open',
      closedAt: null,
      remindedAt: null,
      escalatedAt: null,
    };
    const row = byKey.get(e.key);
    if (!row) created.push({ key: e.key, ...fresh });
    else if (row.status !== 'open') await tx.deadline.update({ where: { key: e.key }, data: fresh });
    else if ((row.deadlineAt?.getTime() ?? null) !== (e.deadlineAt?.getTime() ?? null)) {
      // The deadline moved: reminders and escalation follow it; an escalation already sent stays sent.
      const escalateAt = row.escalatedAt ? null : plan.escalateAt;
      await tx.deadline.update({
        where: { key: e.key },
        data: { ...fields, remindAt: plan.remindAt, escalateAt, dueAt: dueOf(plan.remindAt, escalateAt)! },
      });
    }
  }
  // A committee of 200 gets its 200 vote rows in one statement.
  if (created.length > 0) await tx.deadline.createMany({ data: created });
}

/** Opens (or re-opens) the row of one expectation. */
export const expect = (tx: Tx, e: Expectation): Promise<void> => expectAll(tx, [e]);

/** Closes open rows (the person acted, or the stage moved on). */
export async function closeRows(tx: Tx, now: Date, ids: string[]): Promise<void> {
  if (ids.length)
    await tx.deadline.updateMany({
      where: { id: { in: ids }, status: 'open' },
      data: { status: 'done', closedAt: now },
    });
}

/** A member voted: only their own row of the poll is closed (one statement, whatever the committee's size). */
export async function closeVoteRow(tx: Tx, now: Date, pollId: string, personId: string): Promise<void> {
  await tx.deadline.updateMany({
    where: { key: `vote:${pollId}:${personId}`, status: 'open' },
    data: { status: 'done', closedAt: now },
  });
}

export async function syncProposal(tx: Tx, dir: Directory, now: Date, proposalId: string): Promise<void> {
  const snapshot = await snapshotOf(tx, proposalId);
  const expected = snapshot ? expectationsFor(snapshot, dir) : [];
  const open = await tx.deadline.findMany({
    where: { proposalId, status: 'open', kind: { in: [...PROPOSAL_KINDS] } },
    select: { id: true, key: true },
  });
  const keys = new Set(expected.map((e) => e.key));
  await closeRows(
    tx,
    now,
    open.filter((r) => !r.key || !keys.has(r.key)).map((r) => r.id),
  );
  await expectAll(tx, expected);
}

/** After a command: every proposal it saved or touched, and every meeting it changed. */
export async function syncTouched(u: Unit): Promise<void> {
  const ids = new Set(u.touchedProposals);
  for (const a of u.audits) if (a.entityType === 'proposal') ids.add(a.entityId);
  for (const m of u.touchedMeetings) {
    for (const a of await u.tx.agendaItem.findMany({ where: { meetingId: m }, select: { proposalId: true } }))
      ids.add(a.proposalId);
  }
  if (ids.size === 0) return;
  // Lock them (in one order, so two commands cannot deadlock) before reading what they wait for:
  // a poll closed by a concurrent command must not be read as open and its vote rows reopened.
  const sorted = [...ids].sort();
  await u.tx.$queryRaw`SELECT id FROM "Proposal" WHERE id = ANY(${sorted}::text[]) ORDER BY id FOR UPDATE`;
  for (const id of sorted) await syncProposal(u.tx, u.dir, u.now, id);
}

/** The meeting's own dates the scheduler acts on: opening the round, asking for status updates. */
export async function planMeetingRows(tx: Tx, dir: Directory, meetingId: string, startsAt: Date): Promise<void> {
  const d = meetingDeadlines(startsAt, dir.calendar?.offsets);
  for (const [kind, at] of [
    ['roundOpens', d.roundOpensAt],
    ['statusRequest', d.statusRequestAt],
  ] as const) {
    const key = `${kind}:${meetingId}`;
    const row = await tx.deadline.findUnique({ where: { key } });
    if (!row) await tx.deadline.create({ data: { key, kind, meetingId, dueAt: at, remindAt: at, deadlineAt: at } });
    else if (row.status === 'open')
      await tx.deadline.update({ where: { key }, data: { dueAt: at, remindAt: at, deadlineAt: at } });
  }
}

/** A moved meeting: the open status-update requests get its new deadline, and their reminders follow. */
export async function moveStatusRows(tx: Tx, meetingId: string, deadlineAt: Date): Promise<void> {
  const rows = await tx.deadline.findMany({ where: { meetingId, kind: 'statusUpdate', status: 'open' } });
  await expectAll(
    tx,
    rows.map((r) => ({
      key: r.key!,
      kind: 'statusUpdate' as const,
      personId: r.personId!,
      meetingId,
      itemId: r.itemId ?? undefined,
      since: r.since ?? r.createdAt,
      deadlineAt,
    })),
  );
}
