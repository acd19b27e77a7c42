// GET /healthz: the database answers, every migration file is applied, and the audit chain verified
// at the last check (start-up, then daily). A pure request → response function, so whichever HTTP
// server hosts the bot (ours, or the Teams SDK's) can mount it. 503 means "do not send traffic here"
// (no database, migrations pending); a broken audit chain is 200 "degraded": the bot still serves,
// and the body says what is wrong and what to do next.
import { chainProblemText, type AuditState } from '../engine/audit-check.ts';
import type { Database } from '../storage/database.ts';

export interface HealthResponse {
  status: number;
  body: Record<string, unknown>;
}

const AUDIT_NEXT =
  'The bot still serves. Change nothing in the database; the portfolio managers have been told. If AUDIT_KEY was changed, ' +
  'put the previous key back and restart. Otherwise check the database against the chain head printed in the latest minutes or published ' +
  'edition: npm run audit:verify -- --seq N --hash H (README, "The audit trail"), and restore it from a backup if needed.';

/** What /healthz says of the audit chain, and whether it makes the bot degraded. */
function auditPart(audit: AuditState | undefined): { degraded: boolean; body?: Record<string, unknown> } {
  if (!audit) return { degraded: false };
  switch (audit.status) {
    case 'unchecked':
      return { degraded: false, body: { status: 'unchecked' } };
    case 'ok':
      return { degraded: false, body: { status: 'ok', checkedAt: audit.checkedAt, lastSeq: audit.lastSeq } };
    case 'broken':
      return {
        degraded: true,
        body: {
          status: 'broken',
          checkedAt: audit.checkedAt,
          problem: audit.problem,
          description: chainProblemText('en', audit.problem),
          next: AUDIT_NEXT,
        },
      };
    case 'error':
      return {
        degraded: true,
        body: {
          status: 'unchecked',
          checkedAt: audit.checkedAt,
          problem: `the audit chain could not be checked: ${audit.error}`,
          next: 'It is checked again daily; see the log.',
        },
      };
  }
}

export async function health(db: Database, audit?: AuditState): Promise<HealthResponse> {
  try {
    await db.sql.query('SELECT 1');
  } catch (error) {
    return {
      status: 503,
      body: { status: 'error', database: db.kind, problem: `database unreachable: ${(error as Error).message}` },
    };
  }
  const pending = await db.pending();
  if (pending.length > 0) {
    return {
      status: 503,
      body: {
        status: 'error',
        database: db.kind,
        problem: 'migrations pending; restart the bot to apply them',
        pending,
      },
    };
  }
  const a = auditPart(audit);
  return {
    status: 200,
    body: {
      status: a.degraded ? 'degraded' : 'ok',
      database: db.kind,
      migrations: 'current',
      ...(a.body ? { audit: a.body } : {}),
    },
  };
}
