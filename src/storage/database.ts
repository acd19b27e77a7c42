// Opens the database the configuration names: PGlite in a folder (the embedded default), PGlite in
// memory (tests), or a PostgreSQL server. Applies pending migrations, then hands out a Prisma client
// on a driver adapter. The same schema and migrations serve both.
//
// Only the driver the configuration names is loaded: PGlite (~45 MB once imported) is never loaded
// on PostgreSQL, node-postgres never on PGlite.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaClient } from './generated/client.ts';
import { pgClientDriver, pgliteDriver, type SqlDriver } from './driver.ts';
import { migrate, pendingMigrations } from './migrate.ts';

export type Db = PrismaClient;

/**
 * pglite-prisma-adapter 0.6 is typed against driver-adapter-utils 6.10; Prisma 6.19 speaks the same
 * protocol at run time (checked by every storage test), only the declared types differ.
 */
async function pgliteAdapter(lite: PGlite): Promise<PrismaPg> {
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  return new PrismaPGlite(lite) as unknown as PrismaPg;
}

/**
 * PGlite's buffer pool. PostgreSQL's default (128 MB) is paged into the process as it is used and
 * stays there; the bot's working set is a few MB, and PGlite reads its files through the operating
 * system's cache anyway. 16 MB keeps an idle bot ~130 MB smaller and opens faster (measured on
 * PGlite alone, opened with the migrations checked: 385 → 256 MB, 2.0 → 0.9 s).
 */
export const PGLITE_SHARED_BUFFERS = '16MB';

const pgliteStartParams = (defaults: readonly string[]): string[] => [
  ...defaults,
  '-c',
  `shared_buffers=${PGLITE_SHARED_BUFFERS}`,
];

const SETUP_SCRIPT = fileURLToPath(new URL('./pglite-setup.mjs', import.meta.url));

/**
 * A new data folder is set up (PostgreSQL's initdb) in a short-lived child process: initdb needs
 * ~500 MB more than a running database, and a process that ran it keeps that memory for its whole
 * life. Closing and reopening PGlite in the same process frees only part of it (measured: ~100 MB
 * more than a later start, against nothing more this way).
 */
async function setUpFolder(dir: string, startParams: string[]): Promise<void> {
  const child = spawn(process.execPath, [SETUP_SCRIPT, dir, JSON.stringify(startParams)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0 || !existsSync(path.join(dir, 'PG_VERSION')))
    throw new Error(`Setting up the PGlite data folder ${dir} failed (exit code ${code}):\n${stderr.trim()}`);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * PGlite runs every statement on this thread and blocks it meanwhile. Statements queued by many
 * commands at once would follow each other without a break, and the server would not read a new
 * request (or send a Slack click's acknowledgement) until all of them had run. Each statement first
 * lets waiting I/O run.
 */
export function takingTurns(lite: PGlite): PGlite {
  const turnBeforeQuery = <T extends object>(target: T, wrapTransaction: boolean): T =>
    new Proxy(target, {
      get(t, prop) {
        const value = Reflect.get(t, prop, t) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'query' || prop === 'exec')
          return async (...args: unknown[]) => {
            await nextTurn();
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        if (prop === 'transaction' && wrapTransaction)
          return (fn: (tx: object) => unknown) =>
            (value as (f: (tx: object) => unknown) => unknown).call(t, (tx: object) => fn(turnBeforeQuery(tx, false)));
        return (value as (...a: unknown[]) => unknown).bind(t);
      },
    });
  return turnBeforeQuery(lite, true);
}

export interface Database {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  /** Raw SQL on the same database (not inside a Prisma transaction). */
  sql: SqlDriver;
  /** Applied on open; reported by /healthz. */
  pending(): Promise<string[]>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'pglite'; dir: string | null } // null: in memory
  | { kind: 'postgres'; url: string };

export interface OpenOptions {
  migrate?: boolean;
  /** Called with every statement the Prisma client sends (tests count a command's statements). */
  onQuery?: (sql: string) => void;
}

/** A Prisma client on the adapter, ready: its query engine is started here (~0.13 s), not by the first command (a publish from the CLI, say). */
async function client(adapter: PrismaPg, onQuery: OpenOptions['onQuery']): Promise<PrismaClient> {
  const logged = onQuery ? new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] }) : null;
  logged?.$on('query', (e) => onQuery!(e.query));
  const prisma = logged ? (logged as unknown as PrismaClient) : new PrismaClient({ adapter });
  await prisma.$connect();
  return prisma;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  const runMigrations = options.migrate ?? true;
  if (target.kind === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const startParams = pgliteStartParams(PGlite.defaultStartParams);
    if (target.dir) {
      mkdirSync(target.dir, { recursive: true });
      if (!existsSync(path.join(target.dir, 'PG_VERSION'))) await setUpFolder(target.dir, startParams);
    }
    const lite = target.dir ? new PGlite(target.dir, { startParams }) : new PGlite({ startParams });
    await lite.waitReady;
    const sql = pgliteDriver(lite);
    if (runMigrations) await migrate(sql);
    const prisma = await client(await pgliteAdapter(takingTurns(lite)), options.onQuery);
    return {
      kind: 'pglite',
      prisma,
      sql,
      pending: () => pendingMigrations(sql),
      async close() {
        await prisma.$disconnect();
        await lite.close();
      },
    };
  }
  const { default: pg } = await import('pg');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  if (runMigrations) {
    // Migrations need one session (BEGIN/COMMIT and the advisory lock), not a pool.
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await migrate(pgClientDriver(client));
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
  const sql = pgClientDriver(pool);
  const prisma = await client(new PrismaPg(pool), options.onQuery);
  return {
    kind: 'postgres',
    prisma,
    sql,
    pending: () => pendingMigrations(sql),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
