// Appends hash-chained audit events inside the command's transaction, and verifies the chain.
// The single AuditHead row is locked FOR UPDATE while appending, so concurrent commands append
// one after the other and `seq` stays gapless. Every event is keyed with AUDIT_KEY (HMAC-SHA256);
// events written before the key are verified unkeyed up to `AuditHead.keyedFrom` (see
// src/workflow/audit-chain.ts for what that means).
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

/** Appends the entries, each keyed with `key` (AUDIT_KEY): new events always come after `keyedFrom`. */
export async function appendAudit(
  tx: Tx,
  at: Date,
  entries: readonly AuditEntry[],
  key: string = DEVELOPMENT_AUDIT_KEY,
): Promise<void> {
  if (entries.length === 0) return;
  const [head] = await tx.$queryRaw<
    { lastSeq: number; hash: string }[]
  >`SELECT "lastSeq", "hash" FROM "AuditHead" WHERE id = 1 FOR UPDATE`;
  if (!head) throw new Error('AuditHead row is missing: the first migration creates it; run the migrations again.');
  let seq = head.lastSeq;
  let prev = head.hash;
  const rows = entries.map((e) => {
    seq += 1;
    const content: AuditContent = { ...e, seq, at: at.toISOString(), before: toJson(e.before), after: toJson(e.after) };
    const hash = keyedAuditHash(key, prev, content);
    const row = {
      ...content,
      at,
      before: jsonOrDbNull(content.before),
      after: jsonOrDbNull(content.after),
      prevHash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  await tx.auditEvent.createMany({ data: rows });
  await tx.auditHead.update({ where: { id: 1 }, data: { lastSeq: seq, hash: prev } });
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
