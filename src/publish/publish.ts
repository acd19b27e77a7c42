// Publishing, as the chat action and `npm run portfolio:publish` both do it: the engine records the
// edition (public fields, changes since the last one, audited), then the site is written from the
// editions: each edition not yet written is read whole, made into its files and put in place.
import type { Engine } from '../engine/engine.ts';
import type { Platform } from '../engine/unit.ts';
import type { SqlDriver } from '../storage/driver.ts';
import {
  publicItem,
  siteKey,
  versionsDiff,
  type DiffSource,
  type EditionDiff,
  type EditionNames,
  type ItemRow,
  type PublicItem,
} from '../workflow/publication.ts';
import { writeSite, type EditionRecord } from './site.ts';

/** The versions edition n published. */
const IN_EDITION = `"fromEdition" <= $1 AND ("toEdition" IS NULL OR "toEdition" > $1)`;

/** The versions of the WHERE clause ($1: an edition's number), each as the array of its columns, read as one JSON text (fast on both databases). */
async function versions(sql: SqlDriver, columns: readonly string[], where: string, n: number): Promise<unknown[][]> {
  const [r] = await sql.query<{ rows: string }>(
    `SELECT '[' || COALESCE(string_agg(json_build_array(${columns.join(', ')})::text, ','), '') || ']' AS rows FROM "EditionItem" WHERE ${where}`,
    [n],
  );
  return JSON.parse(r!.rows) as unknown[][];
}

const ITEM_COLUMNS = [
  'id',
  'title',
  '"domainId"',
  '"institutionId"',
  '"serviceId"',
  '"startQuarter"',
  '"endQuarter"',
  'status',
  'progress',
  '"moneyPerYear"',
  '"fundingSource"',
  'people',
  '"tehikTeam"',
  'COALESCE("linkedIds", ARRAY[]::text[])',
];
const itemRow = (c: unknown[]) =>
  ({
    id: c[0],
    title: c[1],
    domainId: c[2],
    institutionId: c[3],
    serviceId: c[4],
    startQuarter: c[5],
    endQuarter: c[6],
    status: c[7],
    progress: c[8],
    moneyPerYear: c[9],
    fundingSource: c[10],
    people: c[11],
    tehikTeam: c[12],
    linkedIds: c[13],
  }) as ItemRow;

/** Edition n's items as the public sees them, with the names it was published with, in the site's order. */
async function editionItems(sql: SqlDriver, n: number, names: EditionNames): Promise<PublicItem[]> {
  const rows = (await versions(sql, ITEM_COLUMNS, IN_EDITION, n)).map(itemRow);
  const keyed = rows.map((r) => ({
    key: siteKey(r.domainId, r.startQuarter, r.title, r.id),
    item: publicItem(r, names),
  }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((k) => k.item); // sorted here: PGlite sorts slowly
}

const DIFF_COLUMNS = ['id', 'title', 'status', '"startQuarter"', '"endQuarter"', '"moneyPerYear"', '"domainId"'];
const diffSource = (c: unknown[]) =>
  ({
    id: c[0],
    title: c[1],
    status: c[2],
    startQuarter: c[3],
    endQuarter: c[4],
    moneyPerYear: c[5],
    domainId: c[6],
  }) as DiffSource;

/** What changed in edition n: as recorded, or read from the versions it added and closed. */
async function editionChanges(sql: SqlDriver, n: number): Promise<EditionDiff> {
  const [e] = await sql.query<{ recorded: string | null; earlier: boolean }>(
    `SELECT diff::text AS recorded, EXISTS (SELECT 1 FROM "Edition" WHERE number < $1) AS earlier FROM "Edition" WHERE number = $1`,
    [n],
  );
  if (e?.recorded != null) return JSON.parse(e.recorded) as EditionDiff;
  const added = await versions(sql, DIFF_COLUMNS, `"fromEdition" = $1`, n);
  const closed = await versions(sql, DIFF_COLUMNS, `"toEdition" = $1`, n);
  return versionsDiff(Boolean(e?.earlier), added.map(diffSource), closed.map(diffSource));
}

export async function loadEditions(sql: SqlDriver): Promise<EditionRecord[]> {
  const rows = await sql.query<{
    id: string;
    number: number;
    year: number;
    publishedAt: Date | string;
    count: number;
    names: string;
    auditSeq: number | null;
    auditHash: string | null;
  }>(
    `SELECT id, number, year, "publishedAt", "itemCount" AS count, names::text AS names, "auditSeq", "auditHash" FROM "Edition" ORDER BY number DESC`,
  );
  return rows.map((e) => {
    const number = Math.trunc(Number(e.number));
    return {
      number,
      year: e.year,
      publishedAt: new Date(e.publishedAt),
      count: Number(e.count),
      auditHead: e.auditSeq != null && e.auditHash != null ? { seq: Number(e.auditSeq), hash: e.auditHash } : null,
      diff: () => editionChanges(sql, number),
      items: () => editionItems(sql, number, JSON.parse(e.names) as EditionNames),
    };
  });
}

/** The advisory lock of writing the site (any fixed number other locks do not use; migrations use their own). */
const SITE_LOCK = 727_201;

/** Where the site is written, and the database its editions are read from. */
export class Publication {
  /** Writes one after another: a write that read fewer editions must not finish the root page last. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly sql: SqlDriver,
    readonly outDir: string,
  ) {}

  write(): Promise<string[]> {
    // The bot and `npm run portfolio:publish` on one PostgreSQL write one after the other too; the
    // editions are read once the lock is held, so the last writer lists them all.
    const next = () => this.sql.exclusive(SITE_LOCK, async () => writeSite(this.outDir, await loadEditions(this.sql)));
    const run = this.queue.then(next, next);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export type PublishOutcome =
  | { ok: true; number: number; files: string[] }
  | { ok: false; refusal: Extract<Awaited<ReturnType<Engine['run']>>, { ok: false }>['refusal'] };

/** The portfolio manager's "publish" from chat: the engine decides, then the site is written. */
export async function publishFromChat(
  engine: Engine,
  publication: Publication,
  actorId: string,
  platform: Platform,
  deliveryKey: string,
): Promise<PublishOutcome> {
  const r = await engine.run({ command: 'publishEdition', actorId, input: {}, platform, deliveryKey });
  if (!r.ok) return { ok: false, refusal: r.refusal };
  return { ok: true, number: r.value.number, files: await publication.write() };
}
