// The audit log is append-only and hash-chained: each event's hash covers its content and the
// previous event's hash, so changing or deleting any row breaks the chain from there on.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = 'genesis';

export interface AuditContent {
  seq: number;
  at: string; // ISO 8601
  actorId: string;
  onBehalfOf: string | null;
  platform: string;
  command: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** JSON with object keys sorted, so the hash does not depend on how a database orders them. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHash(prevHash: string, e: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(e)).digest('hex');
}

export interface StoredAuditEvent extends AuditContent { prevHash: string; hash: string }

export type ChainProblem =
  | { kind: 'changed'; seq: number }
  | { kind: 'missing'; seq: number }
  | { kind: 'brokenLink'; seq: number }
  | { kind: 'headMismatch'; seq: number };

/**
 * Walks the events in order and reports the first place the chain breaks: a changed row (hash
 * differs), a deleted row (gap in seq or a link to a hash that is not the previous one), or a
 * deleted tail (the stored head points further than the last row).
 */
export function verifyChain(events: readonly StoredAuditEvent[], head: { lastSeq: number; hash: string }): ChainProblem | null {
  let prev = GENESIS_HASH;
  let expected = 1;
  for (const e of events) {
    if (e.seq !== expected) return { kind: 'missing', seq: expected };
    if (e.prevHash !== prev) return { kind: 'brokenLink', seq: e.seq };
    const { prevHash: _p, hash, ...content } = e;
    if (auditHash(prev, content) !== hash) return { kind: 'changed', seq: e.seq };
    prev = hash;
    expected += 1;
  }
  if (head.lastSeq !== expected - 1 || head.hash !== prev) return { kind: 'headMismatch', seq: expected };
  return null;
}
