// Publishing, as the chat action and `npm run portfolio:publish` both do it: the engine records the
// edition (public fields, changes since the last one, audited), then the site is written from all
// editions. Writing files is idempotent: run it again and the same site comes out.
import type { Engine } from '../engine/engine.ts';
import type { Platform } from '../engine/unit.ts';
import { parseCopyCsv } from '../storage/copy-csv.ts';
import type { SqlDriver } from '../storage/driver.ts';
import {
  keyedDiff,
  publicItem,
  versionsDiff,
  type DiffSource,
  type EditionDiff,
  type EditionNames,
  type ItemRow,
} from '../workflow/publication.ts';
import {
  editionTotals,
  once,
  ordered,
  siteKey,
  siteRow,
  totalsWithChanges,
  withChanges,
  type EditionRows,
  type MadeRow,
} from './site-rows.ts';
import { emptyMemory, writeSite, type EditionRecord, type SiteMemory, type StepMark } from './site.ts';

/** The columns an edition's items are read with, in this order. */
const ITEM_COLUMNS = `id, title, "domainId", "institutionId", "serviceId", "startQuarter", "endQuarter", status, progress,
  "moneyPerYear", "fundingSource", people, "tehikTeam", array_to_json(COALESCE("linkedIds", ARRAY[]::text[]))`;
/** The versions edition n published. */
const IN_EDITION = (n: number) => `"fromEdition" <= ${n} AND ("toEdition" IS NULL OR "toEdition" > ${n})`;

/** What the diff reads of a version, in this order (see versionsDiff). */
const DIFF_COLUMNS = `id, title, status, "startQuarter", "endQuarter", "moneyPerYear", "domainId"`;
const diffSource = (c: readonly (string | null)[]): DiffSource => ({
  id: c[0]!,
  title: c[1]!,
  status: c[2]!,
  startQuarter: c[3]!,
  endQuarter: c[4]!,
  moneyPerYear: JSON.parse(c[5] ?? '{}') as unknown,
  domainId: c[6]!,
});

/** Rows read with COPY (10,000 rows as query rows cost PGlite ten times as long). */
async function copyRows(sql: SqlDriver, columns: string, where: string): Promise<(string | null)[][]> {
  return parseCopyCsv(await sql.copyCsv(`SELECT ${columns} FROM "EditionItem" WHERE ${where}`)).slice(1);
}

/** Versions made into site rows. */
async function readRows(sql: SqlDriver, where: string, names: EditionNames): Promise<MadeRow[]> {
  const rows: MadeRow[] = [];
  for (const c of await copyRows(sql, ITEM_COLUMNS, where)) {
    const item: ItemRow = {
      id: c[0]!,
      title: c[1]!,
      domainId: c[2]!,
      institutionId: c[3]!,
      serviceId: c[4] ?? null,
      startQuarter: c[5]!,
      endQuarter: c[6]!,
      status: c[7]!,
      progress: Number(c[8]),
      moneyPerYear: JSON.parse(c[9] ?? '{}'),
      fundingSource: c[10] ?? null,
      people: c[11] == null ? null : Number(c[11]),
      tehikTeam: c[12] ?? null,
      linkedIds: JSON.parse(c[13] ?? '[]') as string[],
    };
    rows.push(siteRow(siteKey(item.domainId, item.startQuarter, item.title, item.id), publicItem(item, names)));
  }
  return rows;
}

/**
 * Edition n's rows. From the rows of an earlier edition made with the same names, only the versions
 * that changed in between are read: those edition n has and the earlier one had not, and those the
 * earlier one had and edition n has not. When the earlier edition is the one just before, these are
 * the versions edition n added and closed, and what changed (`diff`) comes with them. Sorted here,
 * not by ORDER BY (PGlite sorts slowly).
 */
