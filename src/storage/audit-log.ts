// Appends hash-chained audit events inside the command's transaction, and verifies the chain.
// The single AuditHead row is locked FOR UPDATE while appending, so concurrent commands append
// one after the other and `seq` stays gapless.
import { auditHash, verifyChain, type AuditContent, type ChainProblem } from '../workflow/audit-chain.ts';
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

export async function appendAudit(tx: Tx, at: Date, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const [head] = await tx.$queryRaw<{ lastSeq: number; hash: string }[]>`SELECT "lastSeq", "hash" FROM "AuditHead" WHERE id = 1 FOR UPDATE`;
  if (!head) throw new Error('AuditHead row is missing: the first migration creates it; run the migrations again.');
  let seq = head.lastSeq;
  let prev = head.hash;
  const rows = entries.map((e) => {
    seq += 1;
    const content: AuditContent = { ...e, seq, at: at.toISOString(), before: toJson(e.before), after: toJson(e.after) };
    const hash = auditHash(prev, content);
    const row = { ...content, at, before: jsonOrDbNull(content.before), after: jsonOrDbNull(content.after), prevHash: prev, hash };
    prev = hash;
    return row;
  });
  await tx.auditEvent.createMany({ data: rows });
  await tx.auditHead.update({ where: { id: 1 }, data: { lastSeq: seq, hash: prev } });
}

export async function verifyAuditLog(db: PrismaClient): Promise<ChainProblem | null> {
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  const rows = await db.auditEvent.findMany({ orderBy: { seq: 'asc' } });
  const events = rows.map((r) => ({ ...r, at: r.at.toISOString(), before: r.before ?? null, after: r.after ?? null }));
  return verifyChain(events, head ?? { lastSeq: -1, hash: '' });
}
