// The outbox: platform-neutral messages written in the command's transaction and delivered after
// commit by a dispatcher. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so several
// workers never send the same row at once; a row is marked sent once; failures back off.
import type { OutboxMessageDraft, OutboxPayload, Audience } from '../workflow/outbox-messages.ts';
import { Prisma, type PrismaClient } from './generated/client.ts';
import type { Tx } from './tx.ts';

export async function enqueue(tx: Tx, now: Date, drafts: readonly OutboxMessageDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  await tx.outboxMessage.createMany({
    data: drafts.map((d) => ({
      kind: d.payload.kind,
      audience: d.audience as object,
      payload: d.payload as object,
      nextAttemptAt: now,
      createdAt: now,
    })),
  });
}

/**
 * Messages waiting for these audiences become due now (a channel was just linked: what waited for it
 * goes out with the worker's next pass instead of after the 15 minutes a waiting message sleeps).
 */
export async function wakeAudiences(tx: Tx, now: Date, audiences: readonly Audience[]): Promise<number> {
  let woken = 0;
  for (const audience of audiences) {
    const r = await tx.outboxMessage.updateMany({
      where: { status: 'pending', nextAttemptAt: { gt: now }, audience: { equals: audience as object } },
      data: { nextAttemptAt: now },
    });
    woken += r.count;
  }
  return woken;
}

export interface OutboxRow {
  id: string;
  audience: Audience;
  payload: OutboxPayload;
  attempts: number;
  /** platforms that already delivered it (see CompositeDispatcher) */
  deliveredTo: string[];
  /** posts that already landed, by key (see `deliverPost`): a retry sends only the others */
  deliveredPosts?: string[];
}

/**
 * Sends one post of a row unless it has landed before, and records it as soon as it lands: a
 * dispatcher calls this for each recipient and each post, so when one of them fails the retry
 * sends only what has not arrived. `key` names the post: platform, recipient, post ("slack:U123:0").
 */
export async function deliverPost(
  db: PrismaClient,
  row: OutboxRow,
  key: string,
  send: () => Promise<void>,
): Promise<void> {
  const landed = (row.deliveredPosts ??= []);
  if (landed.includes(key)) return;
  await send();
  await db.outboxMessage.update({ where: { id: row.id }, data: { deliveredPosts: { push: key } } });
  landed.push(key);
}

/** What a platform implements: deliver one message, or throw. */
export interface OutboxDispatcher {
  /** Audiences this dispatcher delivers to; others stay pending. All when absent. */
  readonly audienceKinds?: readonly Audience['kind'][];
  deliver(message: OutboxRow): Promise<void>;
}

/** Thrown by a dispatcher when the platform says "later" (Slack 429 Retry-After, 5xx). */
export class RetryLater extends Error {
  /**
   * `waiting`: nobody failed — the recipient cannot be reached yet (no chat with the bot, no linked
   * channel). Such a message waits as long as it takes (a request may wait a quarter) and never dies.
   */
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly waiting = false,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

export const OUTBOX_POLICY = {
  batch: 20,
  leaseMs: 60_000,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  maxAttempts: 12,
};

export function backoffMs(attempts: number, policy = OUTBOX_POLICY): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims due messages for this worker: sets a lease and counts the attempt. `audienceKinds` limits
 * it to what the dispatcher can deliver (the rest waits for a platform that can).
 */
export async function claimDue(
  db: PrismaClient,
  now: Date,
  policy = OUTBOX_POLICY,
  audienceKinds?: readonly Audience['kind'][],
): Promise<OutboxRow[]> {
  const kindFilter = audienceKinds
    ? Prisma.sql`AND (audience->>'kind') IN (${Prisma.join(audienceKinds)})`
    : Prisma.empty;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "OutboxMessage"
      WHERE status = 'pending' AND "nextAttemptAt" <= ${now}
        AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now}) ${kindFilter}
      ORDER BY "createdAt", id
      LIMIT ${policy.batch}
      FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await tx.outboxMessage.updateMany({
      where: { id: { in: ids } },
      data: { lockedUntil: new Date(now.getTime() + policy.leaseMs), attempts: { increment: 1 } },
    });
    const claimed = await tx.outboxMessage.findMany({
      where: { id: { in: ids } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return claimed.map((m) => ({
      id: m.id,
      audience: m.audience as unknown as Audience,
      payload: m.payload as unknown as OutboxPayload,
      attempts: m.attempts,
      deliveredTo: m.deliveredTo,
      deliveredPosts: m.deliveredPosts,
    }));
  });
}

export interface DispatchReport {
  sent: number;
  retried: number;
  dead: number;
}

/**
 * Redraws of one poll card (a vote changed the tally) claimed in one batch: all but the last. The
 * card is drawn from the poll as it is when delivered, so 50 votes in a second redraw it once, not 50
 * times (Slack allows about one chat.update a second per channel).
 */
export function superseded(rows: readonly OutboxRow[]): Set<string> {
  const key = (r: OutboxRow) =>
    r.payload.kind === 'pollUpdated' ? `${r.payload.pollId} ${JSON.stringify(r.audience)}` : null;
  const last = new Map<string, string>();
  for (const r of rows) {
    const k = key(r);
    if (k) last.set(k, r.id);
  }
  return new Set(rows.filter((r) => key(r) !== null && last.get(key(r)!) !== r.id).map((r) => r.id));
}

