// The raw SQL seam below Prisma: used for migrations, health checks, the few statements Prisma
// cannot express (advisory locks, SKIP LOCKED) and COPY (the publication benchmark's baseline). PGlite and
// node-postgres behind one small interface.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

export interface SqlDriver {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * `COPY (select) TO STDOUT` as CSV with a header line: the fastest way to read many rows, which
   * `npm run bench:publish` measures publishing against. `select` must not take parameters.
   */
  copyCsv(select: string): Promise<string>;
  /**
   * Runs `work` holding the advisory lock `key`: another process on the same PostgreSQL waits for it
   * (PGlite belongs to one process, so there it just runs).
   */
  exclusive<T>(key: number, work: () => Promise<T>): Promise<T>;
}

/** One SELECT, nothing after it: COPY takes no parameters, so the statement is checked here. */
function copyStatement(select: string, target: string): string {
  if (!/^\s*SELECT\s/i.test(select) || /;|--|\/\*|\)\s*TO\s/i.test(select))
    throw new Error(`COPY reads one plain SELECT; got: ${select.slice(0, 80)}`);
  return `COPY (${select}) TO ${target} WITH (FORMAT csv, HEADER)`;
}

export function pgliteDriver(db: PGlite): SqlDriver {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async copyCsv(select: string) {
      return (await (await db.query(copyStatement(select, "'/dev/blob'"))).blob?.text()) ?? '';
    },
    exclusive: (_key, work) => work(),
  };
}

export function pgClientDriver(client: pg.Client | pg.Pool): SqlDriver {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async copyCsv(select: string) {
      const pool = 'totalCount' in client;
      const session = pool ? await client.connect() : client;
      let failure: Error | undefined;
      try {
        return await new Promise<string>((resolve, reject) => {
          const chunks: Buffer[] = [];
          const stream = session.query(copyTo(copyStatement(select, 'STDOUT')));
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          stream.on('error', reject);
        });
      } catch (error) {
        failure = error as Error;
        throw error;
      } finally {
        if (pool) (session as pg.PoolClient).release(failure); // a connection whose COPY failed is not reused
      }
    },
    async exclusive<T>(key: number, work: () => Promise<T>): Promise<T> {
      const pool = 'totalCount' in client;
      const session = pool ? await client.connect() : client; // the lock belongs to this connection; `work` may use others
      let failure: Error | undefined;
      try {
        await session.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await work();
        } finally {
          await session.query('SELECT pg_advisory_unlock($1)', [key]).catch((error: Error) => {
            failure = error;
          });
        }
      } finally {
        if (pool) (session as pg.PoolClient).release(failure); // a connection that could not unlock is closed, which unlocks
      }
    },
  };
}
