// The scheduler's tick. Everything it acts on is a Deadline row whose `dueAt` has come (index
// status, dueAt): a meeting's own dates (open the co-thinker round, ask for status updates) and each
// person's pending action (remind, escalate). Rows are claimed with FOR UPDATE SKIP LOCKED and
// updated in the transaction that writes the outbox rows, so a restart or a second replica on the
// same PostgreSQL finds nothing left to send (row claiming, not an advisory lock). A person gets at
// most one digest per period (day or ISO week): the key "reminder:<period>:<person>" is claimed in
// ProcessedDelivery, and what falls due after it waits for the next period.
import { meetingDeadlines } from '../workflow/calendar.ts';
import { tallinnDate } from '../workflow/holidays.ts';
import { digestPeriod, dueOf, nextReminder, type DigestFrequency, type Expectation } from '../workflow/reminders.ts';
import type { Directory } from '../workflow/directory.ts';
import type { ReminderItem } from '../workflow/outbox-messages.ts';
import { Refusal } from '../workflow/refusal.ts';
import type { Deadline, PrismaClient } from '../storage/generated/client.ts';
import type { Tx } from '../storage/tx.ts';
import { startRound } from './commands/meetings.ts';
import { expectAll } from './deadlines.ts';
import { commitUnit } from './engine.ts';
import { DEVELOPMENT_AUDIT_KEY } from '../workflow/audit-chain.ts';
import { DELEGABLE_KINDS, recipientOf, reminderItems } from './substitutes.ts';
import { Unit } from './unit.ts';

export type { DigestFrequency };

/** The actor the audit names for what the scheduler does on its own. */
export const SCHEDULER_ACTOR = 'scheduler';

export interface TickReport {
  digests: number;
  summaries: number;
  statusRequests: number;
  roundsOpened: number;
}

const BATCH = 2000;
const TX = { maxWait: 60_000, timeout: 120_000 } as const;

/** Locks a batch of people's due rows; rows another tick holds are skipped, not waited for. */
export async function claimDue(tx: Tx, now: Date, limit = BATCH): Promise<Deadline[]> {
  const ids = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Deadline" WHERE status = 'open' AND "dueAt" <= ${now} AND "personId" IS NOT NULL ORDER BY "dueAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  if (ids.length === 0) return [];
  return tx.deadline.findMany({ where: { id: { in: ids.map((r) => r.id) } }, orderBy: { dueAt: 'asc' } });
}

/** Claims a key for this period; false when another tick (now or before a restart) already has it. */
async function claim(tx: Tx, key: string): Promise<boolean> {
  return (
    (await tx.$executeRaw`INSERT INTO "ProcessedDelivery" (key, command, result) VALUES (${key}, 'reminder', 'null'::jsonb) ON CONFLICT (key) DO NOTHING`) ===
    1
  );
}

const close = (tx: Tx, id: string, now: Date) =>
  tx.deadline.update({ where: { id }, data: { status: 'done', closedAt: now } });

/**
 * A meeting's own dates: the round opens on its day; three weeks before, status is asked for. Each
 * is handled in its own transaction that locks the meeting first and then the row — the order
 * `moveMeeting` uses — and skips a meeting someone is changing right now (the next tick takes it).
 */
