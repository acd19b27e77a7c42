// What one command collects while it runs: audit entries and outbox messages, written at the end
// of the same transaction.
import type { Directory } from '../workflow/directory.ts';
import type { OutboxMessageDraft } from '../workflow/outbox-messages.ts';
import type { Ctx } from '../workflow/transitions/types.ts';
import type { AuditEntry } from '../storage/audit-log.ts';
import type { Tx } from '../storage/tx.ts';

export type Platform = 'teams' | 'slack' | 'system' | 'test';

export class Unit {
  readonly audits: AuditEntry[] = [];
  readonly effects: OutboxMessageDraft[] = [];

  constructor(
    readonly tx: Tx,
    readonly dir: Directory,
    readonly actorId: string,
    readonly now: Date,
    readonly platform: Platform,
    readonly command: string,
    readonly onBehalfOf: string | null,
  ) {}

  get ctx(): Ctx {
    return { dir: this.dir, actorId: this.actorId, now: this.now };
  }

  audit(entityType: string, entityId: string, before: unknown, after: unknown): void {
    this.audits.push({
      actorId: this.actorId, onBehalfOf: this.onBehalfOf, platform: this.platform, command: this.command,
      entityType, entityId, before: before ?? null, after: after ?? null,
    });
  }

  send(effects: readonly OutboxMessageDraft[]): void {
    this.effects.push(...effects);
  }
}
