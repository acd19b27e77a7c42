// Publishing, as the chat action and `npm run portfolio:publish` both do it: the engine records the
// edition (public fields, changes since the last one, audited), then the site is written from all
// editions. Writing files is idempotent: run it again and the same site comes out.
import type { Engine } from '../engine/engine.ts';
import type { Platform } from '../engine/unit.ts';
import type { PrismaClient } from '../storage/generated/client.ts';
import type { EditionDiff, PublicItem } from '../workflow/publication.ts';
import { writeSite, type EditionRecord } from './site.ts';

export async function loadEditions(db: PrismaClient): Promise<EditionRecord[]> {
  const rows = await db.$queryRaw<{ number: number; year: number; publishedAt: Date; count: number; diff: string }[]>`
    SELECT number, year, "publishedAt", "itemCount" AS count, diff::text AS diff FROM "Edition" ORDER BY number DESC`;
  return rows.map((e) => ({
    number: e.number, year: e.year, publishedAt: e.publishedAt, count: Number(e.count), diff: JSON.parse(e.diff) as EditionDiff,
    async items() {
      const [row] = await db.$queryRaw<{ items: string }[]>`SELECT items FROM "Edition" WHERE number = ${e.number}`;
      return JSON.parse(row!.items) as PublicItem[];
    },
  }));
}

export async function writePublication(db: PrismaClient, outDir: string): Promise<string[]> {
  return writeSite(outDir, await loadEditions(db));
}

export type PublishOutcome =
  | { ok: true; number: number; files: string[] }
  | { ok: false; refusal: Extract<Awaited<ReturnType<Engine['run']>>, { ok: false }>['refusal'] };

/** The portfolio manager's "publish" from chat: the engine decides, then the site is written. */
export async function publishFromChat(engine: Engine, actorId: string, platform: Platform, deliveryKey: string, outDir: string): Promise<PublishOutcome> {
  const r = await engine.run({ command: 'publishEdition', actorId, input: {}, platform, deliveryKey });
  if (!r.ok) return { ok: false, refusal: r.refusal };
  return { ok: true, number: r.value.number, files: await writePublication(engine.db, outDir) };
}
