// The reminder scheduler of `npm start`: a node-cron tick every 15 minutes (and one at start-up).
// What is due are Deadline rows, claimed with FOR UPDATE SKIP LOCKED and moved on in the transaction
// that writes the messages, so a restart loses nothing and several replicas on one PostgreSQL send
// each reminder once. Daily at 06:30 Tallinn time the audit chain is verified again (it is verified
// at start-up too, src/app.ts); a problem is told to the portfolio managers once.
import cron from 'node-cron';
import type { RunningApp } from './app.ts';
import type { Config } from './config/env.ts';
import { reminderTick } from './engine/reminders.ts';

/** When the audit chain is verified each day (Europe/Tallinn). */
export const AUDIT_CHECK_CRON = '30 6 * * *';

export function startScheduler(app: RunningApp, config: Config, log: (line: string) => void = console.log) {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = reminderTick(app.db.prisma, app.engine.dir, app.engine.now(), config.reminderDigest, app.engine.auditKey)
      .then((r) => {
        if (r.digests || r.summaries || r.roundsOpened || r.statusRequests) {
          log(
            `Scheduler: ${r.digests} reminder digests, ${r.summaries} overdue summaries, ${r.roundsOpened} co-thinker rounds opened, ${r.statusRequests} status requests.`,
          );
        }
      })
      .catch((error: unknown) => console.error('Reminder tick failed:', error))
      .finally(() => {
        running = null;
      });
  };
  const task = cron.schedule('*/15 * * * *', tick, { timezone: 'Europe/Tallinn' });
  const audit = cron.schedule(AUDIT_CHECK_CRON, () => app.audit.check(), {
    timezone: 'Europe/Tallinn',
    name: 'audit-chain',
  });
  tick();
  return {
    async stop() {
      await task.stop();
      await audit.destroy();
      await running;
      await app.audit.idle();
    },
  };
}
