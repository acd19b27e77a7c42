// Publishing, as the chat action and `npm run portfolio:publish` both do it: the engine records the
// edition (public fields, changes since the last one, audited), then the site is written from all
// editions. Writing files is idempotent: run it again and the same site comes out.
import type { Engine } from '../engine/engine.ts';
import type { Platform } from '../engine/unit.ts';
import { parseCopyCsv } from '../storage/copy-csv.ts';
import type { SqlDriver } from '../storage/driver.ts';
import { publicItem, versionsDiff, type EditionDiff, type EditionNames } from '../workflow/publication.ts';
import { ordered, siteKey, siteRow, withChanges, type EditionRows, type SiteRow } from './site-rows.ts';
import { writeSite, type EditionRecord, type SiteMemory } from './site.ts';

/** The columns an edition's items are read with, in this order. */
const ITEM_COLUMNS = `id, title, "domainId", "institutionId", "serviceId", "startQuarter", "endQuarter", status, progress,
  "moneyPerYear", "fundingSource", people, "tehikTeam", array_to_json(COALESCE("linkedIds", ARRAY[]::text[]))`;
/** The versions edition n published. */
const IN_EDITION = (n: number) => `"fromEdition" <= ${n} AND ("toEdition" IS NULL OR "toEdition" > ${n})`;

/** Rows read with COPY (10,000 rows as query rows cost PGlite ten times as long), made into site rows. */
async function readRows(sql: SqlDriver, where: string, names: EditionNames): Promise<SiteRow[]> {
  const rows = parseCopyCsv(await sql.copyCsv(`SELECT ${ITEM_COLUMNS} FROM "EditionItem" WHERE ${where}`)).slice(1);
  return rows.map((c) => siteRow(siteKey(c[2]!, c[5]!, c[1]!, c[0]!), publicItem({
    id: c[0]!, title: c[1]!, domainId: c[2]!, institutionId: c[3]!, serviceId: c[4] ?? null, startQuarter: c[5]!, endQuarter: c[6]!,
    status: c[7]!, progress: Number(c[8]), moneyPerYear: JSON.parse(c[9] ?? '{}'), fundingSource: c[10] ?? null,
    people: c[11] == null ? null : Number(c[11]), tehikTeam: c[12] ?? null, linkedIds: JSON.parse(c[13] ?? '[]') as string[],
  }, names)));
}

/**
 * Edition n's rows. From the rows of an earlier edition made with the same names, only the versions
 * that changed in between are read: those edition n has and the earlier one had not, and the items
 * the earlier one had and edition n has not. Sorted here, not by ORDER BY (PGlite sorts slowly).
 */
async function editionRows(sql: SqlDriver, n: number, namesText: string, earlier: EditionRows | null): Promise<EditionRows> {
  const names = JSON.parse(namesText) as EditionNames;
  if (!earlier || earlier.number >= n || earlier.names !== namesText) {
    const rows = await readRows(sql, IN_EDITION(n), names);
    return { number: n, names: namesText, rows: ordered(rows), read: rows.length };
  }
  const m = earlier.number;
  const changed = await readRows(sql, `${IN_EDITION(n)} AND "fromEdition" > ${m}`, names);
  const gone = parseCopyCsv(await sql.copyCsv(`SELECT id FROM "EditionItem" WHERE ${IN_EDITION(m)} AND "toEdition" <= ${n}`)).slice(1).map((r) => r[0]!);
  return { number: n, names: namesText, rows: withChanges(earlier.rows, changed, gone), read: changed.length + gone.length };
}

/** What changed in edition n: as recorded, or read from the versions it added and closed. */
async function editionChanges(sql: SqlDriver, n: number, recorded: string | null): Promise<EditionDiff> {
  if (recorded != null) return JSON.parse(recorded) as EditionDiff;
  const rows = parseCopyCsv(await sql.copyCsv(`SELECT id, title, status, "startQuarter", "endQuarter", "moneyPerYear", "domainId", "fromEdition" = ${n}
    FROM "EditionItem" WHERE "fromEdition" = ${n} OR "toEdition" = ${n}`)).slice(1);
  const [earlier] = await sql.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM "Edition" WHERE number < ${n}) AS found`);
  const source = (c: (string | null)[]) => ({ id: c[0]!, title: c[1]!, status: c[2]!, startQuarter: c[3]!, endQuarter: c[4]!, moneyPerYear: JSON.parse(c[5] ?? '{}') as unknown, domainId: c[6]! });
  return versionsDiff(Boolean(earlier?.found), rows.filter((c) => c[7] === 't').map(source), rows.filter((c) => c[7] !== 't').map(source));
}

export async function loadEditions(sql: SqlDriver): Promise<EditionRecord[]> {
  const rows = await sql.query<{ number: number; year: number; publishedAt: Date | string; count: number; names: string }>(
    `SELECT number, year, "publishedAt", "itemCount" AS count, names::text AS names FROM "Edition" ORDER BY number DESC`);
  return rows.map((e) => {
    const number = Math.trunc(Number(e.number));
    return {
      number, year: e.year, publishedAt: new Date(e.publishedAt), count: Number(e.count),
      diff: async () => {
        const [d] = await sql.query<{ diff: string | null }>(`SELECT diff::text AS diff FROM "Edition" WHERE number = ${number}`);
        return editionChanges(sql, number, d?.diff ?? null);
      },
      rows: (earlier) => editionRows(sql, number, e.names, earlier),
      items: async () => (await editionRows(sql, number, e.names, null)).rows.map((r) => r.item),
    };
  });
}

/** Where the site is written, and the database its editions are read from. */
export class Publication {
  /** Writes one after another: a write that read fewer editions must not finish the root page last. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The newest edition written, so that the next one is made from what changed (~20 MB for 10,000 items). */
  private readonly memory: SiteMemory = { rows: null, pictures: new Map() };

  constructor(private readonly sql: SqlDriver, readonly outDir: string) {}

  write(): Promise<string[]> {
    const next = async () => writeSite(this.outDir, await loadEditions(this.sql), this.memory);
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