/** One pass: claim, deliver each, record the outcome. */
export async function dispatchOnce(
  db: PrismaClient,
  dispatcher: OutboxDispatcher,
  now: () => Date,
  policy = OUTBOX_POLICY,
): Promise<DispatchReport> {
  const report = { sent: 0, retried: 0, dead: 0 };
  const rows = await claimDue(db, now(), policy, dispatcher.audienceKinds);
  const skip = superseded(rows);
  for (const row of rows) {
    if (skip.has(row.id)) {
      // A later row in this batch redraws the same card with the state as it is now.
      await db.outboxMessage.updateMany({
        where: { id: row.id, status: 'pending' },
        data: { status: 'sent', sentAt: now(), lockedUntil: null, lastError: 'superseded by a later redraw' },
      });
      report.sent += 1;
      continue;
    }
    try {
      await dispatcher.deliver(row);
      // Only a row still pending is marked: a message is marked sent once.
      await db.outboxMessage.updateMany({
        where: { id: row.id, status: 'pending' },
        data: { status: 'sent', sentAt: now(), lockedUntil: null, lastError: null },
      });
      report.sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof RetryLater && error.waiting) {
        // Not a failed attempt: give the claim's attempt back and look again later.
        await db.outboxMessage.update({
          where: { id: row.id },
          data: {
            nextAttemptAt: new Date(now().getTime() + (error.retryAfterMs ?? policy.maxDelayMs)),
            lockedUntil: null,
            lastError: message,
            attempts: { decrement: 1 },
          },
        });
        report.retried += 1;
        continue;
      }
      if (row.attempts >= policy.maxAttempts) {
        await db.outboxMessage.update({
          where: { id: row.id },
          data: { status: 'dead', lastError: message, lockedUntil: null },
        });
        report.dead += 1;
        continue;
      }
      const delay =
        error instanceof RetryLater && error.retryAfterMs != null
          ? error.retryAfterMs
          : backoffMs(row.attempts, policy);
      await db.outboxMessage.update({
        where: { id: row.id },
        data: { nextAttemptAt: new Date(now().getTime() + delay), lockedUntil: null, lastError: message },
      });
      report.retried += 1;
    }
  }
  return report;
}

/** Runs dispatch passes every `intervalMs` until stopped; one pass at a time. */
export function startOutboxWorker(
  db: PrismaClient,
  dispatcher: OutboxDispatcher,
  intervalMs = 1000,
  now: () => Date = () => new Date(),
) {
  let pass: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (pass) return;
    pass = dispatchOnce(db, dispatcher, now)
      .then(
        () => undefined,
        (error: unknown) => console.error('Outbox pass failed:', error),
      )
      .finally(() => {
        pass = null;
      });
  }, intervalMs);
  /** Stops the timer and waits for a pass in progress, so the database can close after it. */
  return {
    async stop() {
      clearInterval(timer);
      await pass;
    },
  };
}

/** One platform's dispatcher as the composite sees it. */
export interface PlatformDispatcher extends OutboxDispatcher {
  readonly platform: string;
  /** Whether this platform can deliver the message now; false leaves it to the others. */
  reaches(row: OutboxRow): boolean | Promise<boolean>;
}

/**
 * Teams and Slack in one process: each message goes to every platform that reaches its audience.
 * Each post is recorded as it lands (`deliverPost`, per recipient and post) and each platform's whole
 * success on the row, so a retry never sends a post twice, on one platform or for one recipient.
 */
export class CompositeDispatcher implements OutboxDispatcher {
  constructor(
    private readonly db: PrismaClient,
    private readonly platforms: readonly PlatformDispatcher[],
  ) {}

  async deliver(row: OutboxRow): Promise<void> {
    let reached = false;
    const failures: { platform: string; error: unknown }[] = [];
    for (const platform of this.platforms) {
      if (row.deliveredTo.includes(platform.platform)) {
        reached = true;
        continue;
      }
      if (!(await platform.reaches(row))) continue;
      reached = true;
      try {
        await platform.deliver(row);
        await this.db.outboxMessage.update({
          where: { id: row.id },
          data: { deliveredTo: { push: platform.platform } },
        });
        row.deliveredTo.push(platform.platform);
      } catch (error) {
        failures.push({ platform: platform.platform, error });
      }
    }
    if (failures.length) {
      // Try again as soon as the soonest platform asks (Slack's Retry-After), else back off.
      const delays = failures.map((f) => (f.error instanceof RetryLater ? f.error.retryAfterMs : undefined));
      const delay = delays.every((d) => d !== undefined) ? Math.min(...(delays as number[])) : undefined;
      const waiting = failures.every((f) => f.error instanceof RetryLater && f.error.waiting);
      throw new RetryLater(
        failures
          .map((f) => `${f.platform}: ${f.error instanceof Error ? f.error.message : String(f.error)}`)
          .join('; '),
        delay,
        waiting,
      );
    }
    if (!reached)
      throw new RetryLater(
        `No connected platform can reach ${JSON.stringify(row.audience)} yet (a person must have written to the bot in Teams once, or have a Slack user id)`,
        15 * 60_000,
        true,
      );
  }
}
