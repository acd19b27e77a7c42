// The raw SQL seam below Prisma: used for migrations, health checks, the few statements Prisma
// cannot express (advisory locks, SKIP LOCKED) and reading many rows fast (COPY). PGlite and
// node-postgres behind one small interface.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

export interface SqlDriver {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * `COPY (select) TO STDOUT` as CSV with a header line: the fastest way to read many rows (PGlite
   * decodes query rows in JavaScript, ten times slower). `select` must not take parameters.
   */
  copyCsv(select: string): Promise<string>;
}

export function pgliteDriver(db: PGlite): SqlDriver {
  return {
    async exec(sql) { await db.exec(sql); },
    async query<T>(sql: string, params: unknown[] = []) { return (await db.query<T>(sql, params)).rows; },
    async copyCsv(select: string) { return (await (await db.query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT csv, HEADER)`)).blob?.text()) ?? ''; },
  };
}

export function pgClientDriver(client: pg.Client | pg.Pool): SqlDriver {
  return {
    async exec(sql) { await client.query(sql); },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async copyCsv(select: string) {
      const pool = 'totalCount' in client;
      const session = pool ? await client.connect() : client;
      try {
        return await new Promise<string>((resolve, reject) => {
          const chunks: Buffer[] = [];
          const stream = session.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER)`));
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          stream.on('error', reject);
        });
      } finally {
        if (pool) (session as pg.PoolClient).release();
      }
    },
  };
}
