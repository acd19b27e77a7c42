// The engine around the pure workflow: one transaction per command — idempotency by delivery key,
// authorisation and validation (in src/workflow), state change, audit event, outbox rows.
import type { Directory } from '../workflow/directory.ts';
import type { OutboxMessageDraft } from '../workflow/outbox-messages.ts';
import { Refusal, type FieldError, type Params } from '../workflow/refusal.ts';
import { cleanText, idField } from '../workflow/text.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { appendAudit, toJson } from '../storage/audit-log.ts';
import { DEVELOPMENT_AUDIT_KEY } from '../workflow/audit-chain.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import { enqueue } from '../storage/outbox.ts';
import type { Tx } from '../storage/tx.ts';
import { COMMANDS, type CommandName, type CommandResult } from './commands/index.ts';
import { syncTouched } from './deadlines.ts';
import { absentFor, routeRequests } from './substitutes.ts';
import { Unit, type Platform } from './unit.ts';

export interface CommandRequest<C extends CommandName> {
  command: C;
  actorId: string;
  input?: unknown;
  platform?: Platform;
  /** Slack retry / Teams re-send / double click: the same key returns the first result. */
  deliveryKey?: string;
  /**
   * What the platform sends the actor once the command has run (a confirmation, "your vote"): written
   * to the outbox in the command's own transaction, so it goes out once the change is committed and
   * never twice (a replayed delivery runs nothing and sends nothing).
   */
  replies?: (value: CommandResult<C>) => readonly OutboxMessageDraft[];
}

export interface RefusalInfo {
  key: MessageKey;
  params: Params;
  fieldErrors: Record<string, FieldError>;
}

export type CommandOutcome<C extends CommandName> =
  { ok: true; value: CommandResult<C>; replayed: boolean } | { ok: false; refusal: RefusalInfo };

export type Clock = () => Date;

const TX_OPTIONS = { maxWait: 60_000, timeout: 60_000 } as const;

/** Postgres serialization failure / deadlock: safe to run the whole command again. */
function isRetryable(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  return /40001|40P01|deadlock detected|could not serialize/i.test(text);
}

class Replay extends Error {
  constructor(readonly value: unknown) {
    super('replay');
  }
}

export class Engine {
  constructor(
    readonly db: PrismaClient,
    private directory: Directory,
    private readonly clock: Clock = () => new Date(),
    /** AUDIT_KEY: every audit event is keyed with it (the configuration refuses production without one) */
    readonly auditKey: string = DEVELOPMENT_AUDIT_KEY,
  ) {}

  get dir(): Directory {
    return this.directory;
  }

  /** A new directory (the organisation file changed) applies to the next command. */
  useDirectory(directory: Directory): void {
    this.directory = directory;
  }

  now(): Date {
    return this.clock();
  }

  async run<C extends CommandName>(req: CommandRequest<C>): Promise<CommandOutcome<C>> {
    // Only the commands' own names run: never what a plain object inherits (toString, constructor, __proto__).
    if (typeof req.command !== 'string' || !Object.hasOwn(COMMANDS, req.command)) {
      return {
        ok: false,
        refusal: {
          key: 'refusal.unknownCommand',
          params: { command: cleanText(String(req.command)) },
          fieldErrors: {},
        },
      };
    }
    // Who acts is a directory id; one that cannot be (a NUL, a new line) is nobody known.
    if (!idField(1000).safeParse(req.actorId).success)
      return { ok: false, refusal: { key: 'refusal.unknownPerson', params: {}, fieldErrors: {} } };
    // A platform's delivery key is stored as it came: cleaned, as every text is.
    if (req.deliveryKey !== undefined) req = { ...req, deliveryKey: cleanText(String(req.deliveryKey)) };
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.runOnce(req);
      } catch (error) {
        if (error instanceof Refusal)
          return { ok: false, refusal: { key: error.key, params: error.params, fieldErrors: error.fieldErrors } };
        if (error instanceof Replay) return { ok: true, value: error.value as CommandResult<C>, replayed: true };
        if (attempt < 4 && isRetryable(error)) continue;
        throw error;
      }
    }
  }

  private async runOnce<C extends CommandName>(req: CommandRequest<C>): Promise<CommandOutcome<C>> {
    const now = this.clock();
    const handler = COMMANDS[req.command] as (u: Unit, input: unknown) => Promise<CommandResult<C>>;
    if (!handler) throw new Error(`Unknown command ${String(req.command)}`);
    const value = await this.db.$transaction(async (tx) => {
      const key = req.deliveryKey ? `${req.actorId}:${req.command}:${req.deliveryKey}` : null;
      if (key) await claimDelivery(tx, key, req.command);
      const u = new Unit(
        tx,
        this.directory,
        req.actorId,
        now,
        req.platform ?? 'system',
        req.command,
        await absentFor(tx, req.actorId, now),
      );
      const result = await handler(u, req.input ?? {});
      if (req.replies) u.send(req.replies(result));
      if (key) await tx.processedDelivery.update({ where: { key }, data: { result: toJson(result) as object } });
      await commitUnit(u, this.auditKey);
      return result;
    }, TX_OPTIONS);
    return { ok: true, value, replayed: false };
  }
}

/**
 * The end of every command's transaction: deadlines follow the state; messages and audit are written.
 * The audit chain's one head row is locked last, so commands wait for each other only for the
 * chain's two statements and the commit, not for their own work.
 */
export async function commitUnit(u: Unit, auditKey: string = DEVELOPMENT_AUDIT_KEY): Promise<void> {
  await syncTouched(u);
  await enqueue(u.tx, u.now, await routeRequests(u.tx, u.now, u.effects));
  await appendAudit(u.tx, u.now, u.audits, auditKey);
}

/**
 * Claims the delivery key in this transaction. A concurrent holder makes the insert wait until it
 * commits (then we replay its result) or rolls back (then the key is ours).
 */
async function claimDelivery(tx: Tx, key: string, command: string): Promise<void> {
  const inserted =
    await tx.$executeRaw`INSERT INTO "ProcessedDelivery" (key, command, result) VALUES (${key}, ${command}, 'null'::jsonb) ON CONFLICT (key) DO NOTHING`;
  if (inserted === 0) {
    const first = await tx.processedDelivery.findUnique({ where: { key } });
    throw new Replay(first?.result ?? null);
  }
}
