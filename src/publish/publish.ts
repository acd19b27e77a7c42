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
  type EditionDiff,
  type EditionNames,
  type ItemRow,
} from '../workflow/publication.ts';
import { writeSite, type EditionRecord } from './site.ts';

/** What is read of a version (as ItemRow names it), and the edition that added it. */
const COLUMNS = `id title domainId institutionId serviceId startQuarter endQuarter status progress moneyPerYear
  fundingSource people tehikTeam linkedIds fromEdition`.split(/\s+/);
const SELECTED = COLUMNS.map((c) => (c === 'linkedIds' ? `COALESCE("${c}", ARRAY[]::text[])` : `"${c}"`));
type Version = ItemRow & { fromEdition: number };

/** The versions the WHERE clause ($1: an edition's number) picks, read as one JSON text (fast on both databases). */
async function versions(sql: SqlDriver, where: string, n: number): Promise<Version[]> {
  const [r] = await sql.query<{ rows: string }>(
    `SELECT '[' || COALESCE(string_agg(json_build_array(${SELECTED.join(', ')})::text, ','), '') || ']' AS rows FROM "EditionItem" WHERE ${where}`,
    [n],
  );
  return (JSON.parse(r!.rows) as unknown[][]).map((values) => {
    const v: Record<string, unknown> = {};
    for (let k = 0; k < COLUMNS.length; k += 1) v[COLUMNS[k]!] = values[k];
    return v as unknown as Version;
  });
}

/**
 * Edition n's items as the public sees them (with the names it was published with), in the site's
 * order, and what changed in it: as recorded by the oldest editions, or from the versions it added
 * (among its items) and closed.
 */
async function readEdition(sql: SqlDriver, n: number, names: EditionNames, first: boolean, recorded: string | null) {
  const rows = (await versions(sql, `"fromEdition" <= $1 AND ("toEdition" IS NULL OR "toEdition" > $1)`, n))
    .map((v) => ({ key: siteKey(v.domainId, v.startQuarter, v.title, v.id), v }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) // sorted here: PGlite sorts slowly
    .map((k) => k.v);
  const closed = first || recorded != null ? [] : await versions(sql, `"toEdition" = $1`, n);
  return {
    items: rows.map((v) => publicItem(v, names)),
    diff:
      recorded != null
        ? (JSON.parse(recorded) as EditionDiff)
        : first // everything is new, in the site's order
          ? { ...versionsDiff(false, [], []), added: rows.map(({ id, title }) => ({ id, title })) }
          : versionsDiff(
              true,
              rows.filter((v) => v.fromEdition === n),
              closed,
            ),
  };
}

export async function loadEditions(sql: SqlDriver): Promise<EditionRecord[]> {
  const rows = await sql.query<{
    number: number;
    year: number;
    publishedAt: Date | string;
    count: number;
    names: string;
    recorded: string | null;
    auditSeq: number | null;
    auditHash: string | null;
  }>(
    `SELECT number, year, "publishedAt", "itemCount" AS count, names::text AS names, diff::text AS recorded, "auditSeq", "auditHash" FROM "Edition" ORDER BY number DESC`,
  );
  return rows.map((e, index) => {
    const number = Math.trunc(Number(e.number));
    const first = index === rows.length - 1;
    return {
      number,
      year: e.year,
      publishedAt: new Date(e.publishedAt),
      count: Number(e.count),
      auditHead: e.auditSeq != null && e.auditHash != null ? { seq: Number(e.auditSeq), hash: e.auditHash } : null,
      read: () => readEdition(sql, number, JSON.parse(e.names) as EditionNames, first, e.recorded),
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
