// What one command collects while it runs: audit entries and outbox messages, written at the end
// of the same transaction.
import type { Directory } from '../workflow/directory.ts';
import type { OutboxMessageDraft } from '../workflow/outbox-messages.ts';
import type { Ctx, Delegation } from '../workflow/transitions/types.ts';
import type { AuditEntry } from '../storage/audit-log.ts';
import type { Tx } from '../storage/tx.ts';

export type Platform = 'teams' | 'slack' | 'system' | 'test';

export class Unit {
  readonly audits: AuditEntry[] = [];
  readonly effects: OutboxMessageDraft[] = [];
  /** proposals and meetings whose expected actions (Deadline rows) must be read again */
  readonly touchedProposals = new Set<string>();
  readonly touchedMeetings = new Set<string>();
  private readonly delegation: Delegation;
  private readonly context: Ctx;

  constructor(
    readonly tx: Tx,
    readonly dir: Directory,
    readonly actorId: string,
    readonly now: Date,
    readonly platform: Platform,
    readonly command: string,
    standsInFor: readonly string[] = [],
  ) {
    this.delegation = { standsInFor, actedFor: null };
    this.context = { dir, actorId, now, delegation: this.delegation };
  }

  get ctx(): Ctx {
    return this.context;
  }

  /** Whom the actor acted for: found by `authorize` among the people they stand in for now. */
  get onBehalfOf(): string | null {
    return this.delegation.actedFor;
  }

  touchProposal(id: string): void {
    this.touchedProposals.add(id);
  }
  touchMeeting(id: string): void {
    this.touchedMeetings.add(id);
  }

  audit(entityType: string, entityId: string, before: unknown, after: unknown): void {
    this.audits.push({
      actorId: this.actorId,
      onBehalfOf: this.onBehalfOf,
      platform: this.platform,
      command: this.command,
      entityType,
      entityId,
      before: before ?? null,
      after: after ?? null,
    });
  }

  send(effects: readonly OutboxMessageDraft[]): void {
    this.effects.push(...effects);
  }
}
