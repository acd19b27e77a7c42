// The raw SQL seam below Prisma: used for migrations, health checks and the few statements Prisma
// cannot express (advisory locks, SKIP LOCKED). PGlite and node-postgres behind one small interface.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

export interface SqlDriver {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** PGlite only: COPY (select) TO its in-memory blob as CSV; the byte count (benchmarks compare with it). */
  copyCsv?(select: string): Promise<number>;
}

export function pgliteDriver(db: PGlite): SqlDriver {
  return {
    async exec(sql) { await db.exec(sql); },
    async query<T>(sql: string, params: unknown[] = []) { return (await db.query<T>(sql, params)).rows; },
    async copyCsv(select: string) { return (await db.query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT csv, HEADER)`)).blob?.size ?? 0; },
  };
}

export function pgClientDriver(client: pg.Client | pg.Pool): SqlDriver {
  return {
    async exec(sql) { await client.query(sql); },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
  };
}
