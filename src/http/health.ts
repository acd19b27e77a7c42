// GET /healthz: the database answers and every migration file is applied. A pure request → response
// function, so whichever HTTP server hosts the bot (ours, or the Teams SDK's) can mount it.
import type { Database } from '../storage/database.ts';

export interface HealthResponse { status: number; body: Record<string, unknown> }

export async function health(db: Database): Promise<HealthResponse> {
  try {
    await db.sql.query('SELECT 1');
  } catch (error) {
    return { status: 503, body: { status: 'error', database: db.kind, problem: `database unreachable: ${(error as Error).message}` } };
  }
  const pending = await db.pending();
  if (pending.length > 0) {
    return { status: 503, body: { status: 'error', database: db.kind, problem: 'migrations pending; restart the bot to apply them', pending } };
  }
  return { status: 200, body: { status: 'ok', database: db.kind, migrations: 'current' } };
}