async function editionRows(
  sql: SqlDriver,
  n: number,
  editionId: string,
  namesText: string,
  earlier: EditionRows | null,
  derivedDiff: boolean,
): Promise<EditionRows> {
  if (!earlier || earlier.number >= n || earlier.names !== namesText) {
    const lookup = JSON.parse(namesText) as EditionNames;
    const { rows, bytes } = ordered(await readRows(sql, IN_EDITION(n), lookup));
    return {
      number: n,
      editionId,
      names: namesText,
      lookup,
      rows,
      bytes,
      totals: editionTotals(rows),
      read: rows.length,
    };
  }
  const m = earlier.number;
  const [changed, gone] = await Promise.all([
    // on PostgreSQL, two connections at once
    readRows(sql, `${IN_EDITION(n)} AND "fromEdition" > ${m}`, earlier.lookup),
    copyRows(sql, 'id', `${IN_EDITION(m)} AND "toEdition" <= ${n}`).then((rows) => rows.map((c) => c[0]!)),
  ]);
  const made = changed.map((c) => c.row);
  const { rows, bytes, spare, letGo } = withChanges(earlier, changed, gone);
  const totals = totalsWithChanges(earlier.totals, letGo, made);
  // The rows let go are the versions closed since the earlier edition; with the changed ones, they are what changed in edition n.
  const diff = derivedDiff && m === n - 1 ? once(() => keyedDiff(true, made, letGo)) : undefined;
  return {
    number: n,
    editionId,
    names: namesText,
    lookup: earlier.lookup,
    rows,
    bytes,
    spare,
    totals,
    read: changed.length + gone.length,
    ...(diff ? { diff } : {}),
  };
}

/** What changed in edition n: as recorded, or read from the versions it added and closed. */
async function editionChanges(sql: SqlDriver, n: number): Promise<EditionDiff> {
  const [e] = await sql.query<{ recorded: string | null; earlier: boolean }>(
    `SELECT diff::text AS recorded, EXISTS (SELECT 1 FROM "Edition" WHERE number < ${n}) AS earlier FROM "Edition" WHERE number = ${n}`,
  );
  if (e?.recorded != null) return JSON.parse(e.recorded) as EditionDiff;
  const added = (await copyRows(sql, DIFF_COLUMNS, `"fromEdition" = ${n}`)).map(diffSource);
  const closed = (await copyRows(sql, DIFF_COLUMNS, `"toEdition" = ${n}`)).map(diffSource);
  return versionsDiff(Boolean(e?.earlier), added, closed);
}

export async function loadEditions(sql: SqlDriver): Promise<EditionRecord[]> {
  const rows = await sql.query<{
    id: string;
    number: number;
    year: number;
    publishedAt: Date | string;
    count: number;
    names: string;
    derived: boolean;
    auditSeq: number | null;
    auditHash: string | null;
  }>(
    `SELECT id, number, year, "publishedAt", "itemCount" AS count, names::text AS names, diff IS NULL AS derived, "auditSeq", "auditHash" FROM "Edition" ORDER BY number DESC`,
  );
  return rows.map((e) => {
    const number = Math.trunc(Number(e.number));
    return {
      id: e.id,
      number,
      year: e.year,
      publishedAt: new Date(e.publishedAt),
      count: Number(e.count),
      auditHead: e.auditSeq != null && e.auditHash != null ? { seq: Number(e.auditSeq), hash: e.auditHash } : null,
      diff: () => editionChanges(sql, number),
      rows: (earlier) => editionRows(sql, number, e.id, e.names, earlier, Boolean(e.derived)),
      items: async () => (await editionRows(sql, number, e.id, e.names, null, false)).rows.map((r) => r.item),
    };
  });
}

/** The advisory lock of writing the site (any fixed number other locks do not use; migrations use their own). */
const SITE_LOCK = 727_201;

/** Where the site is written, and the database its editions are read from. */
export class Publication {
  /** Writes one after another: a write that read fewer editions must not finish the root page last. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The newest edition written, so that the next one is made from what changed (~25 MB for 10,000 items: its rows and their bytes). */
  private readonly memory: SiteMemory = emptyMemory();

  constructor(
    private readonly sql: SqlDriver,
    readonly outDir: string,
    private readonly mark?: StepMark,
  ) {}

  write(): Promise<string[]> {
    // The bot and `npm run portfolio:publish` on one PostgreSQL write one after the other too; the
    // editions are read once the lock is held, so the last writer lists them all.
    const next = () =>
      this.sql.exclusive(SITE_LOCK, async () =>
        writeSite(this.outDir, await loadEditions(this.sql), this.memory, this.mark),
      );
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