async function meetingTick(
  db: PrismaClient,
  dir: Directory,
  now: Date,
  report: TickReport,
  auditKey: string,
): Promise<void> {
  const due = await db.$queryRaw<{ id: string; meetingId: string | null }[]>`
    SELECT id, "meetingId" FROM "Deadline" WHERE status = 'open' AND "dueAt" <= ${now} AND "personId" IS NULL ORDER BY "dueAt" LIMIT 500`;
  for (const d of due) {
    await db.$transaction(async (tx) => {
      if (
        d.meetingId &&
        (
          await tx.$queryRaw<
            { id: string }[]
          >`SELECT id FROM "Meeting" WHERE id = ${d.meetingId} FOR UPDATE SKIP LOCKED`
        ).length === 0 &&
        (await tx.meeting.count({ where: { id: d.meetingId } })) > 0
      )
        return; // being changed: next tick
      const [claimed] = await tx.$queryRaw<
        { id: string }[]
      >`SELECT id FROM "Deadline" WHERE id = ${d.id} AND status = 'open' AND "dueAt" <= ${now} FOR UPDATE SKIP LOCKED`;
      if (!claimed) return;
      const row = (await tx.deadline.findUnique({ where: { id: d.id } }))!;
      const meeting = row.meetingId
        ? await tx.meeting.findUnique({ where: { id: row.meetingId }, include: { round: true } })
        : null;
      if (!meeting || meeting.status !== 'planned' || meeting.startsAt <= now) {
        await close(tx, row.id, now);
        return;
      }
      if (row.kind === 'roundOpens') {
        if (meeting.round) {
          await close(tx, row.id, now);
          return;
        }
        const u = new Unit(tx, dir, SCHEDULER_ACTOR, now, 'system', 'openRound');
        try {
          await startRound(u, meeting.id);
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          // Nothing on the agenda yet: look again tomorrow, until the meeting.
          const next = nextReminder(now, 'daily');
          await tx.deadline.update({ where: { id: row.id }, data: { dueAt: next, remindAt: next } });
          return;
        }
        await commitUnit(u, auditKey);
        report.roundsOpened += 1;
      } else if (row.kind === 'statusRequest') {
        report.statusRequests += await askForStatus(tx, dir, now, meeting, auditKey);
      }
      await close(tx, row.id, now);
    }, TX);
  }
}

/**
 * Asks each institution representative (for their institution's unfinished items in the meeting's
 * domain) and each TEHIK representative (for all of them), and expects an update of each item by
 * the meeting's status deadline; missing ones are reminded and escalated like any other action.
 */
async function askForStatus(
  tx: Tx,
  dir: Directory,
  now: Date,
  meeting: { id: string; domainId: string; startsAt: Date },
  auditKey: string,
): Promise<number> {
  const items = await tx.portfolioItem.findMany({
    where: { domainId: meeting.domainId, removedAt: null, status: { not: 'done' } },
    select: { id: true, institutionId: true },
  });
  const asks = new Map<string, Set<string>>();
  for (const i of items) {
    for (const rep of [
      ...(dir.institutions.get(i.institutionId)?.representativeIds ?? []),
      ...dir.tehikRepresentativeIds,
    ]) {
      asks.set(rep, (asks.get(rep) ?? new Set()).add(i.id));
    }
  }
  const u = new Unit(tx, dir, SCHEDULER_ACTOR, now, 'system', 'statusRequest');
  const { statusUpdatesDueAt } = meetingDeadlines(meeting.startsAt, dir.calendar?.offsets);
  const expected: Expectation[] = [];
  for (const [personId, itemIds] of asks) {
    u.send([
      {
        audience: { kind: 'person', personId },
        payload: { kind: 'statusRequested', meetingId: meeting.id, itemIds: [...itemIds] },
      },
    ]);
    for (const itemId of itemIds)
      expected.push({
        key: `statusUpdate:${meeting.id}:${itemId}:${personId}`,
        kind: 'statusUpdate',
        personId,
        meetingId: meeting.id,
        itemId,
        since: now,
        deadlineAt: statusUpdatesDueAt,
      });
  }
  await expectAll(tx, expected);
  await commitUnit(u, auditKey);
  return asks.size;
}

