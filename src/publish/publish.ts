// Publishing, as the chat action and `npm run portfolio:publish` both do it: the engine records the
// edition (public fields, changes since the last one, audited), then the site is written from all
// editions. Writing files is idempotent: run it again and the same site comes out.
import type { Engine } from '../engine/engine.ts';
import type { Platform } from '../engine/unit.ts';
import { parseCopyCsv } from '../storage/copy-csv.ts';
import type { SqlDriver } from '../storage/driver.ts';
import { publicItem, type EditionDiff, type EditionNames, type PublicItem } from '../workflow/publication.ts';
import { writeSite, type EditionRecord } from './site.ts';

/** The columns an edition's items are read with, in this order. */
const ITEM_COLUMNS = `id, title, "domainId", "institutionId", "serviceId", "startQuarter", "endQuarter", status, progress,
  "moneyPerYear", "fundingSource", people, "tehikTeam", array_to_json(COALESCE("linkedIds", ARRAY[]::text[]))`;

const order = (a: string | null | undefined, b: string | null | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** An edition's items, read with COPY (10,000 rows as query rows cost PGlite ten times as long). */
async function editionItems(sql: SqlDriver, edition: number, names: EditionNames): Promise<PublicItem[]> {
  const text = await sql.copyCsv(`SELECT ${ITEM_COLUMNS} FROM "EditionItem" WHERE edition = ${Math.trunc(edition)}`);
  // Sorted here, not by ORDER BY (PGlite sorts slowly): code-unit order, as COLLATE "C" in the diff.
  const rows = parseCopyCsv(text).slice(1).sort((a, b) => order(a[2], b[2]) || order(a[5], b[5]) || order(a[1], b[1]) || order(a[0], b[0]));
  return rows.map((c) => publicItem({
    id: c[0]!, title: c[1]!, domainId: c[2]!, institutionId: c[3]!, serviceId: c[4] ?? null, startQuarter: c[5]!, endQuarter: c[6]!,
    status: c[7]!, progress: Number(c[8]), moneyPerYear: JSON.parse(c[9] ?? '{}'), fundingSource: c[10] ?? null,
    people: c[11] == null ? null : Number(c[11]), tehikTeam: c[12] ?? null, linkedIds: JSON.parse(c[13] ?? '[]') as string[],
  }, names));
}

export async function loadEditions(sql: SqlDriver): Promise<EditionRecord[]> {
  const rows = await sql.query<{ number: number; year: number; publishedAt: Date | string; count: number; names: string; diff: string }>(
    `SELECT number, year, "publishedAt", "itemCount" AS count, names::text AS names, diff::text AS diff FROM "Edition" ORDER BY number DESC`);
  return rows.map((e) => ({
    number: e.number, year: e.year, publishedAt: new Date(e.publishedAt), count: Number(e.count), diff: JSON.parse(e.diff) as EditionDiff,
    items: () => editionItems(sql, e.number, JSON.parse(e.names) as EditionNames),
  }));
}

/** Where the site is written, and the database its editions are read from. */
export class Publication {
  /** Writes one after another: a write that read fewer editions must not finish the root page last. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly sql: SqlDriver, readonly outDir: string) {}

  write(): Promise<string[]> {
    const next = async () => writeSite(this.outDir, await loadEditions(this.sql));
    const run = this.queue.then(next, next);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export type PublishOutcome =
  | { ok: true; number: number; files: string[] }
  | { ok: false; refusal: Extract<Awaited<ReturnType<Engine['run']>>, { ok: false }>['refusal'] };

/** The portfolio manager's "publish" from chat: the engine decides, then the site is written. */
export async function publishFromChat(engine: Engine, publication: Publication, actorId: string, platform: Platform, deliveryKey: string): Promise<PublishOutcome> {
  const r = await engine.run({ command: 'publishEdition', actorId, input: {}, platform, deliveryKey });
  if (!r.ok) return { ok: false, refusal: r.refusal };
  return { ok: true, number: r.value.number, files: await publication.write() };
}
