// The hash-chained audit log. A command writes its events into AuditPending inside its own
// transaction, without any lock; right after it commits, the sequencer chains every committed
// pending event into AuditEvent, in one transaction that locks the single AuditHead row, so `seq`
// stays gapless and commands do not wait for each other to append. Every event is keyed with
// AUDIT_KEY (HMAC-SHA256); events written before the key are verified unkeyed up to
// `AuditHead.keyedFrom` (see src/workflow/audit-chain.ts for what that means).
import {
  ChainWalker,
  DEVELOPMENT_AUDIT_KEY,
  keyedAuditHash,
  type AuditContent,
  type ChainAnchor,
  type ChainProblem,
} from '../workflow/audit-chain.ts';
import { Prisma, type PrismaClient } from './generated/client.ts';
import type { Tx } from './tx.ts';

export type AuditEntry = Omit<AuditContent, 'seq' | 'at'>;

/** Plain JSON (dates as ISO strings), as it will read back from the database. */
export function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function jsonOrDbNull(v: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return v === null ? Prisma.DbNull : (v as Prisma.InputJsonValue);
}

/** Writes the command's events, in its transaction, to be chained after it commits (`chainPending`). */
export async function appendAudit(tx: Tx, at: Date, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditPending.createMany({
    data: entries.map((e) => ({
      ...e,
      at,
      before: jsonOrDbNull(toJson(e.before)),
      after: jsonOrDbNull(toJson(e.after)),
    })),
  });
}

const CHAIN_BATCH = 1000;

/**
 * Chains the committed pending events into AuditEvent in the order they were written, each keyed with
 * `key` (AUDIT_KEY): new events always come after `keyedFrom`. Returns how many it chained.
 */
export async function chainPending(db: PrismaClient, key: string = DEVELOPMENT_AUDIT_KEY): Promise<number> {
  let chained = 0;
  for (;;) {
    const n = await db.$transaction(
      async (tx) => {
        const [head] = await tx.$queryRaw<
          { lastSeq: number; hash: string }[]
        >`SELECT "lastSeq", "hash" FROM "AuditHead" WHERE id = 1 FOR UPDATE`;
        if (!head)
          throw new Error('AuditHead row is missing: the first migration creates it; run the migrations again.');
        const pending = await tx.auditPending.findMany({ orderBy: { id: 'asc' }, take: CHAIN_BATCH });
        if (pending.length === 0) return 0;
        let seq = head.lastSeq;
        let prev = head.hash;
        const rows = pending.map(({ id: _id, ...e }) => {
          seq += 1;
          const content: AuditContent = {
            ...e,
            seq,
            at: e.at.toISOString(),
            before: e.before ?? null,
            after: e.after ?? null,
          };
          const hash = keyedAuditHash(key, prev, content);
          const row = {
            ...content,
            at: e.at,
            before: jsonOrDbNull(content.before),
            after: jsonOrDbNull(content.after),
            prevHash: prev,
            hash,
          };
          prev = hash;
          return row;
        });
        await tx.auditEvent.createMany({ data: rows });
        await tx.auditPending.deleteMany({ where: { id: { in: pending.map((p) => p.id) } } });
        await tx.auditHead.update({ where: { id: 1 }, data: { lastSeq: seq, hash: prev } });
        return pending.length;
      },
      { maxWait: 60_000, timeout: 60_000 },
    );
    chained += n;
    if (n < CHAIN_BATCH) return chained;
  }
}

/**
 * Chains after commits, one pass at a time: a command that committed while a pass was running waits
 * for the next pass (which sees its events), and every command that committed meanwhile shares it.
 * Under load, one pass chains the events of many commands.
 */
export class AuditSequencer {
  private running: Promise<unknown> | null = null;
  private next: Promise<void> | null = null;

  constructor(
    private readonly db: PrismaClient,
    private readonly key: string = DEVELOPMENT_AUDIT_KEY,
  ) {}

  /** Resolves once every event committed before the call is chained. */
  afterCommit(): Promise<void> {
    if (!this.running) {
      const pass = chainPending(this.db, this.key).finally(() => {
        if (this.running === pass) this.running = null;
      });
      this.running = pass;
      return pass.then(() => undefined);
    }
    this.next ??= this.running.then(
      () => this.startNext(),
      () => this.startNext(),
    );
    return this.next;
  }

  private startNext(): Promise<void> {
    this.next = null;
    return this.afterCommit();
  }
}

/** The chain head: the last event's number and hash (0 and "genesis" before the first). */
export interface AuditHeadRow {
  seq: number;
  hash: string;
  keyedFrom: number;
}

export async function readAuditHead(db: PrismaClient | Tx): Promise<AuditHeadRow> {
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  return head ? { seq: head.lastSeq, hash: head.hash, keyedFrom: head.keyedFrom } : { seq: -1, hash: '', keyedFrom: 1 };
}

export interface VerifyOptions {
  /** AUDIT_KEY (default: the development key) */
  key?: string;
  /** heads printed outside the database (minutes, editions) that the chain must hold */
  anchors?: readonly ChainAnchor[];
  /** events read per query */
  batch?: number;
}

/**
 * Verifies the whole chain, read in batches, against the head as it was when the check began:
 * events appended meanwhile (the bot keeps serving) are not part of this check, but events past
 * that head that the head no longer counts when the check ends (a rolled back head) are reported.
 */
export async function verifyAuditLog(db: PrismaClient, options: VerifyOptions = {}): Promise<ChainProblem | null> {
  const head = await readAuditHead(db);
  const walker = new ChainWalker(
    { key: options.key ?? DEVELOPMENT_AUDIT_KEY, keyedFrom: head.keyedFrom },
    options.anchors ?? [],
  );
  const batch = options.batch ?? 2000;
  for (let after = 0; ;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gt: after, lte: head.seq } },
      orderBy: { seq: 'asc' },
      take: batch,
    });
    if (rows.length === 0) break;
    let going = true;
    for (const r of rows) {
      if (!walker.add({ ...r, at: r.at.toISOString(), before: r.before ?? null, after: r.after ?? null })) {
        going = false;
        break;
      }
    }
    if (!going || rows.length < batch) break;
    after = rows.at(-1)!.seq;
  }
  const problem = walker.finish({ lastSeq: head.seq, hash: head.hash });
  if (problem) return problem;
  // Rows past the head: appended since the check began (the head has moved on with them), or left behind a rolled back head.
  const beyond = await db.auditEvent.aggregate({ _max: { seq: true }, where: { seq: { gt: head.seq } } });
  if (beyond._max.seq != null && beyond._max.seq > (await readAuditHead(db)).seq)
    return { kind: 'headMismatch', seq: head.seq + 1 };
  return null;
}
