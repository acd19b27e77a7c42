// PGlite runs on the bot's own thread. Many commands at once must not keep the server from reading a
// new request (a Slack click is acknowledged before its vote runs): a timer set while a hundred
// transactions are under way fires before the rest of them have run.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/storage/database.ts';

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dir: null });
});
afterAll(async () => {
  await db.close();
});

it('lets waiting I/O run between the statements of queued transactions', async () => {
  let done = 0;
  let timer: Promise<number> | undefined;
  const work = Array.from({ length: 100 }, (_, i) =>
    db.prisma.$transaction(async (tx) => {
      for (let j = 0; j < 5; j += 1) await tx.$queryRaw`SELECT ${i * 10 + j}::int AS n`;
      done += 1;
      // Under way: what does a request arriving now wait for?
      if (done === 10) timer = new Promise<number>((resolve) => setTimeout(() => resolve(done), 0));
    }),
  );
  await Promise.all(work);
  const doneWhenTimerFired = await timer!;
  expect(doneWhenTimerFired).toBeLessThan(20);
});
