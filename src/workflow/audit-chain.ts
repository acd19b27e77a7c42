// The audit log is append-only and hash-chained: each event's hash covers its content and the
// previous event's hash, so changing or deleting any row breaks the chain from there on.
//
// The chain is keyed: each hash is an HMAC-SHA256 with AUDIT_KEY, a secret kept outside the
// database, so someone who can write to the database but has not the key cannot rewrite a row and
// recompute the hashes after it. Databases written before the key have an unkeyed chain (plain
// SHA-256). The migration that introduced the key recorded where the keyed chain begins
// (`AuditHead.keyedFrom`, the last sequence number then plus one): events before it are verified
// as they were written (plain SHA-256), events from it on only with the key. The first keyed event
// links to the last unkeyed one, so rewriting an unkeyed event (and recomputing the unkeyed hashes
// after it) breaks the chain at the switch-over. What the key cannot tell from inside the database
// — every row wiped, the tail cut and the head rolled back, or the switch-over moved past the end
// and every hash recomputed unkeyed — is found against a head printed outside it (the minutes, each
// published edition): `anchors` below, `npm run audit:verify -- --seq N --hash H`.
import { createHash, createHmac } from 'node:crypto';

export const GENESIS_HASH = 'genesis';

/**
 * The key used when AUDIT_KEY is not set outside production (the bot refuses to start without it
 * in production). It is in the source code, so it is no secret: a chain written with it can be
 * rewritten by anyone.
 */
export const DEVELOPMENT_AUDIT_KEY = 'development-only-audit-key--not-secret--set-AUDIT_KEY-in-production';

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

/** The unkeyed hash of the events written before the key (plain SHA-256). */
export function auditHash(prevHash: string, e: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(e)).digest('hex');
}

/** The keyed hash of every event written since the key: HMAC-SHA256 of the same input. */
export function keyedAuditHash(key: string, prevHash: string, e: AuditContent): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonicalJson(e)).digest('hex');
}

export interface StoredAuditEvent extends AuditContent {
  prevHash: string;
  hash: string;
}

/** The key, and the first event written with it (events before it were written unkeyed). */
export interface ChainKey {
  key: string;
  keyedFrom: number;
}

/** A chain head printed outside the database (minutes, a published edition): event `seq` had `hash`. */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

export interface ChainHead {
  lastSeq: number;
  hash: string;
}

export type ChainProblem =
  | { kind: 'changed'; seq: number }
  | { kind: 'missing'; seq: number }
  | { kind: 'brokenLink'; seq: number }
  | { kind: 'headMismatch'; seq: number }
  /** the recorded switch-over to the keyed chain lies past the end of the chain */
  | { kind: 'keyedFromMoved'; seq: number }
  /** event `seq` of a printed head is in the chain with another hash */
  | { kind: 'anchorMismatch'; seq: number }
  /** the chain ends at `lastSeq`, before the printed head `seq` */
  | { kind: 'endsBeforeAnchor'; seq: number; lastSeq: number };

/**
 * Walks the events in order (fed one batch after another, so a long log need not be in memory at
 * once) and keeps the first place the chain breaks: a changed row (hash differs), a deleted row (gap
 * in seq or a link to a hash that is not the previous one), a deleted tail (the stored head points
 * further than the last row), or a printed head the chain does not hold.
 */
export class ChainWalker {
  private prev = GENESIS_HASH;
  private expected = 1;
  private problem: ChainProblem | null = null;
  private readonly anchors: Map<number, string>;

  constructor(
    private readonly chain: ChainKey,
    anchors: readonly ChainAnchor[] = [],
  ) {
    this.anchors = new Map(anchors.map((a) => [a.seq, a.hash]));
    if (this.anchors.has(0) && this.anchors.get(0) !== GENESIS_HASH) this.problem = { kind: 'anchorMismatch', seq: 0 };
  }

  /** The next event; false once the chain is broken (the rest need not be read). */
  add(e: StoredAuditEvent): boolean {
    if (this.problem) return false;
    this.problem = this.check(e);
    return this.problem === null;
  }

  private check(e: StoredAuditEvent): ChainProblem | null {
    if (e.seq !== this.expected) return { kind: 'missing', seq: this.expected };
    if (e.prevHash !== this.prev) return { kind: 'brokenLink', seq: e.seq };
    const { prevHash: _p, hash, ...content } = e;
    const computed =
      e.seq >= this.chain.keyedFrom
        ? keyedAuditHash(this.chain.key, this.prev, content)
        : auditHash(this.prev, content);
    if (computed !== hash) return { kind: 'changed', seq: e.seq };
    const printed = this.anchors.get(e.seq);
    if (printed !== undefined && printed !== hash) return { kind: 'anchorMismatch', seq: e.seq };
    this.prev = hash;
    this.expected += 1;
    return null;
  }

  /** After the last event: the first problem, checking the stored head and the printed heads past the end. */
  finish(head: ChainHead): ChainProblem | null {
    if (this.problem) return this.problem;
    const last = this.expected - 1;
    if (head.lastSeq !== last || head.hash !== this.prev) return { kind: 'headMismatch', seq: this.expected };
    if (this.chain.keyedFrom < 1 || this.chain.keyedFrom > last + 1)
      return { kind: 'keyedFromMoved', seq: this.chain.keyedFrom };
    const beyond = [...this.anchors.keys()].filter((seq) => seq > last).sort((a, b) => a - b)[0];
    if (beyond !== undefined) return { kind: 'endsBeforeAnchor', seq: beyond, lastSeq: last };
    return null;
  }
}

/** The whole chain at once: see ChainWalker. Without `chain`, a chain written wholly before the key (unkeyed). */
export function verifyChain(
  events: readonly StoredAuditEvent[],
  head: ChainHead,
  chain?: ChainKey,
  anchors: readonly ChainAnchor[] = [],
): ChainProblem | null {
  const walker = new ChainWalker(chain ?? { key: '', keyedFrom: head.lastSeq + 1 }, anchors);
  for (const e of events) if (!walker.add(e)) break;
  return walker.finish(head);
}
