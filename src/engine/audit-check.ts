// The audit chain checked at start-up (src/app.ts) and daily (src/scheduler.ts), with AUDIT_KEY. A
// broken chain is logged, shown on /healthz as degraded (the bot keeps serving) and told to each
// portfolio manager in their language — once per problem: the notice is claimed in
// ProcessedDelivery, so a restart, the next day's check or a second replica does not tell it again.
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { readAuditHead, verifyAuditLog } from '../storage/audit-log.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import { enqueue } from '../storage/outbox.ts';
import type { ChainProblem } from '../workflow/audit-chain.ts';
import type { Directory, Locale } from '../workflow/directory.ts';
import { toPerson } from '../workflow/outbox-messages.ts';

export type AuditState =
  | { status: 'unchecked' }
  | { status: 'ok'; checkedAt: string; lastSeq: number; keyedFrom: number }
  | { status: 'broken'; checkedAt: string; problem: ChainProblem }
  | { status: 'error'; checkedAt: string; error: string };

/** One problem in words: which event, and what happened to it. */
export function chainProblemText(locale: Locale, problem: ChainProblem): string {
  return t(locale, `audit.broken.${problem.kind}` as MessageKey, {
    seq: problem.seq,
    lastSeq: 'lastSeq' in problem ? problem.lastSeq : '',
  });
}

export class AuditMonitor {
  private current: AuditState = { status: 'unchecked' };
  private running: Promise<AuditState> | null = null;

  constructor(
    private readonly db: PrismaClient,
    private readonly dir: () => Directory,
    private readonly key: string,
    private readonly clock: () => Date,
    private readonly log: (line: string) => void,
  ) {}

  /** The result of the last check (what /healthz shows). */
  get state(): AuditState {
    return this.current;
  }

  /** Verifies the chain now; a check already running is joined, not started twice. */
  check(): Promise<AuditState> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when no check is running (the scheduler waits for it before the database closes). */
  async idle(): Promise<void> {
    await this.running;
  }

  private async run(): Promise<AuditState> {
    const checkedAt = this.clock();
    const was = this.current.status;
    try {
      const problem = await verifyAuditLog(this.db, { key: this.key });
      if (!problem) {
        const head = await readAuditHead(this.db);
        this.current = {
          status: 'ok',
          checkedAt: checkedAt.toISOString(),
          lastSeq: head.seq,
          keyedFrom: head.keyedFrom,
        };
        this.log(
          `Audit chain verified: ${head.seq} events${head.keyedFrom > 1 ? ` (${head.keyedFrom - 1} written before AUDIT_KEY, verified unkeyed; keyed from ${head.keyedFrom})` : ''}${was === 'broken' ? ' — sound again' : ''}.`,
        );
        return this.current;
      }
      this.current = { status: 'broken', checkedAt: checkedAt.toISOString(), problem };
      this.log(`Audit chain broken: ${chainProblemText('en', problem)} ${t('en', 'audit.broken.next')}`);
      await this.tell(problem, checkedAt);
    } catch (error) {
      this.current = { status: 'error', checkedAt: checkedAt.toISOString(), error: (error as Error).message };
      this.log(`Audit chain check failed: ${(error as Error).message}`);
    }
    return this.current;
  }

  /** Each portfolio manager gets the notice once per problem (in their language: the platforms render it per reader). */
  private async tell(problem: ChainProblem, now: Date): Promise<void> {
    const key = `auditChainBroken:${problem.kind}:${problem.seq}`;
    const managers = this.dir().portfolioManagerIds;
    await this.db.$transaction(async (tx) => {
      const claimed =
        await tx.$executeRaw`INSERT INTO "ProcessedDelivery" (key, command, result) VALUES (${key}, 'auditCheck', 'null'::jsonb) ON CONFLICT (key) DO NOTHING`;
      if (claimed === 0) return;
      await enqueue(
        tx,
        now,
        managers.map((id) => toPerson(id, { kind: 'auditChainBroken', problem, checkedAt: now.toISOString() })),
      );
    });
  }
}
