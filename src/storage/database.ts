// Opens the database the configuration names: PGlite in a folder (the embedded default), PGlite in
// memory (tests), or a PostgreSQL server. Applies pending migrations, then hands out a Prisma client
// on a driver adapter. The same schema and migrations serve both.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client.ts';
import { pgClientDriver, pgliteDriver, type SqlDriver } from './driver.ts';
import { migrate, pendingMigrations } from './migrate.ts';

export type Db = PrismaClient;

/**
 * pglite-prisma-adapter 0.6 is typed against driver-adapter-utils 6.10; Prisma 6.19 speaks the same
 * protocol at run time (checked by every storage test), only the declared types differ.
 */
export function pgliteAdapter(lite: PGlite): PrismaPg {
  return new PrismaPGlite(lite) as unknown as PrismaPg;
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

function client(adapter: PrismaPg, onQuery: OpenOptions['onQuery']): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query', (e) => onQuery(e.query));
  return prisma as unknown as PrismaClient;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  const runMigrations = options.migrate ?? true;
  if (target.kind === 'pglite') {
    if (target.dir) mkdirSync(target.dir, { recursive: true });
    const lite = target.dir ? new PGlite(target.dir) : new PGlite();
    await lite.waitReady;
    const sql = pgliteDriver(lite);
    if (runMigrations) await migrate(sql);
    const prisma = client(pgliteAdapter(takingTurns(lite)), options.onQuery);
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
  const prisma = client(new PrismaPg(pool), options.onQuery);
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