/** People's pending actions: one digest per recipient per period, one overdue summary. */
async function peopleTick(
  db: PrismaClient,
  dir: Directory,
  now: Date,
  frequency: DigestFrequency,
  report: TickReport,
  auditKey: string,
): Promise<number> {
  const period = digestPeriod(tallinnDate(now), frequency);
  return db.$transaction(async (tx) => {
    const claimed = await claimDue(tx, now);
    const meetingIds = [...new Set(claimed.map((r) => r.meetingId).filter((x): x is string => !!x))];
    const live = new Set(
      (
        await tx.meeting.findMany({
          where: { id: { in: meetingIds }, status: 'planned', startsAt: { gt: now } },
          select: { id: true },
        })
      ).map((m) => m.id),
    );
    const over = claimed.filter((r) => r.meetingId && !live.has(r.meetingId));
    if (over.length)
      await tx.deadline.updateMany({
        where: { id: { in: over.map((r) => r.id) } },
        data: { status: 'done', closedAt: now },
      });
    const rows = claimed.filter((r) => !r.meetingId || live.has(r.meetingId));
    const digests = new Map<string, { row: Deadline; item: ReminderItem }[]>();
    const overdue: { row: Deadline; item: ReminderItem & { personId: string } }[] = [];
    const lines = await reminderItems(tx, rows);
    for (const [i, row] of rows.entries()) {
      const item = lines[i]!;
      if (row.remindAt && row.remindAt <= now) {
        const to = DELEGABLE_KINDS.has(row.kind) ? await recipientOf(tx, row.personId!, now) : row.personId!;
        const list = digests.get(to) ?? [];
        list.push({ row, item: to === row.personId ? item : { ...item, onBehalfOf: row.personId } });
        digests.set(to, list);
      }
      if (row.escalateAt && row.escalateAt <= now) overdue.push({ row, item: { ...item, personId: row.personId! } });
    }
    const updates = new Map<
      string,
      { remindAt: Date | null; escalateAt: Date | null; remindedAt?: Date; escalatedAt?: Date }
    >();
    const state = (row: Deadline) => updates.get(row.id) ?? { remindAt: row.remindAt, escalateAt: row.escalateAt };
    const u = new Unit(tx, dir, SCHEDULER_ACTOR, now, 'system', 'reminder');
    for (const [personId, list] of digests) {
      const send = await claim(tx, `reminder:${period}:${personId}`);
      if (send) {
        u.send([
          {
            audience: { kind: 'person', personId },
            payload: { kind: 'reminderDigest', items: list.map((x) => x.item) },
          },
        ]);
        report.digests += 1;
      }
      for (const { row } of list) {
        updates.set(row.id, {
          ...state(row),
          remindAt: nextReminder(now, frequency, row.deadlineAt),
          ...(send ? { remindedAt: now } : {}),
        });
      }
    }
    if (overdue.length) {
      const send = await claim(tx, `overdue:${period}`);
      if (send) {
        u.send([
          {
            audience: { kind: 'portfolioManagers' },
            payload: { kind: 'overdueSummary', items: overdue.map((x) => x.item) },
          },
        ]);
        report.summaries += 1;
      }
      for (const { row } of overdue) {
        updates.set(row.id, {
          ...state(row),
          ...(send ? { escalateAt: null, escalatedAt: now } : { escalateAt: nextReminder(now, frequency) }),
        });
      }
    }
    for (const row of rows) {
      const s = state(row);
      const dueAt = dueOf(s.remindAt, s.escalateAt) ?? nextReminder(now, frequency, row.deadlineAt);
      await tx.deadline.update({ where: { id: row.id }, data: { ...s, dueAt } });
    }
    await commitUnit(u, auditKey);
    return claimed.length;
  }, TX);
}

/** One tick; what it does is audited with `auditKey` (AUDIT_KEY; the engine's). */
export async function reminderTick(
  db: PrismaClient,
  dir: Directory,
  now: Date,
  frequency: DigestFrequency = 'daily',
  auditKey: string = DEVELOPMENT_AUDIT_KEY,
): Promise<TickReport> {
  const report: TickReport = { digests: 0, summaries: 0, statusRequests: 0, roundsOpened: 0 };
  await meetingTick(db, dir, now, report, auditKey);
  while ((await peopleTick(db, dir, now, frequency, report, auditKey)) === BATCH) {
    /* the next batch */
  }
  return report;
}
